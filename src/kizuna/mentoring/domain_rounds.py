"""Functions that change matching rounds: open, choose participants, run (as a
task), cancel, lock / forbid / swap pairs, re-run with minimal changes, publish,
and each side's answer. Views, the API and tasks call these and nothing else.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

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
from kizuna.engine.affinity import AffinityConfigError, AffinityWeights
from kizuna.engine.assignment import (
    AssignmentInfeasible,
    AssignmentInputError,
    AssignmentViolations,
)
from kizuna.engine.text import LANGUAGES
from kizuna.mentoring.adapters import (
    STAGE_START,
    RunCancelled,
    encoder_for,
    match_compute,
    round_input_load,
)
from kizuna.mentoring.enums import (
    DecisionKind,
    Encoder,
    PairingStatus,
    Response,
    RoundStatus,
    RunStage,
    RunStatus,
    Side,
)
from kizuna.mentoring.models import (
    MatchingRound,
    MatchingRun,
    PairDecision,
    Pairing,
    Proposal,
    RoundParticipant,
)
from kizuna.mentoring.models.rounds import DEFAULT_ROUND_SETTINGS
from kizuna.organisations.models import Organisation
from kizuna.programmes.enums import ParticipationRole
from kizuna.programmes.models import Participation, Programme

_FROM_SETTINGS = object()


class RoundError(Exception):
    """A round action that cannot be done now; the message says why, in the active language."""


# ---------------------------------------------------------------------------
# Opening and settings


def round_settings_clean(values: dict) -> dict:
    """The round settings with defaults filled in; raises RoundError naming the bad value."""
    merged = {**DEFAULT_ROUND_SETTINGS, **(values or {})}
    for key in ("lo", "hi", "capacity", "k"):
        value = merged[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise RoundError(_("The setting %(name)s must be a whole number of at least 0, not %(value)s.")
                             % {"name": key, "value": value})
    if merged["lo"] > merged["hi"]:
        raise RoundError(_("The minimum number of mentors per SME (%(lo)s) is above the maximum (%(hi)s).")
                         % {"lo": merged["lo"], "hi": merged["hi"]})
    if merged["encoder"] not in Encoder.values:
        raise RoundError(_("Unknown text encoder %(value)s.") % {"value": merged["encoder"]})
    try:
        AffinityWeights.from_dict(merged["weights"] or {})
    except AffinityConfigError as exc:
        raise RoundError(str(exc)) from None
    quotas = {}
    for code, bounds in (merged["quotas"] or {}).items():
        try:
            low, high = (int(b) for b in bounds)
        except (TypeError, ValueError):
            raise RoundError(_("The quota of industry group %(group)s must be two numbers, minimum and maximum.")
                             % {"group": code}) from None
        if low < 0 or high < low:
            raise RoundError(_("The quota of industry group %(group)s must have 0 ≤ minimum ≤ maximum.")
                             % {"group": code})
        quotas[code] = [low, high]
    merged["quotas"] = quotas
    merged["fair"] = bool(merged["fair"])
    return merged


@transaction.atomic
def round_open(*, programme: Programme, actor: User | None, settings: dict | None = None) -> MatchingRound:
    """Open the next round of `programme` with every mentor and mentee of the
    programme as a participant (the officer may exclude some afterwards)."""
    number = (programme.rounds.aggregate(n=Max("number"))["n"] or 0) + 1
    rnd = MatchingRound.objects.create(
        programme=programme, number=number, settings=round_settings_clean(settings or {}), created_by=actor
    )
    roles = {ParticipationRole.MENTOR: Side.MENTOR, ParticipationRole.MENTEE: Side.MENTEE}
    rows = Participation.objects.filter(programme=programme, role__in=list(roles)).values_list("organisation_id", "role")
    RoundParticipant.objects.bulk_create(
        [RoundParticipant(round=rnd, organisation_id=oid, side=roles[role]) for oid, role in rows], batch_size=2000
    )
    round_vectors_enqueue(rnd)
    return rnd


def round_vectors_enqueue(rnd: MatchingRound) -> None:
    """Queue the encoding of the participants' descriptions (a task), so that the
    texts are encoded once, while the officer prepares the round, not in every run.
    Off with settings.KIZUNA_ROUND_WARM_VECTORS = False."""
    from django.conf import settings

    if getattr(settings, "KIZUNA_ROUND_WARM_VECTORS", True) and rnd.effective_settings()["encoder"] == "use":
        from kizuna.mentoring.tasks import round_vectors_task

        # after the commit: the task must see the participants, and an immediate
        # backend must not encode while the transaction holds the database
        transaction.on_commit(lambda: round_vectors_task.enqueue(rnd.pk))


def round_vectors_warm(round_id: int) -> int:
    """Encode every included participant's description with the round's encoder
    (the encoder keeps the vectors in its cache); returns how many texts were new."""
    rnd = MatchingRound.objects.get(pk=round_id)
    encoder = encoder_for(rnd.effective_settings()["encoder"])
    if encoder is None or not hasattr(encoder, "encoded"):
        return 0
    texts = list(
        Organisation.objects.filter(round_participations__round=rnd, round_participations__included=True)
        .exclude(description="").values_list("description", flat=True).distinct()
    )
    before = encoder.encoded
    for start in range(0, len(texts), 256):
        encoder.encode(texts[start : start + 256])
    return encoder.encoded - before


def round_settings_set(*, round: MatchingRound, settings: dict) -> MatchingRound:
    before = round.effective_settings()["encoder"]
    round.settings = round_settings_clean(settings)
    round.save(update_fields=["settings", "updated"])
    if round.settings["encoder"] != before:
        round_vectors_enqueue(round)
    return round


def round_participants_update(*, round: MatchingRound, changes: Iterable[dict]) -> int:
    """Apply {"id", "included", "capacity", "lo", "hi"} to the round's participants."""
    changes = list(changes)
    by_id = {p.pk: p for p in round.participants.filter(pk__in=[c["id"] for c in changes])}
    touched = []
    for change in changes:
        p = by_id.get(change["id"])
        if p is None:
            continue
        for field in ("included", "capacity", "lo", "hi"):
            if field in change:
                setattr(p, field, change[field])
        if p.lo is not None and p.hi is not None and p.lo > p.hi:
            raise RoundError(_("%(name)s: the minimum (%(lo)s) is above the maximum (%(hi)s).")
                             % {"name": p.organisation.display_name(), "lo": p.lo, "hi": p.hi})
        touched.append(p)
    RoundParticipant.objects.bulk_update(touched, ["included", "capacity", "lo", "hi"], batch_size=1000)
    return len(touched)


