"""Reading published pairs: which pairs a user sees, one pair, the contact
details that a viewer may see of it, and the user's notifications."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from kizuna.accounts.enums import Role
from kizuna.accounts.models import User
from kizuna.mentoring.enums import Side
from kizuna.mentoring.models import Notification, Pairing
from kizuna.organisations.enums import ConsentPurpose
from kizuna.organisations.models import Organisation


def pairings_visible_to(user) -> QuerySet[Pairing]:
    """Pairs a user may see: all for officers and ministry viewers, own for companies."""
    qs = Pairing.objects.select_related("mentor", "mentee", "round__programme")
    if user.is_officer or getattr(user, "role", "") == "ministry_viewer":
        return qs
    if not user.organisation_id:
        return qs.none()
    return qs.filter(Q(mentor_id=user.organisation_id) | Q(mentee_id=user.organisation_id))


def pairings_with_contacts(user) -> QuerySet[Pairing]:
    """The pairs `user` may see with both companies' contact persons, in the order
    they were made (the API's list)."""
    return pairings_visible_to(user).prefetch_related("mentor__contacts", "mentee__contacts").order_by("pk")


def pairing_get(pk: int) -> Pairing:
    """One pair with both companies and its programme (Pairing.DoesNotExist if none)."""
    return Pairing.objects.select_related("mentor", "mentee", "round__programme").get(pk=pk)


@dataclass
class Contacts:
    """What a viewer may see of one company of a pair: its contact persons and the
    e-mail addresses of its active representatives."""

    side: str  # Side.MENTOR or Side.MENTEE
    organisation: Organisation
    people: list  # ContactPerson
    representatives: list[str]


def pairing_contacts(*, pairing: Pairing, viewer: User) -> list[Contacts]:
    """The contact details `viewer` may see of `pairing`: none while the rules hide
    them (mentoring.view_partner_contacts); for a company of the pair, its partner's;
    for officers and ministry viewers, both companies' (mentor first). Two queries
    per company, whatever their number of contacts. A company sees only the contact
    persons who consented to being shown to matched partners (ConsentPurpose.MATCHING);
    officers and ministry viewers, who run the programme, see all. The page and the
    API show this."""
    if not viewer.has_perm("mentoring.view_partner_contacts", pairing):
        return []
    own = pairing.side_of(viewer.organisation_id) if viewer.role == Role.COMPANY_REP else None
    sides = [(Side.MENTOR, pairing.mentor), (Side.MENTEE, pairing.mentee)]
    if own is not None:
        sides = [(side, org) for side, org in sides if side != own]
    out = []
    for side, org in sides:
        representatives = org.representatives.filter(is_active=True).exclude(email="").order_by("pk")
        people = org.contacts.all() if own is None else org.contacts.consenting(ConsentPurpose.MATCHING)
        out.append(Contacts(side=side, organisation=org, people=list(people),
                            representatives=list(representatives.values_list("email", flat=True))))
    return out


def notifications_of(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created", "-pk")


def notification_of(user, pk: int) -> Notification:
    """One notification of `user` (Notification.DoesNotExist for anyone else's)."""
    return Notification.objects.get(recipient=user, pk=pk)
