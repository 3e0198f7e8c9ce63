"""Min-cost flow over source → [quota group] → seeker → provider → sink, the fairness
modes, and the minimal-change tie-break for re-solving after a withdrawal."""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from kizuna.engine.assignment._prepare import (
    _edge_keys,
    _infeasibility,
    _names,
    _prepare,
    _Prepared,
)
from kizuna.engine.assignment.problem import (
    _COST_LIMIT,
    _SCALE,
    AssignmentInfeasible,
    AssignmentInputError,
    AssignmentProblem,
    AssignmentResult,
    AssignmentTimeLimit,
)


def _flow(
    prep: _Prepared,
    idx: np.ndarray,
    lo: np.ndarray,
    *,
    mode: str = "score",
    prev_mask: np.ndarray | None = None,
):
    """Min-cost flow over the free edges ``idx``.

    Nodes: 0 source, 1 sink, quota groups, seekers, providers. ``mode`` "score"
    maximises the quantised scores (with the `previous` tie-break), "zero" only
    tests feasibility, "diagnose" turns the lower bounds into arcs of cost −1
    (every edge cost 0), so the optimum serves as many minimum units as
    possible; ``info`` then holds the shortfall per quota group and seeker.
    Returns ``(status, chosen_mask_over_idx, smcf, info, scale)``. The arc
    arrays are built in place and dropped before the solve, so the peak memory
    is the solver's own.
    """
    from ortools.graph.python import min_cost_flow

    n_s, n_p = prep.problem.n_seekers, prep.problem.n_providers
    nq = len(prep.quota_groups)
    g0, s0 = 2, 2 + nq
    p0 = s0 + n_s
    n_nodes = p0 + n_p
    hi = prep.hi
    seeker_parent = np.where(prep.group >= 0, g0 + prep.group, 0)
    flow_max = int(hi.sum())
    gmax = np.minimum(prep.gmax, flow_max)
    diagnose = mode == "diagnose"
    split = 2 if diagnose else 1
    n_e = len(idx)
    total = n_e + split * (nq + n_s) + n_p + 1

    tails = np.empty(total, dtype=np.int32)
    heads = np.empty(total, dtype=np.int32)
    caps = np.ones(total, dtype=np.int64)
    costs = np.zeros(total, dtype=np.int64)
    np.take(prep.seeker, idx, out=tails[:n_e])
    tails[:n_e] += s0
    np.take(prep.provider, idx, out=heads[:n_e])
    heads[:n_e] += p0
    scale = _SCALE
    if mode == "score":
        scale = _costs(prep, idx, prev_mask, costs[:n_e], n_nodes)
    groups = g0 + np.arange(nq)
    seekers = s0 + np.arange(n_s)
    supply = np.zeros(n_nodes, dtype=np.int64)
    if diagnose:  # (tail, head, capacity, cost) per block of arcs
        blocks = [
            (0, groups, prep.gmin, -1),
            (0, groups, gmax - prep.gmin, 0),
            (seeker_parent, seekers, lo, -1),
            (seeker_parent, seekers, hi - lo, 0),
        ]
    else:  # lower bounds by the standard transformation
        blocks = [(0, groups, gmax - prep.gmin, 0), (seeker_parent, seekers, hi - lo, 0)]
        supply[0] -= int(prep.gmin.sum())
        supply[g0 : g0 + nq] += prep.gmin
        np.subtract.at(supply, seeker_parent, lo)
        supply[s0 : s0 + n_s] += lo
    blocks += [(p0 + np.arange(n_p), 1, prep.cap, 0), (0, 1, np.array([flow_max]), 0)]
    supply[0] += flow_max
    supply[1] -= flow_max
    at = n_e
    for t, h, c, w in blocks:
        k = len(c)
        tails[at : at + k] = t
        heads[at : at + k] = h
        caps[at : at + k] = c
        costs[at : at + k] = w
        at += k

    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    del tails, heads, caps, costs
    smcf.set_nodes_supplies(np.arange(n_nodes, dtype=np.int32), supply)
    status = smcf.solve()
    info = None
    chosen = None
    if status == smcf.OPTIMAL:
        chosen = smcf.flows(np.arange(n_e, dtype=np.int32)) > 0
        if diagnose:
            gl = smcf.flows(np.arange(n_e, n_e + nq, dtype=np.int32))
            base = n_e + 2 * nq
            sl = smcf.flows(np.arange(base, base + n_s, dtype=np.int32))
            info = (prep.gmin - gl, lo - sl)
    return status, chosen, smcf, info, scale