# ---------------------------------------------------------------------------
# Runs


def run_start(*, round: MatchingRound, actor: User | None, previous: MatchingRun | None = None) -> MatchingRun:
    """Queue a run of `round` as a background task and return it at once.

    With `previous` (by default the latest finished run) the solver keeps as many
    of its pairs as the officer's decisions allow (minimal change)."""
    if round.status == RoundStatus.CLOSED:
        raise RoundError(_("This round is closed."))
    if round.runs.filter(status__in=RunStatus.active).exists():
        raise RoundError(_("A run of this round is already in progress; wait for it or cancel it."))
    if previous is None:
        previous = round.runs.filter(status=RunStatus.DONE).order_by("-number").first()
    number = (round.runs.aggregate(n=Max("number"))["n"] or 0) + 1
    run = MatchingRun.objects.create(
        round=round, number=number, previous=previous, settings=round_settings_clean(round.settings),
        requested_by=actor, progress=0, stage=RunStage.QUEUED,
    )
    from kizuna.mentoring.tasks import round_run_task

    return job_enqueue(run, round_run_task)


def run_cancel(*, run: MatchingRun, actor: User | None) -> MatchingRun:
    """Ask a run to stop. A queued run ends at once; a running one stops at its
    next check (between stages and inside long loops) and saves nothing."""
    try:
        return job_cancel(job=run, actor=actor)
    except JobError:
        raise RoundError(_("This run has already ended.")) from None


