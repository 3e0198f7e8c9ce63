from rest_framework.routers import DefaultRouter

from kizuna.api.organisations import views

router = DefaultRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("technologies", views.ConceptViewSet, basename="technology")
router.register("programmes", views.ProgrammeViewSet, basename="programme")

app_name = "api"
urlpatterns = router.urls
