"""Technology-transfer plans: the functions that change them.

Every function is keyword-only and raises MentoringError with a problem per
field when the input cannot be used; nothing is partly written. Who may call them
is decided before, by the interfaces (the rules in mentoring/rules.py).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid
import zipfile
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from kizuna.common.errors import Problem
from kizuna.mentoring.domain.decisions import decision_record_outcome
from kizuna.mentoring.domain.errors import MentoringError
from kizuna.mentoring.enums import PLAN_UPDATE_OFFICER, PairingStatus, Side
from kizuna.mentoring.models import (
    Milestone,
    MilestoneKind,
    Outcome,
    Pairing,
    Plan,
    PlanUpdate,
)
from kizuna.organisations.models import Concept

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
MAX_ATTACHMENTS_PER_PLAN = 100
MAX_ATTACHMENT_NAME = 200  # characters of the uploaded name kept for display

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
        raise MentoringError("plan_pair_not_accepted", field="pairing")
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
    items = list(concepts)
    codes = [c for c in items if isinstance(c, str)]
    found = {c.code: c for c in Concept.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise MentoringError("concepts_unknown", field="goals", codes=", ".join(unknown))
    resolved = [found[c] if isinstance(c, str) else c for c in items]
    plan.goals.set(resolved)
    return resolved


def _plan_lock(plan: Plan, model, submission_key: uuid.UUID | None):
    """Lock the plan's row for the rest of the transaction (two additions at once
    run one after the other) and return what `model` already holds under
    `submission_key`, if anything: a form or request sent twice gets its first
    result back. A key used for another plan is refused."""
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    if submission_key is None:
        return None
    existing = model.objects.filter(submission_key=submission_key).first()
    if existing is not None and existing.plan_id != plan.pk:
        raise MentoringError("submission_key_other", field="submission_key")
    return existing


@transaction.atomic
def milestone_add(*, plan: Plan, actor, title: str, due: dt.date, submission_key: uuid.UUID | None = None) -> Milestone:
    """A further milestone with its own title and due date, numbered after the
    plan's last one. The same `submission_key` again returns the milestone it added."""
    title = (title or "").strip()
    if not title:
        raise MentoringError("milestone_title", field="title")
    if plan.is_completed:
        raise MentoringError("plan_completed", field="plan")
    existing = _plan_lock(plan, Milestone, submission_key)
    if existing is not None:
        return existing
    order = (plan.milestones.aggregate(m=Max("order"))["m"] or 0) + 1
    return Milestone.objects.create(plan=plan, order=order, kind=MilestoneKind.OTHER, title=title[:200], due=due,
                                    submission_key=submission_key)


def milestone_reschedule(*, milestone: Milestone, actor, due: dt.date) -> Milestone:
    if milestone.is_done:
        raise MentoringError("milestone_done_due", field="due")
    milestone.due = due
    milestone.save(update_fields=["due"])
    return milestone


@transaction.atomic
def milestone_mark_done(*, milestone: Milestone, actor, done_on: dt.date | None = None) -> Milestone:
    """Mark `milestone` done on `done_on` (default today). Completes the plan, and
    the pair, when this was the last open milestone (plan_complete_if_ready)."""
    done_on = done_on or _today()
    if done_on > _today():
        raise MentoringError("milestone_done_future", field="done_on")
    milestone.done_on = done_on
    milestone.done_by = actor
    milestone.save(update_fields=["done_on", "done_by"])
    plan_complete_if_ready(plan=milestone.plan)
    return milestone


def _side_of(actor, plan: Plan) -> str:
    if actor.is_officer:
        return PLAN_UPDATE_OFFICER
    if actor.organisation_id == plan.pairing.mentor_id:
        return Side.MENTOR
    return Side.MENTEE