def _pairs_to_positions(pairs, s_pos: dict[int, int], p_pos: dict[int, int]) -> list[tuple[int, int]]:
    return [(s_pos[mentee], p_pos[mentor]) for mentor, mentee in pairs if mentee in s_pos and mentor in p_pos]


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
    inp = round_input_load(rnd)
    s_pos = {oid: i for i, oid in enumerate(inp.seeker_orgs)}
    p_pos = {oid: j for j, oid in enumerate(inp.provider_orgs)}
    decisions = list(rnd.decisions.values_list("mentor_id", "mentee_id", "kind"))
    locked = _pairs_to_positions([(m, e) for m, e, k in decisions if k == DecisionKind.LOCK], s_pos, p_pos)
    forbidden = _pairs_to_positions([(m, e) for m, e, k in decisions if k == DecisionKind.FORBID], s_pos, p_pos)
    previous = []
    if run.previous_id:
        previous = _pairs_to_positions(
            Proposal.objects.filter(run_id=run.previous_id).values_list("mentor_id", "mentee_id"), s_pos, p_pos
        )
    enc = encoder_for(run.settings.get("encoder", "use")) if encoder is _FROM_SETTINGS else encoder
    try:
        outcome = match_compute(
            inp, run.settings, encoder=enc, locked=locked, forbidden=forbidden, previous=previous,
            progress=ctx.progress, cancelled=ctx.cancelled,
        )
    except RunCancelled:
        raise JobCancelled from None
    except (AssignmentInfeasible, AssignmentInputError, AssignmentViolations) as exc:
        raise JobFailed({lang: exc.render(lang) for lang in LANGUAGES}) from exc
    ctx.check()
    ctx.progress(RunStage.SAVING, STAGE_START[RunStage.SAVING], f"{len(outcome.pairs)}")
    unmatched = [
        {"side": u["side"], "organisation": (inp.seeker_orgs if u["side"] == Side.MENTEE else inp.provider_orgs)[u["index"]],
         "why": u["why"]}
        for u in outcome.unmatched
    ]
    with transaction.atomic():
        Proposal.objects.bulk_create(
            [
                Proposal(run=run, mentor_id=inp.provider_orgs[p.provider], mentee_id=inp.seeker_orgs[p.seeker],
                         score=p.score, breakdown=p.breakdown, reasons=p.reasons, locked=p.locked)
                for p in outcome.pairs
            ],
            batch_size=1000,
        )
        ctx.finish(
            stage=RunStage.DONE, message=f"{len(outcome.pairs)}",
            objective=outcome.objective, bound=outcome.bound, gap=outcome.gap, floor=outcome.floor,
            method=outcome.method, proven_optimal=outcome.proven_optimal,
            changed=outcome.changed if run.previous_id else None, unmatched=unmatched,
            stats={**outcome.stats, "floor_bound": outcome.floor_bound},
        )
        if rnd.status == RoundStatus.DRAFT:
            MatchingRound.objects.filter(pk=rnd.pk).update(status=RoundStatus.PROPOSED)


# ---------------------------------------------------------------------------
# Officer decisions


def _decide(round: MatchingRound, mentor_id: int, mentee_id: int, kind: str, actor) -> PairDecision:
    decision, _created = PairDecision.objects.update_or_create(
        round=round, mentor_id=mentor_id, mentee_id=mentee_id, defaults={"kind": kind, "created_by": actor}
    )
    return decision


def pair_lock(*, round: MatchingRound, mentor: Organisation, mentee: Organisation, actor: User | None) -> PairDecision:
    """Keep this pair in every following run of the round."""
    return _decide(round, mentor.pk, mentee.pk, DecisionKind.LOCK, actor)


