from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from kizuna.api.errors import not_found as api_not_found
from kizuna.site import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.healthz_live, name="healthz-live"),
    path("healthz/ready", views.healthz_ready, name="healthz-ready"),
    path("metrics", views.metrics, name="metrics"),
    path("accounts/", include("kizuna.accounts.urls")),
    path("organisations/", include("kizuna.organisations.urls")),
    path("mentoring/", include("kizuna.mentoring.urls")),
    path("audit/", include("kizuna.audit.urls")),
    path("programmes/", include("kizuna.programmes.urls")),
    path("api/mentoring/", include("kizuna.api.mentoring.urls")),
    path("api/", include("kizuna.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI from the vendored sidecar files, its set-up script served apart so
    # that the page needs no inline script under the Content-Security-Policy (Swagger
    # UI sets style attributes as it renders: inline styles, not scripts, allowed here)
    path(
        "api/docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    path("admin/", admin.site.urls),
    # any other /api/…/ address: the API's JSON 404 (an address without its final slash
    # is still redirected to the one with it first, as APPEND_SLASH does everywhere)
    re_path(r"^api/(?:.*/)?$", api_not_found),
]

# The site's own error pages, in the reader's language, with a way back (site/views.py).
handler400 = "kizuna.site.views.error_400"
handler403 = "kizuna.site.views.error_403"
handler404 = "kizuna.site.views.error_404"
handler500 = "kizuna.site.views.error_500"
