"""Big Brother as demo data, so a newcomer sees the whole flow at once: the 2018
round, finished, and a current round under way.

`mentoring_demo_load()` runs after `kizuna demo` has loaded the organisations,
programmes and accounts (kizuna/programmes/demo.py). Both rounds go through the
rounds' domain functions (domain.rounds, runs and pairings: the engine's affinity
and proven-optimal assignment, checked, then publication and answers, which create
the plans; milestones are marked done with milestone_mark_done, which completes the
plans), and their dates are then set to when each thing happened:

- **The 2018 round (B.E. 2561)** of big-brother-2018 is finished: matched and
  published in July 2018, answered that month, every accepted pair's plan carried
  out between July 2018 and spring 2019 and completed, most with an outcome; in
  mid-2019 one Thai SME goes on to mentor a Vietnamese company (the CLMV phase).
  Every date of its activity lies within the programme's phases (2018-04 to 2019-12).
- **The current round** is round 1 of a programme of this year
  (big-brother-<year>, `current_programme_spec`), with every third mentor and SME
  of 2018: published some 200 days ago, a few answers still awaited, plans under
  way with some past-due milestones left open, so the overdue list is not empty.

Running it again changes nothing. E-mails are not sent (in-site notifications are
kept, dated when they were sent).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from kizuna.accounts.enums import Role
from kizuna.accounts.models import User
from kizuna.mentoring.domain.clmv_links import clmv_link_create
from kizuna.mentoring.domain.pairings import pairing_respond, round_publish
from kizuna.mentoring.domain.plans import milestone_mark_done, outcome_record, plan_create_for
from kizuna.mentoring.domain.rounds import round_open
from kizuna.mentoring.domain.runs import run_execute, run_start
from kizuna.mentoring.enums import LabelKind, NotificationKind, PairingStatus, RunStatus, Side
from kizuna.mentoring.models import (
    CLMVLink,
    LabelledDecision,
    MatchingRound,
    MatchingRun,
    Notification,
    Outcome,
    Pairing,
    Plan,
    PlanUpdate,
)
from kizuna.mentoring.queries.plans import programme_progress
from kizuna.organisations.demo import demo_contacts_create
from kizuna.organisations.domain import organisations_index
from kizuna.organisations.models import Concept, Country, Organisation
from kizuna.programmes.demo_data import current_programme_spec
from kizuna.programmes.enums import ParticipationRole
from kizuna.programmes.models import Participation, Phase, Programme

PROGRAMME_CODE = "big-brother-2018"
ROUND_NUMBER = 1
# the 2018 round: opened, run and published in the matching phase (June to mid-July 2018)
OPENED_2018 = dt.date(2018, 6, 18)
PUBLISHED_2018 = dt.date(2018, 7, 2)
ENROLLED_2018 = dt.date(2018, 5, 25)  # the participants were selected in the call phase
CLMV_LINKED_ON = dt.date(2019, 6, 14)  # in the "onward to CLMV" phase
# the current round was published this many days before today
CURRENT_PUBLISHED_DAYS_AGO = 200
CURRENT_COHORT_EVERY = 3  # every third mentor and SME of 2018 (in external-id order) takes part again
OVERDUE_EVERY = 3
NO_EMAIL = "django.core.mail.backends.dummy.EmailBackend"  # every third plan under way leaves its latest past-due milestone open

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

UPDATES = {
    "ja": ("キックオフ会議を行い、工場のラインを一緒に確認しました。次回は現地診断です。",
           "センサーの設置場所を決め、試験導入の準備を進めています。"),
    "th": ("เราประชุมเริ่มโครงการกับพี่เลี้ยงแล้ว และตกลงเป้าหมายการลดเวลาเครื่องจักรหยุดร่วมกัน",
           "ทีมงานติดตั้งเซนเซอร์ทดลองในสายการผลิตแรกแล้ว กำลังเก็บข้อมูลเพื่อประเมินผล"),
    "en": ("We held the kick-off meeting and walked the line together; the on-site assessment is next.",
           "Sensors are placed on the first line and data collection for the evaluation has started."),
}
DECLINE_REASONS = {
    Side.MENTOR: "今年度は社内の人員が不足しているため、辞退させていただきます。",
    Side.MENTEE: "ปีนี้บริษัทกำลังย้ายโรงงาน จึงยังไม่พร้อมรับการถ่ายทอดเทคโนโลยี",
}


@dataclass
class RoundFigures:
    """One programme's demo figures, counted exactly as its programme page counts them."""

    code: str = ""
    name: str = ""
    pairs: int = 0
    accepted: int = 0
    completed: int = 0
    plans: int = 0
    overdue_milestones: int = 0
    outcomes: int = 0
    clmv_links: int = 0