def pair_forbid(*, round: MatchingRound, mentor: Organisation, mentee: Organisation, actor: User | None) -> PairDecision:
    """Never propose this pair again in this round."""
    return _decide(round, mentor.pk, mentee.pk, DecisionKind.FORBID, actor)


def pair_decision_clear(*, round: MatchingRound, mentor: Organisation, mentee: Organisation) -> int:
    return PairDecision.objects.filter(round=round, mentor=mentor, mentee=mentee).delete()[0]


@transaction.atomic
def pair_swap(*, first: Proposal, second: Proposal, actor: User | None) -> list[PairDecision]:
    """Exchange the mentors of two SMEs: lock the two new pairs, forbid the two old ones."""
    if first.run_id != second.run_id:
        raise RoundError(_("Both pairs of a swap must come from the same run."))
    if first.mentor_id == second.mentor_id or first.mentee_id == second.mentee_id:
        raise RoundError(_("A swap needs two pairs with different mentors and different SMEs."))
    rnd = first.run.round
    return [
        _decide(rnd, second.mentor_id, first.mentee_id, DecisionKind.LOCK, actor),
        _decide(rnd, first.mentor_id, second.mentee_id, DecisionKind.LOCK, actor),
        _decide(rnd, first.mentor_id, first.mentee_id, DecisionKind.FORBID, actor),
        _decide(rnd, second.mentor_id, second.mentee_id, DecisionKind.FORBID, actor),
    ]


# ---------------------------------------------------------------------------
# Publication and answers


def round_publish(*, round: MatchingRound, run: MatchingRun, actor: User | None) -> list[Pairing]:
    """Publish the proposed pairs of `run`.

    Side effects: a Pairing per proposal that is not already published (a re-run
    after a decline adds only the new pairs), the round becomes published, and each
    company is notified in its own language (e-mail and in the site)."""
    from kizuna.mentoring.notifications import notify_pair_published

    if run.round_id != round.pk:
        raise RoundError(_("This run belongs to another round."))
    if run.status != RunStatus.DONE:
        raise RoundError(_("Only a finished run can be published."))
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
    from kizuna.mentoring.notifications import notify_pair_accepted, notify_pair_declined

    if pairing.status != PairingStatus.PUBLISHED:
        raise RoundError(_("This pair is no longer waiting for answers."))
    if side not in Side.values:
        raise RoundError(_("Unknown side %(side)s.") % {"side": side})
    if pairing.response_of(side) != Response.PENDING:
        raise RoundError(_("This side has already answered."))
    if not accept and not reason.strip():
        raise RoundError(_("Please give a reason for declining."))
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
        if pairing.status == PairingStatus.ACCEPTED and importlib.util.find_spec("kizuna.mentoring.plans_domain"):
            from kizuna.mentoring import plans_domain

            create = getattr(plans_domain, "plan_create_for", None)
            if create is not None:
                create(pairing=pairing)
    if pairing.status == PairingStatus.ACCEPTED:
        notify_pair_accepted(pairing)
    elif pairing.status == PairingStatus.DECLINED:
        notify_pair_declined(pairing, side=side)
    return pairing


def rerun_for_declined(*, pairing: Pairing, actor: User | None) -> MatchingRun:
    """Start a run that finds the SME of a declined pair a new mentor: the declined
    pair is forbidden and every other published pair of the round stays locked."""
    if pairing.status != PairingStatus.DECLINED:
        raise RoundError(_("Only a declined pair can be re-matched."))
    rnd = pairing.round
    with transaction.atomic():
        _decide(rnd, pairing.mentor_id, pairing.mentee_id, DecisionKind.FORBID, actor)
        for mentor_id, mentee_id in rnd.pairings.filter(status__in=PairingStatus.active_states()).values_list(
            "mentor_id", "mentee_id"
        ):
            _decide(rnd, mentor_id, mentee_id, DecisionKind.LOCK, actor)
    return run_start(round=rnd, actor=actor, previous=rnd.published_run)
