"""Properties of the assignment engine on small random instances, against brute force
(every subset of candidate pairs) and against the LP relaxation solved by HiGHS."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kizuna.engine.assignment import (
    AssignmentInfeasible,
    AssignmentProblem,
    assignment_check,
    assignment_solve,
    assignment_withdraw,
)

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def problems(draw, *, max_s=4, max_p=3, max_e=9, max_hi=2, quotas=True, dense_pairs=False):
    n_s = draw(st.integers(1, max_s))
    n_p = draw(st.integers(1, max_p))
    every = list(itertools.product(range(n_s), range(n_p)))
    if dense_pairs:
        chosen = every
    else:
        chosen = draw(st.lists(st.sampled_from(every), unique=True, max_size=max_e))
    n_e = len(chosen)
    score = (
        np.array(draw(st.lists(st.integers(-3, 12), min_size=n_e, max_size=n_e)), dtype=float) / 4
    )
    lo = np.array(draw(st.lists(st.integers(0, 1), min_size=n_s, max_size=n_s)))
    hi = np.minimum(
        lo + np.array(draw(st.lists(st.integers(0, max_hi), min_size=n_s, max_size=n_s))), max_hi
    )
    cap = np.array(draw(st.lists(st.integers(0, 3), min_size=n_p, max_size=n_p)))
    flags = draw(st.lists(st.sampled_from("....lf"), min_size=n_e, max_size=n_e))
    locked = np.array([f == "l" for f in flags], dtype=bool)
    forbidden = np.array([f == "f" for f in flags], dtype=bool)
    group = quota = None
    if quotas and draw(st.booleans()):
        group = np.array(draw(st.lists(st.integers(-1, 1), min_size=n_s, max_size=n_s)))
        quota = {}
        for g in (0, 1):
            if draw(st.booleans()):
                low = draw(st.integers(0, 2))
                quota[g] = (low, low + draw(st.integers(0, 3)))
    return AssignmentProblem(
        n_seekers=n_s,
        n_providers=n_p,
        seeker=np.array([i for i, _ in chosen], dtype=np.int32),
        provider=np.array([j for _, j in chosen], dtype=np.int32),
        score=score,
        lo=np.minimum(lo, hi) if draw(st.booleans()) else lo,
        hi=hi,
        capacity=cap,
        locked=locked,
        forbidden=forbidden,
        seeker_group=group,
        group_quota=quota,
    )


def feasible_subsets(problem: AssignmentProblem) -> np.ndarray:
    """Every subset of edges (rows of a 0/1 matrix) that satisfies all constraints."""
    n_e = problem.n_edges
    x = np.array(list(itertools.product((0, 1), repeat=n_e)), dtype=np.int64).reshape(2**n_e, n_e)
    inc_s = np.zeros((n_e, problem.n_seekers), dtype=np.int64)
    inc_s[np.arange(n_e), problem.seeker] = 1
    inc_p = np.zeros((n_e, problem.n_providers), dtype=np.int64)
    inc_p[np.arange(n_e), problem.provider] = 1
    load_s, load_p = x @ inc_s, x @ inc_p
    ok = (
        (load_s >= problem.lo).all(1)
        & (load_s <= problem.hi).all(1)
        & (load_p <= problem.capacity).all(1)
    )
    if problem.locked is not None:
        ok &= (x[:, problem.locked] == 1).all(1)
    if problem.forbidden is not None:
        ok &= (x[:, problem.forbidden] == 0).all(1)
    for g, (low, high) in (problem.group_quota or {}).items():
        members = problem.seeker_group == g
        load = load_s[:, members].sum(1)
        ok &= (load >= low) & (load <= high)
    return x[ok]


def servable(problem: AssignmentProblem) -> np.ndarray:
    """Seekers the fairness floor counts: hi > 0 and a locked pair, or an allowed
    pair with room left on both sides after the locked pairs."""
    locked = problem.locked
    nl_s = np.bincount(problem.seeker[locked], minlength=problem.n_seekers)
    nl_p = np.bincount(problem.provider[locked], minlength=problem.n_providers)
    room = ~problem.forbidden & (problem.hi[problem.seeker] > nl_s[problem.seeker])
    room &= problem.capacity[problem.provider] > nl_p[problem.provider]
    usable = locked | (room & ~locked)
    has = np.bincount(problem.seeker[usable], minlength=problem.n_seekers) > 0
    return has & (problem.hi > 0)


def changed(previous: np.ndarray, x: np.ndarray) -> np.ndarray:
    prev = np.zeros(x.shape[1], dtype=np.int64)
    prev[previous] = 1
    return prev.sum() + x.sum(1) - 2 * (x @ prev)


@SETTINGS
@given(problems())
def test_solve_is_feasible_and_equals_brute_force_optimum(problem):
    subsets = feasible_subsets(problem)
    if len(subsets) == 0:
        with pytest.raises(AssignmentInfeasible):
            assignment_solve(problem)
        return
    result = assignment_solve(problem)
    assignment_check(problem, result)
    assert result.objective == pytest.approx((subsets @ problem.score).max(), abs=1e-9)
    assert result.bound == result.objective
    assert result.proven_optimal
    assert result.method == "min_cost_flow"


@SETTINGS
@given(problems())
def test_locked_pairs_are_kept_and_forbidden_pairs_never_used(problem):
    try:
        result = assignment_solve(problem)
    except AssignmentInfeasible:
        return
    chosen = np.zeros(problem.n_edges, dtype=bool)
    chosen[result.edges] = True
    assert (chosen[problem.locked]).all()
    assert not (chosen[problem.forbidden]).any()


@SETTINGS
@given(problems())
def test_seekers_without_allowed_provider_are_named_exactly(problem):
    # allowed: not forbidden, and the provider has room beyond its locked pairs
    locked = problem.locked & ~problem.forbidden
    nl_s = np.bincount(problem.seeker[locked], minlength=problem.n_seekers)
    nl_p = np.bincount(problem.provider[locked], minlength=problem.n_providers)
    room = (
        ~problem.forbidden
        & ~problem.locked
        & (problem.capacity[problem.provider] > nl_p[problem.provider])
    )
    allowed = np.bincount(problem.seeker[room], minlength=problem.n_seekers)
    lonely = {
        i
        for i in range(problem.n_seekers)
        if problem.lo[i] > 0 and nl_s[i] == 0 and (allowed[i] == 0 or problem.hi[i] == 0)
    }
    try:
        assignment_solve(problem)
    except AssignmentInfeasible as error:
        named = [p.seekers for p in error.problems if p.code == "assign_no_allowed_provider"]
        assert set(itertools.chain(*named)) == lonely
        assert all(p.message for p in error.problems)
    else:
        assert not lonely


@settings(max_examples=40, deadline=None)
@given(problems(max_s=7, max_p=5, max_hi=3, dense_pairs=True))
def test_objective_equals_lp_relaxation_bound(problem):
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix, vstack

    n_e = problem.n_edges
    cols = np.arange(n_e)
    a_s = coo_matrix((np.ones(n_e), (problem.seeker, cols)), shape=(problem.n_seekers, n_e))
    a_p = coo_matrix((np.ones(n_e), (problem.provider, cols)), shape=(problem.n_providers, n_e))
    rows = [-a_s, a_s, a_p]
    rhs = [-problem.lo, problem.hi, problem.capacity]
    for g, (low, high) in (problem.group_quota or {}).items():
        member = (problem.seeker_group[problem.seeker] == g).astype(float)[None, :]
        rows += [coo_matrix(-member), coo_matrix(member)]
        rhs += [[-low], [high]]
    bounds = np.column_stack([problem.locked.astype(float), (~problem.forbidden).astype(float)])
    lp = linprog(
        -problem.score,
        A_ub=vstack(rows),
        b_ub=np.concatenate(rhs).astype(float),
        bounds=bounds,
        method="highs",
    )
    if lp.status == 2:
        with pytest.raises(AssignmentInfeasible):
            assignment_solve(problem)
        return
    result = assignment_solve(problem)
    assignment_check(problem, result)
    assert lp.status == 0
    assert result.objective == pytest.approx(-lp.fun, abs=1e-7)
    assert result.bound == pytest.approx(-lp.fun, abs=1e-7)


def brute_fair(problem, subsets):
    totals = (subsets * problem.score) @ np.eye(problem.n_seekers)[problem.seeker]
    serv = servable(problem)
    floor = totals[:, serv].min(1) if serv.any() else np.zeros(len(subsets))
    best_floor = floor.max()
    at_floor = subsets[floor >= best_floor - 1e-9]
    return best_floor, (at_floor @ problem.score).max()


@SETTINGS
@given(problems(max_hi=1))
def test_fair_mode_with_one_provider_each_equals_brute_force_max_min(problem):
    subsets = feasible_subsets(problem)
    if len(subsets) == 0:
        with pytest.raises(AssignmentInfeasible):
            assignment_solve(problem, fair=True)
        return
    result = assignment_solve(problem, fair=True)
    assignment_check(problem, result)
    floor, total = brute_fair(problem, subsets)
    assert result.floor == pytest.approx(floor, abs=1e-9)
    assert result.objective == pytest.approx(total, abs=1e-9)
    assert result.method == "fair+min_cost_flow"


@settings(max_examples=40, deadline=None)
@given(problems(max_s=3, max_p=3, max_e=8, max_hi=2))
def test_fair_mode_with_several_providers_equals_brute_force_max_min(problem):
    if problem.hi.max() <= 1:  # make sure the MIP path is taken
        hi = problem.hi.copy()
        hi[0] = 2
        problem = replace(problem, hi=hi)
    subsets = feasible_subsets(problem)
    if len(subsets) == 0:
        with pytest.raises(AssignmentInfeasible):
            assignment_solve(problem, fair=True)
        return
    result = assignment_solve(problem, fair=True)
    assignment_check(problem, result)
    floor, total = brute_fair(problem, subsets)
    assert result.method == "fair+cp_sat+mip"
    assert result.proven_optimal
    assert result.floor == pytest.approx(floor, abs=1e-6)
    assert result.objective == pytest.approx(total, abs=1e-6)


@SETTINGS
@given(problems(quotas=False), st.data())
def test_withdrawal_resolve_changes_the_fewest_pairs_among_optimal_solutions(problem, data):
    try:
        first = assignment_solve(problem)
    except AssignmentInfeasible:
        return
    assert assignment_solve(problem, previous=first.edges).changed == 0
    gone = data.draw(st.integers(0, problem.n_providers - 1))
    after = assignment_withdraw(problem, providers=[gone])
    subsets = feasible_subsets(after)
    if len(subsets) == 0:
        with pytest.raises(AssignmentInfeasible):
            assignment_solve(after, previous=first.edges)
        return
    second = assignment_solve(after, previous=first.edges)
    assignment_check(after, second)
    values = subsets @ after.score
    optimal = subsets[values >= values.max() - 1e-9]
    assert second.objective == pytest.approx(values.max(), abs=1e-9)
    assert second.changed == changed(first.edges, optimal).min()
    chosen = np.zeros(after.n_edges, dtype=np.int64)
    chosen[second.edges] = 1
    assert second.changed == changed(first.edges, chosen[None, :])[0]


@SETTINGS
@given(problems(max_hi=1, quotas=False), st.data())
def test_fair_withdrawal_resolve_changes_the_fewest_pairs_at_the_fair_optimum(problem, data):
    try:
        first = assignment_solve(problem, fair=True)
    except AssignmentInfeasible:
        return
    gone = data.draw(st.integers(0, problem.n_providers - 1))
    after = assignment_withdraw(problem, providers=[gone])
    subsets = feasible_subsets(after)
    if len(subsets) == 0:
        return
    second = assignment_solve(after, fair=True, previous=first.edges)
    floor, total = brute_fair(after, subsets)
    totals = (subsets * after.score) @ np.eye(after.n_seekers)[after.seeker]
    serv = servable(after)
    floors = totals[:, serv].min(1) if serv.any() else np.zeros(len(subsets))
    best = subsets[(floors >= floor - 1e-9) & (subsets @ after.score >= total - 1e-9)]
    assert second.changed == changed(first.edges, best).min()