@dataclass
class MentoringDemoResult:
    created: bool = False
    method: str = ""
    rounds: list[RoundFigures] = field(default_factory=list)  # the 2018 round, then the current one

    def of(self, code: str) -> RoundFigures:
        return next(r for r in self.rounds if r.code == code)


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


def mentoring_demo_load(*, today: dt.date | None = None, encoder: str = "use") -> MentoringDemoResult:
    """Create the finished 2018 round and the current round of Big Brother (see the
    module's docstring) in one transaction; idempotent. No e-mail is sent, also
    not by the notices that go out once the transaction is committed."""
    with override_settings(EMAIL_BACKEND=NO_EMAIL), transaction.atomic():
        return _load(today=today, encoder=encoder)


def _load(*, today: dt.date | None, encoder: str) -> MentoringDemoResult:
    today = today or timezone.localdate()
    result = MentoringDemoResult()
    programme = Programme.objects.filter(code=PROGRAMME_CODE).first()
    if programme is None:
        return result
    if not MatchingRound.objects.filter(programme=programme, number=ROUND_NUMBER).exists():
        result.created = True
        result.method = _round_2018(programme, encoder=encoder)
    _clmv_link(programme)
    result.rounds.append(_figures(programme, today))
    current = _current_programme(programme, today=today)
    if current is not None:
        if not MatchingRound.objects.filter(programme=current, number=ROUND_NUMBER).exists():
            _round_current(current, today=today, encoder=encoder)
        result.rounds.append(_figures(current, today))
    return result


# ---------------------------------------------------------------- running a round
def _round_run(programme: Programme, *, officer: User, encoder: str) -> tuple[MatchingRound, MatchingRun, list]:
    """Open, run and publish round 1 of `programme` through the domain functions;
    the published pairs in a stable order."""
    counts = {role: Participation.objects.filter(programme=programme, role=role).count()
              for role in (ParticipationRole.MENTOR, ParticipationRole.MENTEE)}
    n_mentors, n_mentees = counts[ParticipationRole.MENTOR], counts[ParticipationRole.MENTEE]
    settings = {  # every mentor takes one SME; every SME gets one or two mentors
        "lo": 1 if n_mentors >= n_mentees else 0,
        "hi": max(1, math.ceil(n_mentors / n_mentees)),
        "capacity": max(1, math.ceil(n_mentees / n_mentors)),
        "encoder": encoder,
    }
    round_ = round_open(programme=programme, actor=officer, settings=settings)
    run = run_start(round=round_, actor=officer)
    run_execute(run.pk)  # at once, whichever task backend is configured
    run.refresh_from_db()
    if run.status != RunStatus.DONE:
        raise RuntimeError(f"The demo round's run ended {run.status}: {run.message}")
    pairings = sorted(round_publish(round=round_, run=run, actor=officer),
                      key=lambda p: (p.mentee.external_id, p.mentor.external_id))
    return round_, run, pairings


def _answer(pairing: Pairing, *, officer: User, answer: str) -> None:
    """"accept" (both sides), "pending" (the mentor accepted, the SME has not
    answered), "mentor_declines" or "sme_declines"."""
    if answer == "pending":
        pairing_respond(pairing=pairing, side=Side.MENTOR, accept=True, actor=officer)
    elif answer == "mentor_declines":
        pairing_respond(pairing=pairing, side=Side.MENTEE, accept=True, actor=officer)
        pairing_respond(pairing=pairing, side=Side.MENTOR, accept=False, actor=officer,
                        reason=DECLINE_REASONS[Side.MENTOR])
    elif answer == "sme_declines":
        pairing_respond(pairing=pairing, side=Side.MENTEE, accept=False, actor=officer,
                        reason=DECLINE_REASONS[Side.MENTEE])
    else:
        pairing_respond(pairing=pairing, side=Side.MENTEE, accept=True, actor=officer)
        pairing_respond(pairing=pairing, side=Side.MENTOR, accept=True, actor=officer)


