"""REST endpoints of matching rounds: list, read, open, settings, start a run,
participants (read, change, import), withdraw the latest publication (thin: the domain functions do the work; the rules in
mentoring/rules.py decide who may)."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from kizuna.api.mentoring.runs import RunSerializer
from kizuna.api.permissions import RulesPermission
from kizuna.engine.weights import AffinityWeights
from kizuna.mentoring.domain import rounds as domain
from kizuna.mentoring.domain.pairings import round_unpublish
from kizuna.mentoring.domain.runs import run_start
from kizuna.mentoring.enums import EarlierPairs, Encoder
from kizuna.mentoring.models import MatchingRound, RoundParticipant
from kizuna.mentoring.sheets_rounds import ParticipantsImportError, round_participants_import
from kizuna.programmes.models import Programme

READ, MANAGE = "mentoring.view_round", "mentoring.manage_round"


def _weight_field(name: str) -> serializers.Field:
    if name in {"hub_k", "feedback_top"}:
        return serializers.IntegerField(min_value=1, required=False)
    if name == "text_floor":
        return serializers.FloatField(min_value=0, max_value=0.999, required=False, allow_null=True)
    return serializers.FloatField(min_value=0, required=False)


# what a round's settings may hold (mentoring/domain/rounds.round_settings_clean checks
# them; a key left out keeps its default): for the schema, the settings stay a JSON object
WeightsSerializer = type("RoundWeights", (serializers.Serializer,),
                         {f.name: _weight_field(f.name) for f in dataclass_fields(AffinityWeights)})


class RoundSettingsSerializer(serializers.Serializer):
    lo = serializers.IntegerField(min_value=0, required=False, help_text="Mentors per SME, at least (not above hi).")
    hi = serializers.IntegerField(min_value=0, required=False, help_text="Mentors per SME, at most.")
    capacity = serializers.IntegerField(min_value=0, required=False, help_text="SMEs per mentor, at most.")
    k = serializers.IntegerField(min_value=0, required=False, help_text="Candidates kept per participant.")
    fair = serializers.BooleanField(required=False)
    encoder = serializers.ChoiceField(choices=Encoder.choices, required=False)
    earlier_pairs = serializers.ChoiceField(choices=EarlierPairs.choices, required=False)
    weights = WeightsSerializer(required=False)
    quotas = serializers.DictField(
        child=serializers.ListField(child=serializers.IntegerField(min_value=0), min_length=2, max_length=2),
        required=False, help_text="Industry group code → [least pairs, most pairs] (least not above most).")


@extend_schema_field(RoundSettingsSerializer)
class RoundSettingsField(serializers.JSONField):
    pass


class RoundSerializer(serializers.ModelSerializer):
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.all())
    settings = RoundSettingsField(required=False)

    class Meta:
        model = MatchingRound
        fields = ["id", "programme", "number", "status", "settings", "published_at", "published_run"]
        read_only_fields = ["number", "status", "published_at", "published_run"]


class ParticipantSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()

    class Meta:
        model = RoundParticipant
        fields = ["id", "organisation", "name", "side", "included", "capacity", "lo", "hi", "open_to_all"]
        read_only_fields = fields

    def get_name(self, obj) -> str:
        return obj.organisation.display_name()


class ParticipantChangeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    included = serializers.BooleanField(required=False)
    capacity = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    lo = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    hi = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    open_to_all = serializers.BooleanField(required=False)


class ParticipantsFileInput(serializers.Serializer):
    file = serializers.FileField(help_text="The participant list: .xlsx or .csv, one organisation a row "
                                           "(external id, side, capacity, lo, hi).")


class ImportedSerializer(serializers.Serializer):
    imported = serializers.IntegerField(help_text="How many organisations the list names.")


class RoundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = RoundSerializer
    permission_classes = [RulesPermission]
    rules_permissions = {"list": READ, "retrieve": READ, "metadata": READ, "create": MANAGE, "runs": MANAGE,
                         "participants_import": MANAGE, "participants": MANAGE, "round_settings": MANAGE,
                         "unpublish": MANAGE}
    queryset = MatchingRound.objects.select_related("programme").order_by("-pk")
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(request={"application/json": RoundSerializer})  # a form encoding cannot hold the settings
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        serializer.instance = domain.round_open(programme=serializer.validated_data["programme"],
                                                actor=self.request.user,
                                                settings=serializer.validated_data.get("settings") or {})

    @action(detail=True, methods=["post"])
    def runs(self, request, pk=None):
        """Start a run (a background task); poll GET /runs/{id}/ for its progress."""
        run = run_start(round=self.get_object(), actor=request.user)
        return Response(RunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @action(detail=True, methods=["get", "patch"], url_path="settings")
    def round_settings(self, request, pk=None):
        """The round's settings with defaults filled in; PATCH changes the keys given
        (for example {"earlier_pairs": "keep_out"})."""
        rnd = self.get_object()
        if request.method == "PATCH":
            if not isinstance(request.data, dict):
                raise ValidationError({"settings": "an object"})
            rnd = domain.round_settings_set(round=rnd, settings={**rnd.effective_settings(), **request.data})
        return Response(rnd.effective_settings())

    @action(detail=True, methods=["get", "patch"])
    def participants(self, request, pk=None):
        """The round's participants; PATCH a list of {"id", and any of "included",
        "capacity", "lo", "hi", "open_to_all"} (open_to_all: a mentor of CLMV
        companies may also mentor the round's other SMEs)."""
        rnd = self.get_object()
        if request.method == "PATCH":
            changes = ParticipantChangeSerializer(data=request.data, many=True)
            changes.is_valid(raise_exception=True)
            domain.round_participants_update(round=rnd, changes=changes.validated_data)
        return Response(ParticipantSerializer(rnd.participants.select_related("organisation").order_by("side", "pk"),
                                              many=True).data)

    @action(detail=True, methods=["post"])
    def unpublish(self, request, pk=None):
        """Withdraw the round's latest publication while no company has answered;
        `publication` (optional): its published_at, so that a repeated request withdraws nothing more."""
        withdrawn = round_unpublish(round=self.get_object(), actor=request.user,
                                    publication=str(request.data.get("publication") or ""))
        return Response({"withdrawn": len(withdrawn)})

    @extend_schema(request={"multipart/form-data": ParticipantsFileInput}, responses={
        200: ImportedSerializer,
        400: OpenApiResponse(description="No file, or the file's problems (row, column, value) under `problems`.")})
    @action(detail=True, methods=["post"], url_path="participants/import", parser_classes=[MultiPartParser])
    def participants_import(self, request, pk=None):
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": "missing"})
        try:
            n = round_participants_import(round=self.get_object(), name=upload.name, data=upload.read())
        except ParticipantsImportError as exc:
            return Response({"problems": [p.__dict__ for p in exc.problems]}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"imported": n})
