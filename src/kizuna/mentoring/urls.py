from django.urls import path

from kizuna.mentoring.views import pairings, plans, rounds, runs

app_name = "mentoring"
urlpatterns = [
    # rounds
    path("rounds/", rounds.round_list, name="rounds"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/settings/", rounds.round_settings, name="round_settings"),
    path("rounds/<int:pk>/settings/fit/", rounds.round_weights_fit, name="round_weights_fit"),
    path("rounds/<int:pk>/settings/adopt/<int:fit>/", rounds.round_weights_adopt, name="round_weights_adopt"),
    path("rounds/<int:pk>/participants/", rounds.round_participants, name="round_participants"),
    # runs
    path("rounds/<int:pk>/run/", runs.run_start, name="run_start"),
    path("runs/<int:pk>/", runs.run_detail, name="run"),
    path("runs/<int:pk>/progress/", runs.run_progress, name="run_progress"),
    path("runs/<int:pk>/cancel/", runs.run_cancel, name="run_cancel"),
    path("runs/<int:pk>/decide/", runs.pair_decide, name="pair_decide"),
    path("runs/<int:pk>/swap/", runs.pair_swap, name="pair_swap"),
    path("runs/<int:pk>/compare/", runs.run_compare, name="run_compare"),
    path("runs/<int:pk>/export.<str:fmt>", runs.run_export, name="run_export"),
    path("runs/<int:pk>/publish/", runs.run_publish, name="run_publish"),
    path("rounds/<int:pk>/unpublish/", runs.round_unpublish, name="round_unpublish"),
    # pairings
    path("pairs/", pairings.pairing_list, name="pairings"),
    path("pairs/<int:pk>/", pairings.pairing_detail, name="pairing"),
    path("pairs/<int:pk>/rerun/", pairings.pairing_rerun, name="pairing_rerun"),
    path("notifications/", pairings.notification_list, name="notifications"),
    path("notifications/read/", pairings.notifications_read_all, name="notifications-read"),
    path("notifications/<int:pk>/", pairings.notification_open, name="notification"),
    # plans, the overdue overview, the programme page and CLMV links
    path("plans/", plans.plan_list, name="plans"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan"),
    path("plans/<int:pk>/goals", plans.plan_goals, name="plan-goals"),
    path("plans/<int:pk>/milestones/add", plans.plan_milestone_add, name="plan-milestone-add"),
    path("plans/<int:pk>/milestones/<int:milestone_pk>/done", plans.plan_milestone_done, name="plan-milestone-done"),
    path("plans/<int:pk>/updates", plans.plan_update, name="plan-update"),
    path("plans/<int:pk>/updates/<int:update_pk>/attachment", plans.plan_attachment, name="plan-attachment"),
    path("plans/<int:pk>/outcome", plans.plan_outcome, name="plan-outcome"),
    path("overdue/", plans.overdue, name="overdue"),
    path("programmes/<slug:code>/", plans.programme_detail, name="programme"),
    path("programmes/<slug:code>/network.svg", plans.programme_network_svg, name="programme-network"),
    path("programmes/<slug:code>/clmv/new", plans.programme_clmv_link, name="programme-clmv-new"),
]
