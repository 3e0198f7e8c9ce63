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


from kizuna.common.jobs import JobPulse  # noqa: E402  (registers the pulse table with this app)

__all__ = ["WebsiteField", "TimeStamped", "Labelled", "JobPulse"]
