"""The Big Brother demo: the 2018 round matched by the engine, published, accepted,
carried out and finished in 2018-2019 with its outcomes and one CLMV link; and a
current round of this year under way, with milestones done and overdue (#9 item 14:
coherent dates)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.urls import reverse
from django.utils import timezone

from kizuna.accounts.enums import Role
from kizuna.mentoring.demo import PROGRAMME_CODE, VIETNAMESE_COMPANY, mentoring_demo_load
from kizuna.mentoring.models import (
    CLMVLink,
    MatchingRound,
    Milestone,
    Outcome,
    Pairing,
    Plan,
    PlanUpdate,
)
from kizuna.mentoring.queries.plans import overdue_milestones
from kizuna.organisations.models import Concept, IndustryGroup, Organisation
from kizuna.programmes.demo_data import PROGRAMMES
from kizuna.programmes.models import Participation, Phase, Programme

from .demo_checks import activity_dates, dates_outside

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def demo_base(db, user_factory):
    """What `kizuna demo` loads for Big Brother: the programme with its phases, 60
    Japanese mentors and 33 Thai SMEs in the 11 industry groups, and the accounts."""
    spec = next(p for p in PROGRAMMES if p["code"] == PROGRAMME_CODE)
    programme = Programme.objects.create(
        code=spec["code"], kind=spec["kind"], year=spec["year"],
        **{k: spec[k] for k in ("name_th", "name_ja", "name_en", "summary_th", "summary_ja", "summary_en")},
    )
    for order, (th, ja, en, starts, ends) in enumerate(spec["phases"], start=1):
        Phase.objects.create(programme=programme, order=order, name_th=th, name_ja=ja, name_en=en,
                             starts=starts, ends=ends)
    rng = random.Random(5)
    groups = list(IndustryGroup.objects.prefetch_related("related_concepts").order_by("code"))
    concepts = {c.code: c for c in Concept.objects.all()}
    mentees, mentors = [], []
    for i in range(33):
        group = groups[i % 11]
        related = [c.code for c in group.related_concepts.all()] or list(concepts)
        org = Organisation.objects.create(
            external_id=f"demo-th-{i:02d}", kind="company", name=f"บริษัท ทดสอบ {i} จำกัด", name_en=f"Thai SME {i}",
            country_id="TH", languages=["th"], industry_group=group, description_language="th",
            description=f"โรงงานกลุ่ม{group.label_th}ต้องการนำ IoT มาใช้",
        )
        org.technologies_needed.set([concepts["iot"], *(concepts[c] for c in rng.sample(related, 2))])
        mentees.append(org)
    for j in range(60):
        group = groups[j % 11]
        related = [c.code for c in group.related_concepts.all()] or list(concepts)
        org = Organisation.objects.create(
            external_id=f"demo-jp-{j:02d}", kind="company", name=f"テスト工業{j}株式会社", name_en=f"Test Kogyo {j}",
            country_id="JP", languages=["ja", "en"], industry_group=group, description_language="ja",
            description="IoTによる設備監視を中小企業に提供しています。",
        )
        org.technologies_offered.set([concepts["iot"], *(concepts[c] for c in rng.sample(related, 3))])
        mentors.append(org)
    Participation.objects.bulk_create(
        [Participation(programme=programme, organisation=o, role="mentee") for o in mentees]
        + [Participation(programme=programme, organisation=o, role="mentor") for o in mentors]
    )
    user_factory(username="officer", role=Role.OFFICER, is_staff=True, language="th")
    user_factory(username="sme", role=Role.COMPANY_REP, organisation=mentees[0], language="th")
    user_factory(username="mentor", role=Role.COMPANY_REP, organisation=mentors[0], language="ja")
    return programme


@pytest.fixture
def demo(demo_base, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the notices, dated after they are written
        return mentoring_demo_load(today=TODAY, encoder="none")


def test_demo_builds_the_finished_2018_round_and_a_current_round_once(demo, demo_base):
    # the 2018 round, matched by the engine: every mentor and every SME has a pair
    round_ = MatchingRound.objects.get(programme=demo_base)
    assert (round_.number, round_.status) == (1, "published")
    assert (round_.published_run.status, round_.published_run.method) == ("done", "min_cost_flow")
    pairs = Pairing.objects.filter(round=round_)
    assert pairs.count() == 60
    assert pairs.values("mentor").distinct().count() == 60
    assert pairs.values("mentee").distinct().count() == 33
    pair = pairs.order_by("pk").first()
    assert set(pair.reasons) == {"th", "ja", "en"} and pair.reasons["en"]
    # finished: every accepted pair carried its plan out, a few pairs were declined, nothing waits
    statuses = {s: pairs.filter(status=s).count() for s in ("published", "accepted", "declined", "completed")}
    assert statuses == {"published": 0, "accepted": 0, "declined": 6, "completed": 54}
    plans_2018 = Plan.objects.filter(pairing__round=round_)
    assert plans_2018.count() == plans_2018.filter(completed_at__isnull=False).count() == 54
    assert not Milestone.objects.filter(plan__in=plans_2018, done_on__isnull=True).exists()
    assert Outcome.objects.filter(plan__in=plans_2018).count() == 36
    figures = demo.of(PROGRAMME_CODE)
    assert (figures.pairs, figures.accepted, figures.completed, figures.overdue_milestones) == (60, 0, 54, 0)
    # its dates: B.E. 2561-2562, within the programme's phases
    assert dates_outside(demo_base, today=TODAY) == {}
    assert {d.year for days in activity_dates(demo_base).values() for d in days} == {2018, 2019}
    assert timezone.localdate(round_.published_at) == dt.date(2018, 7, 2)
    # one Thai SME mentors a Vietnamese company since mid-2019
    link = CLMVLink.objects.get()
    assert (link.mentor.country_id, link.mentee.country_id, link.learned_from.country_id) == ("TH", "VN", "JP")
    assert link.mentee.external_id == VIETNAMESE_COMPANY["external_id"]
    assert link.mentee.name == "Công ty TNHH Kỹ thuật Chính xác Đồng Nai"
    assert link.source_plan.completed_at < link.created
    assert Participation.objects.filter(programme=demo_base, organisation=link.mentor, role="mentor").exists()
    assert figures.clmv_links == 1
    # the current round: this year's programme, every third mentor and SME of 2018, under way
    current = Programme.objects.get(code=f"big-brother-{TODAY.year}")
    assert (current.year, current.phases.count()) == (2026, 4)
    roles = Participation.objects.filter(programme=current)
    assert (roles.filter(role="mentor").count(), roles.filter(role="mentee").count()) == (20, 11)
    now = Pairing.objects.filter(round__programme=current)
    assert now.count() == 20
    assert {s: now.filter(status=s).count() for s in ("published", "accepted", "declined", "completed")} == {
        "published": 3, "accepted": 16, "declined": 1, "completed": 0}
    overdue = overdue_milestones(today=TODAY)
    assert len(overdue) == demo.of(current.code).overdue_milestones == 6
    assert all(r.days_overdue > 0 and r.pairing.round.programme == current for r in overdue)
    assert dates_outside(current, today=TODAY) == {}
    assert Milestone.objects.filter(plan__pairing__round__programme=current, done_on__isnull=False).count() > 16
    assert PlanUpdate.objects.filter(side="mentor").count() == 54 + 16
    # running it again changes nothing
    counts = (Pairing.objects.count(), Plan.objects.count(), Milestone.objects.count(),
              PlanUpdate.objects.count(), Outcome.objects.count(), CLMVLink.objects.count(),
              Organisation.objects.count(), MatchingRound.objects.count(), Programme.objects.count(),
              Participation.objects.count())
    again = mentoring_demo_load(today=TODAY, encoder="none")
    assert not again.created
    assert (Pairing.objects.count(), Plan.objects.count(), Milestone.objects.count(),
            PlanUpdate.objects.count(), Outcome.objects.count(), CLMVLink.objects.count(),
            Organisation.objects.count(), MatchingRound.objects.count(), Programme.objects.count(),
            Participation.objects.count()) == counts


def test_demo_without_the_programme_does_nothing(db):
    assert mentoring_demo_load(today=TODAY, encoder="none").rounds == []
    assert MatchingRound.objects.count() == 0


def test_demo_pages_show_overdue_milestones_plans_and_the_chain(client, demo):
    client.login(username="officer", password="correct horse battery")
    response = client.get(reverse("mentoring:overdue"))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == len(overdue_milestones(today=timezone.localdate())) > 0
    html = response.content.decode()
    assert f'href="{reverse("mentoring:plan", args=[rows[0].plan.pk])}"' in html

    client.login(username="sme", password="correct horse battery")
    plans = list(client.get(reverse("mentoring:plans")).context["plans"])
    # the 2018 plans, completed, and the current one, under way
    assert {p.pairing.round.programme.code: p.is_completed for p in plans} == {
        PROGRAMME_CODE: True, f"big-brother-{TODAY.year}": False}
    assert client.get(reverse("mentoring:plan", args=[plans[0].pk])).status_code == 200

    client.login(username="mentor", password="correct horse battery")
    html = client.get(reverse("mentoring:programme", args=[PROGRAMME_CODE])).content.decode()
    assert html.count('data-kind="clmv"') == 1
    assert html.count('class="edge edge-') == 55  # 54 completed pairs + 1 CLMV link
