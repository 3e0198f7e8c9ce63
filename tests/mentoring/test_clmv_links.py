"""Onward links: a Thai SME that completed its plan mentors a CLMV company."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kizuna.mentoring.domain.clmv_links import clmv_link_create
from kizuna.mentoring.domain.errors import MentoringError
from kizuna.mentoring.domain.plans import milestone_mark_done, outcome_record
from kizuna.mentoring.models import CLMVLink
from kizuna.programmes.models import Participation, Programme

from .conftest import make_org, make_pairing, problems_by_field


def complete(plan, actor):
    for m in plan.milestones.all():
        milestone_mark_done(milestone=m, actor=actor, done_on=m.due)
    outcome_record(plan=plan, actor=actor, technologies=["iot"])
    plan.refresh_from_db()
    return plan


@pytest.fixture
def completed_plan(plan, officer):
    return complete(plan, officer)


@pytest.fixture
def vietnamese(organisation_factory):
    return make_org(organisation_factory, country="VN", name="Dong Nai Precision")


@pytest.fixture
def later_programme(db):
    return Programme.objects.create(code="bb-2019", kind="mentoring", year=2019, name_th="พี่ช่วยน้อง 2562",
                                    name_ja="ビッグブラザー 2019", name_en="Big Brother 2019")


def errors_of(exc_info) -> dict:
    return problems_by_field(exc_info.value)


def test_clmv_link_registers_the_thai_sme_as_mentor_in_the_later_programme(
    completed_plan, vietnamese, later_programme, officer, mentee_org, mentor_org
):
    link = clmv_link_create(mentor=mentee_org, mentee=vietnamese, programme=later_programme, actor=officer,
                            note="Press monitoring")
    assert (link.mentor, link.mentee, link.learned_from, link.source_plan) == (
        mentee_org, vietnamese, mentor_org, completed_plan,
    )
    roles = set(Participation.objects.filter(programme=later_programme).values_list("organisation_id", "role"))
    assert roles == {(mentee_org.pk, "mentor"), (vietnamese.pk, "mentee")}


def test_clmv_link_takes_the_named_japanese_mentor(completed_plan, vietnamese, later_programme, officer,
                                                   mentee_org, mentor_org):
    link = clmv_link_create(mentor=mentee_org, mentee=vietnamese, programme=later_programme, actor=officer,
                            learned_from=mentor_org)
    assert link.learned_from == mentor_org


def test_clmv_link_needs_a_completed_plan(plan, vietnamese, later_programme, officer, mentee_org):
    with pytest.raises(MentoringError) as exc:
        clmv_link_create(mentor=mentee_org, mentee=vietnamese, programme=later_programme, actor=officer)
    assert errors_of(exc) == {
        "mentor": ["Siam Press Parts has not completed a technology-transfer plan, so it cannot mentor other companies yet."]
    }
    assert CLMVLink.objects.count() == 0


def test_clmv_link_mentor_must_be_thai(completed_plan, vietnamese, later_programme, officer, mentor_org):
    with pytest.raises(MentoringError) as exc:
        clmv_link_create(mentor=mentor_org, mentee=vietnamese, programme=later_programme, actor=officer)
    assert errors_of(exc) == {
        "mentor": ["Only a Thai company can be registered as a mentor to CLMV companies; Kaze Sensors is in Japan."]
    }


def test_clmv_link_mentee_must_be_in_a_clmv_country(completed_plan, organisation_factory, later_programme, officer,
                                                    mentee_org):
    singapore = make_org(organisation_factory, country="SG", name="Lion City Robotics")
    with pytest.raises(MentoringError) as exc:
        clmv_link_create(mentor=mentee_org, mentee=singapore, programme=later_programme, actor=officer)
    assert errors_of(exc) == {
        "mentee": ["Lion City Robotics is in Singapore, which is not a CLMV country (Cambodia, Laos, Myanmar or Vietnam)."]
    }


@pytest.mark.parametrize("country", ["KH", "LA", "MM", "VN"])
def test_clmv_link_accepts_each_clmv_country(completed_plan, organisation_factory, later_programme, officer,
                                             mentee_org, country):
    company = make_org(organisation_factory, country=country, name=f"Company in {country}")
    assert clmv_link_create(mentor=mentee_org, mentee=company, programme=later_programme, actor=officer).pk


def test_clmv_link_learned_from_must_be_a_mentor_of_a_completed_plan(
    completed_plan, vietnamese, later_programme, officer, mentee_org, organisation_factory
):
    other = make_org(organisation_factory, country="JP", name="Other Mentor KK")
    with pytest.raises(MentoringError) as exc:
        clmv_link_create(mentor=mentee_org, mentee=vietnamese, programme=later_programme, actor=officer,
                         learned_from=other)
    assert errors_of(exc) == {
        "learned_from": ["Siam Press Parts did not complete a technology-transfer plan with Other Mentor KK."]
    }


def test_clmv_link_programme_must_be_mentoring(completed_plan, vietnamese, officer, mentee_org):
    columbus = Programme.objects.create(code="col", kind="startup_matching", year=2019, name_th="c", name_ja="c",
                                        name_en="Columbus 2019")
    with pytest.raises(MentoringError) as exc:
        clmv_link_create(mentor=mentee_org, mentee=vietnamese, programme=columbus, actor=officer)
    assert errors_of(exc) == {"programme": ["Columbus 2019 is not a mentoring programme."]}


def test_clmv_link_programme_cannot_be_earlier_than_the_plan(completed_plan, vietnamese, officer, mentee_org):
    earlier = Programme.objects.create(code="bb-2017", kind="mentoring", year=2017, name_th="a", name_ja="a",
                                       name_en="Big Brother 2017")
    with pytest.raises(MentoringError) as exc:
        clmv_link_create(mentor=mentee_org, mentee=vietnamese, programme=earlier, actor=officer)
    assert errors_of(exc) == {
        "programme": ["The onward round must be in 2018 or later, after the plan that Siam Press Parts completed."]
    }


def test_clmv_link_cannot_be_registered_twice(completed_plan, vietnamese, later_programme, officer, mentee_org):
    clmv_link_create(mentor=mentee_org, mentee=vietnamese, programme=later_programme, actor=officer)
    with pytest.raises(MentoringError) as exc:
        clmv_link_create(mentor=mentee_org, mentee=vietnamese, programme=later_programme, actor=officer)
    assert errors_of(exc) == {"mentee": ["Siam Press Parts already mentors Dong Nai Precision in Big Brother 2019."]}


@pytest.mark.parametrize("who", ["mentee_rep", "viewer"])
def test_clmv_link_is_registered_by_officers_only(client, completed_plan, vietnamese, later_programme, mentee_org,
                                                  who, request):
    user = request.getfixturevalue(who)
    assert not user.has_perm("mentoring.add_clmvlink")
    client.force_login(user)
    response = client.post(reverse("mentoring:programme-clmv-new", args=[later_programme.code]),
                           {"mentor": mentee_org.pk, "mentee": vietnamese.pk})
    assert response.status_code == 403
    assert CLMVLink.objects.count() == 0


def test_clmv_link_in_the_same_programme_onward_phase_is_allowed(completed_plan, vietnamese, bb_programme, officer,
                                                                 mentee_org):
    link = clmv_link_create(mentor=mentee_org, mentee=vietnamese, programme=bb_programme, actor=officer)
    assert link.programme == bb_programme


def test_clmv_link_uses_the_latest_completed_plan_by_default(completed_plan, vietnamese, later_programme, officer,
                                                             mentee_org, organisation_factory, bb_round):
    from kizuna.mentoring.domain.plans import plan_create_for

    second_mentor = make_org(organisation_factory, country="JP", name="Second Mentor KK", offered=("iot",))
    second = complete(plan_create_for(pairing=make_pairing(bb_round, second_mentor, mentee_org)), officer)
    link = clmv_link_create(mentor=mentee_org, mentee=vietnamese, programme=later_programme, actor=officer)
    assert (link.source_plan, link.learned_from) == (second, second_mentor)
