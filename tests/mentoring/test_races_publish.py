"""Publishing, withdrawing a publication and a company's answer at the same moment
(issue #9): real parallel transactions on PostgreSQL, one thread and connection
each, lined up on a barrier (the helpers of test_races.py). The round's row and then
the pairs' rows are locked inside one transaction, so each interleaving ends in a
state that one order of the calls would give, and each notice goes out once."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection

from kizuna.mentoring.domain import pairings as pairings_domain
from kizuna.mentoring.domain import rounds as rounds_domain
from kizuna.mentoring.domain import runs as runs_domain
from kizuna.mentoring.enums import Response, Side
from kizuna.mentoring.models import MatchingRound, Notification, Pairing
from kizuna.mentoring.queries.pairings import publish_preview

from .conftest import ONE_EACH
from .test_races import error_codes, mails_sent_twice

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="SQLite serialises every writing transaction (IMMEDIATE); the race needs PostgreSQL"),
]

TRIALS = 3


@pytest.fixture(autouse=True)
def _reference(reference_data):
    """The countries and provinces the world's organisations need, whatever ran before."""


def published_round(world):
    """A new round of the programme, run and published; no notices or mails kept."""
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    assert len(pairings_domain.round_publish(round=rnd, run=run, actor=world.officer)) == 3
    rnd.refresh_from_db()
    mail.outbox.clear()
    Notification.objects.all().delete()
    return rnd, run


def clear(rnd):
    """Remove the round's pairs, so that the next trial's round does not count them."""
    Pairing.objects.filter(round=rnd).delete()


def test_an_undo_and_an_answer_at_once_either_withdraw_the_pair_or_refuse_the_undo(world, race):
    seen = set()
    for trial in range(TRIALS):
        rnd, run = published_round(world)
        first = Pairing.objects.filter(round=rnd, mentee=world.mentees[0]).get()
        outcomes = race(
            lambda r=rnd: pairings_domain.round_unpublish(round=MatchingRound.objects.get(pk=r.pk), actor=None,
                                                          publication=r.published_at.isoformat()),
            lambda p=first: pairings_domain.pairing_respond(pairing=Pairing.objects.get(pk=p.pk), side=Side.MENTEE,
                                                            accept=True, actor=None),
        )
        codes = error_codes(outcomes)
        assert codes in (["pairing_withdrawn"], ["unpublish_answered"]), (trial, outcomes)
        seen.add(codes[0])
        if codes == ["pairing_withdrawn"]:  # the undo came first: everything is withdrawn, once
            assert not Pairing.objects.filter(round=rnd).exists()
            assert Notification.objects.filter(kind="pair_withdrawn").count() == 2
        else:  # the answer came first: it stands, and nothing is withdrawn
            first.refresh_from_db()
            assert first.mentee_response == Response.ACCEPTED
            assert Pairing.objects.filter(round=rnd).count() == 3
            assert not Notification.objects.filter(kind="pair_withdrawn").exists()
        assert mails_sent_twice() == []
        clear(rnd)


def test_two_undos_at_once_withdraw_once_and_tell_each_side_once(world, race):
    for trial in range(TRIALS):
        rnd, run = published_round(world)
        publication = rnd.published_at.isoformat()
        outcomes = race(*[
            lambda r=rnd, at=publication: pairings_domain.round_unpublish(
                round=MatchingRound.objects.get(pk=r.pk), actor=None, publication=at)
            for _ in range(2)
        ])
        assert error_codes(outcomes) == [], trial
        assert sorted(len(v) for _, v in outcomes) == [0, 3]
        assert not Pairing.objects.filter(round=rnd).exists()
        # the first pair's two representatives once; every company's contact and the representatives once by e-mail
        assert Notification.objects.filter(kind="pair_withdrawn").count() == 2
        assert (len(mail.outbox), mails_sent_twice()) == (4 + 2 + 2, [])


def test_a_publish_and_an_undo_at_once_end_as_one_order_would(world, race):
    for trial in range(TRIALS):
        rnd, run = published_round(world)
        stale = publish_preview(rnd, run).token  # a second officer's preview: nothing new to publish
        outcomes = race(
            lambda r=rnd: pairings_domain.round_unpublish(round=MatchingRound.objects.get(pk=r.pk), actor=None,
                                                          publication=r.published_at.isoformat()),
            lambda r=rnd, run=run, token=stale: pairings_domain.round_publish(
                round=MatchingRound.objects.get(pk=r.pk), run=run, actor=None, confirm=token),
        )
        # publish first: nothing new, then the undo; undo first: the stale preview publishes nothing
        assert error_codes(outcomes) in ([], ["publish_preview_changed"]), trial
        assert not Pairing.objects.filter(round=rnd).exists()
        assert Notification.objects.filter(kind="pair_published").count() == 0
        assert Notification.objects.filter(kind="pair_withdrawn").count() == 2
        assert mails_sent_twice() == []
