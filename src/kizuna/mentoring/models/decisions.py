"""Decisions that say something about a pair, kept as labelled examples with the
score's parts at the time, and the weight fits made from them (engine/learning.py)."""

from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kizuna.mentoring.enums import LabelKind

__all__ = ["LabelledDecision", "WeightFit"]


class LabelledDecision(models.Model):
    """One decision on a pair of a round: an officer's lock, forbid or swap, a
    company's answer (with its reason), a plan's outcome. Never changed afterwards;
    a later decision on the same pair supersedes it for learning."""

    round = models.ForeignKey("MatchingRound", on_delete=models.CASCADE, related_name="labelled_decisions")
    mentor = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("decision"), max_length=16, choices=LabelKind.choices)
    label = models.SmallIntegerField(_("label"))  # +1 or -1
    reason = models.TextField(_("reason"), blank=True)
    breakdown = models.JSONField(_("score breakdown"), default=dict, blank=True)  # weighted parts at the time
    weights = models.JSONField(_("weights"), default=dict, blank=True)  # the affinity weights at the time
    actor = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("labelled decision")
        verbose_name_plural = _("labelled decisions")
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["round", "mentee"])]
        constraints = [models.CheckConstraint(condition=models.Q(label__in=(1, -1)), name="labelled_decision_label")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.mentor_id} → {self.mentee_id}"


class WeightFit(models.Model):
    """Part weights fitted to the labelled decisions of a programme (or of every
    programme), with their held-out figures beside the baseline's."""

    programme = models.ForeignKey(
        "programmes.Programme", null=True, blank=True, on_delete=models.CASCADE, related_name="weight_fits",
        verbose_name=_("programme"),
    )
    round = models.ForeignKey(
        "MatchingRound", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("round")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    decisions = models.PositiveIntegerField(_("decisions used"))
    weights = models.JSONField(_("fitted weights"), default=dict)
    metrics = models.JSONField(_("held-out figures"), default=dict)
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("weight fit")
        verbose_name_plural = _("weight fits")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.programme or '*'} · {self.created:%Y-%m-%d %H:%M}"

    @property
    def usable(self) -> bool:
        return not self.metrics.get("needed") and bool(self.metrics.get("learned"))
