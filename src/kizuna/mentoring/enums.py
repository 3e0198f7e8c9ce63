"""States of Big Brother rounds, runs and pairs; transitions happen in domain functions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Pairs proposed")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class Side(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")


class Response(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class PairingStatus(models.TextChoices):
    PUBLISHED = "published", _("Published, waiting for both sides")
    ACCEPTED = "accepted", _("Accepted by both sides")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Plan completed")

    @classmethod
    def active_states(cls) -> tuple[str, ...]:
        return (cls.PUBLISHED, cls.ACCEPTED, cls.COMPLETED)
