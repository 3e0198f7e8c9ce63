from django.core.exceptions import ValidationError as ModelValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError

from kizuna.api.organisations.serializers import ConceptSerializer, OrganisationSerializer
from kizuna.api.permissions import RulesPermission
from kizuna.organisations.domain import organisation_update
from kizuna.organisations.forms import DirectoryFilterForm
from kizuna.organisations.models import Concept, Organisation
from kizuna.organisations.queries import organisation_directory

VIEW, CHANGE = "organisations.view_organisation", "organisations.change_organisation"

_FILTERS = ["q", "kind", "country", "industry_group", "technology", "region"]


@extend_schema(parameters=[OpenApiParameter(name, OpenApiTypes.STR, required=False) for name in _FILTERS])
class OrganisationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    """The directory; reading needs a signed-in user, changing follows the rules in
    organisations/rules.py (officers, or the organisation's own representatives)."""

    serializer_class = OrganisationSerializer
    permission_classes = [RulesPermission]
    rules_permissions = {"list": VIEW, "metadata": VIEW}
    rules_object_permissions = {"retrieve": VIEW, "update": CHANGE, "partial_update": CHANGE}
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
        try:
            organisation_update(
                organisation=serializer.instance, actor=self.request.user, data=serializer.validated_data
            )
        except ModelValidationError as exc:
            raise ValidationError(serializers.as_serializer_error(exc)) from exc


class ConceptViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Concept.objects.order_by("code")
    serializer_class = ConceptSerializer
    lookup_field = "code"
