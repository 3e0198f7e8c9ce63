"""Transitions of a matching round: open, run, lock, forbid, swap, re-run with
minimal change, cancel, publish."""

from __future__ import annotations

import pytest
from django.core import mail

from kizuna.engine.weights import PARTS
from kizuna.mentoring.domain import pairings as pairings_domain
from kizuna.mentoring.domain import rounds as rounds_domain
from kizuna.mentoring.domain import runs as runs_domain
from kizuna.mentoring.domain.errors import MentoringError
from kizuna.mentoring.enums import DecisionKind, RoundStatus, RunStage, RunStatus
from kizuna.mentoring.models import MatchingRun, Notification, PairDecision, Pairing, Proposal

from .conftest import ONE_EACH, pairs_of

pytestmark = pytest.mark.django_db

BEST = {("SME 1", "Mentor 1"), ("SME 2", "Mentor 2"), ("SME 3", "Mentor 3")}


def test_round_open_takes_every_mentor_and_mentee_of_the_programme(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    assert rnd.number == 1
    assert rnd.status == RoundStatus.DRAFT
    assert sorted(rnd.participants.values_list("side", flat=True)) == ["mentee"] * 3 + ["mentor"] * 3
    assert rounds_domain.round_open(programme=world.programme, actor=world.officer).number == 2


def test_round_settings_refuse_minimum_above_maximum(world):
    with pytest.raises(MentoringError):
        rounds_domain.round_open(programme=world.programme, actor=world.officer, settings={"lo": 3, "hi": 1})


def test_run_proposes_the_obvious_pairs_with_reasons_in_three_languages(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    run.refresh_from_db()
    assert (run.status, run.stage, run.progress) == (RunStatus.DONE, RunStage.DONE, 100)
    assert pairs_of(run) == BEST
    p = run.proposals.get(mentee=world.mentees[0])
    assert set(p.reasons) == {"th", "ja", "en"}
    assert "Mentor 1" in p.reasons["en"][0] and "SME 1" in p.reasons["en"][0]
    assert p.reasons["th"][0] != p.reasons["en"][0]
    assert set(p.breakdown) == set(PARTS)
    assert p.score == pytest.approx(sum(p.breakdown.values()), abs=1e-5)
    assert run.objective == pytest.approx(sum(x.score for x in run.proposals.all()))
    assert run.bound >= run.objective - 1e-9
    assert run.unmatched == []
    rnd.refresh_from_db()
    assert rnd.status == RoundStatus.PROPOSED


def test_unmatched_participants_say_why(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer,
                            settings={**ONE_EACH, "lo": 0, "capacity": 1})
    m3 = rnd.participants.get(organisation=world.mentors[2])
    m3.capacity = 0
    m3.save()
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    run.refresh_from_db()
    whys = {(u["organisation"], u["side"], u["why"]) for u in run.unmatched}
    assert (world.mentors[2].pk, "mentor", "no_capacity") in whys
    assert (world.mentees[2].pk, "mentee", "capacity_taken") in whys


def test_lock_keeps_a_pair_the_solver_would_not_choose(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    runs_domain.run_start(round=rnd, actor=world.officer)
    runs_domain.pair_lock(round=rnd, mentor=world.mentors[1], mentee=world.mentees[0], actor=world.officer)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    run.refresh_from_db()
    assert ("SME 1", "Mentor 2") in pairs_of(run)
    assert run.proposals.get(mentee=world.mentees[0]).locked is True


def test_forbid_removes_a_pair_from_the_next_run(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    runs_domain.run_start(round=rnd, actor=world.officer)
    runs_domain.pair_forbid(round=rnd, mentor=world.mentors[0], mentee=world.mentees[0], actor=world.officer)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    run.refresh_from_db()
    assert ("SME 1", "Mentor 1") not in pairs_of(run)
    assert len(pairs_of(run)) == 3


def test_swap_exchanges_mentors_by_locking_new_pairs_and_forbidding_old_ones(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    first_run = runs_domain.run_start(round=rnd, actor=world.officer)
    a = first_run.proposals.get(mentee=world.mentees[0])
    b = first_run.proposals.get(mentee=world.mentees[1])
    runs_domain.pair_swap(first=a, second=b, actor=world.officer)
    kinds = {(d.mentee.name, d.mentor.name): d.kind for d in PairDecision.objects.filter(round=rnd).select_related("mentor", "mentee")}
    assert kinds == {("SME 1", "Mentor 2"): DecisionKind.LOCK, ("SME 2", "Mentor 1"): DecisionKind.LOCK,
                     ("SME 1", "Mentor 1"): DecisionKind.FORBID, ("SME 2", "Mentor 2"): DecisionKind.FORBID}
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    run.refresh_from_db()
    assert pairs_of(run) == {("SME 1", "Mentor 2"), ("SME 2", "Mentor 1"), ("SME 3", "Mentor 3")}
    assert run.changed == 2  # two SMEs got a new mentor: two changes, as the comparison lists them


def test_rerun_without_new_decisions_changes_no_pair(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    first = runs_domain.run_start(round=rnd, actor=world.officer)
    second = runs_domain.run_start(round=rnd, actor=world.officer)
    second.refresh_from_db()
    assert second.previous_id == first.pk
    assert second.changed == 0
    assert pairs_of(second) == pairs_of(first)


def test_rerun_with_ties_keeps_the_previous_pairs(world):
    """Two mentors offer the same thing: the re-run keeps whichever the first run chose."""
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer,
                            settings={"lo": 1, "hi": 1, "capacity": 3, "encoder": "none"})
    first = runs_domain.run_start(round=rnd, actor=world.officer)
    runs_domain.pair_forbid(round=rnd, mentor=world.mentors[2], mentee=world.mentees[2], actor=world.officer)
    second = runs_domain.run_start(round=rnd, actor=world.officer)
    second.refresh_from_db()
    assert second.changed == 1  # only SME 3's mentor was replaced: one change
    assert pairs_of(first) - pairs_of(second) == {("SME 3", "Mentor 3")}


def test_cancel_before_the_worker_starts_ends_the_run_with_nothing_saved(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = MatchingRun.objects.create(round=rnd, number=1, settings=rnd.effective_settings())
    runs_domain.run_cancel(run=run, actor=world.officer)
    assert runs_domain.run_execute(run.pk) == RunStatus.CANCELLED
    run.refresh_from_db()
    assert run.status == RunStatus.CANCELLED
    assert run.proposals.count() == 0


class CancellingEncoder:
    """Asks for cancellation while the texts are being encoded (as an officer
    pressing Cancel during a long run would)."""

    dim = 8

    def __init__(self, run_id):
        self.run_id = run_id

    def encode(self, texts):
        import numpy as np

        runs_domain.run_cancel(run=MatchingRun.objects.get(pk=self.run_id), actor=None)
        return np.ones((len(texts), self.dim), dtype="float32") / np.sqrt(self.dim)


def test_cancel_during_a_run_stops_it_and_saves_no_proposal(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = MatchingRun.objects.create(round=rnd, number=1, settings=rnd.effective_settings())
    assert runs_domain.run_execute(run.pk, encoder=CancellingEncoder(run.pk)) == RunStatus.CANCELLED
    run.refresh_from_db()
    assert (run.status, run.stage, run.cancel_requested) == (RunStatus.CANCELLED, RunStage.ENCODING, True)
    assert Proposal.objects.filter(run=run).count() == 0


def test_infeasible_settings_end_the_run_failed_with_the_reason_in_each_language(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer,
                            settings={"lo": 2, "hi": 2, "capacity": 1, "encoder": "hash"})
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert set(run.error) == {"th", "ja", "en"}
    assert run.proposals.count() == 0


def test_second_run_cannot_start_while_one_is_active(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    MatchingRun.objects.create(round=rnd, number=1, status=RunStatus.RUNNING)
    with pytest.raises(MentoringError):
        runs_domain.run_start(round=rnd, actor=world.officer)


def test_progress_is_recorded_at_every_stage(world, monkeypatch):
    seen = []
    original = MatchingRun.objects.filter

    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = MatchingRun.objects.create(round=rnd, number=1, settings=rnd.effective_settings())
    from kizuna.engine.matching import match_compute as real


    def spy(*args, progress, **kwargs):
        def record(stage, percent, message):
            seen.append((stage, percent))
            progress(stage, percent, message)
        return real(*args, progress=record, **kwargs)

    monkeypatch.setattr(runs_domain, "match_compute", spy)
    runs_domain.run_execute(run.pk)
    stages = list(dict.fromkeys(s for s, _ in seen))
    assert stages == [RunStage.ENCODING, RunStage.SCORING, RunStage.SOLVING, RunStage.EXPLAINING]
    percents = [p for _, p in seen]
    assert percents == sorted(percents)
    assert original is not None


def test_publish_creates_pairings_and_notifies_each_company_in_its_language(world, django_capture_on_commit_callbacks):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    with django_capture_on_commit_callbacks(execute=True):  # the notices go out after the commit
        pairings = pairings_domain.round_publish(round=rnd, run=run, actor=world.officer)
    assert len(pairings) == 3
    rnd.refresh_from_db()
    assert (rnd.status, rnd.published_run_id) == (RoundStatus.PUBLISHED, run.pk)
    p1 = Pairing.objects.get(mentee=world.mentees[0])
    assert p1.reasons == run.proposals.get(mentee=world.mentees[0]).reasons
    # representatives get a notification in the site, in their own language
    th_note = Notification.objects.get(recipient=world.mentee_rep)
    ja_note = Notification.objects.get(recipient=world.mentor_rep)
    assert "Mentor 1" in th_note.subject and "SME 1" in ja_note.subject
    # e-mails: every representative and contact person, once each
    recipients = sorted(addr for m in mail.outbox for addr in m.to)
    assert len(recipients) == 6 + 2
    th_mail = next(m for m in mail.outbox if m.to == ["sme1@example.org"])
    assert p1.reasons["th"][0] in th_mail.body
    ja_mail = next(m for m in mail.outbox if m.to == ["mentor1@example.org"])
    assert p1.reasons["ja"][0] in ja_mail.body


def test_publishing_an_unfinished_run_is_refused(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = MatchingRun.objects.create(round=rnd, number=1, status=RunStatus.RUNNING)
    with pytest.raises(MentoringError):
        pairings_domain.round_publish(round=rnd, run=run, actor=world.officer)


def test_reasons_name_each_company_as_the_reader_writes_it(world):
    world.mentees[0].name_th = "บริษัท หนึ่ง จำกัด"
    world.mentees[0].save()
    world.mentors[0].name_ja = "メンター一株式会社"
    world.mentors[0].save()
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    reasons = run.proposals.get(mentee=world.mentees[0]).reasons
    assert "บริษัท หนึ่ง จำกัด" in reasons["th"][0] and "Mentor 1" in reasons["th"][0]
    assert "メンター一株式会社" in reasons["ja"][0] and "SME 1" in reasons["ja"][0]
    assert "SME 1" in reasons["en"][0] and "Mentor 1" in reasons["en"][0]
    assert not any("\ue000" in r for lang in reasons for r in reasons[lang])


def test_fair_run_reports_the_lowest_sme_score(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings={**ONE_EACH, "fair": True})
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert pairs_of(run) == BEST
    assert run.floor == pytest.approx(min(p.score for p in run.proposals.all()))


def test_fair_run_with_several_mentors_per_sme_solves_the_mip_and_reports_its_bound(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer,
                            settings={"lo": 1, "hi": 2, "capacity": 2, "encoder": "hash", "fair": True})
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    per_sme = {}
    for mentee, _mentor in pairs_of(run):
        per_sme[mentee] = per_sme.get(mentee, 0) + 1
    assert sorted(per_sme) == ["SME 1", "SME 2", "SME 3"] and max(per_sme.values()) <= 2
    assert BEST <= pairs_of(run)
    assert run.bound >= run.objective - 1e-9
    assert run.floor is not None
