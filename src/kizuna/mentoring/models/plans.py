"""Technology-transfer plans of accepted pairs, and onward links to CLMV.

A plan belongs to one accepted pair: goals are taxonomy concepts, milestones have
due dates, both sides (and officers) post status updates with attachments, and the
outcome record closes it. Completing a plan (every milestone done and the outcome
recorded) marks the pair completed; a Thai SME with a completed plan can then mentor
a company in Cambodia, Laos, Myanmar or Vietnam (CLMVLink).
"""

from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kizuna.common.i18n import LANGUAGES, current_language
from kizuna.common.models import TimeStamped
from kizuna.mentoring.enums import PLAN_UPDATE_SIDES, ProductivityFigure

__all__ = [
    "MilestoneKind",
    "Plan",
    "Milestone",
    "PlanUpdate",
    "PlanReminder",
    "Outcome",
    "CLMVLink",
]


class MilestoneKind(models.TextChoices):
    KICK_OFF = "kick_off", _("Kick-off meeting")
    ASSESSMENT = "assessment", _("On-site assessment")
    PILOT = "pilot", _("Pilot installation")
    EVALUATION = "evaluation", _("Evaluation")
    OTHER = "other", _("Other milestone")

    @classmethod
    def defaults(cls) -> tuple[str, ...]:
        return (cls.KICK_OFF, cls.ASSESSMENT, cls.PILOT, cls.EVALUATION)


class Plan(TimeStamped):
    """The technology-transfer plan of one accepted pair."""

    pairing = models.OneToOneField(
        "mentoring.Pairing", on_delete=models.CASCADE, related_name="plan", verbose_name=_("pair")
    )
    goals = models.ManyToManyField(
        "organisations.Concept", blank=True, related_name="plan_goals", verbose_name=_("goals")
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("technology-transfer plan")
        verbose_name_plural = _("technology-transfer plans")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.pairing)

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class Milestone(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=MilestoneKind.choices, default=MilestoneKind.OTHER)
    title = models.CharField(_("title"), max_length=200, blank=True)
    due = models.DateField(_("due date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # the key of the form or request that added it: the same key again returns this milestone
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["plan", "order", "due", "pk"]
        indexes = [models.Index(fields=["done_on", "due"])]
        constraints = [models.UniqueConstraint(fields=["plan", "order"], name="one_milestone_per_order")]

    def __str__(self) -> str:
        return self.display_title()

    def display_title(self) -> str:
        """The title as written, or the default milestone's name in the reader's language."""
        if self.title:
            return self.title
        return str(MilestoneKind(self.kind).label)

    @property
    def is_done(self) -> bool:
        return self.done_on is not None


def attachment_path(instance: PlanUpdate, filename: str) -> str:
    """Where an attachment is stored; `filename` is the name the domain generated
    (random, with the checked extension), never the name it was uploaded with."""
    return f"plans/{instance.plan_id}/{filename}"


class PlanUpdate(models.Model):
    """A status update from the mentor's side, the mentee's side or an officer."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    side = models.CharField(_("side"), max_length=10, choices=PLAN_UPDATE_SIDES)
    text = models.TextField(_("update"))
    attachment = models.FileField(_("attachment"), upload_to=attachment_path, blank=True, max_length=300)
    # the file's name as uploaded (cut to 200 characters), shown and offered on download only
    attachment_name = models.CharField(_("attachment's file name"), max_length=200, blank=True)
    created = models.DateTimeField(_("posted at"), db_index=True)
    # the key of the form or request that posted it: the same key again returns this update
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("plan update")
        verbose_name_plural = _("plan updates")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def posted_on(self):
        """The day it was posted, in the site's time zone (Asia/Bangkok)."""
        return timezone.localdate(self.created)


class PlanReminder(models.Model):
    """A monthly check-in reminder sent for a plan: at most one per calendar month."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reminders")
    month = models.DateField(_("month"))  # the first day of the month
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    recipients = models.JSONField(default=list, blank=True)  # e-mail addresses

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "month"], name="one_reminder_per_month")]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.month:%Y-%m}"


class Outcome(TimeStamped):
    """What the transfer achieved: technologies adopted, a productivity figure
    before and after, investment and jobs."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="outcome")
    technologies = models.ManyToManyField(
        "organisations.Concept", blank=True, related_name="+", verbose_name=_("technologies adopted")
    )
    productivity_name = models.CharField(_("productivity figure"), max_length=200, blank=True)
    productivity_unit = models.CharField(_("unit"), max_length=50, blank=True)
    productivity_before = models.DecimalField(_("before"), max_digits=14, decimal_places=2, null=True, blank=True)
    productivity_after = models.DecimalField(_("after"), max_digits=14, decimal_places=2, null=True, blank=True)
    investment_thb = models.DecimalField(_("investment (THB)"), max_digits=14, decimal_places=2, null=True, blank=True)
    jobs_created = models.PositiveIntegerField(_("jobs created"), null=True, blank=True)
    jobs_retained = models.PositiveIntegerField(_("jobs retained"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def productivity_label(self, lang: str | None = None) -> str:
        """The productivity figure in the reader's language when it is one of the common
        figures (ProductivityFigure) written in any language, else as written."""
        return productivity_figure_label(self.productivity_name, lang)


def productivity_figure_label(name: str, lang: str | None = None) -> str:
    key = " ".join((name or "").casefold().split())
    if not key:
        return ""
    for figure in ProductivityFigure:
        spellings = {figure.value}
        for other in LANGUAGES:
            with translation.override(other):
                spellings.add(" ".join(str(figure.label).casefold().split()))
        if key in spellings:
            with translation.override(lang or current_language()):
                return str(figure.label)
    return name


class CLMVLink(TimeStamped):
    """A Thai SME that completed its plan, now mentoring a company in Cambodia,
    Laos, Myanmar or Vietnam in a later round, and the Japanese mentor it learned from.

    The Thai SME also takes part in `programme` with the role mentor (Participation)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="clmv_links", verbose_name=_("programme")
    )
    mentor = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="clmv_mentees_links",
        verbose_name=_("Thai mentor"),
    )
    mentee = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="clmv_mentor_links",
        verbose_name=_("CLMV company"),
    )
    learned_from = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("Japanese mentor it learned from"),
    )
    source_plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="onward_links")
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("CLMV link")
        verbose_name_plural = _("CLMV links")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "mentor", "mentee"], name="unique_clmv_link")
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"
