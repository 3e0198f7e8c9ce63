"""Programmes, their phases, and which organisations take part in which role."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kizuna.common.i18n import current_language
from kizuna.common.models import TimeStamped
from kizuna.programmes.enums import ParticipationRole, ProgrammeKind


class Programme(TimeStamped):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices)
    name_th = models.CharField(_("name in Thai"), max_length=200)
    name_ja = models.CharField(_("name in Japanese"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    summary_th = models.TextField(_("summary in Thai"), blank=True)
    summary_ja = models.TextField(_("summary in Japanese"), blank=True)
    summary_en = models.TextField(_("summary in English"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    agencies = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("owning agencies"),
        blank=True,
        related_name="owned_programmes",
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["year", "code"]

    def __str__(self) -> str:
        return self.name()

    def name(self, lang: str | None = None) -> str:
        return getattr(self, f"name_{lang or current_language()}", "") or self.name_en

    def summary(self, lang: str | None = None) -> str:
        return getattr(self, f"summary_{lang or current_language()}", "") or self.summary_en


class Phase(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveSmallIntegerField(_("order"))
    name_th = models.CharField(_("name in Thai"), max_length=200)
    name_ja = models.CharField(_("name in Japanese"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    starts = models.DateField(_("starts"), null=True, blank=True)
    ends = models.DateField(_("ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["programme", "order"]
        constraints = [models.UniqueConstraint(fields=["programme", "order"], name="unique_phase_order")]

    def __str__(self) -> str:
        return self.name()

    def name(self, lang: str | None = None) -> str:
        return getattr(self, f"name_{lang or current_language()}", "") or self.name_en


class Participation(TimeStamped):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="participations", verbose_name=_("programme")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=ParticipationRole.choices)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation", "role"], name="unique_participation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.programme} · {self.get_role_display()}"
