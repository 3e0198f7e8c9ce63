"""Pages of plans, the overdue overview and the programme page; included by
mentoring/urls.py (namespace "mentoring")."""

from django.urls import path

from kizuna.mentoring.views import plans as views

urlpatterns = [
    path("plans/", views.plan_list, name="plans"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/goals", views.plan_goals, name="plan-goals"),
    path("plans/<int:pk>/milestones/add", views.plan_milestone_add, name="plan-milestone-add"),
    path("plans/<int:pk>/milestones/<int:milestone_pk>/done", views.plan_milestone_done, name="plan-milestone-done"),
    path("plans/<int:pk>/updates", views.plan_update, name="plan-update"),
    path("plans/<int:pk>/outcome", views.plan_outcome, name="plan-outcome"),
    path("overdue/", views.overdue, name="overdue"),
    path("programmes/<slug:code>/", views.programme_detail, name="programme"),
    path("programmes/<slug:code>/network.svg", views.programme_network_svg, name="programme-network"),
    path("programmes/<slug:code>/clmv/new", views.programme_clmv_link, name="programme-clmv-new"),
]
