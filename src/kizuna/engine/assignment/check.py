"""The checker: validates any result against every constraint of its problem."""

from __future__ import annotations

import numpy as np

from kizuna.engine.assignment.problem import (
    _NAME_LIMIT,
    AssignmentProblem,
    AssignmentResult,
    AssignmentViolations,
    Violation,
)
from kizuna.engine.messages import render


def _violation(code: str, at: tuple = (None, None), **params) -> Violation:
    seeker, provider = at
    return Violation(
        code=code,
        message=render(code, "en", **params),
        seeker=None if seeker is None else int(seeker),
        provider=None if provider is None else int(provider),
        params=params,
    )


def assignment_check(
    problem: AssignmentProblem, result: AssignmentResult, *, tolerance: float = 1e-6
) -> None:
    """Validate ``result`` against every constraint of ``problem``.

    Raises AssignmentViolations naming each broken constraint: edges that are
    not candidates or repeated, forbidden pairs used, locked pairs missing,
    seekers outside [lo, hi], providers over capacity, groups outside their
    quota, an objective that is not the sum of the pairs' scores, a bound below
    the objective.
    """
    n_e, n_s, n_p = problem.n_edges, problem.n_seekers, problem.n_providers
    seeker = np.asarray(problem.seeker, dtype=np.int64)
    provider = np.asarray(problem.provider, dtype=np.int64)
    score = np.asarray(problem.score, dtype=np.float64)
    out: list[Violation] = []
    edges = np.asarray(result.edges, dtype=np.int64).ravel()
    bad = (edges < 0) | (edges >= n_e)
    for e in edges[bad][:_NAME_LIMIT]:
        out.append(_violation("assign_check_edge_range", edge=int(e)))
    edges = edges[~bad]
    uniq, counts = np.unique(edges, return_counts=True)
    for e in uniq[counts > 1]:
        i, j = int(seeker[e]), int(provider[e])
        out.append(
            _violation(
                "assign_check_edge_repeated",
                (i, j),
                seeker=problem.seeker_name(i),
                provider=problem.provider_name(j),
            )
        )
    chosen = np.zeros(n_e, dtype=bool)
    chosen[edges] = True
    if problem.forbidden is not None:
        for e in np.flatnonzero(chosen & np.asarray(problem.forbidden, dtype=bool)):
            i, j = int(seeker[e]), int(provider[e])
            out.append(
                _violation(
                    "assign_check_forbidden",
                    (i, j),
                    seeker=problem.seeker_name(i),
                    provider=problem.provider_name(j),
                )
            )
    if problem.locked is not None:
        for e in np.flatnonzero(~chosen & np.asarray(problem.locked, dtype=bool)):
            i, j = int(seeker[e]), int(provider[e])
            out.append(
                _violation(
                    "assign_check_locked",
                    (i, j),
                    seeker=problem.seeker_name(i),
                    provider=problem.provider_name(j),
                )
            )
    load_s = np.bincount(seeker[edges], minlength=n_s)
    load_p = np.bincount(provider[edges], minlength=n_p)
    lo = np.broadcast_to(np.asarray(problem.lo, dtype=np.int64), (n_s,))
    hi = np.broadcast_to(np.asarray(problem.hi, dtype=np.int64), (n_s,))
    cap = np.broadcast_to(np.asarray(problem.capacity, dtype=np.int64), (n_p,))
    for i in np.flatnonzero(load_s < lo):
        out.append(
            _violation(
                "assign_check_below_minimum",
                (i, None),
                seeker=problem.seeker_name(int(i)),
                load=int(load_s[i]),
                low=int(lo[i]),
            )
        )
    for i in np.flatnonzero(load_s > hi):
        out.append(
            _violation(
                "assign_check_above_maximum",
                (i, None),
                seeker=problem.seeker_name(int(i)),
                load=int(load_s[i]),
                high=int(hi[i]),
            )
        )
    for j in np.flatnonzero(load_p > cap):
        out.append(
            _violation(
                "assign_check_over_capacity",
                (None, j),
                provider=problem.provider_name(int(j)),
                load=int(load_p[j]),
                capacity=int(cap[j]),
            )
        )
    if problem.group_quota and problem.seeker_group is not None:
        group = np.asarray(problem.seeker_group, dtype=np.int64)
        for g, (low, high) in sorted(problem.group_quota.items()):
            load = int(load_s[group == g].sum())
            if low is not None and load < low:
                out.append(
                    _violation(
                        "assign_check_group_below",
                        group=problem.group_name(g),
                        load=load,
                        low=int(low),
                    )
                )
            if high is not None and load > high:
                out.append(
                    _violation(
                        "assign_check_group_above",
                        group=problem.group_name(g),
                        load=load,
                        high=int(high),
                    )
                )
    actual = float(score[uniq].sum())
    tol = tolerance * max(1.0, abs(actual))
    if abs(actual - result.objective) > tol:
        out.append(
            _violation(
                "assign_check_objective", reported=f"{result.objective:.9g}", actual=f"{actual:.9g}"
            )
        )
    if result.bound < result.objective - tol:
        out.append(
            _violation(
                "assign_check_bound",
                bound=f"{result.bound:.9g}",
                objective=f"{result.objective:.9g}",
            )
        )
    if out:
        raise AssignmentViolations(out)
