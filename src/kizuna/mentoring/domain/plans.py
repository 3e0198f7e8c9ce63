"""Technology-transfer plans: the functions that change them.

Every function is keyword-only, checks the actor's permission (rules in
rules_plans.py) and raises django's ValidationError with a message per field, in
the active language, when the input cannot be used; nothing is partly written.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kizuna.accounts.enums import Role
from kizuna.common.i18n import LANGUAGES, format_date
from kizuna.mentoring import rules_plans  # noqa: F401  (registers the permissions)
from kizuna.mentoring.enums import PairingStatus
from kizuna.mentoring.models import (
    CLMVLink,
    Milestone,
    MilestoneKind,
    Outcome,
    Pairing,
    Plan,
    PlanReminder,
    PlanUpdate,
    UpdateSide,
)
from kizuna.organisations.models import Concept, Organisation
from kizuna.programmes.enums import ParticipationRole, ProgrammeKind
from kizuna.programmes.models import Participation, Programme

DEFAULT_WINDOW_DAYS = 240
MIN_PHASE_DAYS = 28
# where the default milestones fall in the plan's window (0 = start, 1 = end)
DEFAULT_MILESTONE_POSITIONS = {
    MilestoneKind.KICK_OFF: 0.1,
    MilestoneKind.ASSESSMENT: 0.35,
    MilestoneKind.PILOT: 0.7,
    MilestoneKind.EVALUATION: 1.0,
}
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
REMINDER_AFTER_DAYS = 30

# extension -> (what the file starts with, a member its zip must hold, or None)
ATTACHMENT_TYPES: dict[str, tuple[bytes, str | None]] = {
    "pdf": (b"%PDF-", None),
    "png": (b"\x89PNG\r\n\x1a\n", None),
    "jpg": (b"\xff\xd8\xff", None),
    "jpeg": (b"\xff\xd8\xff", None),
    "xlsx": (b"PK\x03\x04", "xl/"),
    "docx": (b"PK\x03\x04", "word/"),
    "pptx": (b"PK\x03\x04", "ppt/"),
}


def _require(actor, perm: str, obj=None) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(perm)


def _today() -> dt.date:
    return timezone.localdate()


# --------------------------------------------------------------------------- plans
def _milestone_window(pairing: Pairing) -> tuple[dt.date, dt.date]:
    """The dates the default milestones spread over: from the day both sides
    accepted to the end of the programme phase under way then (or the next phase
    long enough), else DEFAULT_WINDOW_DAYS."""
    start = timezone.localdate(pairing.accepted_at) if pairing.accepted_at else _today()
    phases = sorted(
        (p for p in pairing.round.programme.phases.all() if p.starts and p.ends and p.ends > start),
        key=lambda p: (p.starts, p.order),
    )
    for phase in phases:
        begin = max(start, phase.starts)
        if (phase.ends - begin).days >= MIN_PHASE_DAYS:
            return begin, phase.ends
    return start, start + dt.timedelta(days=DEFAULT_WINDOW_DAYS)


@transaction.atomic
def plan_create_for(*, pairing: Pairing) -> Plan:
    """The plan of an accepted pair, created on first call with goals (the mentee's
    needed technologies that the mentor offers) and the four default milestones
    (kick-off, on-site assessment, pilot installation, evaluation) within the
    programme's phase dates. Calling it again returns the same plan unchanged."""
    existing = Plan.objects.filter(pairing=pairing).first()
    if existing is not None:
        return existing
    if pairing.status not in (PairingStatus.ACCEPTED, PairingStatus.COMPLETED):
        raise ValidationError(
            {"pairing": _("A technology-transfer plan is made only for a pair that both sides have accepted.")}
        )
    plan = Plan.objects.create(pairing=pairing)
    needed = set(pairing.mentee.technologies_needed.values_list("pk", flat=True))
    offered = set(pairing.mentor.technologies_offered.values_list("pk", flat=True))
    plan.goals.set(sorted(needed & offered))
    begin, end = _milestone_window(pairing)
    span = (end - begin).days
    Milestone.objects.bulk_create(
        Milestone(plan=plan, order=i, kind=kind, due=begin + dt.timedelta(days=round(span * position)))
        for i, (kind, position) in enumerate(DEFAULT_MILESTONE_POSITIONS.items(), start=1)
    )
    return plan


