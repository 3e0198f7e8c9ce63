"""REST endpoints of matching runs: read one, cancel it, its proposals, the
officer's decisions (lock, forbid, clear, swap), the comparison of two runs, and
publication with its preview (thin: the domain functions do the work; the rules in
mentoring/rules.py decide who may)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kizuna.api.permissions import RulesPermission
from kizuna.common.views import object_or_404
from kizuna.mentoring.domain import runs as domain
from kizuna.mentoring.domain.pairings import round_publish
from kizuna.mentoring.models import MatchingRun, Proposal
from kizuna.mentoring.queries import pairings as pairings_queries
from kizuna.mentoring.queries import runs as queries
from kizuna.mentoring.queries.rounds import reasons_in
from kizuna.mentoring.strength import STRENGTH_LEVELS, pair_strength

READ, MANAGE = "mentoring.view_round", "mentoring.manage_round"


class RunSerializer(serializers.ModelSerializer):
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)
    closeness = serializers.SerializerMethodField(
        help_text="The total match score (objective) as a share of the best possible (bound), 0 to 1; null before the run is done")
    score_scale = serializers.SerializerMethodField(
        help_text="The highest match score one pair can get with this run's weights (without an officer's boost)")

    class Meta:
        model = MatchingRun
        fields = ["id", "round", "number", "status", "stage", "stage_label", "progress", "message",
                  "cancel_requested", "previous", "settings", "objective", "bound", "gap", "closeness", "floor", "method",
                  "proven_optimal", "changed", "unmatched", "stats", "error", "started", "finished", "score_scale"]
        read_only_fields = fields

    def get_closeness(self, obj) -> float | None:
        return queries.run_closeness(obj)

    def get_score_scale(self, obj) -> float:
        return queries.run_score_scale(obj)


class StrengthSerializer(serializers.Serializer):
    """A pair's match strength, what companies see instead of the score (mentoring/strength.py)."""

    stars = serializers.IntegerField(help_text="1 (weak) to 5 (very strong)")
    code = serializers.ChoiceField(choices=[code for _low, _stars, code, _label in STRENGTH_LEVELS])
    label = serializers.CharField(help_text="the word, in the reader's language")


class EvidenceSerializer(serializers.Serializer):
    """One sentence pair that matched best: the SME's sentence and the mentor's, each in
    the language it was written in, and their cosine."""

    seeker_sentence = serializers.CharField(read_only=True, help_text="the SME's (mentee's) sentence")
    seeker_language = serializers.CharField(read_only=True, help_text="th, ja or en")
    provider_sentence = serializers.CharField(read_only=True, help_text="the mentor's sentence closest to it")
    provider_language = serializers.CharField(read_only=True, help_text="th, ja or en")
    similarity = serializers.FloatField(read_only=True, help_text="cosine of the two sentences' vectors")


class PairFieldsMixin(serializers.Serializer):
    """Both companies' names and the reasons, in the reader's language, and the evidence
    (the sentence pairs that matched best, stored by the run), for proposals and
    published pairs alike."""

    mentor_name = serializers.SerializerMethodField()
    mentee_name = serializers.SerializerMethodField()
    reasons = serializers.SerializerMethodField()
    evidence = EvidenceSerializer(many=True, read_only=True)

    def get_mentor_name(self, obj) -> str:
        return obj.mentor.display_name()

    def get_mentee_name(self, obj) -> str:
        return obj.mentee.display_name()

    def get_reasons(self, obj) -> list[str]:
        return reasons_in(obj.reasons)


class ProposalSerializer(PairFieldsMixin, serializers.ModelSerializer):
    """A proposed pair (officers and ministry viewers only): the score with its parts,
    and the strength the companies will see once it is published."""

    reasons_all = serializers.JSONField(source="reasons", read_only=True)
    strength = serializers.SerializerMethodField()

    class Meta:
        model = Proposal
        fields = ["id", "mentor", "mentor_name", "mentee", "mentee_name", "score", "strength", "breakdown", "reasons",
                  "reasons_all", "evidence", "locked"]

    @extend_schema_field(StrengthSerializer)
    def get_strength(self, obj) -> dict:
        return pair_strength(obj, settings=self.context.get("run_settings")).as_dict()


