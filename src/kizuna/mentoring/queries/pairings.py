"""Reading published pairs: which pairs a user sees, one pair, the contact
details that a viewer may see of it, and the user's notifications."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from kizuna.accounts.enums import Role
from kizuna.accounts.models import User
from kizuna.audit.access import contacts_accessed
from kizuna.mentoring.enums import Side
from kizuna.mentoring.models import Notification, Pairing
from kizuna.organisations.enums import ConsentPurpose
from kizuna.organisations.models import ContactPerson, Organisation


def pairings_visible_to(user) -> QuerySet[Pairing]:
    """Pairs a user may see: all for officers and ministry viewers, own for companies."""
    qs = Pairing.objects.select_related("mentor", "mentee", "round__programme")
    if user.is_officer or getattr(user, "role", "") == "ministry_viewer":
        return qs
    if not user.organisation_id:
        return qs.none()
    return qs.filter(Q(mentor_id=user.organisation_id) | Q(mentee_id=user.organisation_id))


def reader_side(pairing: Pairing, user) -> str | None:
    """The side of `pairing` that `user` answers for: "mentor" or "mentee" for a
    representative of one of its companies, None for anyone else (officers, viewers)."""
    if getattr(user, "role", "") != Role.COMPANY_REP:
        return None
    return pairing.side_of(user.organisation_id)


def pairing_status_for(pairing: Pairing, user) -> str:
    """The pair's status as `user` reads it, in the active language: whose answer it
    waits for, from the reader's point of view (Pairing.status_label), on every page
    and in the API."""
    return pairing.status_label(reader_side(pairing, user))


def pairings_with_contacts(user) -> QuerySet[Pairing]:
    """The pairs `user` may see with both companies' contact persons, in the order
    they were made (the API's list)."""
    return (pairings_visible_to(user).prefetch_related("mentor__contacts__consents", "mentee__contacts__consents")
            .order_by("pk"))


def pairing_get(pk: int) -> Pairing:
    """One pair with both companies and its programme (Pairing.DoesNotExist if none)."""
    return Pairing.objects.select_related("mentor", "mentee", "round__programme").get(pk=pk)


@dataclass
class Contacts:
    """What a viewer may see of one company of a pair: its contact persons (name,
    English name, position, e-mail, phone, languages spoken) and the e-mail
    addresses of its active representatives. For officers and ministry viewers,
    `withheld` holds the ids of the persons the partner does not see (no consent
    to being shown to matched partners)."""

    side: str  # Side.MENTOR or Side.MENTEE
    organisation: Organisation
    people: list  # ContactPerson, with their consents prefetched
    representatives: list[str]
    withheld: frozenset[int] = frozenset()


def _contact_persons(org: Organisation) -> list[ContactPerson]:
    """The organisation's contact persons with their consents, first entered first
    (from the caller's prefetch of contacts__consents when there is one)."""
    if "contacts" in getattr(org, "_prefetched_objects_cache", {}):
        people = list(org.contacts.all())
    else:
        people = list(ContactPerson.objects.filter(organisation=org).prefetch_related("consents"))
    return sorted(people, key=lambda p: p.pk)


def pairing_contacts(*, pairing: Pairing, viewer: User) -> list[Contacts]:
    """The contact details `viewer` may see of `pairing`: none while the rules hide
    them (mentoring.view_partner_contacts); for a company of the pair, its partner's;
    for officers and ministry viewers, both companies' (mentor first). At most three
    queries per company, whatever their number of contacts (one when the caller
    prefetched contacts__consents, as pairings_with_contacts does). A company sees only the contact
    persons who consented to being shown to matched partners (ConsentPurpose.MATCHING);
    officers and ministry viewers, who run the programme, see all, with those the
    partner does not see marked. The page and the API show this, and only this:
    every read of a partner's contacts goes through here."""
    if not viewer.has_perm("mentoring.view_partner_contacts", pairing):
        return []
    own = pairing.side_of(viewer.organisation_id) if viewer.role == Role.COMPANY_REP else None
    sides = [(Side.MENTOR, pairing.mentor), (Side.MENTEE, pairing.mentee)]
    if own is not None:
        sides = [(side, org) for side, org in sides if side != own]
    out = []
    for side, org in sides:
        representatives = org.representatives.filter(is_active=True).exclude(email="").order_by("pk")
        people = _contact_persons(org)
        withheld = frozenset(p.pk for p in people if not p.has_consent(ConsentPurpose.MATCHING))
        if own is not None:
            people, withheld = [p for p in people if p.pk not in withheld], frozenset()
        out.append(Contacts(side=side, organisation=org, people=people, withheld=withheld,
                            representatives=list(representatives.values_list("email", flat=True))))
    # the audit log records who was shown whose contact details (PDPA / APPI)
    contacts_accessed(viewer=viewer, people=[p for c in out for p in c.people], via=f"pairing {pairing.pk}")
    return out


def notifications_of(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created", "-pk")


# ---------------------------------------------------------------------------
# What a publication will send, to whom


@dataclass
class PublishPreview:
    """What publishing a run would do now: the pairs it would publish (new), those it
    would not send again because they are already published in this round or already
    a pair in another round of the programme, those the participants' roles no longer
    allow, the companies that would be notified, and the token that a confirmation
    must carry (it changes whenever the pairs to publish change)."""

    run_id: int
    new: list
    known_in_round: list
    known_earlier: list
    not_allowed: list
    companies: list  # (organisation, side label key "mentor"/"mentee", new pairs) of each company notified
    token: str

    @property
    def total(self) -> int:
        return len(self.new) + len(self.known_in_round) + len(self.known_earlier) + len(self.not_allowed)

    @property
    def known(self) -> int:
        return len(self.known_in_round) + len(self.known_earlier)

    def counts(self) -> dict[str, int]:
        return {"pairs": self.total, "new": len(self.new), "known": self.known,
                "known_in_round": len(self.known_in_round), "known_earlier": len(self.known_earlier),
                "not_allowed": len(self.not_allowed), "companies": len({o.pk for o, _, _ in self.companies}),
                "mentors": sum(1 for _, side, _ in self.companies if side == Side.MENTOR),
                "mentees": sum(1 for _, side, _ in self.companies if side == Side.MENTEE)}


def publish_preview(rnd, run) -> PublishPreview:
    """What publishing `run` in `rnd` would send now (a few queries; the domain
    calls it again inside its lock, so what is published is what was previewed)."""
    from kizuna.mentoring.adapters import clmv_mentors_restricted, earlier_pairs

    proposals = list(run.proposals.select_related("mentor", "mentee", "mentee__country").order_by("-score", "pk"))
    in_round = set(rnd.pairings.values_list("mentor_id", "mentee_id"))
    earlier = {(m, e) for m, e, _ in earlier_pairs(rnd)}
    restricted = clmv_mentors_restricted(rnd, {p.mentor_id for p in proposals})
    new, known_in_round, known_earlier, not_allowed = [], [], [], []
    for p in proposals:
        pair = (p.mentor_id, p.mentee_id)
        if pair in in_round:
            known_in_round.append(p)
        elif pair in earlier:
            known_earlier.append(p)
        elif p.mentor_id == p.mentee_id or (p.mentor_id in restricted
                                             and not (p.mentee.country_id and p.mentee.country.clmv)):
            not_allowed.append(p)
        else:
            new.append(p)
    per_org = Counter()
    orgs = {}
    for p in new:
        per_org[(p.mentor_id, Side.MENTOR)] += 1
        per_org[(p.mentee_id, Side.MENTEE)] += 1
        orgs[p.mentor_id], orgs[p.mentee_id] = p.mentor, p.mentee
    companies = sorted(((orgs[oid], side, n) for (oid, side), n in per_org.items()),
                       key=lambda row: (row[1] != Side.MENTEE, row[0].display_name().casefold()))
    digest = hashlib.sha256(f"{run.pk}:{sorted((p.mentor_id, p.mentee_id) for p in new)}".encode()).hexdigest()
    return PublishPreview(run.pk, new, known_in_round, known_earlier, not_allowed, companies, digest[:20])


def notification_of(user, pk: int) -> Notification:
    """One notification of `user` (Notification.DoesNotExist for anyone else's)."""
    return Notification.objects.get(recipient=user, pk=pk)