def plan_goals_set(*, plan: Plan, concepts, actor) -> list[Concept]:
    """Replace the plan's goals with `concepts` (Concept objects or codes)."""
    _require(actor, "mentoring.change_plan", plan)
    items = list(concepts)
    codes = [c for c in items if isinstance(c, str)]
    found = {c.code: c for c in Concept.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ValidationError(
            {"goals": _("These are not technologies of the taxonomy: %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    resolved = [found[c] if isinstance(c, str) else c for c in items]
    plan.goals.set(resolved)
    return resolved


def milestone_add(*, plan: Plan, actor, title: str, due: dt.date) -> Milestone:
    """A further milestone with its own title and due date."""
    _require(actor, "mentoring.change_plan", plan)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the milestone a title.")})
    if plan.is_completed:
        raise ValidationError({"plan": _("This plan is completed; its milestones can no longer change.")})
    order = (plan.milestones.aggregate(m=Max("order"))["m"] or 0) + 1
    return Milestone.objects.create(plan=plan, order=order, kind=MilestoneKind.OTHER, title=title[:200], due=due)


def milestone_reschedule(*, milestone: Milestone, actor, due: dt.date) -> Milestone:
    _require(actor, "mentoring.change_plan", milestone.plan)
    if milestone.is_done:
        raise ValidationError({"due": _("This milestone is already done; its due date can no longer change.")})
    milestone.due = due
    milestone.save(update_fields=["due"])
    return milestone


@transaction.atomic
def milestone_mark_done(*, milestone: Milestone, actor, done_on: dt.date | None = None) -> Milestone:
    """Mark `milestone` done on `done_on` (default today). Completes the plan, and
    the pair, when this was the last open milestone and the outcome is recorded."""
    _require(actor, "mentoring.change_plan", milestone.plan)
    done_on = done_on or _today()
    if done_on > _today():
        raise ValidationError({"done_on": _("A milestone cannot be marked done on a date in the future.")})
    milestone.done_on = done_on
    milestone.done_by = actor
    milestone.save(update_fields=["done_on", "done_by"])
    plan_complete_if_ready(plan=milestone.plan)
    return milestone


def _side_of(actor, plan: Plan) -> str:
    if actor.is_officer:
        return UpdateSide.OFFICER
    if actor.organisation_id == plan.pairing.mentor_id:
        return UpdateSide.MENTOR
    return UpdateSide.MENTEE


def attachment_validate(upload) -> None:
    """Raise ValidationError unless `upload` is at most 10 MB and really is a PDF,
    PNG, JPEG, XLSX, DOCX or PPTX file (its extension and its first bytes agree)."""
    name = getattr(upload, "name", "") or ""
    size = upload.size
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            {"attachment": _("The file %(name)s is %(size)s MB; an attachment can be at most 10 MB.")
             % {"name": name, "size": f"{size / (1024 * 1024):.1f}"}}
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ATTACHMENT_TYPES:
        raise ValidationError(
            {"attachment": _("The file %(name)s is not of an accepted type: attach a PDF, PNG, JPEG, XLSX, DOCX or PPTX file.")
             % {"name": name}}
        )
    magic, member = ATTACHMENT_TYPES[extension]
    upload.seek(0)
    head = upload.read(len(magic))
    ok = head == magic
    if ok and member is not None:
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                ok = any(n.startswith(member) for n in archive.namelist())
        except zipfile.BadZipFile:
            ok = False
    upload.seek(0)
    if not ok:
        raise ValidationError(
            {"attachment": _("The file %(name)s is not really a %(type)s file; attach the original document.")
             % {"name": name, "type": extension.upper()}}
        )


@transaction.atomic
def plan_update_post(*, plan: Plan, actor, text: str, attachment=None, posted_at: dt.datetime | None = None) -> PlanUpdate:
    """A status update from the actor's side (mentor, mentee or officer), with an
    optional attachment stored under MEDIA_ROOT/plans/<plan>/."""
    _require(actor, "mentoring.change_plan", plan)
    text = (text or "").strip()
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = _("Write what has happened since the last update.")
    if attachment is not None:
        try:
            attachment_validate(attachment)
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    update = PlanUpdate(plan=plan, author=actor, side=_side_of(actor, plan), text=text,
                        created=posted_at or timezone.now())
    if attachment is not None:
        update.attachment_name = attachment.name.rsplit("/", 1)[-1][:200]
        update.attachment.save(update.attachment_name, attachment, save=False)
    update.save()
    return update


def _non_negative(value, field_name: str, message: str, errors: dict) -> Decimal | int | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        errors[field_name] = _("Enter a number.")
        return None
    if not number.is_finite():
        errors[field_name] = _("Enter a number.")
        return None
    if number < 0:
        errors[field_name] = message
        return None
    return number


@transaction.atomic
def outcome_record(
    *,
    plan: Plan,
    actor,
    technologies=(),
    productivity_name: str = "",
    productivity_unit: str = "",
    productivity_before=None,
    productivity_after=None,
    investment_thb=None,
    jobs_created=None,
    jobs_retained=None,
) -> Outcome:
    """Record (or replace) the plan's outcome; completes the plan, and the pair,
    when every milestone is done."""
    _require(actor, "mentoring.change_plan", plan)
    errors: dict[str, str] = {}
    before = _non_negative(productivity_before, "productivity_before",
                           _("The productivity figure before cannot be negative."), errors)
    after = _non_negative(productivity_after, "productivity_after",
                          _("The productivity figure after cannot be negative."), errors)
    investment = _non_negative(investment_thb, "investment_thb", _("The investment cannot be negative."), errors)
    created = _non_negative(jobs_created, "jobs_created", _("The number of jobs created cannot be negative."), errors)
    retained = _non_negative(jobs_retained, "jobs_retained", _("The number of jobs retained cannot be negative."), errors)
    for key, number in (("jobs_created", created), ("jobs_retained", retained)):
        if number is not None and number != int(number):
            errors[key] = _("A number of jobs is a whole number.")
    has_before = productivity_before not in (None, "")
    has_after = productivity_after not in (None, "")
    if has_before != has_after:
        errors["productivity_after" if has_before else "productivity_before"] = _(
            "Give the productivity figure both before and after, or neither."
        )
    name, unit = (productivity_name or "").strip(), (productivity_unit or "").strip()
    if has_before and has_after and not (name and unit):
        errors["productivity_name"] = _("Name the productivity figure and its unit (for example: defect rate, %).")
    concepts = list(technologies)
    codes = [c for c in concepts if isinstance(c, str)]
    found = {c.code: c for c in Concept.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        errors["technologies"] = _("These are not technologies of the taxonomy: %(codes)s.") % {"codes": ", ".join(unknown)}
    if errors:
        raise ValidationError(errors)
    outcome, _created = Outcome.objects.update_or_create(
        plan=plan,
        defaults={
            "productivity_name": name[:200],
            "productivity_unit": unit[:50],
            "productivity_before": before,
            "productivity_after": after,
            "investment_thb": investment,
            "jobs_created": int(created) if created is not None else None,
            "jobs_retained": int(retained) if retained is not None else None,
            "recorded_by": actor,
        },
    )
    outcome.technologies.set([found[c] if isinstance(c, str) else c for c in concepts])
    plan_complete_if_ready(plan=plan)
    return outcome


def plan_complete_if_ready(*, plan: Plan) -> bool:
    """Complete the plan and mark its pair completed when every milestone is done
    and the outcome is recorded; True when the plan is (now) completed."""
    if plan.is_completed:
        return True
    if plan.milestones.filter(done_on__isnull=True).exists() or not Outcome.objects.filter(plan=plan).exists():
        return False
    plan.completed_at = timezone.now()
    plan.save(update_fields=["completed_at", "updated"])
    Pairing.objects.filter(pk=plan.pairing_id).update(status=PairingStatus.COMPLETED, updated=timezone.now())
    plan.pairing.status = PairingStatus.COMPLETED
    return True


# ------------------------------------------------------------------ reminders
@dataclass
class RemindResult:
    plans: list[int] = field(default_factory=list)  # ids of the plans reminded
    emails: int = 0
    skipped_already_reminded: int = 0


def _language_of_org(org: Organisation) -> str:
    return {"TH": "th", "JP": "ja"}.get(org.country_id, "en")


def _recipients(org: Organisation, reps: dict[int, list]) -> list[tuple[str, str, str]]:
    """(e-mail, language, name) of the people who hear about `org`'s plan: its
    representatives, else its contact persons."""
    out = [(u.email, u.language or _language_of_org(org), u.get_full_name() or u.username)
           for u in reps.get(org.pk, []) if u.email]
    if not out:
        out = [(c.email, c.language or _language_of_org(org), c.name) for c in org.contacts.all() if c.email]
    return out


def _site_url(path: str) -> str:
    return getattr(settings, "KIZUNA_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def reminder_render(*, plan: Plan, own: Organisation, partner: Organisation, name: str, lang: str,
                    last_update: dt.datetime | None, next_milestone: Milestone | None) -> tuple[str, str]:
    """Subject and body of one check-in reminder, rendered in `lang`."""
    if lang not in LANGUAGES:
        lang = "en"
    with translation.override(lang):
        try:
            path = reverse("mentoring:plan", args=[plan.pk])
        except NoReverseMatch:  # pragma: no cover - the pages are not wired
            path = f"/mentoring/plans/{plan.pk}/"
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
    from kizuna.accounts.models import User

    today = today or _today()
    month = today.replace(day=1)
    cutoff = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=REMINDER_AFTER_DAYS), dt.time.min))
    candidates = (
        Plan.objects.filter(completed_at__isnull=True, pairing__status=PairingStatus.ACCEPTED)
        .annotate(last_update=Max("updates__created"))
        .annotate(last_activity=Coalesce("last_update", "created"))
        .filter(last_activity__lt=cutoff)
        .select_related("pairing__mentor", "pairing__mentee", "pairing__round__programme")
        .prefetch_related("pairing__mentor__contacts", "pairing__mentee__contacts")
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


# ----------------------------------------------------------------- CLMV links
@transaction.atomic
def clmv_link_create(
    *,
    mentor: Organisation,
    mentee: Organisation,
    programme: Programme,
    actor,
    learned_from: Organisation | None = None,
    note: str = "",
) -> CLMVLink:
    """Register the Thai SME `mentor`, which completed its technology-transfer plan,
    as a mentor of the CLMV company `mentee` in `programme` (a mentoring programme
    of the same year as its plan or later), naming the Japanese mentor it learned
    from (default: the mentor of its most recently completed plan). Both take part
    in `programme`: the SME as mentor, the CLMV company as mentee."""
    _require(actor, "mentoring.add_clmvlink")
    errors: dict[str, str] = {}
    completed = list(
        Plan.objects.filter(pairing__mentee=mentor, completed_at__isnull=False)
        .select_related("pairing__mentor", "pairing__round__programme")
        .order_by("-completed_at", "-pk")
    )
    if mentor.country_id != "TH":
        errors["mentor"] = _(
            "Only a Thai company can be registered as a mentor to CLMV companies; %(organisation)s is in %(country)s."
        ) % {"organisation": mentor.display_name(), "country": mentor.country.label()}
    elif not completed:
        errors["mentor"] = _(
            "%(organisation)s has not completed a technology-transfer plan, so it cannot mentor other companies yet."
        ) % {"organisation": mentor.display_name()}
    if not mentee.country.clmv:
        errors["mentee"] = _(
            "%(organisation)s is in %(country)s, which is not a CLMV country (Cambodia, Laos, Myanmar or Vietnam)."
        ) % {"organisation": mentee.display_name(), "country": mentee.country.label()}
    if programme.kind != ProgrammeKind.MENTORING:
        errors["programme"] = _("%(programme)s is not a mentoring programme.") % {"programme": programme.name()}
    source = None
    if completed:
        if learned_from is None:
            source = completed[0]
        else:
            source = next((p for p in completed if p.pairing.mentor_id == learned_from.pk), None)
            if source is None:
                errors["learned_from"] = _(
                    "%(organisation)s did not complete a technology-transfer plan with %(mentor)s."
                ) % {"organisation": mentor.display_name(), "mentor": learned_from.display_name()}
        if source is not None and "programme" not in errors and programme.year < source.pairing.round.programme.year:
            errors["programme"] = _(
                "The onward round must be in %(year)s or later, after the plan that %(organisation)s completed."
            ) % {"year": source.pairing.round.programme.year, "organisation": mentor.display_name()}
    if not errors and CLMVLink.objects.filter(programme=programme, mentor=mentor, mentee=mentee).exists():
        errors["mentee"] = _("%(mentor)s already mentors %(mentee)s in %(programme)s.") % {
            "mentor": mentor.display_name(), "mentee": mentee.display_name(), "programme": programme.name(),
        }
    if errors:
        raise ValidationError(errors)
    link = CLMVLink.objects.create(
        programme=programme, mentor=mentor, mentee=mentee, learned_from=source.pairing.mentor,
        source_plan=source, note=(note or "").strip(), created_by=actor,
    )
    Participation.objects.get_or_create(programme=programme, organisation=mentor, role=ParticipationRole.MENTOR)
    Participation.objects.get_or_create(programme=programme, organisation=mentee, role=ParticipationRole.MENTEE)
    return link
