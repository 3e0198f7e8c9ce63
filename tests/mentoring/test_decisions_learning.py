"""Decisions on pairs are kept as labelled examples with the score parts at the
time; the weights fit uses them, and an officer adopts a fit for a round."""

from __future__ import annotations

import pytest

from kizuna.engine.weights import AffinityWeights
from kizuna.mentoring.domain import decisions as decisions_domain
from kizuna.mentoring.domain import pairings as pairings_domain
from kizuna.mentoring.domain import rounds as rounds_domain
from kizuna.mentoring.domain import runs as runs_domain
from kizuna.mentoring.domain.errors import MentoringError
from kizuna.mentoring.enums import LabelKind
from kizuna.mentoring.models import LabelledDecision, Pairing, WeightFit
from kizuna.mentoring.queries.decisions import labelled_pairs

from .conftest import ONE_EACH

pytestmark = pytest.mark.django_db

DEFAULTS = AffinityWeights().to_dict()


@pytest.fixture
def proposed(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    return rnd, run


def _only(rnd, mentee, mentor) -> LabelledDecision:
    (decision,) = LabelledDecision.objects.filter(round=rnd, mentee=mentee, mentor=mentor)
    return decision


def test_lock_records_one_positive_decision_with_the_breakdown_of_its_proposal(world, proposed):
    rnd, run = proposed
    proposal = run.proposals.get(mentee=world.mentees[0])
    runs_domain.pair_lock(round=rnd, mentor=proposal.mentor, mentee=proposal.mentee, actor=world.officer)
    d = _only(rnd, proposal.mentee, proposal.mentor)
    assert (d.kind, d.label, d.actor) == (LabelKind.LOCK, 1, world.officer)
    assert d.breakdown == proposal.breakdown
    assert d.weights == DEFAULTS


def test_forbid_records_one_negative_decision_with_the_breakdown_of_its_proposal(world, proposed):
    rnd, run = proposed
    proposal = run.proposals.get(mentee=world.mentees[1])
    runs_domain.pair_forbid(round=rnd, mentor=proposal.mentor, mentee=proposal.mentee, actor=world.officer)
    d = _only(rnd, proposal.mentee, proposal.mentor)
    assert (d.kind, d.label) == (LabelKind.FORBID, -1)
    assert d.breakdown == proposal.breakdown


def test_swap_records_two_pairs_in_and_two_out(world, proposed):
    rnd, run = proposed
    a = run.proposals.get(mentee=world.mentees[0])
    b = run.proposals.get(mentee=world.mentees[1])
    runs_domain.pair_swap(first=a, second=b, actor=world.officer)
    kinds = {(d.mentee.name, d.mentor.name): (d.kind, d.label)
             for d in LabelledDecision.objects.filter(round=rnd).select_related("mentor", "mentee")}
    assert kinds == {("SME 1", "Mentor 2"): (LabelKind.SWAP_IN, 1), ("SME 2", "Mentor 1"): (LabelKind.SWAP_IN, 1),
                     ("SME 1", "Mentor 1"): (LabelKind.SWAP_OUT, -1), ("SME 2", "Mentor 2"): (LabelKind.SWAP_OUT, -1)}
    assert _only(rnd, world.mentees[0], world.mentors[0]).breakdown == a.breakdown


def test_accept_and_decline_each_record_one_decision_with_the_published_breakdown(world, proposed):
    rnd, run = proposed
    pairings_domain.round_publish(round=rnd, run=run, actor=world.officer)
    first = Pairing.objects.get(round=rnd, mentee=world.mentees[0])
    second = Pairing.objects.get(round=rnd, mentee=world.mentees[1])
    pairings_domain.pairing_respond(pairing=first, side="mentee", accept=True, actor=world.mentee_rep)
    pairings_domain.pairing_respond(pairing=second, side="mentor", accept=False, reason="  No capacity this year ",
                                    actor=world.officer)
    accepted = _only(rnd, first.mentee, first.mentor)
    declined = _only(rnd, second.mentee, second.mentor)
    assert (accepted.kind, accepted.label, accepted.reason) == (LabelKind.ACCEPT, 1, "")
    assert (declined.kind, declined.label, declined.reason) == (LabelKind.DECLINE, -1, "No capacity this year")
    assert accepted.breakdown == run.proposals.get(mentee=world.mentees[0]).breakdown
    assert declined.breakdown == second.breakdown
    assert LabelledDecision.objects.filter(round=rnd).count() == 2


def test_outcome_with_a_technology_adopted_is_a_good_decision(plan, officer):
    from kizuna.mentoring.domain.plans import outcome_record

    outcome_record(plan=plan, actor=officer, technologies=["iot"])
    (d,) = LabelledDecision.objects.all()
    assert (d.kind, d.label, d.mentee_id) == (LabelKind.OUTCOME_GOOD, 1, plan.pairing.mentee_id)
    outcome_record(plan=plan, actor=officer, technologies=[])
    assert LabelledDecision.objects.latest("pk").kind == LabelKind.OUTCOME_POOR


def test_labelled_pairs_keep_the_latest_decision_of_a_pair_with_parts_before_weighting(world, proposed):
    rnd, run = proposed
    proposal = run.proposals.get(mentee=world.mentees[0])
    runs_domain.pair_lock(round=rnd, mentor=proposal.mentor, mentee=proposal.mentee, actor=world.officer)
    runs_domain.pair_forbid(round=rnd, mentor=proposal.mentor, mentee=proposal.mentee, actor=world.officer)
    (pair,) = labelled_pairs(round=rnd)
    assert pair.label == -1
    assert pair.seeker == (rnd.pk, proposal.mentee_id)
    assert pair.parts["concepts"] == pytest.approx(proposal.breakdown["concepts"] / DEFAULTS["concepts"])


def test_a_fit_of_another_programme_cannot_be_adopted(world, proposed):
    from kizuna.programmes.models import Programme

    rnd, _run = proposed
    other = Programme.objects.create(code="bb-other", kind="mentoring", year=2019, name_th="อื่น", name_ja="他",
                                     name_en="Other")
    fit = WeightFit.objects.create(programme=other, decisions=100, weights={"concepts": 0.5},
                                   metrics={"learned": ["concepts"], "needed": 0})
    with pytest.raises(MentoringError) as exc:
        decisions_domain.round_weights_adopt(round=rnd, fit=fit, actor=world.officer)
    assert exc.value.problems[0].code == "fit_other_programme"


def test_a_fit_with_too_few_decisions_cannot_be_adopted(world, proposed):
    rnd, _run = proposed
    fit = decisions_domain.weights_fit_record(programme=world.programme, actor=world.officer)
    assert fit.metrics["needed"] > 0
    with pytest.raises(MentoringError) as exc:
        decisions_domain.round_weights_adopt(round=rnd, fit=fit, actor=world.officer)
    assert exc.value.problems[0].code == "fit_not_usable"