def _date_round(round_: MatchingRound, run: MatchingRun, *, opened: dt.date, published: dt.date,
                answered: dict[int, dt.date], read: bool) -> None:
    """Put the round, its run, pairs, answers' decisions and notifications on the
    days they happened (`read`: the notifications have been read since)."""
    MatchingRound.objects.filter(pk=round_.pk).update(created=_at(opened, 9), updated=_at(published),
                                                      published_at=_at(published))
    MatchingRun.objects.filter(pk=run.pk).update(created=_at(published - dt.timedelta(days=7), 9),
                                                 started=_at(published - dt.timedelta(days=7), 9),
                                                 finished=_at(published - dt.timedelta(days=7), 9))
    Pairing.objects.filter(round=round_).update(created=_at(published), updated=_at(published),
                                                published_at=_at(published))
    for pk, day in answered.items():
        fields = {"updated": _at(day, 15)}
        if Pairing.objects.filter(pk=pk, accepted_at__isnull=False).exists():
            fields["accepted_at"] = _at(day, 15)
        Pairing.objects.filter(pk=pk).update(**fields)
    pairs = {p.pk: (p.mentor_id, p.mentee_id) for p in Pairing.objects.filter(pk__in=answered)}
    for pk, day in answered.items():
        mentor_id, mentee_id = pairs[pk]
        LabelledDecision.objects.filter(round=round_, mentor_id=mentor_id, mentee_id=mentee_id,
                                        kind__in=(LabelKind.ACCEPT, LabelKind.DECLINE)).update(created=_at(day, 15))
    transaction.on_commit(lambda: _date_notifications(round_.pk, published, answered, read=read))


def _date_notifications(round_id: int, published: dt.date, answered: dict[int, dt.date], *, read: bool) -> None:
    """After the notifications are written (they go out once the transaction is
    committed, after the answers'), date them when they were sent."""
    notes = Notification.objects.filter(pairing__round_id=round_id)
    notes.filter(kind=NotificationKind.PAIR_PUBLISHED).update(created=_at(published, 10))
    for pk, day in answered.items():
        notes.filter(pairing_id=pk).exclude(kind=NotificationKind.PAIR_PUBLISHED).update(created=_at(day, 15))
    if read:
        for note in notes.filter(read_at__isnull=True):
            Notification.objects.filter(pk=note.pk).update(read_at=note.created + dt.timedelta(days=1))


def _plan_redo(pairing: Pairing) -> Plan:
    """The pair's plan as it was made on the day both sides accepted (the answer
    made it today): its milestones fall within the programme's phases of then."""
    pairing = Pairing.objects.select_related("mentor", "mentee", "round__programme").get(pk=pairing.pk)
    Plan.objects.filter(pairing=pairing).delete()
    plan = plan_create_for(pairing=pairing)
    Plan.objects.filter(pk=plan.pk).update(created=pairing.accepted_at, updated=pairing.accepted_at)
    plan.pairing = pairing
    return plan


def _updates_post(plan: Plan, *, index: int, first: dt.date, last: dt.date) -> None:
    pairing = plan.pairing
    mentor_lang, mentee_lang = _language_of(pairing.mentor), _language_of(pairing.mentee)
    updates = [PlanUpdate(plan=plan, side=Side.MENTOR, text=UPDATES[mentor_lang][0], created=_at(first))]
    if index % 2 == 0 and last > first:
        day = first + dt.timedelta(days=1 + (index * 13) % max(1, (last - first).days))
        updates.append(PlanUpdate(plan=plan, side=Side.MENTEE, text=UPDATES[mentee_lang][1], created=_at(day, 14)))
    PlanUpdate.objects.bulk_create(updates)


