from rest_framework import viewsets

from kizuna.api.permissions import RulesPermission
from kizuna.api.programmes.serializers import ProgrammeSerializer
from kizuna.programmes.models import Programme


class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Programme.objects.order_by("year", "code")
    serializer_class = ProgrammeSerializer
    permission_classes = [RulesPermission]
    rules_permissions = dict.fromkeys(("list", "retrieve", "metadata"), "programmes.view_programme")
