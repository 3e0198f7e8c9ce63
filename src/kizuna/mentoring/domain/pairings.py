"""Functions that change published pairs: publish a run's proposals, record each
side's answer (both accepted: a plan is made), and re-match the SME of a declined
pair."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kizuna.accounts.models import User
from kizuna.mentoring.domain.errors import MentoringError
from kizuna.mentoring.domain.plans import plan_create_for
from kizuna.mentoring.domain.runs import pair_decide, run_start
from kizuna.mentoring.enums import (
    DecisionKind,
    PairingStatus,
    Response,
    RoundStatus,
    RunStatus,
    Side,
)
from kizuna.mentoring.models import MatchingRound, MatchingRun, Notification, Pairing
from kizuna.mentoring.notifications import (
    notify_pair_accepted,
    notify_pair_declined,
    notify_pair_published,
)

# ---------------------------------------------------------------------------
# Publication and answers


def round_publish(*, round: MatchingRound, run: MatchingRun, actor: User | None) -> list[Pairing]:
    """Publish the proposed pairs of `run`.

    Side effects: a Pairing per proposal that is not already published (a re-run
    after a decline adds only the new pairs), the round becomes published, and each
    company is notified in its own language (e-mail and in the site)."""
    if run.round_id != round.pk:
        raise MentoringError("run_other_round")
    if run.status != RunStatus.DONE:
        raise MentoringError("run_not_finished")
    now = timezone.now()
    with transaction.atomic():
        existing = set(round.pairings.values_list("mentor_id", "mentee_id"))
        created = Pairing.objects.bulk_create(
            [
                Pairing(round=round, run=run, mentor_id=p.mentor_id, mentee_id=p.mentee_id, score=p.score,
                        reasons=p.reasons, breakdown=p.breakdown, published_at=now)
                for p in run.proposals.all()
                if (p.mentor_id, p.mentee_id) not in existing
            ],
            batch_size=1000,
        )
        MatchingRound.objects.filter(pk=round.pk).update(
            status=RoundStatus.PUBLISHED, published_at=now, published_run=run
        )
        round.refresh_from_db()
    pairings = list(
        Pairing.objects.filter(round=round, run=run, published_at=now)
        .select_related("mentor", "mentee", "round__programme")
    )
    notify_pair_published(pairings)
    assert len(pairings) == len(created)
    return pairings


def pairing_respond(*, pairing: Pairing, side: str, accept: bool, reason: str = "", actor: User | None) -> Pairing:
    """Record one side's answer. Both accepted: the pair is accepted (contacts become
    visible, a plan is created). A decline ends the pair and frees the capacity;
    the officer is offered a re-run for that SME."""
    if pairing.status != PairingStatus.PUBLISHED:
        raise MentoringError("pairing_not_pending")
    if side not in Side.values:
        raise MentoringError("side_unknown", side=side)
    if pairing.response_of(side) != Response.PENDING:
        raise MentoringError("side_answered")
    if not accept and not reason.strip():
        raise MentoringError("decline_reason", field="reason")
    response = Response.ACCEPTED if accept else Response.DECLINED
    with transaction.atomic():
        setattr(pairing, f"{side}_response", response)
        setattr(pairing, f"{side}_reason", reason.strip())
        if not accept:
            pairing.status = PairingStatus.DECLINED
        elif pairing.mentor_response == Response.ACCEPTED and pairing.mentee_response == Response.ACCEPTED:
            pairing.status = PairingStatus.ACCEPTED
            pairing.accepted_at = timezone.now()
        pairing.save()
        if pairing.status == PairingStatus.ACCEPTED:
            plan_create_for(pairing=pairing)
    if pairing.status == PairingStatus.ACCEPTED:
        notify_pair_accepted(pairing)
    elif pairing.status == PairingStatus.DECLINED:
        notify_pair_declined(pairing, side=side)
    return pairing


def rerun_for_declined(*, pairing: Pairing, actor: User | None) -> MatchingRun:
    """Start a run that finds the SME of a declined pair a new mentor: the declined
    pair is forbidden and every other published pair of the round stays locked."""
    if pairing.status != PairingStatus.DECLINED:
        raise MentoringError("rerun_not_declined")
    rnd = pairing.round
    with transaction.atomic():
        pair_decide(round=rnd, mentor_id=pairing.mentor_id, mentee_id=pairing.mentee_id, kind=DecisionKind.FORBID, actor=actor)
        for mentor_id, mentee_id in rnd.pairings.filter(status__in=PairingStatus.active_states()).values_list(
            "mentor_id", "mentee_id"
        ):
            pair_decide(round=rnd, mentor_id=mentor_id, mentee_id=mentee_id, kind=DecisionKind.LOCK, actor=actor)
    return run_start(round=rnd, actor=actor, previous=rnd.published_run)


def notifications_mark_read(*, user: User) -> int:
    """Mark every unread notification of `user` read; returns how many were unread."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