def attachment_display_name(name: str) -> str:
    """The uploaded file's name as it is kept for display: without folders or
    control characters, cut to MAX_ATTACHMENT_NAME characters keeping its last
    extension, so that the name checked is the name kept."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().strip(".")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        return name[:MAX_ATTACHMENT_NAME]
    extension = extension[:10]
    return stem[: MAX_ATTACHMENT_NAME - len(extension) - 1] + "." + extension


def attachment_validate(upload) -> str:
    """The extension the attachment is stored with (pdf, png, jpg, jpeg, xlsx, docx,
    pptx); MentoringError unless `upload` is at most 10 MB and really is such a file:
    the extension of its name as kept (attachment_display_name) and its first bytes agree."""
    name = attachment_display_name(getattr(upload, "name", "") or "")
    size = upload.size
    if size > MAX_ATTACHMENT_BYTES:
        raise MentoringError("attachment_too_big", field="attachment", name=name, size=f"{size / (1024 * 1024):.1f}")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ATTACHMENT_TYPES:
        raise MentoringError("attachment_type", field="attachment", name=name)
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
        raise MentoringError("attachment_not_really", field="attachment", name=name, type=extension.upper())
    return extension


@transaction.atomic
def plan_update_post(*, plan: Plan, actor, text: str, attachment=None, posted_at: dt.datetime | None = None,
                     submission_key: uuid.UUID | None = None) -> PlanUpdate:
    """A status update from the actor's side (mentor, mentee or officer), with an
    optional attachment stored under MEDIA_ROOT/plans/<plan>/ with a random name
    and its checked extension (the uploaded name is kept for display only); at most
    MAX_ATTACHMENTS_PER_PLAN attachments per plan. The same `submission_key` again
    returns the update it posted."""
    text = (text or "").strip()
    problems = []
    extension = ""
    if not text:
        problems.append(MentoringError.problem("update_text", field="text"))
    if attachment is not None:
        try:
            extension = attachment_validate(attachment)
        except MentoringError as exc:
            problems.extend(exc.problems)
    if problems:
        raise MentoringError.of(problems)
    existing = _plan_lock(plan, PlanUpdate, submission_key)
    if existing is not None:
        return existing
    update = PlanUpdate(plan=plan, author=actor, side=_side_of(actor, plan), text=text,
                        created=posted_at or timezone.now(), submission_key=submission_key)
    if attachment is not None:
        if plan.updates.exclude(attachment="").count() >= MAX_ATTACHMENTS_PER_PLAN:
            raise MentoringError("attachment_count", field="attachment", limit=MAX_ATTACHMENTS_PER_PLAN)
        update.attachment_name = attachment_display_name(attachment.name)
        update.attachment.save(f"{uuid.uuid4().hex}.{extension}", attachment, save=False)
    update.save()
    return update


def _non_negative(value, field_name: str, negative: str, errors: dict[str, Problem]) -> Decimal | int | None:
    """`value` as a number of at least 0; otherwise a problem for `field_name`
    (code `negative` when it is below 0) goes into `errors`, and None comes back."""
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        number = None
    if number is None or not number.is_finite():
        errors[field_name] = MentoringError.problem("not_a_number", field=field_name)
        return None
    if number < 0:
        errors[field_name] = MentoringError.problem(negative, field=field_name)
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
    """Record (or replace) the plan's outcome, also after the plan is completed;
    completes the plan, and the pair, when every milestone is done."""
    errors: dict[str, Problem] = {}
    before = _non_negative(productivity_before, "productivity_before", "productivity_before_negative", errors)
    after = _non_negative(productivity_after, "productivity_after", "productivity_after_negative", errors)
    investment = _non_negative(investment_thb, "investment_thb", "investment_negative", errors)
    created = _non_negative(jobs_created, "jobs_created", "jobs_created_negative", errors)
    retained = _non_negative(jobs_retained, "jobs_retained", "jobs_retained_negative", errors)
    for key, number in (("jobs_created", created), ("jobs_retained", retained)):
        if number is not None and number != int(number):
            errors[key] = MentoringError.problem("jobs_whole", field=key)
    has_before = productivity_before not in (None, "")
    has_after = productivity_after not in (None, "")
    if has_before != has_after:
        key = "productivity_after" if has_before else "productivity_before"
        errors[key] = MentoringError.problem("productivity_both", field=key)
    name, unit = (productivity_name or "").strip(), (productivity_unit or "").strip()
    if has_before and has_after and not (name and unit):
        errors["productivity_name"] = MentoringError.problem("productivity_name", field="productivity_name")
    concepts = list(technologies)
    codes = [c for c in concepts if isinstance(c, str)]
    found = {c.code: c for c in Concept.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        errors["technologies"] = MentoringError.problem("concepts_unknown", field="technologies",
                                                        codes=", ".join(unknown))
    if errors:
        raise MentoringError.of(errors.values())
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
    decision_record_outcome(outcome=outcome, actor=actor)
    plan_complete_if_ready(plan=plan)
    return outcome


def plan_complete_if_ready(*, plan: Plan) -> bool:
    """Complete the plan, and mark its pair completed, once every milestone is done
    (a plan has at least one); True when the plan is (now) completed. The plan is
    completed on the day its last milestone was done (now, when that is today). The
    outcome may be recorded before or after: it is not a condition."""
    if plan.is_completed:
        return True
    milestones = plan.milestones.aggregate(open=Count("id", filter=Q(done_on__isnull=True)), last=Max("done_on"))
    if milestones["open"] or milestones["last"] is None:
        return False
    now = timezone.now()
    last = milestones["last"]
    plan.completed_at = now if last >= timezone.localdate(now) else timezone.make_aware(
        dt.datetime.combine(last, dt.time(17)))
    plan.save(update_fields=["completed_at", "updated"])
    Pairing.objects.filter(pk=plan.pairing_id).update(status=PairingStatus.COMPLETED, updated=now)
    plan.pairing.status = PairingStatus.COMPLETED
    return True
