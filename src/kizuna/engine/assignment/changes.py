"""Derived problems: participants withdrawn, candidates pruned (and what pruning costs)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from kizuna.engine.assignment._prepare import _as_mask
from kizuna.engine.assignment.problem import AssignmentProblem, PruningGap
from kizuna.engine.assignment.solve import assignment_solve


def assignment_withdraw(
    problem: AssignmentProblem, *, seekers: Sequence[int] = (), providers: Sequence[int] = ()
) -> AssignmentProblem:
    """The same problem (same edge indices) with participants withdrawn: their
    pairs become forbidden and unlocked, a withdrawn seeker needs and takes no
    provider, a withdrawn provider takes no seeker. Re-solve with
    ``previous=old_result.edges`` to keep every pair that can stay."""
    seekers = np.asarray(seekers, dtype=np.int64)
    providers = np.asarray(providers, dtype=np.int64)
    n_e = problem.n_edges
    gone = np.isin(problem.seeker, seekers) | np.isin(problem.provider, providers)
    forbidden = _as_mask(problem.forbidden, n_e, "forbidden") | gone
    locked = _as_mask(problem.locked, n_e, "locked") & ~gone
    lo = np.broadcast_to(np.asarray(problem.lo), (problem.n_seekers,)).copy()
    hi = np.broadcast_to(np.asarray(problem.hi), (problem.n_seekers,)).copy()
    cap = np.broadcast_to(np.asarray(problem.capacity), (problem.n_providers,)).copy()
    lo[seekers] = 0
    hi[seekers] = 0
    cap[providers] = 0
    return replace(problem, lo=lo, hi=hi, capacity=cap, forbidden=forbidden, locked=locked)


def assignment_subproblem(
    problem: AssignmentProblem, keep: np.ndarray
) -> tuple[AssignmentProblem, np.ndarray]:
    """The problem restricted to the edges where ``keep`` is true (a boolean mask
    or edge indices); returns it with the original index of each kept edge."""
    keep = np.asarray(keep)
    index = np.flatnonzero(keep) if keep.dtype == bool else np.sort(keep.astype(np.int64))
    sub = replace(
        problem,
        seeker=np.asarray(problem.seeker)[index],
        provider=np.asarray(problem.provider)[index],
        score=np.asarray(problem.score)[index],
        locked=None if problem.locked is None else np.asarray(problem.locked)[index],
        forbidden=None if problem.forbidden is None else np.asarray(problem.forbidden)[index],
    )
    return sub, index


def candidates_pruning_gap(problem: AssignmentProblem, keep: np.ndarray) -> PruningGap:
    """How much objective pruning the candidates to ``keep`` loses against the
    dense optimum of ``problem`` (both solved to optimality)."""
    dense = assignment_solve(problem)
    sub, _ = assignment_subproblem(problem, keep)
    pruned = assignment_solve(sub)
    gap = (dense.objective - pruned.objective) / max(abs(dense.objective), 1e-9)
    return PruningGap(dense.objective, pruned.objective, gap, dense, pruned)