def _raise_hall(prep: _Prepared, idx: np.ndarray, lo: np.ndarray) -> None:
    """The flow found the lower bounds infeasible: find who is left short."""
    status, _, _, info, _ = _flow(prep, idx, lo, mode="diagnose")
    problem = prep.problem
    problems = []
    if info is not None:
        g_short, s_short = info
        seekers = np.flatnonzero(s_short > 0)
        groups = prep.quota_groups[np.flatnonzero(g_short > 0)]
        if seekers.size:
            near = np.unique(prep.provider[idx][np.isin(prep.seeker[idx], seekers)])
            problems.append(
                _infeasibility(
                    "assign_seekers_left_short",
                    seekers=seekers,
                    providers=near,
                    count=seekers.size,
                    names=_names(problem, "s", seekers),
                )
            )
        if groups.size:
            members = np.flatnonzero(np.isin(prep.group, np.flatnonzero(g_short > 0)))
            problems.append(
                _infeasibility(
                    "assign_groups_left_short",
                    seekers=members,
                    groups=groups,
                    count=groups.size,
                    names=_names(problem, "g", groups),
                )
            )
    if not problems:  # pragma: no cover - the diagnosis always finds a shortfall
        problems.append(
            _infeasibility(
                "assign_seekers_left_short", seekers=np.flatnonzero(lo > 0), count=0, names=""
            )
        )
    raise AssignmentInfeasible(problems)


def _costs(
    prep: _Prepared, idx: np.ndarray, prev_mask: np.ndarray | None, out: np.ndarray, n_nodes: int
) -> int:
    """Write the integer edge costs into ``out``: negated scores quantised to
    1/scale, times k, plus the `previous` tie-break (−1 keep, +1 add) that k makes
    smaller than one score quantum. Returns the scale."""
    k = 1
    if prev_mask is not None:
        k = int(prev_mask.sum()) + int(min(prep.hi.sum(), len(idx))) + 1
    score = prep.score[idx]
    maxabs = float(np.abs(score).max()) if len(score) else 0.0
    scale = _SCALE
    limit = _COST_LIMIT // ((n_nodes + 1) * k * 4)
    while scale > 1 and maxabs * scale > limit:
        scale //= 10
    score *= -scale
    np.rint(score, out=score)
    out[:] = score
    del score
    if k != 1:
        out *= k
    if prev_mask is not None:
        out += np.where(prev_mask[idx], -1, 1)
    return scale


# ---------------------------------------------------------------------------
# Solve
# ---------------------------------------------------------------------------


def _previous_mask(problem: AssignmentProblem, previous, n_e: int) -> np.ndarray:
    prev = np.asarray(previous)
    mask = np.zeros(n_e, dtype=bool)
    if prev.dtype == bool:
        if prev.shape != (n_e,):
            raise AssignmentInputError(
                "assign_input_shape", field="previous", got=prev.size, expected=n_e
            )
        return prev.copy()
    if prev.ndim == 2:  # (seeker, provider) pairs; pairs no longer candidates are dropped
        keys = _edge_keys(
            np.asarray(problem.seeker), np.asarray(problem.provider), problem.n_providers
        )
        order = np.argsort(keys, kind="stable")
        want = _edge_keys(prev[:, 0], prev[:, 1], problem.n_providers)
        pos = np.minimum(np.searchsorted(keys[order], want), max(n_e - 1, 0))
        hit = n_e > 0 and (keys[order][pos] == want)
        if n_e:
            mask[order[pos[hit]]] = True
        return mask
    prev = prev.astype(np.int64).ravel()
    bad = np.flatnonzero((prev < 0) | (prev >= n_e))
    if bad.size:
        raise AssignmentInputError(
            "assign_input_range",
            field="previous",
            index=int(bad[0]),
            value=int(prev[bad[0]]),
            allowed=f"0..{n_e - 1}",
        )
    mask[prev] = True
    return mask


def _previous_count(problem: AssignmentProblem, previous) -> int:
    prev = np.asarray(previous)
    if prev.dtype == bool:
        return int(prev.sum())
    if prev.ndim == 2:
        return int(len(np.unique(_edge_keys(prev[:, 0], prev[:, 1], problem.n_providers))))
    return int(len(np.unique(prev)))


