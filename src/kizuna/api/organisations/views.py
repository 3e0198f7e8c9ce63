from django.core.exceptions import ValidationError as ModelValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError

from kizuna.api.organisations.serializers import ConceptSerializer, OrganisationSerializer
from kizuna.api.permissions import RulesPermission
from kizuna.api.schema import FormQuerySchema
from kizuna.organisations.domain import organisation_update
from kizuna.organisations.forms import MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS, DirectoryFilterForm
from kizuna.organisations.models import Concept, Organisation
from kizuna.organisations.queries import organisation_directory

VIEW, CHANGE = "organisations.view_organisation", "organisations.change_organisation"



@extend_schema(parameters=[OpenApiParameter(
    "q", {"type": "string", "maxLength": MAX_SEARCH_LENGTH}, required=False,
    description=f"Words to search for (at most {MAX_SEARCH_LENGTH} characters and {MAX_SEARCH_WORDS} words).")])
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
    # the directory page's filters: kind, country, industry group, technology and region
    # are the codes it offers (the schema lists them), q is checked for its length
    schema = FormQuerySchema()
    query_form = DirectoryFilterForm

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
