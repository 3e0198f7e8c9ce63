"""The mentoring API under /api/mentoring/: rounds, runs, pairs and
notifications (namespace "mentoring-api"), plans, milestones, CLMV links and the
overdue overview (names "mentoring-…")."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from kizuna.api.mentoring import pairings, plans, rounds, runs

router = DefaultRouter()
router.register("rounds", rounds.RoundViewSet, basename="round")
router.register("runs", runs.RunViewSet, basename="run")
router.register("pairings", pairings.PairingViewSet, basename="pairing")
router.register("notifications", pairings.NotificationViewSet, basename="notification")

plans_router = DefaultRouter()
plans_router.include_root_view = False
plans_router.register("plans", plans.PlanViewSet, basename="mentoring-plan")
plans_router.register("milestones", plans.MilestoneViewSet, basename="mentoring-milestone")
plans_router.register("clmv-links", plans.CLMVLinkViewSet, basename="mentoring-clmv-link")

urlpatterns = [
    path("", include((router.urls, "mentoring-api"))),
    path("overdue/", plans.OverdueView.as_view(), name="mentoring-overdue"),
    *plans_router.urls,
]