def _result(
    prep: _Prepared,
    chosen_free: np.ndarray,
    *,
    bound: float | None,
    proven: bool,
    method: str,
    started: float,
    previous,
    prev_mask,
    floor_mode: bool,
    scale: int,
    floor_bound: float | None = None,
) -> AssignmentResult:
    problem = prep.problem
    edges = np.sort(np.concatenate([prep.locked_idx, chosen_free]).astype(np.int64))
    objective = float(prep.score[edges].sum()) if len(edges) else 0.0
    bound = objective if bound is None else max(float(bound), objective)
    gap = (bound - objective) / max(abs(bound), 1e-9)
    load_s = np.bincount(prep.seeker[edges], minlength=problem.n_seekers)
    load_p = np.bincount(prep.provider[edges], minlength=problem.n_providers)
    hi = np.asarray(problem.hi)
    hi = np.broadcast_to(hi, (problem.n_seekers,))
    cap = np.broadcast_to(np.asarray(problem.capacity), (problem.n_providers,))
    changed = None
    if previous is not None:
        kept = int(prev_mask[edges].sum())
        changed = (_previous_count(problem, previous) - kept) + (len(edges) - kept)
    floor = None
    if floor_mode:
        totals = np.bincount(
            prep.seeker[edges], weights=prep.score[edges], minlength=problem.n_seekers
        )
        floor = float(totals[prep.servable].min()) if prep.servable.any() else 0.0
    return AssignmentResult(
        edges=edges,
        objective=objective,
        bound=bound,
        gap=float(gap),
        proven_optimal=proven,
        unmatched_seekers=np.flatnonzero((load_s == 0) & (hi > 0)).tolist(),
        unfilled_providers=np.flatnonzero((load_p == 0) & (cap > 0)).tolist(),
        changed=changed,
        seconds=time.perf_counter() - started,
        method=method,
        floor=floor,
        floor_bound=(floor if floor_bound is None else max(floor_bound, floor))
        if floor_mode
        else None,
        score_quantum=1.0 / scale,
    )


def assignment_solve(
    problem: AssignmentProblem,
    *,
    fair: bool = False,
    previous: np.ndarray | None = None,
    time_limit: float | None = None,
) -> AssignmentResult:
    """Maximise the total score subject to the problem's constraints, proven.

    ``fair``: first maximise the lowest total score among seekers that can be
    served (``hi > 0`` and an allowed candidate), then the sum. ``previous``:
    the edges of an earlier result (edge indices, a boolean mask, or an array of
    (seeker, provider) rows); among optimal solutions the one changing the
    fewest pairs is returned and ``changed`` counts pairs added plus removed.
    ``time_limit`` (seconds) applies to the MIP of the fairness mode only.

    Raises AssignmentInfeasible (who and why) or AssignmentInputError.
    """
    started = time.perf_counter()
    prep = _prepare(problem)
    prev_mask = None if previous is None else _previous_mask(problem, previous, problem.n_edges)
    if fair:
        if int(np.asarray(problem.hi).max(initial=0)) <= 1:
            return _solve_fair_bottleneck(prep, started, previous, prev_mask)
        return _solve_fair_mip(prep, started, previous, prev_mask, time_limit)
    idx = prep.free_idx
    status, chosen, smcf, _, scale = _flow(prep, idx, prep.lo, prev_mask=prev_mask)
    if status == smcf.INFEASIBLE:
        _raise_hall(prep, idx, prep.lo)
    if status != smcf.OPTIMAL:  # pragma: no cover - costs are scaled to fit
        raise RuntimeError(f"min-cost flow ended with status {status}")
    return _result(
        prep,
        idx[chosen],
        bound=None,
        proven=True,
        method="min_cost_flow",
        started=started,
        previous=previous,
        prev_mask=prev_mask,
        floor_mode=False,
        scale=scale,
    )


