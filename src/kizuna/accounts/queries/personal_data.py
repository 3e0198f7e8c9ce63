"""Everything Kizuna holds about one person — a contact person of an organisation
or a user — as plain data (the personal-data export: JSON, the readable page and
the command read this), and the erasure requests."""

from __future__ import annotations

from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from kizuna.accounts.models import ErasureRequest, ErasureStatus, User
from kizuna.audit.queries import entries_about, entries_by, entry_row
from kizuna.organisations.models import ContactPerson

CONTACT_FIELDS = ["name", "title", "email", "phone"]
USER_FIELDS = ["username", "first_name", "last_name", "email"]


def subject_kind(subject) -> str:
    return "contact" if isinstance(subject, ContactPerson) else "user"


def subject_filter(subject) -> dict:
    return {subject_kind(subject): subject}


def erasure_of(subject) -> ErasureRequest | None:
    """The approved request that erased `subject`, if any."""
    return ErasureRequest.objects.filter(status=ErasureStatus.APPROVED, **subject_filter(subject)).first()


def erasure_requests(*, status: str | None = None) -> QuerySet[ErasureRequest]:
    qs = ErasureRequest.objects.select_related("contact__organisation", "user", "requested_by", "decided_by")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created", "-pk")


def erasure_requests_of(user: User) -> QuerySet[ErasureRequest]:
    """The requests a user filed or that are about them."""
    return erasure_requests().filter(user=user) | erasure_requests().filter(requested_by=user)


def _when(value):
    return value.isoformat() if value else None


def _contact(c: ContactPerson) -> dict:
    return {
        "id": c.pk, "name": c.name, "position": c.title, "email": c.email, "phone": c.phone,
        "language": c.language,
        "organisation": {"id": c.organisation_id, "name": c.organisation.name},
        "created": _when(c.created), "updated": _when(c.updated),
    }


def _consents(contacts) -> list[dict]:
    return [
        {"contact": c.pk, "purpose": k.purpose, "purpose_label": str(k.get_purpose_display()),
         "granted": k.granted, "recorded_at": _when(k.recorded_at), "source": k.source}
        for c in contacts for k in c.consents.order_by("purpose")
    ]


def _reminders_to(email: str) -> list[dict]:
    """The check-in reminders e-mailed to `email` (plans_remind keeps their recipients)."""
    from kizuna.mentoring.models import PlanReminder

    if not email:
        return []
    rows = (PlanReminder.objects.annotate(text=Cast("recipients", TextField()))
            .filter(text__icontains=email).order_by("month", "pk"))
    return [{"kind": "plan_reminder", "plan": r.plan_id, "month": r.month.isoformat(), "to": email}
            for r in rows if any(str(x).lower() == email.lower() for x in r.recipients)]


def contacts_of_user(user: User) -> list[ContactPerson]:
    """Contact records with the user's e-mail (the same person, listed by an organisation)."""
    if not user.email:
        return []
    return list(ContactPerson.objects.filter(email__iexact=user.email).select_related("organisation")
                .prefetch_related("consents").order_by("pk"))


def person_data(subject) -> dict:
    """What Kizuna holds about `subject` (ContactPerson or User), JSON-ready."""
    from kizuna.mentoring.models import Notification, PlanUpdate

    erasure = erasure_of(subject)
    out: dict = {
        "kind": subject_kind(subject), "id": subject.pk,
        "exported_at": timezone.now().isoformat(),
        "erased": _when(erasure.decided_at) if erasure else None,
    }
    if isinstance(subject, ContactPerson):
        contacts = [subject]
        out["profile"] = _contact(subject)
        others = (ContactPerson.objects.filter(email__iexact=subject.email).exclude(pk=subject.pk)
                  .select_related("organisation").order_by("pk")) if subject.email else []
        out["contact_records"] = [_contact(c) for c in others]
        out["notifications"] = []
        out["messages"] = _reminders_to(subject.email)
        out["plan_updates"] = []
        audit = entries_about([subject, *subject.consents.all()])
    else:
        contacts = contacts_of_user(subject)
        out["profile"] = {
            "id": subject.pk, "username": subject.username, "first_name": subject.first_name,
            "last_name": subject.last_name, "email": subject.email, "role": subject.role,
            "language": subject.language, "is_active": subject.is_active,
            "organisation": ({"id": subject.organisation_id, "name": subject.organisation.name}
                             if subject.organisation_id else None),
            "date_joined": _when(subject.date_joined), "last_login": _when(subject.last_login),
        }
        out["contact_records"] = [_contact(c) for c in contacts]
        out["notifications"] = [
            {"kind": n.kind, "subject": n.subject, "body": n.body, "url": n.url,
             "created": _when(n.created), "read_at": _when(n.read_at)}
            for n in Notification.objects.filter(recipient=subject).order_by("created", "pk")
        ]
        out["messages"] = _reminders_to(subject.email)
        out["plan_updates"] = [
            {"id": u.pk, "plan": u.plan_id, "side": u.side, "text": u.text, "created": _when(u.created)}
            for u in PlanUpdate.objects.filter(author=subject).order_by("created", "pk")
        ]
        audit = entries_about([subject, *contacts, *(k for c in contacts for k in c.consents.all())])
    out["consents"] = _consents(contacts)
    out["audit"] = [_jsonable(entry_row(e)) for e in audit]
    out["actions"] = [] if isinstance(subject, ContactPerson) else [
        _jsonable(entry_row(e)) for e in entries_by(subject)]
    out["erasure_requests"] = [
        {"id": r.pk, "status": r.status, "requested_at": _when(r.created), "decided_at": _when(r.decided_at)}
        for r in ErasureRequest.objects.filter(**subject_filter(subject)).order_by("pk")
    ]
    return out


def _jsonable(row: dict) -> dict:
    return {**row, "timestamp": _when(row["timestamp"])}