# ---------------------------------------------------------------- the 2018 round
def _round_2018(programme: Programme, *, encoder: str) -> str:
    """The finished 2018 round (see the module's docstring)."""
    officer = _officer()
    Participation.objects.filter(programme=programme).update(created=_at(ENROLLED_2018), updated=_at(ENROLLED_2018))
    round_, run, pairings = _round_run(programme, officer=officer, encoder=encoder)
    answered = {}
    for i, pairing in enumerate(pairings):
        answer = {7: "sme_declines", 13: "mentor_declines"}.get(i % 20, "accept")
        _answer(pairing, officer=officer, answer=answer)
        answered[pairing.pk] = PUBLISHED_2018 + dt.timedelta(days=2 + (i * 7) % 12)
    _date_round(round_, run, opened=OPENED_2018, published=PUBLISHED_2018, answered=answered, read=True)
    for i, pairing in enumerate(pairings):
        if Pairing.objects.filter(pk=pairing.pk, status=PairingStatus.ACCEPTED).exists():
            _plan_2018(_plan_redo(pairing), officer=officer, index=i)
    return run.method


def _plan_2018(plan: Plan, *, officer: User, index: int) -> None:
    """Carry the plan out: every milestone done (a few days early, now and then a
    little late), which completes it; most plans record their outcome a week later."""
    accepted = timezone.localdate(plan.pairing.accepted_at)
    milestones = list(plan.milestones.order_by("order"))
    for n, m in enumerate(milestones):
        late = n == len(milestones) - 1 and index % 9 == 4
        done_on = m.due + dt.timedelta(days=9) if late else max(accepted, m.due - dt.timedelta(days=2 + index % 5))
        milestone_mark_done(milestone=m, actor=officer, done_on=done_on)
    plan.refresh_from_db()
    completed = timezone.localdate(plan.completed_at)
    _updates_post(plan, index=index, first=accepted + dt.timedelta(days=15), last=completed)
    if index % 3 != 1:
        goals = list(plan.goals.all()[:2]) or list(plan.pairing.mentor.technologies_offered.all()[:1])
        outcome = outcome_record(
            plan=plan, actor=officer, technologies=goals,
            productivity_name="Overall equipment effectiveness (OEE)", productivity_unit="%",
            productivity_before=f"{52 + index % 9}", productivity_after=f"{61 + index % 13}",
            investment_thb=f"{350000 + 25000 * (index % 7)}", jobs_created=index % 4, jobs_retained=12 + index % 30,
        )
        recorded = _at(completed + dt.timedelta(days=7), 11)
        Outcome.objects.filter(pk=outcome.pk).update(created=recorded, updated=recorded)
        LabelledDecision.objects.filter(round_id=plan.pairing.round_id, mentor_id=plan.pairing.mentor_id,
                                        mentee_id=plan.pairing.mentee_id,
                                        kind__in=(LabelKind.OUTCOME_GOOD, LabelKind.OUTCOME_POOR)).update(created=recorded)
    Plan.objects.filter(pk=plan.pk).update(updated=plan.completed_at)
    Pairing.objects.filter(pk=plan.pairing_id).update(updated=plan.completed_at)


def _clmv_link(programme: Programme) -> None:
    """One Thai SME with a completed plan mentors a (fictional) Vietnamese company, from June 2019."""
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
        demo_contacts_create([vn])
    link = clmv_link_create(
        mentor=source.pairing.mentee, mentee=vn, programme=programme, actor=_officer(),
        learned_from=source.pairing.mentor,
        note="Onward to CLMV phase: press monitoring with the sensors the SME adopted from its Japanese mentor.",
    )
    linked = _at(CLMV_LINKED_ON)
    CLMVLink.objects.filter(pk=link.pk).update(created=linked, updated=linked)
    Participation.objects.filter(programme=programme, organisation__in=[vn, source.pairing.mentee],
                                 created__gt=linked).update(created=linked, updated=linked)


