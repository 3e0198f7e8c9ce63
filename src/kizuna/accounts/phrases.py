"""The sentences of the accounts domain's errors (personal data), by code (see
kizuna.common.errors)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ERRORS = {
    "person_already_erased": _("The personal data of this person was already erased on %(date)s."),
    "erasure_already_requested": _(
        "An erasure request for this person is already waiting for an officer (request %(number)s)."
    ),
    "erasure_request_decided": _("This erasure request was already decided: %(status)s."),
    "erasure_approver_is_requester": _(
        "Another officer must approve this erasure request: you filed it yourself."
    ),
    "erasure_subject_unknown": _("Name one person to erase: a contact person or a user, not both."),
}
