"""Runs of a matching round: each computes proposed pairs as a background job."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kizuna.common.jobs import Job
from kizuna.mentoring.enums import RunStage

__all__ = ["MatchingRun"]


class MatchingRun(Job):
    """One computation of proposed pairs for a round (a job: see common/jobs.py)."""

    round = models.ForeignKey("mentoring.MatchingRound", on_delete=models.CASCADE, related_name="runs")
    number = models.PositiveSmallIntegerField(_("run number"))
    stage = models.CharField(_("stage"), max_length=20, choices=RunStage.choices, default=RunStage.QUEUED)
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("previous run")
    )
    settings = models.JSONField(_("settings"), default=dict, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    objective = models.FloatField(_("objective"), null=True, blank=True)
    bound = models.FloatField(_("bound"), null=True, blank=True)
    gap = models.FloatField(_("gap"), null=True, blank=True)
    floor = models.FloatField(_("lowest score"), null=True, blank=True)
    method = models.CharField(max_length=40, blank=True)
    proven_optimal = models.BooleanField(default=False)
    changed = models.PositiveIntegerField(_("pairs changed"), null=True, blank=True)
    unmatched = models.JSONField(_("unmatched participants"), default=list, blank=True)
    stats = models.JSONField(default=dict, blank=True)  # counts and seconds per stage

    class Meta:
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        ordering = ["round", "number"]
        constraints = [models.UniqueConstraint(fields=["round", "number"], name="unique_run_number")]

    def __str__(self) -> str:
        return _("Run %(number)s") % {"number": self.number}
