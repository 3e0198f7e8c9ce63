"""Functions that change published pairs: publish a run's proposals, record each
side's answer (both accepted: a plan is made), and re-match the SME of a declined
pair."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from kizuna.accounts.models import User
from kizuna.mentoring.domain.decisions import decision_record_answer
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
    notify_pairs_withdrawn,
)
from kizuna.mentoring.queries.pairings import publish_preview

# ---------------------------------------------------------------------------
# Publication and answers


def round_publish(*, round: MatchingRound, run: MatchingRun, actor: User | None,
                  confirm: str | None = None) -> list[Pairing]:
    """Publish the proposed pairs of `run` that are new (see queries.pairings.publish_preview).

    Side effects: a Pairing per new proposal; pairs already published in this round
    (a re-run after a decline), pairs that already exist in another round of the
    programme and pairs the participants' roles no longer allow are not published
    again; the round becomes published, and each company is notified in its own
    language (e-mail and in the site) once the transaction is committed.

    `confirm`: the token of the preview the officer confirmed (pages and API always
    pass it; None only for callers that show no preview, such as the demo data). When
    the pairs to publish have changed since, nothing is published (MentoringError);
    when they were all published meanwhile (a double click), nothing more happens.
    The round's row is locked while the pairs are written, so two publishes at once
    publish each pair once and notify once: the second finds them published and adds nothing."""
    if run.round_id != round.pk:
        raise MentoringError("run_other_round")
    if run.status != RunStatus.DONE:
        raise MentoringError("run_not_finished")
    if confirm is not None and not confirm.strip():
        raise MentoringError("publish_confirm")
    now = timezone.now()
    with transaction.atomic():
        locked = MatchingRound.objects.select_for_update().get(pk=round.pk)
        preview = publish_preview(locked, run)
        if not preview.new:
            return []
        if confirm is not None and confirm.strip() != preview.token:
            raise MentoringError("publish_preview_changed")
        Pairing.objects.bulk_create(
            [
                Pairing(round=round, run=run, mentor_id=p.mentor_id, mentee_id=p.mentee_id, score=p.score,
                        reasons=p.reasons, breakdown=p.breakdown, evidence=p.evidence, published_at=now)
                for p in sorted(preview.new, key=lambda p: p.pk)  # in the run's order
            ],
            batch_size=1000,
        )
        MatchingRound.objects.filter(pk=round.pk).update(
            status=RoundStatus.PUBLISHED, published_at=now, published_run=run
        )
        pairings = list(
            Pairing.objects.filter(round=round, run=run, published_at=now)
            .select_related("mentor", "mentee", "round__programme")
        )
        transaction.on_commit(lambda: notify_pair_published(pairings))
    round.refresh_from_db()
    return pairings


def round_unpublish(*, round: MatchingRound, actor: User | None, publication: str | None = None) -> list[Pairing]:
    """Undo the round's latest publication while no company has answered any of its pairs.

    Side effects: its pairs are deleted (the run's proposals stay, to be published
    again), their notices in the site go with them, each company that was told is
    sent a notice that the pair was withdrawn (once, after the commit), and the round
    is back to its previous publication (or to proposed pairs). Refused with
    MentoringError once a company has answered a pair of it.

    `publication`: the publication the officer meant (the round's `published_at` in
    ISO format, as the page and the API show it); when the round's latest publication
    is another one (already withdrawn: a double click), nothing happens and [] is
    returned. Race-free: the round's row and then the pairs' rows are locked, so an
    answer given at the same moment either comes first (and the undo is refused) or
    finds the pair withdrawn (pairing_respond refuses)."""
    with transaction.atomic():
        # FOR NO KEY UPDATE: an answer being recorded meanwhile references the round
        # (FOR KEY SHARE) while it holds its pair; a full lock here would deadlock with it
        locked = MatchingRound.objects.select_for_update(no_key=True).get(pk=round.pk)
        if locked.published_at is None:
            if publication and parse_datetime(publication.strip()) is not None:
                return []  # withdrawn already
            raise MentoringError("unpublish_nothing")
        if publication:
            meant = parse_datetime(publication.strip())
            if meant is None:
                raise MentoringError("unpublish_publication", field="publication", value=publication)
            if meant != locked.published_at:
                return []
        batch = list(Pairing.objects.select_for_update().filter(round=locked, published_at=locked.published_at)
                     .order_by("pk"))
        if not batch:
            raise MentoringError("unpublish_nothing")
        for p in batch:
            for side in (Side.MENTEE, Side.MENTOR):
                if p.status != PairingStatus.PUBLISHED or p.response_of(side) != Response.PENDING:
                    answered = p.mentor if side == Side.MENTOR else p.mentee
                    raise MentoringError("unpublish_answered", company=answered.display_name())
        withdrawn = list(Pairing.objects.filter(pk__in=[p.pk for p in batch])
                         .select_related("mentor", "mentee", "round__programme").order_by("pk"))
        Pairing.objects.filter(pk__in=[p.pk for p in batch]).delete()
        before = locked.pairings.exclude(published_at=None).order_by("-published_at", "-pk").first()
        MatchingRound.objects.filter(pk=locked.pk).update(
            status=RoundStatus.PUBLISHED if before else RoundStatus.PROPOSED,
            published_at=before.published_at if before else None,
            published_run=before.run_id if before else None,
        )
        transaction.on_commit(lambda: notify_pairs_withdrawn(withdrawn))
    round.refresh_from_db()
    return withdrawn


def pairing_respond(*, pairing: Pairing, side: str, accept: bool, reason: str = "", actor: User | None) -> Pairing:
    """Record one side's answer. Both accepted: the pair is accepted (contacts become
    visible, a plan is created). A decline ends the pair and frees the capacity;
    the officer is offered a re-run for that SME.

    Race-free: the pair's row is locked and read again inside the transaction, so
    two answers at the same moment are applied one after the other, each on what
    the other wrote. The same answer sent twice (a double click) is recorded once
    and notified once; the notices go out after the commit."""
    if side not in Side.values:
        raise MentoringError("side_unknown", side=side)
    if not accept and not reason.strip():
        raise MentoringError("decline_reason", field="reason")
    response = Response.ACCEPTED if accept else Response.DECLINED
    with transaction.atomic():
        try:
            current = Pairing.objects.select_for_update().get(pk=pairing.pk)
        except Pairing.DoesNotExist:
            raise MentoringError("pairing_withdrawn") from None
        if current.response_of(side) == response and (accept or current.status == PairingStatus.DECLINED):
            _copy_answer(current, pairing)
            return pairing  # the same answer again: already recorded and notified
        if current.status != PairingStatus.PUBLISHED:
            raise MentoringError("pairing_not_pending")
        if current.response_of(side) != Response.PENDING:
            raise MentoringError("side_answered")
        fields = {f"{side}_response": response, f"{side}_reason": reason.strip()}
        other_accepted = current.response_of(Side.MENTEE if side == Side.MENTOR else Side.MENTOR) == Response.ACCEPTED
        if not accept:
            fields["status"] = PairingStatus.DECLINED
        elif other_accepted:
            fields["status"] = PairingStatus.ACCEPTED
            fields["accepted_at"] = timezone.now()
        for name, value in fields.items():
            setattr(current, name, value)
        current.save(update_fields=[*fields, "updated"])
        _copy_answer(current, pairing)
        decision_record_answer(pairing=current, accept=accept, reason=reason, actor=actor)
        if pairing.status == PairingStatus.ACCEPTED:
            plan_create_for(pairing=pairing)
            transaction.on_commit(lambda: notify_pair_accepted(pairing))
        elif pairing.status == PairingStatus.DECLINED:
            transaction.on_commit(lambda: notify_pair_declined(pairing, side=side))
    return pairing


def _copy_answer(source: Pairing, target: Pairing) -> None:
    """Bring the caller's copy of the pair up to the row as locked and written."""
    for name in ("status", "accepted_at", "mentor_response", "mentee_response", "mentor_reason", "mentee_reason",
                 "updated"):
        setattr(target, name, getattr(source, name))


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


def notification_read(*, notification: Notification) -> Notification:
    """Mark one notification read (its recipient opened it); reading it again keeps
    the first time it was read. Returns the notification."""
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.refresh_from_db(fields=["read_at"])
    return notification
