"""Functions that change matching runs: start one (as a task), cancel it, the
work behind the task, and the officer's decisions on a run's proposals (lock,
forbid, swap) that the following runs respect."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Max

from kizuna.accounts.models import User
from kizuna.common.jobs import (
    JobCancelled,
    JobContext,
    JobError,
    JobFailed,
    job_cancel,
    job_enqueue,
    job_run,
)
from kizuna.engine.assignment import (
    AssignmentInfeasible,
    AssignmentInputError,
    AssignmentViolations,
)
from kizuna.engine.matching import STAGE_START, MatchCancelled, match_compute
from kizuna.engine.text import LANGUAGES
from kizuna.mentoring.adapters import (
    clmv_mentors_restricted,
    encoder_for,
    match_settings,
    proposals_build,
    round_input_load,
    unmatched_rows,
)
from kizuna.mentoring.domain.decisions import decision_record, decisions_record_swap
from kizuna.mentoring.domain.errors import MentoringError
from kizuna.mentoring.domain.rounds import round_settings_clean
from kizuna.mentoring.enums import (
    DecisionKind,
    LabelKind,
    PairingStatus,
    RoundStatus,
    RunStage,
    RunStatus,
    Side,
)
from kizuna.mentoring.models import MatchingRound, MatchingRun, PairDecision, Pairing, Proposal
from kizuna.mentoring.queries.runs import run_changes
from kizuna.mentoring.tasks import round_run_task
from kizuna.organisations.models import Organisation
from kizuna.organisations.reference import engine_reference_load

log = logging.getLogger(__name__)
_FROM_SETTINGS = object()

# ---------------------------------------------------------------------------
# Runs


def run_start(*, round: MatchingRound, actor: User | None, previous: MatchingRun | None = None) -> MatchingRun:
    """Queue a run of `round` as a background task and return it at once.

    With `previous` (by default the latest finished run) the solver keeps as many
    of its pairs as the officer's decisions allow (minimal change)."""
    with transaction.atomic():
        # the round's row is the lock: two starts at once run one after the other,
        # and the second finds the first's run active
        locked = MatchingRound.objects.select_for_update().get(pk=round.pk)
        if locked.status == RoundStatus.CLOSED:
            raise MentoringError("round_closed")
        if locked.runs.filter(status__in=RunStatus.active).exists():
            raise MentoringError("run_in_progress")
        if previous is None:
            previous = locked.runs.filter(status=RunStatus.DONE).order_by("-number").first()
        number = (locked.runs.aggregate(n=Max("number"))["n"] or 0) + 1
        run = MatchingRun.objects.create(
            round=locked, number=number, previous=previous, settings=round_settings_clean(locked.settings),
            requested_by=actor, progress=0, stage=RunStage.QUEUED,
        )
    return job_enqueue(run, round_run_task)


def run_to_compare(*, run: MatchingRun, other: str | None) -> MatchingRun:
    """The run of the same round that `other` (as typed in ?other=) names; a
    MentoringError on the field `other` when it is not a run of this round."""
    try:
        return run.round.runs.get(pk=int(other))
    except (TypeError, ValueError, OverflowError, MatchingRun.DoesNotExist):
        raise MentoringError("compare_other", field="other", value=repr(other or "")) from None


def run_cancel(*, run: MatchingRun, actor: User | None) -> MatchingRun:
    """Ask a run to stop. A queued run ends at once; a running one stops at its
    next check (between stages and inside long loops) and saves nothing."""
    try:
        return job_cancel(job=run, actor=actor)
    except JobError:
        raise MentoringError("run_ended") from None


def run_execute(run_id: int, *, encoder=_FROM_SETTINGS) -> str:
    """The work behind the task (a job, see common/jobs.py): load, score, solve,
    explain, save. Progress goes to the run's pulse at each stage; the run ends
    done, failed or cancelled, and its proposals are saved in one transaction with
    its results, or not at all."""
    run = MatchingRun.objects.select_related("round").get(pk=run_id)
    return job_run(run, lambda ctx: _run_work(run, ctx, encoder))


def _run_work(run: MatchingRun, ctx: JobContext, encoder) -> None:
    rnd = run.round
    ctx.progress(RunStage.PROFILES, STAGE_START[RunStage.PROFILES], "")
    rows_in = round_input_load(rnd)
    decisions = list(rnd.decisions.values_list("mentor_id", "mentee_id", "kind"))
    locked = rows_in.positions((m, e) for m, e, k in decisions if k == DecisionKind.LOCK)
    forbidden = [*rows_in.positions((m, e) for m, e, k in decisions if k == DecisionKind.FORBID), *rows_in.forbidden]
    previous = []
    if run.previous_id:
        previous = rows_in.positions(Proposal.objects.filter(run_id=run.previous_id).values_list("mentor_id", "mentee_id"))
    enc = encoder_for(run.settings.get("encoder", "use")) if encoder is _FROM_SETTINGS else encoder
    options, weights = match_settings(run.settings)
    try:
        outcome = match_compute(
            rows_in.inputs, reference=engine_reference_load(), weights=weights, encoder=enc, options=options,
            locked=locked, forbidden=forbidden, previous=previous, progress=ctx.progress, cancelled=ctx.cancelled,
        )
    except MatchCancelled:
        raise JobCancelled from None
    except (AssignmentInfeasible, AssignmentInputError, AssignmentViolations) as exc:
        raise JobFailed({lang: exc.render(lang) for lang in LANGUAGES}) from exc
    ctx.check()
    ctx.progress(RunStage.SAVING, STAGE_START[RunStage.SAVING], f"{len(outcome.pairs)}")
    unmatched = unmatched_rows(outcome, rows_in)
    with transaction.atomic():
        Proposal.objects.bulk_create(proposals_build(outcome, rows_in, run=run), batch_size=1000)
        # the engine counts pairs added plus removed (what it minimises); officers read
        # the changes the comparison lists, so the run keeps that count
        ctx.finish(
            stage=RunStage.DONE, message=f"{len(outcome.pairs)}",
            objective=outcome.objective, bound=outcome.bound, gap=outcome.gap, floor=outcome.floor,
            method=outcome.method, proven_optimal=outcome.proven_optimal,
            changed=run_changes(run), unmatched=unmatched,
            stats={**outcome.stats, "floor_bound": outcome.floor_bound},
        )
        if rnd.status == RoundStatus.DRAFT:
            MatchingRound.objects.filter(pk=rnd.pk).update(status=RoundStatus.PROPOSED)


