"""REST endpoints of matching rounds: list, read, open, start a run, import
participants (thin: the domain functions do the work; the rules in
mentoring/rules.py decide who may)."""

from __future__ import annotations

from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from kizuna.api.mentoring.runs import RunSerializer
from kizuna.api.permissions import RulesPermission
from kizuna.mentoring.domain import rounds as domain
from kizuna.mentoring.domain.runs import run_start
from kizuna.mentoring.models import MatchingRound
from kizuna.mentoring.sheets_rounds import ParticipantsImportError, round_participants_import
from kizuna.programmes.models import Programme

READ, MANAGE = "mentoring.view_round", "mentoring.manage_round"


class RoundSerializer(serializers.ModelSerializer):
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.all())

    class Meta:
        model = MatchingRound
        fields = ["id", "programme", "number", "status", "settings", "published_at", "published_run"]
        read_only_fields = ["number", "status", "published_at", "published_run"]


class RoundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = RoundSerializer
    permission_classes = [RulesPermission]
    rules_permissions = {"list": READ, "retrieve": READ, "metadata": READ, "create": MANAGE, "runs": MANAGE,
                         "participants_import": MANAGE}
    queryset = MatchingRound.objects.select_related("programme").order_by("-pk")
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def perform_create(self, serializer):
        serializer.instance = domain.round_open(programme=serializer.validated_data["programme"],
                                                actor=self.request.user,
                                                settings=serializer.validated_data.get("settings") or {})

    @action(detail=True, methods=["post"])
    def runs(self, request, pk=None):
        """Start a run (a background task); poll GET /runs/{id}/ for its progress."""
        run = run_start(round=self.get_object(), actor=request.user)
        return Response(RunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @action(detail=True, methods=["post"], url_path="participants/import")
    def participants_import(self, request, pk=None):
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": "missing"})
        try:
            n = round_participants_import(round=self.get_object(), name=upload.name, data=upload.read())
        except ParticipantsImportError as exc:
            return Response({"problems": [p.__dict__ for p in exc.problems]}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"imported": n})
