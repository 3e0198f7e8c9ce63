"""Matching rounds of the Big Brother programme and the pairs they produce
(their runs are in runs.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings as django_settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kizuna.common.models import TimeStamped
from kizuna.mentoring.enums import (
    DecisionKind,
    NotificationKind,
    PairingStatus,
    Response,
    RoundStatus,
    Side,
    WaitingFor,
)
from kizuna.mentoring.models.runs import MatchingRun

__all__ = ["MatchingRound", "RoundParticipant", "Proposal", "PairDecision", "Pairing", "Notification"]

# Settings of a round when the officer gives none (see forms_rounds.RoundSettingsForm).
DEFAULT_ROUND_SETTINGS = {
    "lo": 1,  # mentors per SME, at least
    "hi": 2,  # mentors per SME, at most
    "capacity": 3,  # SMEs per mentor, at most
    "fair": False,
    "encoder": "use",
    "k": 20,  # candidates kept per participant on each side
    "weights": {},  # AffinityWeights fields that differ from the defaults
    "quotas": {},  # industry group code -> [min pairs, max pairs]
    # pairs that already exist in the programme (other rounds): counted against the
    # limits ("count") or only kept out ("keep_out"); never proposed again either way
    "earlier_pairs": "count",
}


@dataclass(frozen=True)
class WeightPreset:
    """A named set of weights that an officer picks instead of typing numbers:
    `weights` are the AffinityWeights fields that differ from the defaults (what a
    round's settings["weights"] holds)."""

    code: str
    label: Promise
    help: Promise
    weights: dict = field(default_factory=dict)


# The presets of the round settings page, in the order shown. "Balanced" is the
# default weights, chosen on the evaluation set (engine/affinity.py); the others keep
# them and give one more part a weight of its own (0.3, about the weight of the
# matching sentences), so that part decides between otherwise close mentors.
WEIGHT_PRESETS: tuple[WeightPreset, ...] = (
    WeightPreset("balanced", _("Balanced"), _(
        "The recommended weights: what the SME needs against what the mentor offers, and how close their "
        "descriptions are, count most.")),
    WeightPreset("technology", _("Technology need first"), _(
        "The technologies the SME needs and the mentor offers count most, more than how close the descriptions are."),
        {"concepts": 0.45}),
    WeightPreset("region", _("Same region first"), _(
        "A mentor already working in the SME's region, or in the markets it aims at, is preferred."),
        {"geography": 0.3, "same_area": 1.0}),
    WeightPreset("language", _("Language first"), _(
        "A mentor who shares a working language with the SME is preferred, so fewer pairs need an interpreter."),
        {"language": 0.3}),
)
CUSTOM_PRESET = "custom"


def weight_preset_find(weights: dict | None) -> WeightPreset | None:
    """The preset whose weights are exactly `weights` (None: custom weights)."""
    return next((p for p in WEIGHT_PRESETS if p.weights == (weights or {})), None)


def weight_preset_of(weights: dict | None) -> str:
    """The code of the preset whose weights are exactly `weights`, else "custom"."""
    preset = weight_preset_find(weights)
    return preset.code if preset else CUSTOM_PRESET


def not_self_pair(name: str) -> models.CheckConstraint:
    """A pair of one organisation with itself cannot be stored."""
    return models.CheckConstraint(condition=~models.Q(mentor=models.F("mentee")), name=name)


class MatchingRound(TimeStamped):
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="rounds", verbose_name=_("programme")
    )
    number = models.PositiveSmallIntegerField(_("round number"))
    status = models.CharField(_("status"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    settings = models.JSONField(_("settings"), default=dict, blank=True)
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_run = models.ForeignKey(
        "MatchingRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("published run"),
    )

    class Meta:
        verbose_name = _("matching round")
        verbose_name_plural = _("matching rounds")
        ordering = ["programme", "number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="unique_round_number")]

    def __str__(self) -> str:
        return _("%(programme)s, round %(number)s") % {"programme": self.programme, "number": self.number}


    def setting(self, key: str):
        return self.settings.get(key, DEFAULT_ROUND_SETTINGS.get(key))

    def effective_settings(self) -> dict:
        return {**DEFAULT_ROUND_SETTINGS, **(self.settings or {})}


class RoundParticipant(models.Model):
    """An organisation taking part in a round on one side, with the officer's
    overrides (blank: the round's settings)."""

    round = models.ForeignKey(MatchingRound, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="round_participations",
        verbose_name=_("organisation"),
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    included = models.BooleanField(_("included"), default=True)
    capacity = models.PositiveSmallIntegerField(_("capacity"), null=True, blank=True)
    lo = models.PositiveSmallIntegerField(_("minimum mentors"), null=True, blank=True)
    hi = models.PositiveSmallIntegerField(_("maximum mentors"), null=True, blank=True)
    # a mentor that mentors CLMV companies (CLMV links) is a mentor only to CLMV
    # companies, unless an officer opens it to every SME of the round
    open_to_all = models.BooleanField(_("may mentor any SME"), default=False)

    class Meta:
        verbose_name = _("round participant")
        verbose_name_plural = _("round participants")
        constraints = [models.UniqueConstraint(fields=["round", "organisation", "side"], name="unique_round_participant")]
        indexes = [models.Index(fields=["round", "side"])]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_side_display()}"


class Proposal(models.Model):
    """A pair proposed by a run, with its score, the score's parts, its reasons in th,
    ja and en and its evidence (rendered at run time)."""

    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="proposals")
    mentor = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    breakdown = models.JSONField(_("score breakdown"), default=dict)
    reasons = models.JSONField(_("reasons"), default=dict)
    locked = models.BooleanField(_("locked"), default=False)
    # the sentence pairs that matched best, best first, computed once by the run:
    # [{seeker_sentence, seeker_language, provider_sentence, provider_language, similarity}]
    evidence = models.JSONField(_("evidence"), default=list, blank=True)

    class Meta:
        verbose_name = _("proposed pair")
        verbose_name_plural = _("proposed pairs")
        constraints = [models.UniqueConstraint(fields=["run", "mentor", "mentee"], name="unique_proposal"),
                       not_self_pair("proposal_not_self")]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"


class PairDecision(TimeStamped):
    """An officer's decision on a pair for the next runs of a round: lock or forbid."""

    round = models.ForeignKey(MatchingRound, on_delete=models.CASCADE, related_name="decisions")
    mentor = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("decision"), max_length=10, choices=DecisionKind.choices)
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("pair decision")
        verbose_name_plural = _("pair decisions")
        constraints = [models.UniqueConstraint(fields=["round", "mentor", "mentee"], name="unique_pair_decision"),
                       not_self_pair("pair_decision_not_self")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.mentor} → {self.mentee}"


class Pairing(TimeStamped):
    """A published mentor–mentee pair and each side's answer. Contact details of
    the partner become visible only when both sides have accepted."""

    round = models.ForeignKey(MatchingRound, on_delete=models.CASCADE, related_name="pairings")
    mentor = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="mentor_pairings",
        verbose_name=_("mentor"),
    )
    mentee = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="mentee_pairings",
        verbose_name=_("mentee"),
    )
    score = models.FloatField(_("score"), default=0.0)
    reasons = models.JSONField(_("reasons"), default=dict, blank=True)  # {"th": [...], "ja": [...], "en": [...]}
    status = models.CharField(
        _("status"), max_length=20, choices=PairingStatus.choices, default=PairingStatus.PUBLISHED
    )
    mentor_response = models.CharField(max_length=10, choices=Response.choices, default=Response.PENDING)
    mentee_response = models.CharField(max_length=10, choices=Response.choices, default=Response.PENDING)
    mentor_reason = models.TextField(_("mentor's reason"), blank=True)
    mentee_reason = models.TextField(_("mentee's reason"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted by both at"), null=True, blank=True)
    run = models.ForeignKey(MatchingRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    breakdown = models.JSONField(_("score breakdown"), default=dict, blank=True)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)  # the proposal's, copied when published

    class Meta:
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")
        constraints = [models.UniqueConstraint(fields=["round", "mentor", "mentee"], name="unique_pairing"),
                       not_self_pair("pairing_not_self")]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"

    @property
    def contacts_visible(self) -> bool:
        return self.status in (PairingStatus.ACCEPTED, PairingStatus.COMPLETED)

    def side_of(self, organisation_id: int | None) -> str | None:
        if organisation_id is None:
            return None
        if organisation_id == self.mentor_id:
            return Side.MENTOR
        if organisation_id == self.mentee_id:
            return Side.MENTEE
        return None

    def response_of(self, side: str) -> str:
        return self.mentor_response if side == Side.MENTOR else self.mentee_response

    @property
    def waiting_for(self) -> str | None:
        """Whose answer the pair waits for: "both", "mentor" or "mentee" (WaitingFor)
        while it is published and a side has not answered, else None (accepted,
        declined, completed). The one place that decides it: every page, list and the
        API read it, or the label made from it (status_label)."""
        if self.status != PairingStatus.PUBLISHED:
            return None
        mentor = self.mentor_response == Response.PENDING
        mentee = self.mentee_response == Response.PENDING
        if mentor and mentee:
            return WaitingFor.BOTH
        if mentor:
            return WaitingFor.MENTOR
        if mentee:
            return WaitingFor.MENTEE
        return None

    def status_label(self, side: str | None = None) -> str:
        """The pair's status as a sentence in the active language, for a reader on
        `side` ("mentor", "mentee"; None for officers and viewers): who is waited for
        ("Waiting for your answer", "Waiting for the partner's answer", "Waiting for
        the SME's answer" …) while a side has not answered, else the status."""
        waiting = self.waiting_for
        if waiting is None:
            return str(self.get_status_display())
        if side not in (Side.MENTOR, Side.MENTEE):
            return str(WaitingFor(waiting).label)
        if waiting == WaitingFor.BOTH:
            return gettext("Waiting for your answer and the partner's answer")
        if waiting == side:
            return gettext("Waiting for your answer")
        return gettext("Waiting for the partner's answer")


class Notification(models.Model):
    """A message in the site for one user, written in that user's language when created."""

    recipient = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    pairing = models.ForeignKey(Pairing, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def text(self) -> str:
        """The message as the site shows it, under a link to its target: without the
        address that the e-mail version spells out (notices written before the site
        kept the two apart still hold it, as "…: /mentoring/pairs/62/")."""
        body = self.body or ""
        if self.url:
            address = re.compile(r"\s*[:：]?\s*(?:https?://[^\s/]+)?" + re.escape(self.url) + r"(?=\s|$)")
            body = address.sub(lambda m: "" if m.group().lstrip()[:1] in (":", "：") else " ", body)
        return body.strip()
