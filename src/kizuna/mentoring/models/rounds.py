"""Matching rounds of the Big Brother programme and the pairs they produce."""

from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kizuna.common.models import TimeStamped
from kizuna.mentoring.enums import PairingStatus, Response, RoundStatus

__all__ = ["MatchingRound", "Pairing"]


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

    class Meta:
        verbose_name = _("matching round")
        verbose_name_plural = _("matching rounds")
        ordering = ["programme", "number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="unique_round_number")]

    def __str__(self) -> str:
        return _("%(programme)s, round %(number)s") % {"programme": self.programme, "number": self.number}


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

    class Meta:
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")
        constraints = [models.UniqueConstraint(fields=["round", "mentor", "mentee"], name="unique_pairing")]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"

    @property
    def contacts_visible(self) -> bool:
        return self.status in (PairingStatus.ACCEPTED, PairingStatus.COMPLETED)