# ---------------------------------------------------------------- the current round
def _current_programme(programme_2018: Programme, *, today: dt.date) -> Programme | None:
    """This year's Big Brother programme with its phases, and every third mentor and
    SME of the 2018 round as participants (the demo accounts' companies among them)."""
    published = today - dt.timedelta(days=CURRENT_PUBLISHED_DAYS_AGO)
    spec = current_programme_spec(published)
    programme, _ = Programme.objects.get_or_create(
        code=spec["code"],
        defaults={k: spec[k] for k in ("kind", "year", "name_th", "name_ja", "name_en", "summary_th", "summary_ja",
                                       "summary_en")},
    )
    if programme.phases.exists():
        return programme
    programme.agencies.set(programme_2018.agencies.all())
    for order, (th, ja, en, starts, ends) in enumerate(spec["phases"], start=1):
        Phase.objects.create(programme=programme, order=order, name_th=th, name_ja=ja, name_en=en,
                             starts=starts, ends=ends)
    pairs = Pairing.objects.filter(round__programme=programme_2018, round__number=ROUND_NUMBER)
    mentors = sorted(Organisation.objects.filter(pk__in=pairs.values("mentor_id")), key=lambda o: o.external_id)
    mentees = sorted(Organisation.objects.filter(pk__in=pairs.values("mentee_id")), key=lambda o: o.external_id)
    enrolled = _at(spec["phases"][0][3] + dt.timedelta(days=20))
    Participation.objects.bulk_create(
        [Participation(programme=programme, organisation=o, role=ParticipationRole.MENTOR)
         for o in mentors[::CURRENT_COHORT_EVERY]]
        + [Participation(programme=programme, organisation=o, role=ParticipationRole.MENTEE)
           for o in mentees[::CURRENT_COHORT_EVERY]]
    )
    Participation.objects.filter(programme=programme).update(created=enrolled, updated=enrolled)
    return programme


def _round_current(programme: Programme, *, today: dt.date, encoder: str) -> None:
    """Published CURRENT_PUBLISHED_DAYS_AGO days ago: a few answers awaited, one
    decline, plans under way with past milestones mostly done and some left overdue."""
    officer = _officer()
    published = today - dt.timedelta(days=CURRENT_PUBLISHED_DAYS_AGO)
    round_, run, pairings = _round_run(programme, officer=officer, encoder=encoder)
    answered = {}
    for i, pairing in enumerate(pairings):
        answer = {5: "pending", 9: "pending", 11: "mentor_declines"}.get(i % 12, "accept")
        _answer(pairing, officer=officer, answer=answer)
        answered[pairing.pk] = published + dt.timedelta(days=2 + (i * 7) % 20)
    _date_round(round_, run, opened=published - dt.timedelta(days=14), published=published, answered=answered,
                read=False)
    under_way = 0
    for i, pairing in enumerate(pairings):
        if not Pairing.objects.filter(pk=pairing.pk, status=PairingStatus.ACCEPTED).exists():
            continue
        plan = _plan_redo(pairing)
        accepted = timezone.localdate(plan.pairing.accepted_at)
        milestones = list(plan.milestones.order_by("order"))
        past = [m for m in milestones if m.due < today]
        keep_open = past[-1] if past and under_way % OVERDUE_EVERY == 0 else None
        for m in past:
            if m is not keep_open:
                milestone_mark_done(milestone=m, actor=officer,
                                    done_on=min(today, max(accepted, m.due - dt.timedelta(days=1 + i % 6))))
        _updates_post(plan, index=i, first=accepted + dt.timedelta(days=15), last=today - dt.timedelta(days=1))
        under_way += 1


def _figures(programme: Programme, today: dt.date) -> RoundFigures:
    """The demo's figures of `programme`, counted exactly as the programme page counts them."""
    progress = programme_progress(programme, today=today)
    by_status = {status: n for status, _label, n in progress.pairs_by_status}
    return RoundFigures(
        code=programme.code, name=programme.name(), pairs=progress.pairs_total,
        accepted=by_status.get(PairingStatus.ACCEPTED, 0), completed=by_status.get(PairingStatus.COMPLETED, 0),
        plans=progress.plans, overdue_milestones=progress.milestones_overdue, outcomes=progress.outcomes,
        clmv_links=progress.clmv_links,
    )
