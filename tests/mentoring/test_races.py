"""Two people (or one double click) changing the same thing at the same moment:
real parallel transactions on PostgreSQL, one thread and one connection each,
lined up on a barrier. Each test repeats its race on every pair of the world.

SQLite takes the write lock when a transaction begins (transaction_mode
IMMEDIATE), so there the same calls run one after the other by construction;
the single-threaded tests of the same functions cover it."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter

import pytest
from django.core import mail
from django.db import connection

from kizuna.mentoring.domain import pairings as pairings_domain
from kizuna.mentoring.domain import plans as plans_domain
from kizuna.mentoring.domain import rounds as rounds_domain
from kizuna.mentoring.domain import runs as runs_domain
from kizuna.mentoring.domain.errors import MentoringError
from kizuna.mentoring.enums import PairingStatus, Response, RunStatus, Side
from kizuna.mentoring.models import MatchingRun, Notification, Pairing, Plan

from .conftest import ONE_EACH

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # keeps the reference data
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="SQLite serialises every writing transaction (IMMEDIATE); the race needs PostgreSQL"),
]


@pytest.fixture(autouse=True)
def _reference(reference_data):
    """The countries and provinces the world's organisations need, whatever ran before."""




def error_codes(outcomes) -> list[str]:
    return sorted(getattr(v, "code", type(v).__name__) for kind, v in outcomes if kind == "error")


