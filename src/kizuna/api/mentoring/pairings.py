"""REST endpoints of published pairs (read, answer, re-run for a declined pair)
and of notifications (thin: the domain functions do the work; the rules in
mentoring/rules.py decide who may). A pair's contacts are what its page shows
(queries.pairings.pairing_contacts)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kizuna.api.mentoring.runs import PairFieldsMixin, RunSerializer, StrengthSerializer
from kizuna.api.permissions import RulesPermission
from kizuna.mentoring.domain import pairings as domain
from kizuna.mentoring.enums import WaitingFor
from kizuna.mentoring.models import Notification, Pairing
from kizuna.mentoring.queries import pairings as queries
from kizuna.mentoring.strength import pair_strength, weights_scale


class ContactPersonSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="In the person's own language")
    name_en = serializers.CharField(help_text="In English (may be empty)")
    title = serializers.CharField(help_text="Position (role) in the organisation")
    email = serializers.CharField()
    phone = serializers.CharField()
    language = serializers.CharField(help_text="Language to write to them in: th, ja or en")
    languages = serializers.ListField(child=serializers.CharField(), help_text="Languages spoken: th, ja, en")


class ContactsSerializer(serializers.Serializer):
    people = ContactPersonSerializer(many=True)
    representatives = serializers.ListField(child=serializers.CharField())


class PairingSerializer(PairFieldsMixin, serializers.ModelSerializer):
    """A published pair. Everyone who may see it gets its match strength (stars and a
    word, as on the pair's page); the score, its parts and its scale are for officers
    and ministry viewers, null for companies."""

    contacts = serializers.SerializerMethodField()
    mentor_response = serializers.CharField(read_only=True, help_text="pending, accepted or declined")
    mentee_response = serializers.CharField(read_only=True, help_text="pending, accepted or declined")
    strength = serializers.SerializerMethodField()
    score = serializers.SerializerMethodField()
    score_scale = serializers.SerializerMethodField()
    breakdown = serializers.SerializerMethodField()
    waiting_for = serializers.ChoiceField(
        choices=WaitingFor.choices, allow_null=True, read_only=True,
        help_text="whose answer the pair waits for: both, mentor or mentee; null once it is no longer waiting "
                  "(accepted, declined, completed)")
    status_label = serializers.SerializerMethodField(
        help_text="the status as the caller reads it, in the caller's language: whose answer it waits for, "
                  "\"your answer\" or \"the partner's answer\" for a company of the pair")

    class Meta:
        model = Pairing
        fields = ["id", "round", "mentor", "mentor_name", "mentee", "mentee_name", "strength", "score", "score_scale",
                  "breakdown", "reasons", "evidence", "status", "waiting_for", "status_label", "mentor_response",
                  "mentee_response", "mentor_reason", "mentee_reason",
                  "published_at", "accepted_at", "contacts_visible", "contacts"]

    def _shows_score(self) -> bool:
        request = self.context.get("request")
        return bool(request and request.user.has_perm("mentoring.view_round"))

    @staticmethod
    def _run_settings(obj) -> dict:
        return (obj.run.settings or {}) if obj.run_id else {}

    def get_status_label(self, obj) -> str:
        return queries.pairing_status_for(obj, self.context["request"].user)

    @extend_schema_field(StrengthSerializer)
    def get_strength(self, obj) -> dict:
        return pair_strength(obj, settings=self._run_settings(obj)).as_dict()

    @extend_schema_field(serializers.FloatField(allow_null=True, help_text="officers and ministry viewers only"))
    def get_score(self, obj) -> float | None:
        return obj.score if self._shows_score() else None

    @extend_schema_field(serializers.FloatField(allow_null=True, help_text=(
        "the highest score one pair can get with the weights of the run that proposed it; "
        "officers and ministry viewers only")))
    def get_score_scale(self, obj) -> float | None:
        return weights_scale(self._run_settings(obj).get("weights")) if self._shows_score() else None

    @extend_schema_field(serializers.DictField(child=serializers.FloatField(), allow_null=True,
                                               help_text="the weighted parts of the score; officers and ministry viewers only"))
    def get_breakdown(self, obj) -> dict | None:
        return obj.breakdown if self._shows_score() else None

    @extend_schema_field(serializers.DictField(child=ContactsSerializer(), allow_null=True))
    def get_contacts(self, obj) -> dict | None:
        """The contact details the reader may see, by side ("mentor", "mentee"): the
        partner's for a company of the pair, both for officers and ministry
        viewers; null while the rules hide them."""
        contacts = queries.pairing_contacts(pairing=obj, viewer=self.context["request"].user)
        if not contacts:
            return None
        return {c.side: ContactsSerializer(c).data for c in contacts}


class NotificationSerializer(serializers.ModelSerializer):
    text = serializers.CharField(read_only=True, help_text="the message without the target's address")
    url = serializers.CharField(read_only=True, help_text="the page the notification is about (its target)")

    class Meta:
        model = Notification
        fields = ["id", "kind", "subject", "text", "body", "url", "pairing", "created", "read_at"]


class RespondSerializer(serializers.Serializer):
    accept = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ReadSerializer(serializers.Serializer):
    read = serializers.IntegerField(help_text="How many notifications were marked read now.")


class PairingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The pairs the caller may see (all for officers and ministry viewers, their
    own for a company)."""

    serializer_class = PairingSerializer
    permission_classes = [RulesPermission]
    rules_permissions = {"list": "mentoring.list_pairings", "metadata": "mentoring.list_pairings",
                         "rerun": "mentoring.manage_round"}
    rules_object_permissions = {"retrieve": "mentoring.view_pairing", "respond": "mentoring.respond_pairing"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Pairing.objects.none()
        return queries.pairings_with_contacts(self.request.user).select_related("run")

    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        pairing = self.get_object()
        data = RespondSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        pairing = domain.pairing_respond(pairing=pairing, side=pairing.side_of(request.user.organisation_id),
                                         accept=data.validated_data["accept"], reason=data.validated_data["reason"],
                                         actor=request.user)
        return Response(self.get_serializer(pairing).data)

    @action(detail=True, methods=["post"])
    def rerun(self, request, pk=None):
        run = domain.rerun_for_declined(pairing=self.get_object(), actor=request.user)
        return Response(RunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The caller's notifications. Reading the list or one notification marks nothing
    read: `POST {id}/read/` marks one (the caller opened it), `POST read/` all."""

    serializer_class = NotificationSerializer
    permission_classes = [RulesPermission]
    rules_permissions = {"list": "mentoring.view_notifications", "metadata": "mentoring.view_notifications",
                         "retrieve": "mentoring.view_notifications", "read": "mentoring.view_notifications",
                         "read_one": "mentoring.view_notifications"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        return queries.notifications_of(self.request.user)

    @extend_schema(request=None, responses=ReadSerializer)
    @action(detail=False, methods=["post"])
    def read(self, request):
        """Mark every unread notification read; answers how many were unread."""
        return Response({"read": domain.notifications_mark_read(user=request.user)})

    @extend_schema(request=None, responses={200: NotificationSerializer}, operation_id="mentoring_notifications_read_one")
    @action(detail=True, methods=["post"], url_path="read", url_name="read-one")
    def read_one(self, request, pk=None):
        """Mark this notification read (reading it again keeps the first time)."""
        notification = domain.notification_read(notification=self.get_object())
        return Response(self.get_serializer(notification).data)
