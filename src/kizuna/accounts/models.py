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


class ErasureStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an officer")
    APPROVED = "approved", _("Erased")
    REFUSED = "refused", _("Refused")


class ErasureRequest(models.Model):
    """A request to erase the personal data of one person — a contact person of an
    organisation or a user — filed by the person (a user, for themselves) or by an
    officer on their behalf, and approved by another officer (PDPA / APPI). An
    approved request is the record that the person was erased."""

    contact = models.ForeignKey(
        "organisations.ContactPerson", verbose_name=_("contact person"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="erasure_requests",
    )
    user = models.ForeignKey(
        User, verbose_name=_("user"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="erasure_requests",
    )
    requested_by = models.ForeignKey(
        User, verbose_name=_("requested by"), null=True, on_delete=models.SET_NULL, related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ErasureStatus.choices,
                              default=ErasureStatus.PENDING)
    decided_by = models.ForeignKey(
        User, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)
    created = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contact__isnull=False, user__isnull=True)
                | models.Q(contact__isnull=True, user__isnull=False),
                name="erasure_one_subject",
            ),
            # one open request per person, and one erasure
            models.UniqueConstraint(fields=["contact"], condition=models.Q(status="pending"),
                                    name="erasure_one_pending_contact"),
            models.UniqueConstraint(fields=["user"], condition=models.Q(status="pending"),
                                    name="erasure_one_pending_user"),
            models.UniqueConstraint(fields=["contact"], condition=models.Q(status="approved"),
                                    name="erasure_once_contact"),
            models.UniqueConstraint(fields=["user"], condition=models.Q(status="approved"),
                                    name="erasure_once_user"),
        ]

    def __str__(self) -> str:
        return f"Erasure request #{self.pk}"

    @property
    def subject(self):
        return self.contact if self.contact_id else self.user
