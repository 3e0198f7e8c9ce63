from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    OFFICER = "officer", _("Programme officer")
    MINISTRY_VIEWER = "ministry_viewer", _("Ministry viewer")
    COMPANY_REP = "company_rep", _("Company representative")
    REVIEWER = "reviewer", _("Reviewer")
    TRAINING_COORDINATOR = "training_coordinator", _("Training coordinator")
    TRAINEE = "trainee", _("Trainee")


# Roles that run programmes: everything an officer may do, administrators may do too.
OFFICER_ROLES = (Role.OFFICER, Role.ADMINISTRATOR)
