"""The Big Brother 2018 round as demo data, so a newcomer sees the whole flow at once.

`mentoring_demo_load()` runs after `kizuna demo` has loaded the organisations,
programmes and accounts (kizuna/programmes/demo.py). It opens the round of
big-brother-2018, runs it and publishes it through the rounds' domain functions
(domain.rounds, runs and pairings: the engine's affinity and proven-optimal assignment, checked),
so every Japanese mentor and Thai SME is matched; most pairs are then accepted by
both sides (pairing_respond, which creates the plans), gives the accepted pairs their plans with milestones done and
overdue, records a few outcomes (completing those plans), and registers one Thai
SME as mentor of a Vietnamese company. Dates are relative to `today`, so the demo
always looks under way. Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.test.utils import override_settings
from django.utils import timezone

from kizuna.accounts.enums import Role
from kizuna.accounts.models import User
from kizuna.mentoring.domain.clmv_links import clmv_link_create
from kizuna.mentoring.domain.pairings import pairing_respond, round_publish
from kizuna.mentoring.domain.plans import outcome_record, plan_create_for
from kizuna.mentoring.domain.rounds import round_open
from kizuna.mentoring.domain.runs import run_execute, run_start
from kizuna.mentoring.enums import PairingStatus, RunStatus, Side
from kizuna.mentoring.models import (
    CLMVLink,
    MatchingRound,
    Milestone,
    Pairing,
    Plan,
    PlanUpdate,
)
from kizuna.mentoring.queries.plans import programme_progress
from kizuna.organisations.domain import organisations_index
from kizuna.organisations.models import Concept, Country, Organisation
from kizuna.programmes.enums import ParticipationRole
from kizuna.programmes.models import Participation, Programme

PROGRAMME_CODE = "big-brother-2018"
ROUND_NUMBER = 1
VIETNAMESE_COMPANY = {
    "external_id": "demo-vn-dong-nai-precision",
    "kind": "company",
    "name": "Công ty TNHH Kỹ thuật Chính xác Đồng Nai",
    "name_en": "Dong Nai Precision Engineering Co., Ltd. (fictional)",
    "name_th": "บริษัท ด่งนาย พรีซิชั่น เอ็นจิเนียริ่ง จำกัด (สมมติ)",
    "name_ja": "ドンナイ精密エンジニアリング有限会社（架空）",
    "country_id": "VN",
    "languages": ["en"],
    "size": "small",
    "region_text": "Biên Hòa, Đồng Nai",
    "description_language": "en",
    "description": (
        "A fictional machining and stamping workshop in Bien Hoa that supplies brackets and housings to "
        "motorcycle assemblers and wants to monitor its presses and cut unplanned stops with IoT sensors.\n"
        "Xưởng gia công cơ khí và dập kim loại tại Biên Hòa, cung cấp giá đỡ và vỏ cho các nhà lắp ráp xe máy; "
        "muốn giám sát máy dập bằng cảm biến IoT để giảm thời gian dừng máy ngoài kế hoạch."
    ),
    "needed": ("iot", "machine_monitoring", "predictive_maintenance", "industrial_sensors"),
}
# days after both sides accepted that each default milestone falls due
MILESTONE_OFFSETS = (14, 60, 130, 200)
COMPLETED_EVERY, COMPLETED_AT = 15, 4  # pair index i with i % 15 == 4 completes its plan
OVERDUE_EVERY = 4  # every 4th plan under way leaves its latest past-due milestone open

UPDATES = {
    "ja": ("キックオフ会議を行い、工場のラインを一緒に確認しました。次回は現地診断です。",
           "センサーの設置場所を決め、試験導入の準備を進めています。"),
    "th": ("เราประชุมเริ่มโครงการกับพี่เลี้ยงแล้ว และตกลงเป้าหมายการลดเวลาเครื่องจักรหยุดร่วมกัน",
           "ทีมงานติดตั้งเซนเซอร์ทดลองในสายการผลิตแรกแล้ว กำลังเก็บข้อมูลเพื่อประเมินผล"),
    "en": ("We held the kick-off meeting and walked the line together; the on-site assessment is next.",
           "Sensors are placed on the first line and data collection for the evaluation has started."),
}


@dataclass
class MentoringDemoResult:
    created: bool = False
    pairs: int = 0
    accepted: int = 0
    completed: int = 0
    plans: int = 0
    overdue_milestones: int = 0
    outcomes: int = 0
    clmv_links: int = 0
    method: str = ""


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _language_of(org: Organisation) -> str:
    return {"TH": "th", "JP": "ja"}.get(org.country_id, "en")


def _officer() -> User:
    officer = User.objects.filter(role=Role.OFFICER).order_by("pk").first() or \
        User.objects.filter(is_superuser=True).order_by("pk").first()
    if officer is None:
        raise RuntimeError("The mentoring demo needs an officer account: run `kizuna demo` first.")
    return officer


@transaction.atomic
def mentoring_demo_load(*, today: dt.date | None = None, encoder: str = "use") -> MentoringDemoResult:
    """Create the 2018 round of Big Brother (see the module's docstring); idempotent."""
    today = today or timezone.localdate()
    result = MentoringDemoResult()
    programme = Programme.objects.filter(code=PROGRAMME_CODE).first()
    if programme is None:
        return result
    round_ = MatchingRound.objects.filter(programme=programme, number=ROUND_NUMBER).first()
    if round_ is None:
        result.created = True
        result.method = _round_create(programme, today=today, encoder=encoder)
    _clmv_link(programme, today=today)
    return _summary(programme, today, result)


def _round_create(programme: Programme, *, today: dt.date, encoder: str) -> str:
    """Open, run, publish and answer the round through the rounds' domain functions
    (the engine's affinity and proven-optimal assignment run inside run_execute);
    then set the dates relative to `today`. E-mails are not sent (in-site
    notifications are kept)."""
    officer = _officer()
    roles = dict(Participation.objects.filter(programme=programme).values_list("role").annotate(n=Count("id"))
                 .values_list("role", "n"))
    n_mentors, n_mentees = roles.get(ParticipationRole.MENTOR, 0), roles.get(ParticipationRole.MENTEE, 0)
    if not n_mentors or not n_mentees:
        return ""
    settings = {  # every mentor takes one SME; every SME gets one or two mentors
        "lo": 1 if n_mentors >= n_mentees else 0,
        "hi": max(1, math.ceil(n_mentors / n_mentees)),
        "capacity": max(1, math.ceil(n_mentees / n_mentors)),
        "encoder": encoder,
    }
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        round_ = round_open(programme=programme, actor=officer, settings=settings)
        run = run_start(round=round_, actor=officer)
        run_execute(run.pk)  # at once, whichever task backend is configured
        run.refresh_from_db()
        if run.status != RunStatus.DONE:
            raise RuntimeError(f"The demo round's run ended {run.status}: {run.message}")
        pairings = sorted(round_publish(round=round_, run=run, actor=officer),
                          key=lambda p: (p.mentee.external_id, p.mentor.external_id))
        answers = {}
        for i, pairing in enumerate(pairings):
            if i % 20 == 7:  # the SME has not answered yet
                pairing_respond(pairing=pairing, side=Side.MENTOR, accept=True, actor=officer)
            elif i % 20 == 13:  # the mentor declined
                pairing_respond(pairing=pairing, side=Side.MENTEE, accept=True, actor=officer)
                pairing_respond(pairing=pairing, side=Side.MENTOR, accept=False, actor=officer,
                                reason="今年度は社内の人員が不足しているため、辞退させていただきます。")
            else:
                pairing_respond(pairing=pairing, side=Side.MENTEE, accept=True, actor=officer)
                pairing_respond(pairing=pairing, side=Side.MENTOR, accept=True, actor=officer)
                answers[pairing.pk] = 260 if i % COMPLETED_EVERY == COMPLETED_AT else 20 + (i * 37) % 190
    published = _at(today - dt.timedelta(days=240))
    MatchingRound.objects.filter(pk=round_.pk).update(published_at=published)
    Pairing.objects.filter(round=round_).update(published_at=published)
    saved = {p.pk: p for p in Pairing.objects.filter(pk__in=answers).select_related("mentor", "mentee",
                                                                                       "round__programme")}
    open_index = 0
    for i, pairing in enumerate(pairings):
        if pairing.pk not in answers:
            continue
        pairing = saved[pairing.pk]
        pairing.accepted_at = _at(today - dt.timedelta(days=answers[pairing.pk]))
        Pairing.objects.filter(pk=pairing.pk).update(accepted_at=pairing.accepted_at)
        completes = i % COMPLETED_EVERY == COMPLETED_AT
        _plan_progress(pairing, today=today, officer=officer, completes=completes,
                       leave_overdue=not completes and open_index % OVERDUE_EVERY == 0, index=i)
        open_index += 0 if completes else 1
    return run.method


def _plan_progress(pairing: Pairing, *, today: dt.date, officer: User, completes: bool, leave_overdue: bool,
                   index: int) -> None:
    plan = plan_create_for(pairing=pairing)
    accepted = timezone.localdate(pairing.accepted_at)
    Plan.objects.filter(pk=plan.pk).update(created=pairing.accepted_at)
    milestones = list(plan.milestones.order_by("order"))
    for milestone, offset in zip(milestones, MILESTONE_OFFSETS, strict=True):
        milestone.due = accepted + dt.timedelta(days=offset)
    past = [m for m in milestones if m.due < today]
    keep_open = past[-1] if leave_overdue and past else None
    for m in milestones:
        if (completes or m.due < today) and m is not keep_open:
            m.done_on = min(m.due - dt.timedelta(days=2 + index % 5), today)
            m.done_by = officer
    Milestone.objects.bulk_update(milestones, ["due", "done_on", "done_by"])
    mentor_lang, mentee_lang = _language_of(pairing.mentor), _language_of(pairing.mentee)
    updates = [PlanUpdate(plan=plan, side=Side.MENTOR, text=UPDATES[mentor_lang][0],
                          created=_at(accepted + dt.timedelta(days=15)))]
    if index % 2 == 0:
        updates.append(PlanUpdate(plan=plan, side=Side.MENTEE, text=UPDATES[mentee_lang][1],
                                  created=_at(max(accepted + dt.timedelta(days=16), today - dt.timedelta(days=index % 45)))))
    PlanUpdate.objects.bulk_create(updates)
    if completes or index % 23 == 3:
        goals = list(plan.goals.all()[:2]) or list(pairing.mentor.technologies_offered.all()[:1])
        outcome_record(
            plan=plan, actor=officer, technologies=goals,
            productivity_name="Overall equipment effectiveness (OEE)", productivity_unit="%",
            productivity_before=f"{52 + index % 9}", productivity_after=f"{61 + index % 13}",
            investment_thb=f"{350000 + 25000 * (index % 7)}", jobs_created=index % 4, jobs_retained=12 + index % 30,
        )
        if completes:
            plan.refresh_from_db()
            Plan.objects.filter(pk=plan.pk).update(completed_at=_at(accepted + dt.timedelta(days=MILESTONE_OFFSETS[-1] + 5)))


def _clmv_link(programme: Programme, *, today: dt.date) -> None:
    """One Thai SME with a completed plan mentors a (fictional) Vietnamese company."""
    spec = dict(VIETNAMESE_COMPANY)
    needed = spec.pop("needed")
    external_id = spec.pop("external_id")
    existing = Organisation.objects.filter(external_id=external_id).first()
    if existing is not None and CLMVLink.objects.filter(mentee=existing).exists():
        return
    source = (Plan.objects.filter(pairing__round__programme=programme, completed_at__isnull=False)
              .select_related("pairing__mentee", "pairing__mentor").order_by("pairing__mentee__external_id").first())
    if source is None:
        return
    vn, created = Organisation.objects.get_or_create(
        external_id=external_id, defaults={**spec, "country": Country.objects.get(code="VN")}
    )
    if created:
        vn.technologies_needed.set(Concept.objects.filter(code__in=needed))
        vn.industry_group_id = source.pairing.mentee.industry_group_id
        vn.save(update_fields=["industry_group"])
        organisations_index([vn])
    link = clmv_link_create(
        mentor=source.pairing.mentee, mentee=vn, programme=programme, actor=_officer(),
        learned_from=source.pairing.mentor,
        note="Onward to CLMV phase: press monitoring with the sensors the SME adopted from its Japanese mentor.",
    )
    CLMVLink.objects.filter(pk=link.pk).update(created=_at(today - dt.timedelta(days=20)))


def _summary(programme: Programme, today: dt.date, result: MentoringDemoResult) -> MentoringDemoResult:
    """The demo's figures, counted exactly as the programme page counts them."""
    progress = programme_progress(programme, today=today)
    by_status = {status: n for status, _label, n in progress.pairs_by_status}
    result.pairs = progress.pairs_total
    result.accepted = by_status.get(PairingStatus.ACCEPTED, 0)
    result.completed = by_status.get(PairingStatus.COMPLETED, 0)
    result.plans = progress.plans
    result.overdue_milestones = progress.milestones_overdue
    result.outcomes = progress.outcomes
    result.clmv_links = progress.clmv_links
    return result
