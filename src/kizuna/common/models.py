"""Base model pieces shared by the apps."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kizuna.common.i18n import LANGUAGES, current_language


class WebsiteField(models.URLField):
    """A URL field whose form assumes https:// when the scheme is left out."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class TimeStamped(models.Model):
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Labelled(models.Model):
    """Reference data with a label in each of the three languages."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    label_th = models.CharField(_("Thai label"), max_length=200)
    label_ja = models.CharField(_("Japanese label"), max_length=200)
    label_en = models.CharField(_("English label"), max_length=200)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return self.label()

    def label(self, lang: str | None = None) -> str:
        lang = lang or current_language()
        return getattr(self, f"label_{lang}", "") or self.label_en

    def labels(self) -> dict[str, str]:
        return {lang: getattr(self, f"label_{lang}") for lang in LANGUAGES}


class PeriodicRun(models.Model):
    """One period's claim of a periodic job (see common/periodic.py).

    The unique pair (job, period) is the lock: however many workers tick at
    once, one insert wins and only that worker enqueues the job's task."""

    job = models.CharField(_("job"), max_length=100)
    period = models.DateField(_("period start"))
    claimed_at = models.DateTimeField(_("claimed at"), auto_now_add=True)
    claimed_by = models.CharField(_("claimed by"), max_length=200)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "period"], name="periodic_run_once_per_period")]
        ordering = ["-period", "job"]

    def __str__(self) -> str:
        return f"{self.job} {self.period.isoformat()}"


class TaskOrigin(models.Model):
    """The request that enqueued a background task, so that the worker's log lines
    carry the same request id as the web request's. Removed when the task ends."""

    task_id = models.CharField(_("task id"), max_length=64, primary_key=True)
    request_id = models.CharField(_("request id"), max_length=64)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.task_id} ← {self.request_id}"


from kizuna.common.jobs import JobPulse  # noqa: E402  (registers the pulse table with this app)

__all__ = ["WebsiteField", "TimeStamped", "Labelled", "PeriodicRun", "TaskOrigin", "JobPulse"]