class DecisionSerializer(serializers.Serializer):
    proposal = serializers.IntegerField()
    action = serializers.ChoiceField(choices=["lock", "forbid", "clear"])


class SwapSerializer(serializers.Serializer):
    proposals = serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2)


class PublishSerializer(serializers.Serializer):
    confirm = serializers.CharField(allow_blank=True, default="",
                                    help_text="The `confirm` token of GET publish-preview/.")


class RunViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = RunSerializer
    permission_classes = [RulesPermission]
    rules_permissions = {"retrieve": READ, "metadata": READ, "proposals": READ, "compare": READ,
                         "cancel": MANAGE, "decisions": MANAGE, "swap": MANAGE, "publish": MANAGE,
                         "publish_preview": MANAGE}
    queryset = MatchingRun.objects.select_related("round")

    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        run = domain.run_cancel(run=self.get_object(), actor=request.user)
        return Response(RunSerializer(run).data)

    @action(detail=True, methods=["get"])
    def proposals(self, request, pk=None):
        run = self.get_object()
        return Response(ProposalSerializer(queries.run_proposals(run), many=True,
                                           context={"run_settings": run.settings or {}}).data)

    @action(detail=True, methods=["post"])
    def decisions(self, request, pk=None):
        run = self.get_object()
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        p = object_or_404(queries.run_proposal, run, data.validated_data["proposal"])
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
        a, b = (object_or_404(queries.run_proposal, run, i) for i in data.validated_data["proposals"])
        decisions = domain.pair_swap(first=a, second=b, actor=request.user)
        return Response([{"mentor": d.mentor_id, "mentee": d.mentee_id, "kind": d.kind} for d in decisions])

    @action(detail=True, methods=["get"])
    def compare(self, request, pk=None):
        run = self.get_object()
        other = domain.run_to_compare(run=run, other=request.query_params.get("other"))
        cmp = queries.runs_compare(run, other)

        def ids(rows):
            return [{"mentee": e.pk, "mentor": m.pk} for e, m in rows]

        # "changes" is the page's table (queries.runs.pair_changes): one entry per change
        changes = [{"mentee": c.mentee.pk, "before": c.before.pk if c.before else None,
                    "after": c.after.pk if c.after else None} for c in cmp.changes]
        return Response({"a": {"id": run.pk, "objective": run.objective}, "b": {"id": other.pk, "objective": other.objective},
                         "changed": len(changes), "changes": changes,
                         "only_a": ids(cmp.only_a), "only_b": ids(cmp.only_b), "both": ids(cmp.both)})

    @action(detail=True, methods=["get"], url_path="publish-preview")
    def publish_preview(self, request, pk=None):
        """What publishing the run would send to whom now: counts, the new pairs, the
        pairs not sent again, the companies notified, and the token that POST
        publish/ needs as `confirm`."""
        run = self.get_object()
        preview = pairings_queries.publish_preview(run.round, run)

        def rows(proposals):
            return [{"proposal": p.pk, "mentor": p.mentor_id, "mentee": p.mentee_id} for p in proposals]

        return Response({
            "run": run.pk, "round": run.round_id, "counts": preview.counts(), "confirm": preview.token,
            "new": rows(preview.new), "known_in_round": rows(preview.known_in_round),
            "known_earlier": rows(preview.known_earlier), "not_allowed": rows(preview.not_allowed),
            "companies": [{"organisation": org.pk, "name": org.display_name(), "side": side, "new_pairs": n}
                          for org, side, n in preview.companies],
        })

    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish the new pairs of the preview whose token is given as `confirm`
        (GET publish-preview/ first); refused without it, or when the pairs to
        publish have changed since."""
        run = self.get_object()
        data = PublishSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        pairings = round_publish(round=run.round, run=run, actor=request.user, confirm=data.validated_data["confirm"])
        return Response({"published": len(pairings), "pairings": [p.pk for p in pairings]})
