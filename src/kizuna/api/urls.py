"""The root of the API under /api/: organisations, technologies and programmes
(namespace "api"). Each app's endpoints live in api/<app>/; the mentoring API is
wired under /api/mentoring/ (api/mentoring/urls.py)."""

from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from kizuna.api.accounts import personal_data
from kizuna.api.audit import views as audit
from kizuna.api.organisations import texts as organisation_texts
from kizuna.api.organisations import views as organisations
from kizuna.api.programmes import views as programmes

router = DefaultRouter()
router.register("organisations", organisations.OrganisationViewSet, basename="organisation")
router.register("technologies", organisations.ConceptViewSet, basename="technology")
router.register("programmes", programmes.ProgrammeViewSet, basename="programme")
router.register("audit/entries", audit.AuditEntryViewSet, basename="audit-entry")
router.register("erasure-requests", personal_data.ErasureRequestViewSet, basename="erasure-request")

app_name = "api"
urlpatterns = [
    path("text-versions/", organisation_texts.TextVersionView.as_view(), name="text-versions"),
    *router.urls,
    path("personal-data/me/", personal_data.MyPersonalDataView.as_view(), name="personal-data-me"),
    re_path(r"^personal-data/(?P<kind>contact|user)/(?P<pk>[0-9]{1,12})/$", personal_data.PersonalDataView.as_view(),
            name="personal-data"),
]