def _solve_fair_bottleneck(prep, started, previous, prev_mask) -> AssignmentResult:
    """Fairness when every seeker takes at most one provider: a seeker's total is
    the score of its one pair (or 0 unserved), so "floor ≥ t" means every servable
    seeker is served by an edge scoring ≥ t (or, for t ≤ 0, may stay unserved
    unless lo says otherwise). Feasibility is monotone in t: search the largest
    feasible t among the scores and 0, then maximise the sum at that floor."""
    idx_all = prep.free_idx
    scores = prep.score[idx_all]
    servable = prep.servable
    locked_seekers = prep.seeker[prep.locked_idx]
    # a seeker with a locked pair already has its one provider: its total is fixed
    locked_cap = float(prep.locked_total[locked_seekers].min()) if len(locked_seekers) else np.inf
    needs = servable & (prep.hi > 0)

    def setup(t):
        keep = (scores >= t) | ~needs[prep.seeker[idx_all]]
        idx = idx_all[keep]
        lo = prep.lo.copy()
        if t > 0:
            lo[needs] = 1
        return idx, lo

    def feasible(t) -> bool:
        idx, lo = setup(t)
        status, _, smcf, _, _ = _flow(prep, idx, lo, mode="zero")
        return status == smcf.OPTIMAL

    base = min(float(scores.min(initial=0.0)), 0.0)
    if not feasible(base):
        _raise_hall(prep, idx_all, prep.lo)
    cands = np.unique(np.concatenate([scores, [0.0]]))
    cands = cands[(cands > base) & (cands <= locked_cap)]
    cands = np.concatenate([[base], cands])  # cands[0] is feasible
    lo_i, hi_i = 0, len(cands) - 1
    while lo_i < hi_i:
        mid = (lo_i + hi_i + 1) // 2
        if feasible(cands[mid]):
            lo_i = mid
        else:
            hi_i = mid - 1
    t = cands[lo_i]
    idx, lo = setup(t)
    status, chosen, smcf, _, scale = _flow(prep, idx, lo, prev_mask=prev_mask)
    return _result(
        prep,
        idx[chosen],
        bound=None,
        proven=True,
        method="fair+min_cost_flow",
        started=started,
        previous=previous,
        prev_mask=prev_mask,
        floor_mode=True,
        scale=scale,
    )


def _fair_floor_cpsat(prep, idx, wq, locked_q, deadline, time_limit) -> tuple[int, int, bool]:
    """Stage 1 of the fairness mode on CP-SAT: the largest t (in score quanta) such
    that every servable seeker's total is at least t. Max–min with several
    providers per seeker is NP-hard; CP-SAT's search proves this stage several
    times faster than HiGHS' branch and bound on the programme's own sizes."""
    from ortools.sat.python import cp_model

    problem = prep.problem
    s, p = prep.seeker[idx], prep.provider[idx]
    n = len(idx)
    model = cp_model.CpModel()
    x = [model.NewBoolVar("") for _ in range(n)]

    def groups(keys, count):
        order = np.argsort(keys, kind="stable")
        return np.split(order, np.cumsum(np.bincount(keys, minlength=count))[:-1])

    by_seeker = groups(s, problem.n_seekers)
    for i, es in enumerate(by_seeker):
        if len(es) or prep.lo[i]:
            load = cp_model.LinearExpr.Sum([x[e] for e in es])
            model.AddLinearConstraint(load, int(prep.lo[i]), int(prep.hi[i]))
    for j, es in enumerate(groups(p, problem.n_providers)):
        if len(es) > prep.cap[j]:
            model.Add(cp_model.LinearExpr.Sum([x[e] for e in es]) <= int(prep.cap[j]))
    for k in range(len(prep.quota_groups)):
        load = cp_model.LinearExpr.Sum([x[e] for e in np.flatnonzero(prep.group[s] == k)])
        model.AddLinearConstraint(load, int(prep.gmin[k]), int(min(prep.gmax[k], n)))
    span = int(np.abs(wq).sum() + np.abs(locked_q).sum()) + 1
    t = model.NewIntVar(-span, span, "floor")
    for i in np.flatnonzero(prep.servable):
        es = by_seeker[i]
        total = cp_model.LinearExpr.WeightedSum([x[e] for e in es], [int(wq[e]) for e in es])
        model.Add(total + int(locked_q[i]) >= t)
    model.Maximize(t)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.linearization_level = 2  # the LP relaxation guides the max-min search
    if deadline is not None:
        solver.parameters.max_time_in_seconds = max(deadline - time.perf_counter(), 0.01)
    status = solver.Solve(model)
    if status == cp_model.INFEASIBLE:
        _raise_hall(prep, idx, prep.lo)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise AssignmentTimeLimit(time_limit)
    return int(solver.Value(t)), int(solver.BestObjectiveBound()), status == cp_model.OPTIMAL


