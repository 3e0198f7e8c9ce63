from django.urls import include, path

from kizuna.mentoring.views import rounds as v

app_name = "mentoring"
urlpatterns = [
    path("rounds/", v.round_list, name="rounds"),
    path("rounds/<int:pk>/", v.round_detail, name="round"),
    path("rounds/<int:pk>/settings/", v.round_settings, name="round_settings"),
    path("rounds/<int:pk>/participants/", v.round_participants, name="round_participants"),
    path("rounds/<int:pk>/run/", v.run_start, name="run_start"),
    path("runs/<int:pk>/", v.run_detail, name="run"),
    path("runs/<int:pk>/progress/", v.run_progress, name="run_progress"),
    path("runs/<int:pk>/cancel/", v.run_cancel, name="run_cancel"),
    path("runs/<int:pk>/decide/", v.pair_decide, name="pair_decide"),
    path("runs/<int:pk>/swap/", v.pair_swap, name="pair_swap"),
    path("runs/<int:pk>/compare/", v.run_compare, name="run_compare"),
    path("runs/<int:pk>/export.<str:fmt>", v.run_export, name="run_export"),
    path("runs/<int:pk>/publish/", v.run_publish, name="run_publish"),
    path("pairs/", v.pairing_list, name="pairings"),
    path("pairs/<int:pk>/", v.pairing_detail, name="pairing"),
    path("pairs/<int:pk>/rerun/", v.pairing_rerun, name="pairing_rerun"),
    path("notifications/", v.notification_list, name="notifications"),
]

try:  # the plans' pages (PLANS helper); absent until that branch is merged
    import kizuna.mentoring.plans_urls  # noqa: F401
except ModuleNotFoundError:
    pass
else:
    urlpatterns.append(path("", include("kizuna.mentoring.plans_urls")))
