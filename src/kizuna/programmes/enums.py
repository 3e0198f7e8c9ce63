from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeKind(models.TextChoices):
    MENTORING = "mentoring", _("Mentoring")
    STARTUP_MATCHING = "startup_matching", _("Startup matching")
    TRAINING = "training", _("Training")


class ParticipationRole(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")
    STARTUP = "startup", _("Startup")
    UNIVERSITY = "university", _("University")
    INVESTOR = "investor", _("Investor")
    AGENCY = "agency", _("Agency")
