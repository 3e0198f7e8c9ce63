"""Proven-optimal assignment of seekers to providers under capacities and constraints.

Each seeker (a Thai SME, a startup, an application) gets between ``lo`` and ``hi``
providers (mentors, partners, reviewers); each provider takes at most ``capacity``
seekers; only the listed candidate pairs may be used; forbidden pairs never are,
locked pairs always are; optional quotas bound the number of pairs of each group of
seekers (e.g. an FTI industry group). The total affinity is maximised.

How it is solved
    Every constraint is a bound on the flow through one arc of a network
    source → [group] → seeker → provider → sink, and the groups partition the
    seekers, so the constraint matrix is totally unimodular: the min-cost flow
    (OR-Tools ``SimpleMinCostFlow``) gives an integral optimum whose objective
    equals the LP-relaxation bound, group quotas included. Lower bounds (``lo``,
    quota minimums) use the standard lower-bound transformation. Scores are
    quantised to integers (by default to 10⁻⁶ of a score unit), the objective is
    reported from the float scores.

    The fairness mode first maximises the lowest total score of any seeker that
    can be served, then the sum subject to that floor. When every seeker takes at
    most one provider this is a bottleneck problem solved exactly by a search on
    the floor with min-cost flows; otherwise (max–min with several providers per
    seeker is NP-hard) the floor comes from CP-SAT and the sum at that floor from a
    MIP for HiGHS through scipy, whose bound and gap are reported. ``time_limit``
    bounds this mode only; the flows need none.

    Re-solving with ``previous`` (the edges of an earlier result) adds a tie-break
    below the score resolution: among optimal solutions the one with the fewest
    pairs added or removed is chosen, exactly.

The modules: ``problem`` (dataclasses, exceptions), ``_prepare`` (validation,
locked pairs, pre-checks), ``solve`` (networks, fairness, re-solve), ``check`` (the
checker), ``changes`` (withdrawals, candidate pruning), ``_messages`` (sentences).

Infeasible inputs raise :class:`AssignmentInfeasible` naming the participants
concerned; :func:`assignment_check` validates any result and raises
:class:`AssignmentViolations` naming each violation. scipy and CP-SAT are imported only by
the fairness mode that needs them, so ``kizuna match --assign`` starts fast.
"""

from __future__ import annotations

from kizuna.engine.assignment.changes import (
    assignment_subproblem,
    assignment_withdraw,
    candidates_pruning_gap,
)
from kizuna.engine.assignment.check import assignment_check
from kizuna.engine.assignment.problem import (
    AssignmentInfeasible,
    AssignmentInputError,
    AssignmentProblem,
    AssignmentResult,
    AssignmentTimeLimit,
    AssignmentViolations,
    Infeasibility,
    PruningGap,
    Violation,
)
from kizuna.engine.assignment.solve import assignment_solve

__all__ = [
    "AssignmentProblem",
    "AssignmentResult",
    "AssignmentTimeLimit",
    "AssignmentInfeasible",
    "AssignmentInputError",
    "AssignmentViolations",
    "Infeasibility",
    "PruningGap",
    "Violation",
    "assignment_check",
    "assignment_solve",
    "assignment_subproblem",
    "assignment_withdraw",
    "candidates_pruning_gap",
]
