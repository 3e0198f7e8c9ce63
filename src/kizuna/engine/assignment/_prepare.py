"""Validation of the input arrays, locked pairs taken out, and the cheap infeasibility checks
that name the participants concerned before any solver runs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kizuna.engine.assignment.problem import (
    _NAME_LIMIT,
    AssignmentInfeasible,
    AssignmentInputError,
    AssignmentProblem,
    Infeasibility,
)
from kizuna.engine.messages import render


def _names(problem: AssignmentProblem, kind: str, items) -> str:
    items = list(items)
    name = {"s": problem.seeker_name, "p": problem.provider_name, "g": problem.group_name}[kind]
    shown = [name(int(i)) for i in items[:_NAME_LIMIT]]
    if len(items) > _NAME_LIMIT:
        shown.append(f"… (+{len(items) - _NAME_LIMIT})")
    return ", ".join(shown)


def _pair_names(problem: AssignmentProblem, edges) -> str:
    edges = list(edges)
    shown = [
        f"{problem.seeker_name(int(problem.seeker[e]))} – {problem.provider_name(int(problem.provider[e]))}"
        for e in edges[:_NAME_LIMIT]
    ]
    if len(edges) > _NAME_LIMIT:
        shown.append(f"… (+{len(edges) - _NAME_LIMIT})")
    return ", ".join(shown)


def _infeasibility(code: str, *, seekers=(), providers=(), groups=(), **params) -> Infeasibility:
    return Infeasibility(
        code=code,
        message=render(code, "en", **params),
        seekers=tuple(int(i) for i in seekers),
        providers=tuple(int(j) for j in providers),
        groups=tuple(int(g) for g in groups),
        params=params,
    )


def _as_int_vector(value, n: int, name: str, *, low: int = 0) -> np.ndarray:
    arr = np.asarray(value)
    if arr.ndim == 0:
        arr = np.full(n, arr)
    if arr.shape != (n,):
        raise AssignmentInputError("assign_input_shape", field=name, got=arr.size, expected=n)
    if arr.dtype.kind == "f":
        bad = np.flatnonzero(~np.isfinite(arr) | (arr != np.round(arr)))
        if bad.size:
            raise AssignmentInputError(
                "assign_input_range",
                field=name,
                index=int(bad[0]),
                value=arr[bad[0]],
                allowed="whole numbers",
            )
    elif arr.dtype.kind not in "iub":
        raise AssignmentInputError(
            "assign_input_range", field=name, index=0, value=arr.dtype, allowed="integers"
        )
    arr = arr.astype(np.int64)
    bad = np.flatnonzero(arr < low)
    if bad.size:
        raise AssignmentInputError(
            "assign_input_range",
            field=name,
            index=int(bad[0]),
            value=int(arr[bad[0]]),
            allowed=f">= {low}",
        )
    return arr


def _as_mask(value, n: int, name: str) -> np.ndarray:
    if value is None:
        return np.zeros(n, dtype=bool)
    arr = np.asarray(value, dtype=bool)
    if arr.shape != (n,):
        raise AssignmentInputError("assign_input_shape", field=name, got=arr.size, expected=n)
    return arr


def _edge_keys(seeker: np.ndarray, provider: np.ndarray, n_providers: int) -> np.ndarray:
    return seeker.astype(np.int64) * max(n_providers, 1) + provider.astype(np.int64)


def _sorted_pairs(seeker: np.ndarray, provider: np.ndarray) -> bool:
    """Edges strictly increasing by (seeker, provider): then no pair repeats."""
    ds = np.diff(seeker)
    if not (ds >= 0).all():
        return False
    return bool(((ds > 0) | (np.diff(provider) > 0)).all())


@dataclass
class _Prepared:
    """The problem after validation, with locked pairs taken out of the network."""

    problem: AssignmentProblem
    seeker: np.ndarray  # int32 [E]
    provider: np.ndarray  # int32 [E]
    score: np.ndarray  # float64 [E]
    locked_idx: np.ndarray  # edge indices that are locked
    free_idx: np.ndarray  # usable free edge indices (allowed, not locked, endpoints open)
    lo: np.ndarray  # residual lo per seeker
    hi: np.ndarray  # residual hi per seeker
    cap: np.ndarray  # residual capacity per provider
    group: np.ndarray  # int64 [n_s]: quota group or -1
    gmin: np.ndarray  # residual per quota group (index into quota_groups)
    gmax: np.ndarray
    quota_groups: np.ndarray  # group id per quota index
    locked_total: np.ndarray  # float [n_s] score of locked pairs per seeker
    servable: np.ndarray  # bool [n_s]: hi>0 and at least one allowed edge


def _prepare(problem: AssignmentProblem) -> _Prepared:
    n_s, n_p = int(problem.n_seekers), int(problem.n_providers)
    seeker = np.asarray(problem.seeker)
    provider = np.asarray(problem.provider)
    score = np.asarray(problem.score, dtype=np.float64)
    n_e = seeker.shape[0] if seeker.ndim == 1 else -1
    if seeker.ndim != 1:
        raise AssignmentInputError(
            "assign_input_shape", field="seeker", got=seeker.size, expected="one per edge"
        )
    for name, arr in (("provider", provider), ("score", score)):
        if arr.shape != (n_e,):
            raise AssignmentInputError("assign_input_shape", field=name, got=arr.size, expected=n_e)
    for name, arr, n in (("seeker", seeker, n_s), ("provider", provider, n_p)):
        if arr.dtype.kind not in "iu":
            raise AssignmentInputError(
                "assign_input_range", field=name, index=0, value=arr.dtype, allowed="integers"
            )
        bad = np.flatnonzero((arr < 0) | (arr >= n))
        if bad.size:
            raise AssignmentInputError(
                "assign_input_range",
                field=name,
                index=int(bad[0]),
                value=int(arr[bad[0]]),
                allowed=f"0..{n - 1}",
            )
    bad = np.flatnonzero(~np.isfinite(score))
    if bad.size:
        raise AssignmentInputError(
            "assign_input_range",
            field="score",
            index=int(bad[0]),
            value=score[bad[0]],
            allowed="finite numbers",
        )
    seeker = seeker.astype(np.int32, copy=False)
    provider = provider.astype(np.int32, copy=False)
    lo = _as_int_vector(problem.lo, n_s, "lo")
    hi = _as_int_vector(problem.hi, n_s, "hi")
    cap = _as_int_vector(problem.capacity, n_p, "capacity")
    locked = _as_mask(problem.locked, n_e, "locked")
    forbidden = _as_mask(problem.forbidden, n_e, "forbidden")

    # duplicate pairs: O(E) when the edges come sorted (the usual case), else a sort
    if n_e > 1 and not _sorted_pairs(seeker, provider):
        keys = _edge_keys(seeker, provider, n_p)
        order = np.argsort(keys, kind="stable")
        dup = np.flatnonzero(np.diff(keys[order]) == 0)
        if dup.size:
            e = int(order[dup[0]])
            raise AssignmentInputError(
                "assign_input_duplicate",
                seeker=problem.seeker_name(int(seeker[e])),
                provider=problem.provider_name(int(provider[e])),
            )

    group = np.full(n_s, -1, dtype=np.int64)
    quota = problem.group_quota or {}
    if problem.seeker_group is not None:
        group = _as_int_vector(problem.seeker_group, n_s, "seeker_group", low=-1)
    quota_groups = np.array(sorted(int(g) for g in quota), dtype=np.int64)
    qmin = np.zeros(len(quota_groups), dtype=np.int64)
    qmax = np.zeros(len(quota_groups), dtype=np.int64)
    for k, g in enumerate(quota_groups):
        low, high = quota[g]
        if high is None:
            high = np.iinfo(np.int64).max // 4
        if low is None:
            low = 0
        if int(low) != low or int(high) != high or low < 0 or high < 0:
            raise AssignmentInputError(
                "assign_input_group", group=problem.group_name(int(g)), low=low, high=high
            )
        qmin[k], qmax[k] = int(low), int(high)
    # seekers of groups without a quota hang off the source directly
    qindex = np.full(n_s, -1, dtype=np.int64)
    if len(quota_groups):
        pos = np.searchsorted(quota_groups, group)
        pos_c = np.minimum(pos, len(quota_groups) - 1)
        has = (group >= 0) & (quota_groups[pos_c] == group)
        qindex[has] = pos_c[has]

    problems: list[Infeasibility] = []
    bad = np.flatnonzero(lo > hi)
    if bad.size:
        problems.append(
            _infeasibility(
                "assign_lo_above_hi", seekers=bad, count=bad.size, names=_names(problem, "s", bad)
            )
        )
    lf = np.flatnonzero(locked & forbidden)
    if lf.size:
        problems.append(
            _infeasibility(
                "assign_locked_forbidden",
                seekers=np.unique(seeker[lf]),
                providers=np.unique(provider[lf]),
                count=lf.size,
                names=_pair_names(problem, lf),
            )
        )
    locked_idx = np.flatnonzero(locked & ~forbidden)
    nl_s = np.bincount(seeker[locked_idx], minlength=n_s)
    nl_p = np.bincount(provider[locked_idx], minlength=n_p)
    bad = np.flatnonzero(nl_s > hi)
    if bad.size:
        problems.append(
            _infeasibility(
                "assign_locked_above_hi",
                seekers=bad,
                count=bad.size,
                names=_names(problem, "s", bad),
            )
        )
    bad = np.flatnonzero(nl_p > cap)
    if bad.size:
        problems.append(
            _infeasibility(
                "assign_locked_above_capacity",
                providers=bad,
                count=bad.size,
                names=_names(problem, "p", bad),
            )
        )

    lo_r = np.maximum(lo - nl_s, 0)
    hi_r = np.maximum(hi - nl_s, 0)
    cap_r = np.maximum(cap - nl_p, 0)
    usable = ~locked & ~forbidden
    usable &= (hi_r[seeker] > 0) & (cap_r[provider] > 0)
    free_idx = np.flatnonzero(usable)
    fs, fp = seeker[free_idx], provider[free_idx]
    deg_s = np.bincount(fs, minlength=n_s)
    deg_p = np.bincount(fp, minlength=n_p)

    short = lo_r > deg_s
    none = np.flatnonzero(short & (deg_s + nl_s == 0) & (lo > 0))
    few = np.flatnonzero(short & (deg_s + nl_s > 0))
    if none.size:
        problems.append(
            _infeasibility(
                "assign_no_allowed_provider",
                seekers=none,
                count=none.size,
                names=_names(problem, "s", none),
            )
        )
    if few.size:
        problems.append(
            _infeasibility(
                "assign_too_few_candidates",
                seekers=few,
                count=few.size,
                names=_names(problem, "s", few),
            )
        )
    demand = int(lo_r.sum())
    supply = int(np.minimum(cap_r, deg_p).sum())
    if demand > supply:
        problems.append(
            _infeasibility(
                "assign_capacity_below_demand",
                seekers=np.flatnonzero(lo_r > 0),
                capacity=supply + int(nl_p.sum()),
                demand=demand + int(nl_p.sum()),
            )
        )

    gmin = np.zeros(len(quota_groups), dtype=np.int64)
    gmax = np.zeros(len(quota_groups), dtype=np.int64)
    if len(quota_groups):
        in_q = qindex >= 0
        nq = len(quota_groups)
        locked_g = np.bincount(qindex[in_q], weights=nl_s[in_q], minlength=nq).astype(np.int64)
        lo_g = np.bincount(qindex[in_q], weights=lo_r[in_q], minlength=nq).astype(np.int64)
        reach_g = np.bincount(
            qindex[in_q], weights=np.minimum(hi_r, deg_s)[in_q], minlength=nq
        ).astype(np.int64)
        for k, g in enumerate(quota_groups):
            gname = problem.group_name(int(g))
            members = np.flatnonzero(qindex == k)
            if qmin[k] > qmax[k]:
                problems.append(
                    _infeasibility(
                        "assign_group_min_above_max",
                        groups=[g],
                        group=gname,
                        low=int(qmin[k]),
                        high=int(qmax[k]),
                    )
                )
                continue
            if qmax[k] < locked_g[k] + lo_g[k]:
                problems.append(
                    _infeasibility(
                        "assign_group_max_below_need",
                        seekers=members,
                        groups=[g],
                        group=gname,
                        high=int(qmax[k]),
                        need=int(locked_g[k] + lo_g[k]),
                    )
                )
            if qmin[k] > locked_g[k] + reach_g[k]:
                problems.append(
                    _infeasibility(
                        "assign_group_min_unreachable",
                        seekers=members,
                        groups=[g],
                        group=gname,
                        low=int(qmin[k]),
                        reach=int(locked_g[k] + reach_g[k]),
                    )
                )
        gmin = np.maximum(qmin - locked_g, 0)
        gmax = np.maximum(qmax - locked_g, 0)
    if problems:
        raise AssignmentInfeasible(problems)

    locked_total = np.bincount(seeker[locked_idx], weights=score[locked_idx], minlength=n_s)
    servable = (hi > 0) & (deg_s + nl_s > 0)
    return _Prepared(
        problem=problem,
        seeker=seeker,
        provider=provider,
        score=score,
        locked_idx=locked_idx,
        free_idx=free_idx,
        lo=lo_r,
        hi=hi_r,
        cap=cap_r,
        group=qindex,
        gmin=gmin,
        gmax=gmax,
        quota_groups=quota_groups,
        locked_total=locked_total,
        servable=servable,
    )