# ---------------------------------------------------------------------------
# Which pairs can exist


def pair_possible_check(*, round: MatchingRound, mentor: Organisation, mentee: Organisation) -> None:
    """Raise MentoringError unless `mentor` may be proposed to `mentee` in `round`:
    two different organisations, each taking part in the round on its side (an
    organisation on both sides is still never its own mentor), a mentor of CLMV
    companies only with a CLMV company unless an officer opened it to every SME, and
    not a pair that already exists in another round of the programme."""
    if mentor.pk == mentee.pk:
        raise MentoringError("pair_self", organisation=mentor.display_name())
    sides = set(round.participants.filter(organisation_id__in=[mentor.pk, mentee.pk])
                .values_list("organisation_id", "side"))
    if (mentor.pk, Side.MENTOR) not in sides:
        raise MentoringError("pair_not_mentor", organisation=mentor.display_name())
    if (mentee.pk, Side.MENTEE) not in sides:
        raise MentoringError("pair_not_mentee", organisation=mentee.display_name())
    if mentor.pk in clmv_mentors_restricted(round, [mentor.pk]) and not (mentee.country_id and mentee.country.clmv):
        raise MentoringError("pair_clmv_only", mentor=mentor.display_name(), mentee=mentee.display_name())
    earlier = (Pairing.objects.filter(round__programme_id=round.programme_id, mentor=mentor, mentee=mentee,
                                      status__in=PairingStatus.active_states())
               .exclude(round=round).select_related("round").first())
    if earlier is not None:
        raise MentoringError("pair_exists", mentor=mentor.display_name(), mentee=mentee.display_name(),
                             number=earlier.round.number)


# ---------------------------------------------------------------------------
# Officer decisions


def pair_decide(*, round: MatchingRound, mentor_id: int, mentee_id: int, kind: str, actor: User | None) -> PairDecision:
    """Record the officer's decision (lock or forbid) on one pair of the round, replacing an earlier one."""
    decision, _created = PairDecision.objects.update_or_create(
        round=round, mentor_id=mentor_id, mentee_id=mentee_id, defaults={"kind": kind, "created_by": actor}
    )
    return decision


def pair_lock(*, round: MatchingRound, mentor: Organisation, mentee: Organisation, actor: User | None) -> PairDecision:
    """Keep this pair in every following run of the round (only a pair that can exist:
    see pair_possible_check)."""
    pair_possible_check(round=round, mentor=mentor, mentee=mentee)
    decision_record(round=round, mentor_id=mentor.pk, mentee_id=mentee.pk, kind=LabelKind.LOCK, actor=actor)
    return pair_decide(round=round, mentor_id=mentor.pk, mentee_id=mentee.pk, kind=DecisionKind.LOCK, actor=actor)


def pair_forbid(*, round: MatchingRound, mentor: Organisation, mentee: Organisation, actor: User | None) -> PairDecision:
    """Never propose this pair again in this round."""
    if mentor.pk == mentee.pk:
        raise MentoringError("pair_self", organisation=mentor.display_name())
    decision_record(round=round, mentor_id=mentor.pk, mentee_id=mentee.pk, kind=LabelKind.FORBID, actor=actor)
    return pair_decide(round=round, mentor_id=mentor.pk, mentee_id=mentee.pk, kind=DecisionKind.FORBID, actor=actor)


def pair_decision_clear(*, round: MatchingRound, mentor: Organisation, mentee: Organisation) -> int:
    return PairDecision.objects.filter(round=round, mentor=mentor, mentee=mentee).delete()[0]


@transaction.atomic
def pair_swap(*, first: Proposal, second: Proposal, actor: User | None) -> list[PairDecision]:
    """Exchange the mentors of two SMEs: lock the two new pairs, forbid the two old ones."""
    if first.run_id != second.run_id:
        raise MentoringError("swap_other_run")
    if first.mentor_id == second.mentor_id or first.mentee_id == second.mentee_id:
        raise MentoringError("swap_same_party")
    rnd = first.run.round
    pair_possible_check(round=rnd, mentor=second.mentor, mentee=first.mentee)
    pair_possible_check(round=rnd, mentor=first.mentor, mentee=second.mentee)
    decisions_record_swap(first=first, second=second, actor=actor)
    return [
        pair_decide(round=rnd, mentor_id=second.mentor_id, mentee_id=first.mentee_id, kind=DecisionKind.LOCK, actor=actor),
        pair_decide(round=rnd, mentor_id=first.mentor_id, mentee_id=second.mentee_id, kind=DecisionKind.LOCK, actor=actor),
        pair_decide(round=rnd, mentor_id=first.mentor_id, mentee_id=first.mentee_id, kind=DecisionKind.FORBID, actor=actor),
        pair_decide(round=rnd, mentor_id=second.mentor_id, mentee_id=second.mentee_id, kind=DecisionKind.FORBID, actor=actor),
    ]
