"""The Big Brother 2018 round as demo data, so a newcomer sees the whole flow at once.

`mentoring_demo_load()` runs after `kizuna demo` has loaded the organisations,
programmes and accounts (kizuna/programmes/demo.py). It matches every Japanese
mentor and Thai SME of big-brother-2018 with the engine (affinity, then the
proven-optimal assignment, checked), publishes the round, has most pairs accepted
by both sides, gives the accepted pairs their plans with milestones done and
overdue, records a few outcomes (completing those plans), and registers one Thai
SME as mentor of a Vietnamese company. Dates are relative to `today`, so the demo
always looks under way. Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.utils import timezone

from kizuna.accounts.enums import Role
from kizuna.accounts.models import User
from kizuna.engine.affinity import AffinityModel
from kizuna.engine.assignment import AssignmentProblem, assignment_check, assignment_solve
from kizuna.engine.profiles import Profile
from kizuna.engine.taxonomy import countries_load, industry_groups_load, taxonomy_load
from kizuna.engine.text import LANGUAGES
from kizuna.mentoring.enums import PairingStatus, Response, RoundStatus
from kizuna.mentoring.models import (
    CLMVLink,
    MatchingRound,
    Milestone,
    Pairing,
    Plan,
    PlanUpdate,
    UpdateSide,
)
from kizuna.mentoring.plans_domain import clmv_link_create, outcome_record, plan_create_for
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


def _profile(org: Organisation, *, seeker: bool) -> Profile:
    concepts = org.technologies_needed.all() if seeker else org.technologies_offered.all()
    return Profile(
        id=str(org.pk),
        name=org.display_name("en"),
        country=org.country_id,
        languages=tuple(x for x in (org.languages or []) if x in LANGUAGES),
        industry_group=org.industry_group.code if org.industry_group_id else "",
        technologies=tuple(c.code for c in concepts),
        description=org.description,
        region=org.province.label_en if org.province_id else org.region_text,
        markets=tuple(c.code for c in org.countries_served.all()),
    )


def demo_match(mentees: list[Organisation], mentors: list[Organisation], *, encoder: object = "use"):
    """Affinity of every SME–mentor pair, then the proven-optimal assignment in
    which every mentor gets one SME and every SME one or two mentors (checked).
    Returns [(mentee, mentor, score, reasons {lang: [...]})] and the method used."""
    if encoder is not None:
        try:
            from kizuna.engine.encoder import encoder_get

            encoder = encoder_get(encoder) if isinstance(encoder, str) else encoder
        except Exception:  # the sentence model is optional: match on structure alone
            encoder = None
    model = AffinityModel(
        [_profile(o, seeker=True) for o in mentees],
        [_profile(o, seeker=False) for o in mentors],
        taxonomy=taxonomy_load(), groups=industry_groups_load(), countries=countries_load(), encoder=encoder,
    )
    n, m = len(mentees), len(mentors)
    s = np.repeat(np.arange(n), m)
    p = np.tile(np.arange(m), n)
    # a small floor makes every pair worth taking, so all places are used
    score = model.score_edges(s, p) + 0.01
    per_mentee = max(1, math.ceil(m / max(n, 1)))
    problem = AssignmentProblem(
        n_seekers=n, n_providers=m, seeker=s, provider=p, score=score,
        lo=np.full(n, 1 if m >= n else 0), hi=np.full(n, per_mentee),
        capacity=np.full(m, max(1, math.ceil(n / max(m, 1)))),
        seeker_ids=[o.external_id for o in mentees], provider_ids=[o.external_id for o in mentors],
    )
    result = assignment_solve(problem)
    assignment_check(problem, result)
    out = []
    for e in result.edges:
        i, j = int(s[e]), int(p[e])
        reasons = {lang: model.reasons(i, j, lang) for lang in LANGUAGES}
        out.append((mentees[i], mentors[j], float(score[e]), reasons))
    return out, result.method


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
def mentoring_demo_load(*, today: dt.date | None = None, encoder: object = "use") -> MentoringDemoResult:
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


def _round_create(programme: Programme, *, today: dt.date, encoder: object) -> str:
    officer = _officer()
    participants = Participation.objects.filter(programme=programme).select_related("organisation")
    related = ("technologies_needed", "technologies_offered", "countries_served")
    mentee_ids = [pt.organisation_id for pt in participants if pt.role == ParticipationRole.MENTEE]
    mentor_ids = [pt.organisation_id for pt in participants if pt.role == ParticipationRole.MENTOR]
    base = Organisation.objects.select_related("industry_group", "province").prefetch_related(*related)
    mentees = list(base.filter(pk__in=mentee_ids).order_by("external_id"))
    mentors = list(base.filter(pk__in=mentor_ids).order_by("external_id"))
    matched, method = demo_match(mentees, mentors, encoder=encoder)
    published = _at(today - dt.timedelta(days=240))
    round_ = MatchingRound.objects.create(
        programme=programme, number=ROUND_NUMBER, status=RoundStatus.PUBLISHED, created_by=officer,
        published_at=published,
        settings={"mentors_per_sme": [1, max(1, math.ceil(len(mentors) / max(len(mentees), 1)))],
                  "mentor_capacity": 1, "source": "demo", "method": method},
    )
    matched.sort(key=lambda t: (t[0].external_id, t[1].external_id))
    pairings = []
    for i, (mentee, mentor, score, reasons) in enumerate(matched):
        pairing = Pairing(round=round_, mentor=mentor, mentee=mentee, score=round(score, 6), reasons=reasons,
                          published_at=published)
        if i % 20 == 7:  # the SME has not answered yet
            pairing.mentor_response = Response.ACCEPTED
        elif i % 20 == 13:  # the mentor declined
            pairing.status = PairingStatus.DECLINED
            pairing.mentor_response, pairing.mentee_response = Response.DECLINED, Response.ACCEPTED
            pairing.mentor_reason = "今年度は社内の人員が不足しているため、辞退させていただきます。"
        else:
            days = 260 if i % COMPLETED_EVERY == COMPLETED_AT else 20 + (i * 37) % 190
            pairing.status = PairingStatus.ACCEPTED
            pairing.mentor_response = pairing.mentee_response = Response.ACCEPTED
            pairing.accepted_at = _at(today - dt.timedelta(days=days))
        pairings.append(pairing)
    Pairing.objects.bulk_create(pairings)
    saved = list(Pairing.objects.filter(round=round_).select_related("mentor", "mentee", "round__programme")
                 .order_by("mentee__external_id", "mentor__external_id"))
    open_index = 0
    for i, pairing in enumerate(saved):
        if pairing.status != PairingStatus.ACCEPTED:
            continue
        completes = i % COMPLETED_EVERY == COMPLETED_AT
        _plan_progress(pairing, today=today, officer=officer, completes=completes,
                       leave_overdue=not completes and open_index % OVERDUE_EVERY == 0, index=i)
        open_index += 0 if completes else 1
    return method


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
    updates = [PlanUpdate(plan=plan, side=UpdateSide.MENTOR, text=UPDATES[mentor_lang][0],
                          created=_at(accepted + dt.timedelta(days=15)))]
    if index % 2 == 0:
        updates.append(PlanUpdate(plan=plan, side=UpdateSide.MENTEE, text=UPDATES[mentee_lang][1],
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
        from kizuna.organisations.domain import organisations_index

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
    pairs = Pairing.objects.filter(round__programme=programme)
    result.pairs = pairs.count()
    result.accepted = pairs.filter(status=PairingStatus.ACCEPTED).count()
    result.completed = pairs.filter(status=PairingStatus.COMPLETED).count()
    result.plans = Plan.objects.filter(pairing__round__programme=programme).count()
    result.overdue_milestones = Milestone.objects.filter(
        plan__pairing__round__programme=programme, plan__completed_at__isnull=True, done_on__isnull=True, due__lt=today
    ).count()
    result.outcomes = Plan.objects.filter(pairing__round__programme=programme, outcome__isnull=False).count()
    result.clmv_links = CLMVLink.objects.filter(programme=programme).count()
    return result
