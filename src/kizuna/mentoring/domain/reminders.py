"""The monthly check-in reminder of technology-transfer plans (run it daily from
the scheduler, or `kizuna plans_remind`; it reminds each plan once a month)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kizuna.accounts.enums import Role
from kizuna.accounts.models import User
from kizuna.common.i18n import LANGUAGES, format_date
from kizuna.mentoring.enums import PairingStatus
from kizuna.mentoring.models import Milestone, Plan, PlanReminder
from kizuna.organisations.enums import ConsentPurpose
from kizuna.organisations.models import ContactPerson, Organisation

REMINDER_AFTER_DAYS = 30

@dataclass
class RemindResult:
    plans: list[int] = field(default_factory=list)  # ids of the plans reminded
    emails: int = 0
    skipped_already_reminded: int = 0


def _language_of_org(org: Organisation) -> str:
    return {"TH": "th", "JP": "ja"}.get(org.country_id, "en")


def _recipients(org: Organisation, reps: dict[int, list]) -> list[tuple[str, str, str]]:
    """(e-mail, language, name) of the people who hear about `org`'s plan: its
    representatives, else its contact persons who consented to programme
    communication (PDPA / APPI; `programme_contacts`, prefetched by plans_remind)."""
    out = [(u.email, u.language or _language_of_org(org), u.get_full_name() or u.username)
           for u in reps.get(org.pk, []) if u.email]
    if not out:
        out = [(c.email, c.language or _language_of_org(org), c.name) for c in org.programme_contacts if c.email]
    return out


def _site_url(path: str) -> str:
    return getattr(settings, "KIZUNA_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def reminder_render(*, plan: Plan, own: Organisation, partner: Organisation, name: str, lang: str,
                    last_update: dt.datetime | None, next_milestone: Milestone | None) -> tuple[str, str]:
    """Subject and body of one check-in reminder, rendered in `lang`."""
    if lang not in LANGUAGES:
        lang = "en"
    with translation.override(lang):
        path = reverse("mentoring:plan", args=[plan.pk])
        context = {
            "name": name,
            "own": own.display_name(lang),
            "partner": partner.display_name(lang),
            "programme": plan.pairing.round.programme.name(lang),
            "last_update": format_date(timezone.localtime(last_update), lang) if last_update else "",
            "milestone": next_milestone.display_title() if next_milestone else "",
            "milestone_due": format_date(next_milestone.due, lang) if next_milestone else "",
            "url": _site_url(path),
        }
        subject = _("Monthly check-in: your technology-transfer plan with %(partner)s") % {"partner": context["partner"]}
        body = render_to_string("mentoring/plan_reminder_email.txt", context)
    return subject, body


def plans_remind(*, today: dt.date | None = None) -> RemindResult:
    """Send the monthly check-in reminder for every open plan with no update in the
    last 30 days, to both sides, each in its own language. A plan gets at most one
    reminder per calendar month (recorded as a PlanReminder), so running this
    daily, or twice, sends nothing more."""
    today = today or timezone.localdate()
    month = today.replace(day=1)
    cutoff = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=REMINDER_AFTER_DAYS), dt.time.min))
    candidates = (
        Plan.objects.filter(completed_at__isnull=True, pairing__status=PairingStatus.ACCEPTED)
        .annotate(last_update=Max("updates__created"))
        .annotate(last_activity=Coalesce("last_update", "created"))
        .filter(last_activity__lt=cutoff)
        .select_related("pairing__mentor", "pairing__mentee", "pairing__round__programme")
        .prefetch_related(*(
            Prefetch(f"pairing__{side}__contacts", to_attr="programme_contacts",
                     queryset=ContactPerson.objects.consenting(ConsentPurpose.PROGRAMME).order_by("name", "pk"))
            for side in ("mentor", "mentee")
        ))
        .order_by("pk")
    )
    result = RemindResult()
    plans = list(candidates)
    already = set(PlanReminder.objects.filter(month=month, plan__in=plans).values_list("plan_id", flat=True))
    plans = [p for p in plans if p.pk not in already]
    result.skipped_already_reminded = len(already)
    if not plans:
        return result
    org_ids = {p.pairing.mentor_id for p in plans} | {p.pairing.mentee_id for p in plans}
    reps: dict[int, list] = {}
    for user in User.objects.filter(organisation_id__in=org_ids, role=Role.COMPANY_REP, is_active=True).order_by("pk"):
        reps.setdefault(user.organisation_id, []).append(user)
    next_open = {}
    for m in Milestone.objects.filter(plan__in=plans, done_on__isnull=True).order_by("plan_id", "due", "order"):
        next_open.setdefault(m.plan_id, m)
    connection = get_connection()
    for plan in plans:
        pairing = plan.pairing
        messages = []
        for own, partner in ((pairing.mentor, pairing.mentee), (pairing.mentee, pairing.mentor)):
            for email, lang, name in _recipients(own, reps):
                subject, body = reminder_render(plan=plan, own=own, partner=partner, name=name, lang=lang,
                                                last_update=plan.last_update, next_milestone=next_open.get(plan.pk))
                messages.append(EmailMessage(subject, body, to=[email], connection=connection))
        try:
            with transaction.atomic():
                PlanReminder.objects.create(plan=plan, month=month, recipients=[m.to[0] for m in messages])
        except IntegrityError:  # another run reminded it meanwhile
            result.skipped_already_reminded += 1
            continue
        if messages:
            result.emails += connection.send_messages(messages) or 0
        result.plans.append(plan.pk)
    return result
