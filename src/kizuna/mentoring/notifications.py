"""Telling companies about their pairs, each in its own language: an e-mail to the
organisation's representatives and contact persons, and a notification in the
site for each representative. Every text is rendered inside
`translation.override(recipient's language)` from whole-sentence templates."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kizuna.accounts.enums import Role
from kizuna.accounts.models import User
from kizuna.common.i18n import LANGUAGES
from kizuna.mentoring.enums import NotificationKind, Side
from kizuna.mentoring.models import Notification, Pairing
from kizuna.organisations.enums import ConsentPurpose
from kizuna.organisations.models import ContactPerson, Organisation

COUNTRY_LANGUAGE = {"TH": "th", "JP": "ja"}


def organisation_language(org: Organisation) -> str:
    """The language to write to an organisation in when a person has not chosen one."""
    if org.description_language in LANGUAGES:
        return org.description_language
    return COUNTRY_LANGUAGE.get(org.country_id, "en")


def _recipients(org_ids: Iterable[int]):
    """Representatives (users) and the contact persons of each organisation who consented
    to programme communication, two queries."""
    users: dict[int, list[User]] = defaultdict(list)
    contacts: dict[int, list[ContactPerson]] = defaultdict(list)
    for u in User.objects.filter(organisation_id__in=org_ids, is_active=True, role=Role.COMPANY_REP):
        users[u.organisation_id].append(u)
    consenting = ContactPerson.objects.consenting(ConsentPurpose.PROGRAMME)
    for c in consenting.filter(organisation_id__in=org_ids).exclude(email=""):
        contacts[c.organisation_id].append(c)
    return users, contacts


def _site_url(path: str) -> str:
    return getattr(settings, "KIZUNA_SITE_URL", "").rstrip("/") + path


def _texts(kind: str, pairing: Pairing, side: str, lang: str, **extra) -> tuple[str, str, str]:
    """The subject, the e-mail body (with the page's full address) and the site's text
    (the same sentences without the address: the site shows the notice as a link)."""
    own = pairing.mentor if side == Side.MENTOR else pairing.mentee
    partner = pairing.mentee if side == Side.MENTOR else pairing.mentor
    context = {
        "own": own.display_name(lang),
        "partner": partner.display_name(lang),
        "programme": pairing.round.programme.name(lang),
        "number": pairing.round.number,
        "side": side,
        "url": _site_url(reverse("mentoring:pairing", args=[pairing.pk])),
        "reasons": (pairing.reasons or {}).get(lang, []),
        **extra,
    }
    with translation.override(lang):
        subject = render_to_string(f"mentoring/notification_{kind}_subject.txt", context).strip()
        body = render_to_string(f"mentoring/notification_{kind}_body.txt", context)
        text = render_to_string(f"mentoring/notification_{kind}_body.txt", {**context, "url": ""}).strip()
    return subject, body, text


def _notify(kind: str, items: list[tuple[Pairing, str]], **extra) -> int:
    """Notify the organisation on `side` of each pairing; returns e-mails sent."""
    org_ids = {(p.mentor_id if side == Side.MENTOR else p.mentee_id) for p, side in items}
    users, contacts = _recipients(org_ids)
    notes, mails = [], []
    rendered: dict[tuple[int, str, str], tuple[str, str]] = {}
    for pairing, side in items:
        org = pairing.mentor if side == Side.MENTOR else pairing.mentee
        fallback = organisation_language(org)

        def texts(lang: str, pairing: Pairing = pairing, side: str = side) -> tuple[str, str, str]:
            key = (pairing.pk, side, lang)
            if key not in rendered:
                rendered[key] = _texts(kind, pairing, side, lang, **extra)
            return rendered[key]

        seen: set[str] = set()
        for user in users.get(org.pk, []):
            subject, body, text = texts(user.language or fallback)
            notes.append(Notification(recipient=user, kind=kind, subject=subject[:300], body=text,
                                      url=reverse("mentoring:pairing", args=[pairing.pk]), pairing=pairing))
            if user.email and user.email.lower() not in seen:
                seen.add(user.email.lower())
                mails.append(EmailMessage(subject, body, to=[user.email]))
        for contact in contacts.get(org.pk, []):
            if contact.email.lower() in seen:
                continue
            seen.add(contact.email.lower())
            subject, body, _text = texts(contact.language or fallback)
            mails.append(EmailMessage(subject, body, to=[contact.email]))
    Notification.objects.bulk_create(notes, batch_size=1000)
    if mails:
        get_connection().send_messages(mails)
    return len(mails)


def notify_pair_published(pairings: Iterable[Pairing]) -> int:
    items = [(p, side) for p in pairings for side in (Side.MENTEE, Side.MENTOR)]
    return _notify(NotificationKind.PAIR_PUBLISHED, items)


def notify_pair_accepted(pairing: Pairing) -> int:
    return _notify(NotificationKind.PAIR_ACCEPTED, [(pairing, Side.MENTEE), (pairing, Side.MENTOR)])


def notify_pair_declined(pairing: Pairing, *, side: str) -> int:
    """Tell the other side, and the officer who opened the round, that `side` declined."""
    other = Side.MENTOR if side == Side.MENTEE else Side.MENTEE
    sent = _notify(NotificationKind.PAIR_DECLINED, [(pairing, other)], declined_by=side)
    officer = pairing.round.created_by
    if officer is not None:
        lang = officer.language or "en"
        with translation.override(lang):
            subject = _("%(company)s declined its pair in round %(number)s; you can re-run the round for this SME.") % {
                "company": (pairing.mentor if side == Side.MENTOR else pairing.mentee).display_name(lang),
                "number": pairing.round.number,
            }
        Notification.objects.create(
            recipient=officer, kind=NotificationKind.PAIR_DECLINED, subject=subject[:300],
            url=reverse("mentoring:round", args=[pairing.round_id]), pairing=pairing,
        )
    return sent


def notifications_unread(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_prune(*, read_before) -> int:
    """Delete the notifications read before `read_before` (retention); unread ones stay.
    Returns how many were deleted."""
    deleted, _ = Notification.objects.filter(read_at__lt=read_before).delete()
    return deleted


def notify_pairs_withdrawn(pairings: Iterable[Pairing]) -> int:
    """Tell both companies of each withdrawn pair (its row is already deleted) that the
    proposal was withdrawn, each in its language: a notice in the site for each
    representative and an e-mail to the representatives and consenting contact persons
    (the people the publication was sent to). Returns e-mails sent."""
    pairings = list(pairings)
    items = [(p, side) for p in pairings for side in (Side.MENTEE, Side.MENTOR)]
    users, contacts = _recipients({p.mentor_id if side == Side.MENTOR else p.mentee_id for p, side in items})
    notes, mails = [], []
    url = reverse("mentoring:pairings")
    for pairing, side in items:
        own = pairing.mentor if side == Side.MENTOR else pairing.mentee
        partner = pairing.mentee if side == Side.MENTOR else pairing.mentor

        def texts(lang: str, own=own, partner=partner, side=side, pairing=pairing) -> tuple[str, str]:
            context = {"own": own.display_name(lang), "partner": partner.display_name(lang), "side": side,
                       "programme": pairing.round.programme.name(lang), "number": pairing.round.number,
                       "url": _site_url(url)}
            with translation.override(lang):
                return (render_to_string("mentoring/notification_pair_withdrawn_subject.txt", context).strip(),
                        render_to_string("mentoring/notification_pair_withdrawn_body.txt", context))

        fallback = organisation_language(own)
        seen: set[str] = set()
        for user in users.get(own.pk, []):
            subject, body = texts(user.language or fallback)
            notes.append(Notification(recipient=user, kind=NotificationKind.PAIR_WITHDRAWN, subject=subject[:300],
                                      body=body, url=url))
            if user.email and user.email.lower() not in seen:
                seen.add(user.email.lower())
                mails.append(EmailMessage(subject, body, to=[user.email]))
        for contact in contacts.get(own.pk, []):
            if contact.email.lower() in seen:
                continue
            seen.add(contact.email.lower())
            subject, body = texts(contact.language or fallback)
            mails.append(EmailMessage(subject, body, to=[contact.email]))
    Notification.objects.bulk_create(notes, batch_size=1000)
    if mails:
        get_connection().send_messages(mails)
    return len(mails)
