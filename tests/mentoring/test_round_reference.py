"""A run scores with the reference data as officers keep it in the database."""

from __future__ import annotations

import pytest

from kizuna.engine.weights import AffinityWeights
from kizuna.mentoring.domain import rounds as rounds_domain
from kizuna.mentoring.domain import runs as runs_domain
from kizuna.mentoring.enums import RunStatus
from kizuna.organisations.models import Concept, IndustryGroup, Province

from .conftest import ONE_EACH

pytestmark = pytest.mark.django_db


def _sme1_pair(world, settings=ONE_EACH):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=settings)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    return run.proposals.get(mentee=world.mentees[0])


def test_an_officers_edit_of_an_industry_groups_related_concepts_changes_the_next_runs_scores(world):
    w = AffinityWeights()
    before = _sme1_pair(world)  # SME 1 (auto parts) needs predictive maintenance, which Mentor 1 offers
    assert before.mentor == world.mentors[0]
    assert before.breakdown["industry"] == pytest.approx(w.industry * w.related_industry)
    group = IndustryGroup.objects.get(code="auto_parts")
    group.related_concepts.remove(Concept.objects.get(code="predictive_maintenance"))
    after = _sme1_pair(world)
    assert after.mentor == world.mentors[0]
    assert after.breakdown["industry"] == 0.0
    assert after.score == pytest.approx(before.score - w.industry * w.related_industry)


def test_an_officers_new_synonym_finds_a_concept_in_a_description_in_the_next_run(world):
    mentor = world.mentors[0]
    mentor.technologies_offered.clear()
    mentor.technologies = []
    mentor.description = "ウチの得意はカイゼン保全です。"
    mentor.save()
    before = _sme1_pair(world)
    assert before.breakdown["concepts"] == 0.0
    concept = Concept.objects.get(code="predictive_maintenance")
    concept.synonyms = {**concept.synonyms, "ja": [*concept.synonyms.get("ja", []), "カイゼン保全"]}
    concept.save()
    after = _sme1_pair(world)
    assert after.mentor == mentor
    assert after.breakdown["concepts"] > 0.0
    assert "予知保全" in after.reasons["ja"][0]


def test_a_province_the_officer_marks_as_eec_brings_both_sides_into_the_corridor(world):
    sme, mentor = world.mentees[0], world.mentors[0]
    sme.province = Province.objects.get(code="TH-21")  # Rayong, in the EEC
    mentor.province = Province.objects.get(code="TH-22")  # Chanthaburi, not in the EEC
    sme.save()
    mentor.save()
    settings = {**ONE_EACH, "weights": {"geography": 0.05}}  # geography is 0 by default
    assert _sme1_pair(world, settings).breakdown["geography"] == 0.0
    Province.objects.filter(code="TH-22").update(eec=True)
    after = _sme1_pair(world, settings)
    w = AffinityWeights(geography=0.05)
    assert after.breakdown["geography"] == pytest.approx(w.geography * w.same_area)
    assert "Both are located in the Eastern Economic Corridor (EEC)." in after.reasons["en"]


def test_a_runs_stages_are_the_engines_stages_after_queued():
    from kizuna.engine.matching import STAGES
    from kizuna.mentoring.enums import RunStage

    assert [s for s in RunStage.values if s != RunStage.QUEUED] == list(STAGES)
