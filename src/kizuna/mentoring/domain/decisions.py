"""Functions that keep the decisions made about pairs as labelled examples, fit
the affinity weights to them (engine/learning.py) and adopt a fit for a round.

Every decision is recorded by `decision_record`, called from the domain function
that makes the decision (runs.py: lock, forbid, swap; pairings.py: a company's
answer; plans.py: a plan's outcome), with the pair's score parts and the weights
of the run that proposed it: what the people deciding saw."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from kizuna.accounts.models import User
from kizuna.engine.learning import weights_fit
from kizuna.engine.weights import AffinityConfigError, AffinityWeights
from kizuna.mentoring.domain.errors import MentoringError
from kizuna.mentoring.domain.rounds import round_settings_set
from kizuna.mentoring.enums import LabelKind, RunStatus
from kizuna.mentoring.models import (
    LabelledDecision,
    MatchingRound,
    Outcome,
    Pairing,
    Proposal,
    WeightFit,
)
from kizuna.mentoring.queries.decisions import labelled_pairs
from kizuna.programmes.models import Programme


def _weights_of(settings: dict | None) -> dict:
    return AffinityWeights.from_dict((settings or {}).get("weights") or {}).to_dict()


def _seen(*, round: MatchingRound, mentor_id: int, mentee_id: int) -> tuple[dict, dict]:
    """(breakdown, weights) of the pair as last shown: its published pair, else its
    proposal in the latest finished run that proposed it, else none (a pair the
    officer made by a swap that no run proposed)."""
    pairing = (Pairing.objects.filter(round=round, mentor_id=mentor_id, mentee_id=mentee_id)
               .select_related("run").first())
    if pairing is not None and pairing.breakdown:
        return pairing.breakdown, _weights_of(pairing.run.settings if pairing.run else round.settings)
    proposal = (Proposal.objects.filter(run__round=round, run__status=RunStatus.DONE, mentor_id=mentor_id,
                                        mentee_id=mentee_id).select_related("run").order_by("-run__number").first())
    if proposal is not None:
        return proposal.breakdown, _weights_of(proposal.run.settings)
    return {}, _weights_of(round.settings)


def decision_record(
    *, round: MatchingRound, mentor_id: int, mentee_id: int, kind: str, actor: User | None, reason: str = ""
) -> LabelledDecision:
    """Keep one decision on a pair, labelled +1 or −1 by its kind, with the pair's
    score parts and weights as last shown (see `_seen`)."""
    breakdown, weights = _seen(round=round, mentor_id=mentor_id, mentee_id=mentee_id)
    return LabelledDecision.objects.create(
        round=round, mentor_id=mentor_id, mentee_id=mentee_id, kind=kind, label=LabelKind.label_of(kind),
        reason=reason, breakdown=breakdown, weights=weights, actor=actor,
    )


def decisions_record_swap(*, first: Proposal, second: Proposal, actor: User | None) -> list[LabelledDecision]:
    """A swap: the two new pairs are swapped in, the two old ones out."""
    rnd = first.run.round
    pairs = [(second.mentor_id, first.mentee_id, LabelKind.SWAP_IN), (first.mentor_id, second.mentee_id, LabelKind.SWAP_IN),
             (first.mentor_id, first.mentee_id, LabelKind.SWAP_OUT), (second.mentor_id, second.mentee_id, LabelKind.SWAP_OUT)]
    return [decision_record(round=rnd, mentor_id=m, mentee_id=e, kind=k, actor=actor) for m, e, k in pairs]


def decision_record_answer(*, pairing: Pairing, accept: bool, reason: str, actor: User | None) -> LabelledDecision:
    """A company's answer to a published pair (a decline keeps its reason)."""
    return decision_record(round=pairing.round, mentor_id=pairing.mentor_id, mentee_id=pairing.mentee_id,
                           kind=LabelKind.ACCEPT if accept else LabelKind.DECLINE, actor=actor, reason=reason.strip())


def outcome_is_good(outcome: Outcome) -> bool:
    """A plan ended with results: a technology adopted, productivity raised, or jobs created."""
    improved = (outcome.productivity_before is not None and outcome.productivity_after is not None
                and outcome.productivity_after > outcome.productivity_before)
    return improved or bool(outcome.jobs_created) or outcome.technologies.exists()


def decision_record_outcome(*, outcome: Outcome, actor: User | None) -> LabelledDecision:
    """A plan's outcome, good or poor (`outcome_is_good`), as a decision on its pair."""
    pairing = outcome.plan.pairing
    kind = LabelKind.OUTCOME_GOOD if outcome_is_good(outcome) else LabelKind.OUTCOME_POOR
    return decision_record(round=pairing.round, mentor_id=pairing.mentor_id, mentee_id=pairing.mentee_id,
                           kind=kind, actor=actor)


def weights_fit_record(
    *, programme: Programme | None = None, round: MatchingRound | None = None, folds: int = 5,
    actor: User | None = None,
) -> WeightFit:
    """Fit the part weights to the labelled decisions of `round`, else of
    `programme`, else of every programme, against the round's weights (or the
    defaults); the result is kept as a WeightFit, also when there were too few
    decisions (its metrics then say how many more are needed)."""
    if round is not None:
        programme = round.programme
    baseline = {k: v for k, v in _weights_of(round.settings if round else None).items() if isinstance(v, int | float)}
    fit = weights_fit(labelled_pairs(programme=programme, round=round), baseline, folds=folds, seed=0)
    return WeightFit.objects.create(programme=programme, round=round, decisions=fit.decisions, weights=fit.weights,
                                    metrics=fit.metrics(), created_by=actor)


@transaction.atomic
def round_weights_adopt(*, round: MatchingRound, fit: WeightFit, actor: User | None) -> MatchingRound:
    """Copy the fitted weights into the round's settings (and which fit they came
    from); the following runs store them with their settings, so each run stays
    reproducible."""
    if fit.programme_id is not None and fit.programme_id != round.programme_id:
        raise MentoringError("fit_other_programme")
    if not fit.usable:
        raise MentoringError("fit_not_usable")
    learned = {name: fit.weights[name] for name in fit.metrics["learned"]}
    current = dict(round.settings or {})
    weights = {**(current.get("weights") or {}), **learned}
    try:
        AffinityWeights.from_dict(weights)
    except AffinityConfigError as exc:
        raise MentoringError("weights_invalid", reason=str(exc)) from None
    return round_settings_set(round=round, settings={**current, "weights": weights, "weights_fit": fit.pk})


def weight_fit_shortfall(fit: WeightFit) -> str:
    """Why `fit` has no weights and how many more usable decisions it needs, as a whole sentence."""
    m = fit.metrics
    if m.get("reason") == "seekers":
        return _(
            "Too few decisions to fit the weights: %(folds)d folds need %(folds)d SMEs that each have both a "
            "kept and a rejected pair, and there are %(decisions)d usable decisions; %(more)d more are needed."
        ) % {"folds": m["folds"], "decisions": fit.decisions, "more": m["needed"]}
    if m.get("reason") == "no_varying_part":
        return _("The decisions' score parts do not vary, so no weight can be fitted from them.")
    return _(
        "Too few decisions to fit the weights: %(decisions)d usable (a decision is usable when its SME has both a "
        "kept and a rejected pair), %(minimum)d needed (10 for each weight); %(more)d more are needed."
    ) % {"decisions": fit.decisions, "minimum": m["minimum"], "more": m["needed"]}
