from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from kizuna.accounts.enums import OFFICER_ROLES, Role
from kizuna.common.i18n import LANGUAGE_CHOICES


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.COMPANY_REP)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="representatives",
    )
    language = models.CharField(
        _("preferred language"), max_length=2, choices=LANGUAGE_CHOICES, blank=True
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_officer(self) -> bool:
        return self.is_superuser or self.role in OFFICER_ROLES

    @property
    def is_administrator(self) -> bool:
        """Administrators (and superusers) manage accounts: roles, staff status,
        superuser status, groups and permissions. Officers cannot."""
        return self.is_superuser or self.role == Role.ADMINISTRATOR
