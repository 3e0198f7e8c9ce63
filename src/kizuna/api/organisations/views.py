from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated

from kizuna.api.organisations.serializers import (
    ConceptSerializer,
    OrganisationSerializer,
    ProgrammeSerializer,
)
from kizuna.organisations.domain import organisations_index
from kizuna.organisations.forms import DirectoryFilterForm
from kizuna.organisations.models import Concept, Organisation
from kizuna.organisations.queries import organisation_directory
from kizuna.programmes.models import Programme


class OrganisationPermission(IsAuthenticated):
    """Reading needs a signed-in user; changing follows the rules in accounts/rules.py."""

    def has_object_permission(self, request, view, obj):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return request.user.has_perm("organisations.view_organisation", obj)
        return request.user.has_perm("organisations.change_organisation", obj)


_FILTERS = ["q", "kind", "country", "industry_group", "technology", "region"]


@extend_schema(parameters=[OpenApiParameter(name, OpenApiTypes.STR, required=False) for name in _FILTERS])
class OrganisationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    serializer_class = OrganisationSerializer
    permission_classes = [OrganisationPermission]
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request
            return Organisation.objects.none()
        form = DirectoryFilterForm(self.request.query_params)
        if self.action == "list" and self.request.query_params and not form.is_valid():
            raise ValidationError(form.errors.get_json_data())
        qs = organisation_directory(**form.filters())
        return qs.prefetch_related("technologies_offered", "technologies_needed", "countries_served")

    def perform_update(self, serializer):
        org = serializer.save()
        organisations_index([org])


class ConceptViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Concept.objects.order_by("code")
    serializer_class = ConceptSerializer
    lookup_field = "code"


class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Programme.objects.order_by("year", "code")
    serializer_class = ProgrammeSerializer
