"""REST endpoints of matching rounds, runs, pairs and notifications (thin: the
domain functions do the work; the rules in mentoring/rules.py decide who may).
Wired under /api/mentoring/."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kizuna.mentoring import domain_rounds as domain
from kizuna.mentoring import queries_rounds as queries
from kizuna.mentoring.models import MatchingRound, MatchingRun, Notification, Pairing, Proposal
from kizuna.mentoring.sheets_rounds import ParticipantsImportError, round_participants_import
from kizuna.programmes.models import Programme


class RoundPermission(BasePermission):
    """Reading rounds and runs: officers and ministry viewers; changing: officers."""

    def has_permission(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return request.user.has_perm("mentoring.view_round")
        return request.user.has_perm("mentoring.manage_round")


def _domain_call(fn, **kwargs):
    try:
        return fn(**kwargs)
    except domain.RoundError as exc:
        raise ValidationError({"detail": str(exc)}) from None


# ---------------------------------------------------------------------------
# Serializers


class RoundSerializer(serializers.ModelSerializer):
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.all())

    class Meta:
        model = MatchingRound
        fields = ["id", "programme", "number", "status", "settings", "published_at", "published_run"]
        read_only_fields = ["number", "status", "published_at", "published_run"]


class RunSerializer(serializers.ModelSerializer):
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)

    class Meta:
        model = MatchingRun
        fields = ["id", "round", "number", "status", "stage", "stage_label", "progress", "message",
                  "cancel_requested", "previous", "settings", "objective", "bound", "gap", "floor", "method",
                  "proven_optimal", "changed", "unmatched", "stats", "error", "started", "finished"]
        read_only_fields = fields


class _PairFieldsMixin(serializers.Serializer):
    """Both companies' names and the reasons, in the reader's language."""

    mentor_name = serializers.SerializerMethodField()
    mentee_name = serializers.SerializerMethodField()
    reasons = serializers.SerializerMethodField()

    def get_mentor_name(self, obj) -> str:
        return obj.mentor.display_name()

    def get_mentee_name(self, obj) -> str:
        return obj.mentee.display_name()

    def get_reasons(self, obj) -> list[str]:
        return queries.reasons_in(obj.reasons)


class ProposalSerializer(_PairFieldsMixin, serializers.ModelSerializer):
    reasons_all = serializers.JSONField(source="reasons", read_only=True)

    class Meta:
        model = Proposal
        fields = ["id", "mentor", "mentor_name", "mentee", "mentee_name", "score", "breakdown", "reasons",
                  "reasons_all", "locked"]


class PairingSerializer(_PairFieldsMixin, serializers.ModelSerializer):
    contacts = serializers.SerializerMethodField()
    mentor_response = serializers.CharField(read_only=True, help_text="pending, accepted or declined")
    mentee_response = serializers.CharField(read_only=True, help_text="pending, accepted or declined")

    class Meta:
        model = Pairing
        fields = ["id", "round", "mentor", "mentor_name", "mentee", "mentee_name", "score", "breakdown", "reasons",
                  "status", "mentor_response", "mentee_response", "mentor_reason", "mentee_reason",
                  "published_at", "accepted_at", "contacts_visible", "contacts"]


    def get_contacts(self, obj) -> dict | None:
        """Contact details of both sides, or null while the rules hide them."""
        user = self.context["request"].user
        if not user.has_perm("mentoring.view_partner_contacts", obj):
            return None
        out = {}
        for side, org in (("mentor", obj.mentor), ("mentee", obj.mentee)):
            out[side] = {
                "people": [{"name": c.name, "title": c.title, "email": c.email, "phone": c.phone} for c in org.contacts.all()],
                "representatives": [u.email for u in org.representatives.filter(is_active=True) if u.email],
            }
        return out


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "subject", "body", "url", "pairing", "created", "read_at"]


class DecisionSerializer(serializers.Serializer):
    proposal = serializers.IntegerField()
    action = serializers.ChoiceField(choices=["lock", "forbid", "clear"])


class SwapSerializer(serializers.Serializer):
    proposals = serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2)


class RespondSerializer(serializers.Serializer):
    accept = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


# ---------------------------------------------------------------------------
# Views


class RoundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = RoundSerializer
    permission_classes = [RoundPermission]
    queryset = MatchingRound.objects.select_related("programme").order_by("-pk")
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def perform_create(self, serializer):
        rnd = _domain_call(domain.round_open, programme=serializer.validated_data["programme"],
                           actor=self.request.user, settings=serializer.validated_data.get("settings") or {})
        serializer.instance = rnd

    @action(detail=True, methods=["post"])
    def runs(self, request, pk=None):
        """Start a run (a background task); poll GET /runs/{id}/ for its progress."""
        run = _domain_call(domain.run_start, round=self.get_object(), actor=request.user)
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


class RunViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = RunSerializer
    permission_classes = [RoundPermission]
    queryset = MatchingRun.objects.select_related("round")

    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        run = _domain_call(domain.run_cancel, run=self.get_object(), actor=request.user)
        return Response(RunSerializer(run).data)

    @action(detail=True, methods=["get"])
    def proposals(self, request, pk=None):
        qs = self.get_object().proposals.select_related("mentor", "mentee").order_by("mentee__name", "-score")
        return Response(ProposalSerializer(qs, many=True).data)

    @action(detail=True, methods=["post"])
    def decisions(self, request, pk=None):
        run = self.get_object()
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        p = get_object_or_404(Proposal.objects.select_related("mentor", "mentee"), pk=data.validated_data["proposal"], run=run)
        args = {"round": run.round, "mentor": p.mentor, "mentee": p.mentee}
        act = data.validated_data["action"]
        if act == "clear":
            domain.pair_decision_clear(**args)
        else:
            (domain.pair_lock if act == "lock" else domain.pair_forbid)(**args, actor=request.user)
        return Response({"proposal": p.pk, "action": act})

    @action(detail=True, methods=["post"])
    def swap(self, request, pk=None):
        run = self.get_object()
        data = SwapSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        a, b = (get_object_or_404(Proposal, pk=i, run=run) for i in data.validated_data["proposals"])
        decisions = _domain_call(domain.pair_swap, first=a, second=b, actor=request.user)
        return Response([{"mentor": d.mentor_id, "mentee": d.mentee_id, "kind": d.kind} for d in decisions])

    @action(detail=True, methods=["get"])
    def compare(self, request, pk=None):
        run = self.get_object()
        other = get_object_or_404(MatchingRun, pk=request.query_params.get("other"), round=run.round)
        cmp = queries.runs_compare(run, other)

        def ids(rows):
            return [{"mentee": e.pk, "mentor": m.pk} for e, m in rows]

        return Response({"a": {"id": run.pk, "objective": run.objective}, "b": {"id": other.pk, "objective": other.objective},
                         "only_a": ids(cmp.only_a), "only_b": ids(cmp.only_b), "both": ids(cmp.both)})

    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        run = self.get_object()
        pairings = _domain_call(domain.round_publish, round=run.round, run=run, actor=request.user)
        return Response({"published": len(pairings)})


class PairingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = PairingSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Pairing.objects.none()
        return queries.pairings_visible_to(self.request.user).prefetch_related(
            "mentor__contacts", "mentee__contacts"
        ).order_by("pk")

    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        pairing = self.get_object()
        if not request.user.has_perm("mentoring.respond_pairing", pairing):
            raise PermissionDenied
        data = RespondSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        pairing = _domain_call(domain.pairing_respond, pairing=pairing, side=pairing.side_of(request.user.organisation_id),
                               accept=data.validated_data["accept"], reason=data.validated_data["reason"], actor=request.user)
        return Response(self.get_serializer(pairing).data)

    @action(detail=True, methods=["post"])
    def rerun(self, request, pk=None):
        if not request.user.has_perm("mentoring.manage_round"):
            raise PermissionDenied
        run = _domain_call(domain.rerun_for_declined, pairing=self.get_object(), actor=request.user)
        return Response(RunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = NotificationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        return queries.notifications_of(self.request.user)

    @action(detail=False, methods=["post"])
    def read(self, request):
        n = self.get_queryset().filter(read_at__isnull=True).update(read_at=timezone.now())
        return Response({"read": n})


router = DefaultRouter()
router.register("rounds", RoundViewSet, basename="round")
router.register("runs", RunViewSet, basename="run")
router.register("pairings", PairingViewSet, basename="pairing")
router.register("notifications", NotificationViewSet, basename="notification")

app_name = "mentoring-api"
urlpatterns = router.urls
__all__ = ["router", "urlpatterns"]
