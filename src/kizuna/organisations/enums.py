from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    COMPANY = "company", _("Company")
    STARTUP = "startup", _("Startup")
    UNIVERSITY = "university", _("University")
    INVESTOR = "investor", _("Investor")
    AGENCY = "agency", _("Agency")


class OrganisationSize(models.TextChoices):
    MICRO = "micro", _("Micro (under 10 staff)")
    SMALL = "small", _("Small (10–49 staff)")
    MEDIUM = "medium", _("Medium (50–199 staff)")
    LARGE = "large", _("Large (200 staff or more)")


class ConsentPurpose(models.TextChoices):
    PROGRAMME = "programme", _("Programme communication")
    MATCHING = "matching", _("Showing contact details to matched partners")
    NEWSLETTER = "newsletter", _("News and invitations")


class Domain(models.TextChoices):
    CROSS = "cross", _("Cross-cutting digital")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    AGRO_FOOD = "agro_food", _("Agro-food")
    LOGISTICS = "logistics", _("Logistics")
    ENERGY = "energy", _("Energy")
    HEALTH = "health", _("Health")


class Region(models.TextChoices):
    BANGKOK = "bangkok", _("Bangkok")
    CENTRAL = "central", _("Central")
    EAST = "east", _("East")
    NORTH = "north", _("North")
    NORTHEAST = "northeast", _("Northeast")
    WEST = "west", _("West")
    SOUTH = "south", _("South")
