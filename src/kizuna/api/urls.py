"""The root of the API under /api/: organisations, technologies and programmes
(namespace "api"). Each app's endpoints live in api/<app>/; the mentoring API is
wired under /api/mentoring/ (api/mentoring/urls.py)."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from kizuna.api.organisations import texts as organisation_texts
from kizuna.api.organisations import views as organisations
from kizuna.api.programmes import views as programmes

router = DefaultRouter()
router.register("organisations", organisations.OrganisationViewSet, basename="organisation")
router.register("technologies", organisations.ConceptViewSet, basename="technology")
router.register("programmes", programmes.ProgrammeViewSet, basename="programme")

app_name = "api"
urlpatterns = [
    path("text-versions/", organisation_texts.TextVersionView.as_view(), name="text-versions"),
    *router.urls,
]
