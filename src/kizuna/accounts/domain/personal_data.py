"""A person's data on request (PDPA / APPI): the export, and erasure — filed by
the person (a user, for themselves) or an officer on their behalf, approved by
another officer.

Erasure anonymises the personal fields (names become "Erased person #id", e-mail,
phone and position are blanked, every consent is withdrawn), removes those
details from the audit log's older entries and from the reminders' recipient
lists, and deletes a user's site notifications; a user can no longer sign in.
The rows themselves stay, so that pairs, plans, history and counts still add up.
"""

from __future__ import annotations

from auditlog.context import disable_auditlog
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db import IntegrityError, transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone

from kizuna.accounts import phrases
from kizuna.accounts.models import ErasureRequest, ErasureStatus, User
from kizuna.accounts.queries.personal_data import (
    CONTACT_FIELDS,
    USER_FIELDS,
    erasure_of,
    person_data,
    subject_filter,
)
from kizuna.audit import domain as audit_domain
from kizuna.audit.access import contacts_accessed
from kizuna.common.errors import DomainError
from kizuna.common.i18n import format_date
from kizuna.organisations.models import ContactPerson


class PersonalDataError(DomainError):
    phrases = phrases.ERRORS


def erased_name(subject) -> str:
    return f"Erased person #{subject.pk}"


def personal_data_export(*, subject, actor, where: str | None = None) -> dict:
    """Everything Kizuna holds about `subject` (see queries.personal_data.person_data).
    Side effect: the audit log records that `actor` exported this person's data."""
    data = person_data(subject)
    if isinstance(subject, ContactPerson):
        contacts_accessed(viewer=actor, people=[subject], via="personal-data export", where=where or "export")
    else:
        from auditlog.models import LogEntry

        LogEntry.objects.log_create(
            subject, force_log=True, action=LogEntry.Action.ACCESS, changes={},
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            additional_data={"via": "personal-data export", "where": where or "export"},
        )
    return data


def _refuse_if_erased(subject) -> None:
    done = erasure_of(subject)
    if done is not None:
        raise PersonalDataError("person_already_erased", date=format_date(timezone.localtime(done.decided_at)))


def erasure_request_file(*, subject, requested_by: User, reason: str = "") -> ErasureRequest:
    """File a request to erase `subject` (ContactPerson or User). Refused if the
    person is already erased or a request for them is already waiting."""
    if not isinstance(subject, (ContactPerson, User)):
        raise PersonalDataError("erasure_subject_unknown")
    with transaction.atomic():
        _refuse_if_erased(subject)
        waiting = ErasureRequest.objects.filter(status=ErasureStatus.PENDING, **subject_filter(subject)).first()
        if waiting is not None:
            raise PersonalDataError("erasure_already_requested", number=waiting.pk)
        try:
            with transaction.atomic():
                return ErasureRequest.objects.create(requested_by=requested_by, reason=reason.strip(),
                                                     **subject_filter(subject))
        except IntegrityError:  # filed by someone else at the same moment
            waiting = ErasureRequest.objects.filter(status=ErasureStatus.PENDING, **subject_filter(subject)).first()
            raise PersonalDataError("erasure_already_requested", number=waiting.pk if waiting else "?") from None


def _locked_pending(request: ErasureRequest, actor: User) -> ErasureRequest:
    request = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ErasureStatus.PENDING:
        raise PersonalDataError("erasure_request_decided", status=str(request.get_status_display()))
    return request


def erasure_request_refuse(*, request: ErasureRequest, actor: User, note: str = "") -> ErasureRequest:
    """An officer refuses the request (e.g. the data is still needed by law)."""
    with transaction.atomic():
        request = _locked_pending(request, actor)
        request.status = ErasureStatus.REFUSED
        request.decided_by, request.decided_at, request.decision_note = actor, timezone.now(), note.strip()
        request.save()
    return request


def erasure_request_approve(*, request: ErasureRequest, actor: User) -> ErasureRequest:
    """An officer other than the one who filed it approves `request`: the person's
    personal fields are anonymised at once, in one transaction, and the erasure is
    recorded in the audit log. Two approvals at the same moment erase once: the
    request row is locked and the second finds it decided."""
    with transaction.atomic():
        request = _locked_pending(request, actor)
        if request.requested_by_id == actor.pk:
            raise PersonalDataError("erasure_approver_is_requester")
        subject = request.subject
        _refuse_if_erased(subject)
        if isinstance(subject, ContactPerson):
            _contact_erase(subject, request, actor)
        else:
            _user_erase(subject, request, actor)
        request.status = ErasureStatus.APPROVED
        request.decided_by, request.decided_at = actor, timezone.now()
        request.save()
    return request


def _reminders_forget(email: str) -> None:
    from kizuna.mentoring.models import PlanReminder

    if not email:
        return
    rows = PlanReminder.objects.annotate(text=Cast("recipients", TextField())).filter(text__icontains=email)
    for reminder in rows.select_for_update():
        kept = [audit_domain.ERASED if str(x).lower() == email.lower() else x for x in reminder.recipients]
        if kept != reminder.recipients:
            reminder.recipients = kept
            reminder.save(update_fields=["recipients"])


def _contact_erase(contact: ContactPerson, request: ErasureRequest, actor: User) -> None:
    contact = ContactPerson.objects.select_for_update().get(pk=contact.pk)
    old_name, old_email = contact.name, contact.email
    new = {"name": erased_name(contact), "title": "", "email": "", "phone": ""}
    with disable_auditlog():  # the erasure's own entry below carries no old values
        for name, value in new.items():
            setattr(contact, name, value)
        contact.save()
    consents = list(contact.consents.all())
    for consent in consents:  # logged as usual: withdrawn, and why
        consent.granted = False
        consent.source = f"erasure request {request.pk}"
        consent.save()
    _reminders_forget(old_email)
    audit_domain.entries_erase_details(obj=contact, fields=set(CONTACT_FIELDS), new_repr=new["name"],
                                       old_name=old_name, related=consents)
    audit_domain.erasure_record(obj=contact, fields=CONTACT_FIELDS, new_values=new, erasure_request=request,
                                approved_by=actor)


def _user_erase(user: User, request: ErasureRequest, actor: User) -> None:
    from kizuna.mentoring.models import Notification

    user = User.objects.select_for_update().get(pk=user.pk)
    old_username, old_email = user.username, user.email
    new = {"username": f"erased-{user.pk}", "first_name": erased_name(user), "last_name": "", "email": ""}
    with disable_auditlog():
        for name, value in new.items():
            setattr(user, name, value)
        user.is_active = False
        user.set_unusable_password()
        user.save()
    Notification.objects.filter(recipient=user).delete()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):  # the sign-in records by name
        model.objects.filter(username=old_username).delete()
    _reminders_forget(old_email)
    audit_domain.entries_erase_details(obj=user, fields=set(USER_FIELDS), new_repr=new["username"])
    audit_domain.actor_email_erase(user=user)
    audit_domain.erasure_record(obj=user, fields=[*USER_FIELDS, "is_active"],
                                new_values={**new, "is_active": False}, erasure_request=request, approved_by=actor)