@pytest.fixture
def published(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    pairings_domain.round_publish(round=rnd, run=run, actor=world.officer)
    mail.outbox.clear()
    Notification.objects.all().delete()
    return list(Pairing.objects.filter(round=rnd).order_by("pk"))


def notices(pairing, kind) -> int:
    """Notices in the site about `pairing` (only the first pair's companies have representatives)."""
    return Notification.objects.filter(pairing=pairing, kind=kind).count()


def mails_sent_twice() -> list[tuple[tuple[str, ...], str]]:
    """E-mails that went to the same people with the same subject more than once."""
    sent = Counter((tuple(m.to), m.subject) for m in mail.outbox)
    return [key for key, n in sent.items() if n > 1]


def test_both_sides_accepting_at_once_accept_the_pair_with_one_plan_and_one_notice_each(world, published, race):
    for pairing in published:
        outcomes = race(
            lambda p=pairing: pairings_domain.pairing_respond(pairing=Pairing.objects.get(pk=p.pk), side=Side.MENTEE,
                                                              accept=True, actor=None),
            lambda p=pairing: pairings_domain.pairing_respond(pairing=Pairing.objects.get(pk=p.pk), side=Side.MENTOR,
                                                              accept=True, actor=None),
        )
        assert error_codes(outcomes) == []
        pairing.refresh_from_db()
        assert (pairing.status, pairing.mentee_response, pairing.mentor_response) == (
            PairingStatus.ACCEPTED, Response.ACCEPTED, Response.ACCEPTED)
        assert Plan.objects.filter(pairing=pairing).count() == 1
    # one representative on each side of the first pair; every company's contact and representative once
    assert [notices(p, "pair_accepted") for p in published] == [2, 0, 0]
    assert (len(mail.outbox), mails_sent_twice()) == (4 + 2 + 2, [])


def test_accept_and_decline_at_once_keep_the_decline_and_refuse_a_second_answer(world, published, race):
    for pairing in published:
        outcomes = race(
            lambda p=pairing: pairings_domain.pairing_respond(pairing=Pairing.objects.get(pk=p.pk), side=Side.MENTEE,
                                                              accept=True, actor=None),
            lambda p=pairing: pairings_domain.pairing_respond(pairing=Pairing.objects.get(pk=p.pk), side=Side.MENTOR,
                                                              accept=False, reason="No engineers free", actor=None),
        )
        # the decline always stands; the acceptance either came first or is refused
        assert error_codes(outcomes) in ([], ["pairing_not_pending"])
        pairing.refresh_from_db()
        assert (pairing.status, pairing.mentor_response, pairing.mentor_reason) == (
            PairingStatus.DECLINED, Response.DECLINED, "No engineers free")
        assert not Plan.objects.filter(pairing=pairing).exists()
        assert notices(pairing, "pair_accepted") == 0
        with pytest.raises(MentoringError) as refused:
            pairings_domain.pairing_respond(pairing=pairing, side=Side.MENTOR, accept=True, actor=None)
        assert refused.value.code == "pairing_not_pending"
        pairing.refresh_from_db()
        assert (pairing.status, pairing.contacts_visible) == (PairingStatus.DECLINED, False)
    # the officer: one notice per pair; the mentee side of the first pair has a representative: one more
    assert [notices(p, "pair_declined") for p in published] == [2, 1, 1]
    assert Notification.objects.filter(recipient=world.officer, kind="pair_declined").count() == 3
    assert mails_sent_twice() == []


def test_a_double_clicked_acceptance_is_recorded_and_notified_once(world, published, race):
    pairing = published[0]
    pairings_domain.pairing_respond(pairing=pairing, side=Side.MENTEE, accept=True, actor=None)
    outcomes = race(*[
        lambda: pairings_domain.pairing_respond(pairing=Pairing.objects.get(pk=pairing.pk), side=Side.MENTOR,
                                                accept=True, actor=None)
        for _ in range(2)
    ])
    assert error_codes(outcomes) == []
    pairing.refresh_from_db()
    assert pairing.status == PairingStatus.ACCEPTED
    assert notices(pairing, "pair_accepted") == 2  # one for each side's representative, once
    assert (len(mail.outbox), mails_sent_twice()) == (4, [])


def test_a_double_clicked_decline_is_recorded_and_notified_once(world, published, race):
    pairing = published[0]
    outcomes = race(*[
        lambda: pairings_domain.pairing_respond(pairing=Pairing.objects.get(pk=pairing.pk), side=Side.MENTOR,
                                                accept=False, reason="Too far", actor=None)
        for _ in range(2)
    ])
    assert error_codes(outcomes) == []
    declined = Notification.objects.filter(pairing=pairing, kind="pair_declined")
    assert sorted(declined.values_list("recipient_id", flat=True)) == sorted([world.mentee_rep.pk, world.officer.pk])
    assert mails_sent_twice() == []


def test_four_starts_at_once_start_exactly_one_run(world, settings, race):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    for trial in range(2):
        rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
        outcomes = race(*[lambda r=rnd: runs_domain.run_start(round=r, actor=None) for _ in range(4)])
        assert error_codes(outcomes) == ["run_in_progress"] * 3, trial
        assert list(MatchingRun.objects.filter(round=rnd).values_list("number", "status")) == [(1, RunStatus.QUEUED)]


def test_two_publishes_at_once_publish_each_pair_once_and_notify_once(world, race):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    outcomes = race(*[lambda: pairings_domain.round_publish(round=rnd, run=run, actor=None) for _ in range(2)])
    assert error_codes(outcomes) == []
    assert sorted(len(v) for _, v in outcomes) == [0, 3]
    assert Pairing.objects.filter(round=rnd).count() == 3
    assert Notification.objects.filter(kind="pair_published").count() == 2  # the first pair's representatives
    assert (len(mail.outbox), mails_sent_twice()) == (4 + 2 + 2, [])


def test_milestones_added_at_once_get_distinct_numbers_and_a_double_submit_adds_one(world, published, race):
    pairing = published[0]
    pairings_domain.pairing_respond(pairing=pairing, side=Side.MENTEE, accept=True, actor=None)
    pairings_domain.pairing_respond(pairing=pairing, side=Side.MENTOR, accept=True, actor=None)
    plan = Plan.objects.get(pairing=pairing)
    due = dt.date(2019, 1, 31)
    outcomes = race(*[lambda i=i: plans_domain.milestone_add(plan=Plan.objects.get(pk=plan.pk), actor=None,
                                                             title=f"Audit {i}", due=due) for i in range(3)])
    assert error_codes(outcomes) == []
    key = uuid.uuid4()
    outcomes = race(*[lambda: plans_domain.milestone_add(plan=Plan.objects.get(pk=plan.pk), actor=None,
                                                         title="Training", due=due, submission_key=key)
                      for _ in range(2)])
    assert error_codes(outcomes) == [] and outcomes[0][1] == outcomes[1][1]
    assert list(plan.milestones.order_by("order").values_list("order", flat=True)) == [1, 2, 3, 4, 5, 6, 7, 8]