def _solve_fair_mip(prep, started, previous, prev_mask, time_limit) -> AssignmentResult:
    """Fairness with several providers per seeker: the floor t from CP-SAT (stage 1),
    then the max sum with every servable seeker's total ≥ t (then, with `previous`,
    the fewest changes at that sum) as MIPs for HiGHS. Totals are compared in
    score quanta on both solvers, so the floor carries over exactly."""
    from scipy import sparse
    from scipy.optimize import Bounds, LinearConstraint, milp

    problem = prep.problem
    idx = prep.free_idx
    n = len(idx)
    s, p, w = prep.seeker[idx], prep.provider[idx], prep.score[idx]
    n_s, n_p, nq = problem.n_seekers, problem.n_providers, len(prep.quota_groups)
    maxabs = float(np.abs(prep.score).max(initial=0.0))
    scale = _SCALE
    while scale > 1 and maxabs * scale * (len(prep.score) + 1) > 2**53:
        scale //= 10
    wq = np.rint(w * scale)
    locked_q = np.bincount(
        prep.seeker[prep.locked_idx],
        weights=np.rint(prep.score[prep.locked_idx] * scale),
        minlength=n_s,
    )
    deadline = None if time_limit is None else started + time_limit
    floor_q, floor_ub, proven = _fair_floor_cpsat(prep, idx, wq, locked_q, deadline, time_limit)
    if n == 0:  # only locked pairs: nothing left to choose
        return _result(
            prep,
            idx,
            bound=None,
            proven=proven,
            method="fair+cp_sat+mip",
            started=started,
            previous=previous,
            prev_mask=prev_mask,
            floor_mode=True,
            scale=scale,
            floor_bound=floor_ub / scale,
        )

    cols = np.arange(n)
    blocks = [
        (sparse.csr_matrix((np.ones(n), (s, cols)), shape=(n_s, n)), prep.lo, prep.hi),
        (sparse.csr_matrix((np.ones(n), (p, cols)), shape=(n_p, n)), np.zeros(n_p), prep.cap),
    ]
    if nq:
        qi = prep.group[s]
        m = qi >= 0
        a_g = sparse.csr_matrix((np.ones(int(m.sum())), (qi[m], cols[m])), shape=(nq, n))
        blocks.append((a_g, prep.gmin, prep.gmax))
    # every servable seeker's total (in quanta) at least the floor: half a quantum slack
    serv = np.flatnonzero(prep.servable)
    row_of = np.full(n_s, -1)
    row_of[serv] = np.arange(len(serv))
    m = row_of[s] >= 0
    a_f = sparse.csr_matrix((wq[m], (row_of[s][m], cols[m])), shape=(len(serv), n))
    blocks.append((a_f, floor_q - locked_q[serv] - 0.5, np.full(len(serv), np.inf)))
    a = sparse.vstack([b[0] for b in blocks], format="csr")
    lb = np.concatenate([np.asarray(b[1], dtype=float) for b in blocks])
    ub = np.concatenate([np.asarray(b[2], dtype=float) for b in blocks])
    bounds = Bounds(np.zeros(n), np.ones(n))

    def run(c, extra=()):
        opts = {"mip_rel_gap": 1e-9}
        if deadline is not None:
            opts["time_limit"] = max(deadline - time.perf_counter(), 0.01)
        cons = [LinearConstraint(a, lb, ub), *extra]
        return milp(c, integrality=np.ones(n), bounds=bounds, constraints=cons, options=opts)

    r2 = run(-w)
    if r2.x is None:
        raise AssignmentTimeLimit(time_limit)
    proven = proven and r2.status == 0
    x = r2.x
    bound = -float(r2.mip_dual_bound) + float(prep.score[prep.locked_idx].sum())
    if prev_mask is not None:
        best = float(w @ r2.x)
        keep = LinearConstraint(w[None, :], best - 1e-9 * max(1.0, abs(best)), np.inf)
        r3 = run(np.where(prev_mask[idx], -1.0, 1.0), (keep,))
        if r3.x is not None:
            x = r3.x
    chosen = np.rint(x) > 0.5
    out = _result(
        prep,
        idx[chosen],
        bound=bound,
        proven=proven,
        method="fair+cp_sat+mip",
        started=started,
        previous=previous,
        prev_mask=prev_mask,
        floor_mode=True,
        scale=scale,
        floor_bound=floor_ub / scale,
    )
    if proven:  # optimal within HiGHS's tolerance: the bound equals the objective up to it
        tight = min(out.bound, out.objective + 1e-9 * max(1.0, abs(out.objective)))
        out = replace(out, bound=tight, gap=(tight - out.objective) / max(abs(tight), 1e-9))
    return out
