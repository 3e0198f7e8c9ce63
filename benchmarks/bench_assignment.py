"""Assignment benchmark: kizuna.engine.assignment against OR-Tools' min-cost flow called
directly and the HiGHS LP (scipy.optimize.linprog) on the same instances.

    python benchmarks/bench_assignment.py [--quick] [--full-lp]

Instances (scores from random low-rank vectors with a popularity term per provider,
squashed to (0, 1), so some providers are wanted by everyone — the case where pruning
candidates from the seeker side alone strands capacity):

    33 × 60       Big Brother: 33 Thai SMEs × 60 Japanese mentors, 1–2 mentors per SME,
                  mentors take 1, 11 FTI industry groups with quotas of 4–5 pairs
    1,000 × 300   dense, 1–3 providers per seeker, capacity 8
    10,000 × 2,000 dense (20 M candidate pairs), 1–2 per seeker, capacity 8
    50,000 × 10,000 sparse: top-50 providers per seeker ∪ top-2·capacity seekers per
                  provider, built block by block so the score matrix never exists whole

Also: whole-process time at 1,000 × 300, fairness and withdrawal re-solve, and the
candidate-pruning gap at 10,000 × 2,000 (dense optimum vs. pruned candidate graphs).

Targets (issue 3): 33 × 60 under 10 ms; 1,000 × 300 whole process within 1.5× of
calling OR-Tools directly; 50,000 × 10,000 sparse under 10 s and 1 GB; optimal at
every size. Timings never fail the run.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import _common  # noqa: F401  (puts src/ on the path)
import numpy as np
from _common import fmt_mb, fmt_seconds, measure, print_table, whole_process_compare

from kizuna.engine.assignment import (
    AssignmentProblem,
    assignment_check,
    assignment_solve,
    assignment_subproblem,
)

RANK = 32
K_SEEKER = 50  # candidates per seeker
LP_EDGE_LIMIT = 1_000_000  # above this HiGHS' LP takes well over a minute here (see note)
FAIR_TIME_LIMIT = 60.0  # max-min with several providers each is NP-hard: bounded here
LP_EDGE_CEILING = 5_000_000  # --full-lp still skips the 20 M-pair dense instance (memory)


# ---------------------------------------------------------------------------
# Instances
# ---------------------------------------------------------------------------


def factors(n_s: int, n_p: int, seed: int):
    rng = np.random.default_rng(seed)
    u = (rng.standard_normal((n_s, RANK)) / np.sqrt(RANK)).astype(np.float32)
    v = rng.standard_normal((n_p, RANK)).astype(np.float32)
    b = (0.5 * rng.standard_normal(n_p)).astype(np.float32)
    return u, v, b


def scores(u, v, b) -> np.ndarray:
    """Affinity in (0, 1) for every row of u against every row of v (float64)."""
    z = (u @ v.T + b).astype(np.float64)
    return 1.0 / (1.0 + np.exp(-z))


def pair_scores(u, v, b, s, p, block: int = 1 << 20) -> np.ndarray:
    out = np.empty(len(s))
    for a in range(0, len(s), block):
        z = np.einsum("ij,ij->i", u[s[a : a + block]], v[p[a : a + block]]) + b[p[a : a + block]]
        out[a : a + block] = 1.0 / (1.0 + np.exp(-z.astype(np.float64)))
    return out


def dense_problem(n_s, n_p, *, lo, hi, cap, seed, **extra) -> tuple[AssignmentProblem, tuple]:
    u, v, b = factors(n_s, n_p, seed)
    problem = AssignmentProblem(
        n_seekers=n_s,
        n_providers=n_p,
        seeker=np.repeat(np.arange(n_s, dtype=np.int32), n_p),
        provider=np.tile(np.arange(n_p, dtype=np.int32), n_s),
        score=scores(u, v, b).ravel(),
        lo=np.full(n_s, lo),
        hi=np.full(n_s, hi),
        capacity=np.full(n_p, cap),
        **extra,
    )
    return problem, (u, v, b)


def _top_in_rows(z: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of the k largest entries of each row (ties broken by column).

    Partitioning every full row is the slow part of building a top-k graph, so a
    threshold is first taken from a strided sample of the columns (aimed at about
    2k entries per row), the rows are masked against it, and only rows whose mask
    kept fewer than k fall back to a full partition; the survivors are cut to
    exactly k by sorting them. Exact, and several times faster than argpartition."""
    n_rows, n = z.shape
    if k >= n:
        return np.nonzero(np.ones(z.shape, dtype=bool))
    step = max(1, n // (16 * k))
    sample = z[:, ::step]
    pick = min(sample.shape[1] - 1, max(1, (2 * k) // step))
    kth = np.partition(sample, sample.shape[1] - pick, axis=1)[:, sample.shape[1] - pick]
    short = np.flatnonzero((z >= kth[:, None]).sum(1) < k)
    if short.size:
        kth[short] = np.partition(z[short], n - k, axis=1)[:, n - k]
    r, c = np.nonzero(z >= kth[:, None])
    order = np.lexsort((c, -z[r, c], r))  # by row, then value descending
    r, c = r[order], c[order]
    start = np.searchsorted(r, np.arange(n_rows))
    keep = np.arange(len(r)) - start[r] < k
    return r[keep], c[keep]


def top_candidates(
    u, v, b, k_s: int, k_p: int, block: int = 1 << 24
) -> tuple[np.ndarray, np.ndarray]:
    """Top-k_s providers per seeker ∪ top-k_p seekers per provider, as pairs sorted by
    (seeker, provider). Scores are computed a block of rows at a time (about
    ``block`` entries), so the full score matrix never exists."""
    n_s, n_p = len(u), len(v)
    keys = []
    if k_s:
        rows = max(1, block // n_p)
        for a in range(0, n_s, rows):
            z = u[a : a + rows] @ v.T + b  # ranks like the score (sigmoid is monotone)
            i, j = _top_in_rows(z, k_s)
            keys.append((i + a).astype(np.int64) * n_p + j)
    if k_p:
        rows = max(1, block // n_s)
        for a in range(0, n_p, rows):
            z = v[a : a + rows] @ u.T + b[a : a + rows, None]
            j, i = _top_in_rows(z, k_p)
            keys.append(i.astype(np.int64) * n_p + (j + a))
    keys = np.concatenate(keys)
    keys.sort()
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]]
    return (keys // n_p).astype(np.int32), (keys % n_p).astype(np.int32)


def sparse_problem(n_s, n_p, *, lo, hi, cap, seed, k_s, k_p) -> AssignmentProblem:
    u, v, b = factors(n_s, n_p, seed)
    s, p = top_candidates(u, v, b, k_s, k_p)
    return AssignmentProblem(
        n_seekers=n_s,
        n_providers=n_p,
        seeker=s,
        provider=p,
        score=pair_scores(u, v, b, s, p),
        lo=np.full(n_s, lo),
        hi=np.full(n_s, hi),
        capacity=np.full(n_p, cap),
    )


def big_brother(seed: int = 7) -> AssignmentProblem:
    """33 SMEs (3 per FTI group) × 60 mentors, 1–2 mentors each, quotas of 4–5 pairs."""
    problem, _ = dense_problem(
        33,
        60,
        lo=1,
        hi=2,
        cap=1,
        seed=seed,
        seeker_group=np.repeat(np.arange(11), 3),
        group_quota={g: (4, 5) for g in range(11)},
    )
    return problem


# ---------------------------------------------------------------------------
# References
# ---------------------------------------------------------------------------


def ortools_direct(problem: AssignmentProblem) -> float:
    """OR-Tools min-cost flow on the plain network (no lower bounds, no quotas, no
    locked/forbidden): source → seeker (cap hi) → provider (cap) → sink, bypass arc."""
    from ortools.graph.python import min_cost_flow

    n_s, n_p, n_e = problem.n_seekers, problem.n_providers, problem.n_edges
    sink = n_s + n_p + 1
    flow = int(problem.hi.sum())
    smcf = min_cost_flow.SimpleMinCostFlow()
    tails = np.concatenate([np.zeros(n_s), 1 + problem.seeker, 1 + n_s + np.arange(n_p), [0]])
    heads = np.concatenate(
        [1 + np.arange(n_s), 1 + n_s + problem.provider, np.full(n_p, sink), [sink]]
    )
    caps = np.concatenate([problem.hi, np.ones(n_e), problem.capacity, [flow]])
    costs = np.concatenate([np.zeros(n_s), -np.rint(problem.score * 1e6), np.zeros(n_p + 1)])
    smcf.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32),
        heads.astype(np.int32),
        caps.astype(np.int64),
        costs.astype(np.int64),
    )
    del tails, heads, caps, costs
    smcf.set_node_supply(0, flow)
    smcf.set_node_supply(sink, -flow)
    assert smcf.solve() == smcf.OPTIMAL
    chosen = smcf.flows(np.arange(n_s, n_s + n_e, dtype=np.int32)) > 0
    return float(problem.score[chosen].sum())


def highs_lp(problem: AssignmentProblem) -> float:
    """The LP relaxation (lo ≤ seeker load ≤ hi, provider load ≤ capacity, group
    quotas, 0 ≤ x ≤ 1) solved by HiGHS through scipy.optimize.linprog."""
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix, vstack

    n_e = problem.n_edges
    cols = np.arange(n_e)
    ones = np.ones(n_e)
    a_s = csr_matrix((ones, (problem.seeker, cols)), shape=(problem.n_seekers, n_e))
    a_p = csr_matrix((ones, (problem.provider, cols)), shape=(problem.n_providers, n_e))
    rows, rhs = [-a_s, a_s, a_p], [-problem.lo, problem.hi, problem.capacity]
    for g, (low, high) in (problem.group_quota or {}).items():
        member = csr_matrix((problem.seeker_group[problem.seeker] == g).astype(float)[None, :])
        rows += [-member, member]
        rhs += [[-low], [high]]
    res = linprog(
        -problem.score,
        A_ub=vstack(rows, format="csr"),
        b_ub=np.concatenate(rhs).astype(float),
        bounds=(0, 1),
        method="highs",
    )
    assert res.status == 0, res.message
    return -float(res.fun)


# ---------------------------------------------------------------------------
# Runs
# ---------------------------------------------------------------------------


SIZE_COLUMNS = [
    "instance",
    "edges",
    "kizuna time",
    "kizuna peak",
    "objective",
    "LP bound (kizuna)",
    "gap",
    "optimal",
    "OR-Tools direct",
    "direct peak",
    "direct objective",
    "HiGHS LP time",
    "HiGHS LP objective",
]


def size_row(
    name: str, problem: AssignmentProblem, *, repeat: int = 1, lp_limit: int = LP_EDGE_LIMIT
) -> list:
    if repeat > 1:
        assignment_solve(problem)  # warm-up for the small instances: OR-Tools loaded
    ours = measure(assignment_solve, problem, repeat=repeat)
    result = ours.value
    assignment_check(problem, result)
    direct = measure(ortools_direct, problem, repeat=repeat)
    lp_time = lp_obj = "skipped (see note)"
    if problem.n_edges <= lp_limit:
        got = measure(highs_lp, problem)
        lp_time, lp_obj = fmt_seconds(got.seconds), f"{got.value:,.6f}"
    return [
        name,
        f"{problem.n_edges:,}",
        fmt_seconds(ours.seconds),
        fmt_mb(ours.peak_mb),
        f"{result.objective:,.6f}",
        f"{result.bound:,.6f}",
        f"{result.gap:.1e}",
        "proven" if result.proven_optimal else "no",
        fmt_seconds(direct.seconds),
        fmt_mb(direct.peak_mb),
        f"{direct.value:,.6f}",
        lp_time,
        lp_obj,
    ]


def pruning_rows(problem: AssignmentProblem, factors_, dense_objective: float, cap: int) -> list:
    u, v, b = factors_
    n_p = problem.n_providers
    rows = [["dense (every pair)", f"{problem.n_edges:,}", f"{dense_objective:,.6f}", "0", "—"]]
    for label, k_s, k_p in (
        (f"top-{K_SEEKER} per seeker", K_SEEKER, 0),
        (f"top-{K_SEEKER} per seeker ∪ top-{2 * cap} per provider", K_SEEKER, 2 * cap),
        (f"top-{K_SEEKER} per seeker ∪ top-{4 * cap} per provider", K_SEEKER, 4 * cap),
    ):
        s, p = top_candidates(u, v, b, k_s, k_p)
        keep = s.astype(np.int64) * n_p + p  # dense edges are ordered by (seeker, provider)
        sub, _ = assignment_subproblem(problem, keep)
        got = measure(assignment_solve, sub)
        gap = (dense_objective - got.value.objective) / dense_objective
        rows.append(
            [
                label,
                f"{sub.n_edges:,}",
                f"{got.value.objective:,.6f}",
                f"{gap:.4%}",
                fmt_seconds(got.seconds),
            ]
        )
    return rows


def mode_rows(bb: AssignmentProblem, mid: AssignmentProblem) -> list:
    """Fairness (MIP when seekers take several providers, threshold search with flows
    when they take one) and a re-solve after a provider withdraws."""
    from dataclasses import replace

    from kizuna.engine.assignment import assignment_withdraw

    rows = []
    one_each = replace(mid, hi=np.ones(mid.n_seekers, dtype=np.int64))
    for name, problem in (
        ("Big Brother 33 × 60, 1–2 mentors", bb),
        ("1,000 × 300, one provider each", one_each),
    ):
        plain = assignment_solve(problem)
        totals = np.bincount(
            problem.seeker[plain.edges],
            weights=problem.score[plain.edges],
            minlength=problem.n_seekers,
        )
        got = measure(assignment_solve, problem, fair=True, time_limit=FAIR_TIME_LIMIT)
        assignment_check(problem, got.value)
        floor = got.value.floor
        rows.append(
            [
                f"fair: {name}",
                got.value.method,
                fmt_seconds(got.seconds),
                f"floor {totals.min():.4f} → {floor:.4f}; sum {plain.objective:,.4f} → {got.value.objective:,.4f}",
                "proven"
                if got.value.proven_optimal
                else f"stopped at {FAIR_TIME_LIMIT:.0f} s: floor ≤ {got.value.floor_bound:.4f}, sum gap {got.value.gap:.1e}",
            ]
        )
    first = assignment_solve(mid)
    busiest = int(np.bincount(mid.provider[first.edges], minlength=mid.n_providers).argmax())
    after = assignment_withdraw(mid, providers=[busiest])
    got = measure(assignment_solve, after, previous=first.edges)
    assignment_check(after, got.value)
    lost = int((mid.provider[first.edges] == busiest).sum())
    rows.append(
        [
            "re-solve: 1,000 × 300 after its busiest provider withdraws",
            got.value.method,
            fmt_seconds(got.seconds),
            f"{lost} pairs lost with the provider; {got.value.changed} pairs changed in all "
            f"(objective {first.objective:,.4f} → {got.value.objective:,.4f})",
            "proven",
        ]
    )
    return rows


_OURS = """
import numpy as np
from kizuna.engine.assignment import AssignmentProblem, assignment_solve
d = np.load({path!r})
r = assignment_solve(AssignmentProblem(int(d["n_s"]), int(d["n_p"]), d["seeker"], d["provider"],
                     d["score"], d["lo"], d["hi"], d["capacity"]))
print(r.objective)
"""

_DIRECT = """
import numpy as np
from ortools.graph.python import min_cost_flow
d = np.load({path!r})
n_s, n_p = int(d["n_s"]), int(d["n_p"]); s, p, w = d["seeker"], d["provider"], d["score"]
n_e = len(s); sink = n_s + n_p + 1; flow = int(d["hi"].sum())
m = min_cost_flow.SimpleMinCostFlow()
m.add_arcs_with_capacity_and_unit_cost(
    np.concatenate([np.zeros(n_s), 1 + s, 1 + n_s + np.arange(n_p), [0]]).astype(np.int32),
    np.concatenate([1 + np.arange(n_s), 1 + n_s + p, np.full(n_p, sink), [sink]]).astype(np.int32),
    np.concatenate([d["hi"], np.ones(n_e), d["capacity"], [flow]]).astype(np.int64),
    np.concatenate([np.zeros(n_s), -np.rint(w * 1e6), np.zeros(n_p + 1)]).astype(np.int64))
m.set_node_supply(0, flow); m.set_node_supply(sink, -flow)
m.solve()
print(w[m.flows(np.arange(n_s, n_s + n_e, dtype=np.int32)) > 0].sum())
"""


def whole_process(problem: AssignmentProblem, repeat: int) -> list:
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "instance.npz")
        np.savez(
            path,
            n_s=problem.n_seekers,
            n_p=problem.n_providers,
            seeker=problem.seeker,
            provider=problem.provider,
            score=problem.score,
            lo=problem.lo,
            hi=problem.hi,
            capacity=problem.capacity,
        )
        got = whole_process_compare(
            {
                "floor": "import numpy",
                "direct": _DIRECT.format(path=path),
                "ours": _OURS.format(path=path),
            },
            repeat=repeat,
        )
    (bare, bare_med), (direct, direct_med), (ours, ours_med) = (
        got["floor"],
        got["direct"],
        got["ours"],
    )
    return [
        ["python -c 'import numpy' (floor)", fmt_seconds(bare), fmt_seconds(bare_med), "—"],
        [
            "OR-Tools min-cost flow called directly",
            fmt_seconds(direct),
            fmt_seconds(direct_med),
            "1.00×",
        ],
        [
            "kizuna.engine.assignment.assignment_solve",
            fmt_seconds(ours),
            fmt_seconds(ours_med),
            f"{ours / direct:.2f}× best, {ours_med / direct_med:.2f}× median (target ≤ 1.5×)",
        ],
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="skip the 10,000 × 2,000 dense instance"
    )
    parser.add_argument(
        "--full-lp",
        action="store_true",
        help="also run the HiGHS LP on the 50,000 × 10,000 sparse instance (minutes)",
    )
    args = parser.parse_args()
    started = time.perf_counter()

    rows = []
    bb = big_brother()
    rows.append(size_row("Big Brother 33 × 60, 11 group quotas", bb, repeat=20))
    mid, _ = dense_problem(1000, 300, lo=1, hi=3, cap=8, seed=1)
    rows.append(size_row("1,000 × 300 dense", mid, repeat=3))

    sparse = sparse_problem(50_000, 10_000, lo=1, hi=2, cap=8, seed=3, k_s=K_SEEKER, k_p=16)
    rows.append(
        size_row(
            f"50,000 × 10,000 sparse (top-{K_SEEKER}/seeker ∪ top-16/provider)",
            sparse,
            lp_limit=LP_EDGE_CEILING if args.full_lp else LP_EDGE_LIMIT,
        )
    )
    del sparse

    prune = None
    if not args.quick:
        big, f = dense_problem(10_000, 2_000, lo=1, hi=2, cap=8, seed=2)
        row = size_row("10,000 × 2,000 dense", big)
        rows.append(row)
        prune = pruning_rows(big, f, float(row[4].replace(",", "")), cap=8)
        del big

    print_table(
        "Assignment: time, peak memory, objective and bound, against references on the same instance",
        SIZE_COLUMNS,
        rows,
        note=(
            "kizuna: lower bounds (lo), quotas, checker-validated; time is the best of the repeats after one\n"
            "warm-up call (OR-Tools loaded). Peak = peak resident memory of the whole benchmark process\n"
            "during the call (kernel VmHWM, reset before), instance arrays included. OR-Tools direct solves\n"
            "the plain network (no lo, no quotas), so its objective may exceed kizuna's when lo or a quota\n"
            "binds. HiGHS LP (linprog, method='highs') is skipped above "
            f"{LP_EDGE_LIMIT:,} edges unless --full-lp: on the 50,000 × 10,000 instance it took 135 s and\n"
            "3.1 GB here (objective 77,023.986306, equal to kizuna's); 20 M variables do not fit."
        ),
    )
    print_table(
        "Whole process, 1,000 × 300 from an .npz (7 fresh interpreters each, interleaved)",
        ["program", "best", "median", "ratio"],
        whole_process(mid, repeat=7),
    )
    print_table(
        "Fairness and re-solving after a withdrawal",
        ["run", "method", "time", "effect", "optimality"],
        mode_rows(bb, mid),
    )
    if prune:
        print_table(
            "Candidate pruning at 10,000 × 2,000 (capacity 8, 1–2 providers per seeker): gap to the dense optimum",
            ["candidates", "edges", "optimum on candidates", "gap", "time"],
            prune,
        )
    print(f"\nbenchmark wall time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
