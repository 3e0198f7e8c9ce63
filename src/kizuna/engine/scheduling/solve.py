"""Placing meetings: priority greedy with local repair, the upper bound, and sub-MIPs.

The driver (`improve`) starts from the greedy schedule and re-optimises groups of slots
exactly with a time-indexed 0/1 model (HiGHS through scipy.optimize.milp): all meetings
in the chosen slots are freed and every request that could go there competes for them.
When the whole model is small enough it is solved at once, which proves optimality.
"""

from __future__ import annotations

import random
import time

import numpy as np

from kizuna.engine.scheduling.core import Compiled, State


# --------------------------------------------------------------------------- greedy
def greedy_order(c: Compiled) -> list[int]:
    """Heaviest first; among equals, the request with fewer usable slots and busier people first."""
    dem = np.zeros(c.n, dtype=np.int64)
    np.add.at(dem, c.eu, 1)
    np.add.at(dem, c.ev, 1)
    slack = (
        np.minimum(c.budget[c.eu] - dem[c.eu], c.budget[c.ev] - dem[c.ev]) if c.m else np.zeros(0)
    )
    ncommon = np.array([len(x) for x in c.common], dtype=np.int64)
    keys = (np.arange(c.m), slack, ncommon, -c.W)
    return [int(e) for e in np.lexsort(keys)]


def guided_order(c: Compiled, x: np.ndarray) -> list[int]:
    """Requests the LP bound uses fully first, then partly, then the rest; greedy order within."""
    base = greedy_order(c)
    pos = np.empty(c.m, dtype=np.int64)
    pos[base] = np.arange(c.m)
    return [int(e) for e in np.lexsort((pos, -np.round(x, 6)))]


def greedy(c: Compiled, *, repair: bool = True, order: list[int] | None = None) -> State:
    """Priority greedy: requests in `order` (default: by weight, see greedy_order), each into
    the feasible slot with the fewest meetings, then local repair in the same order."""
    s = State(c)
    budget = [int(b) for b in c.budget]
    order = greedy_order(c) if order is None else order
    for e in order:
        u, v = s._eu[e], s._ev[e]
        if s.deg[u] >= budget[u] or s.deg[v] >= budget[v]:
            continue
        best, best_load = -1, None
        bu, bv = s.busy[u], s.busy[v]
        for t in c.common[e]:
            if bu[t] < 0 and bv[t] < 0 and (not s._cons[e] or s.load[t] < c.cap):
                if best_load is None or s.load[t] < best_load:
                    best, best_load = t, s.load[t]
        if best >= 0:
            s.place(e, best)
    if repair:
        local_repair(s, order=order)
    return s


def _relocate(s: State, f: int, avoid: int) -> bool:
    """Move placed meeting f to another slot (not `avoid`) where it fits; True if moved."""
    c = s.c
    t0 = s.slot_of[f]
    x, y = s._eu[f], s._ev[f]
    for t in c.common[f]:
        if t == t0 or t == avoid:
            continue
        if s.busy[x][t] < 0 and s.busy[y][t] < 0 and (not s._cons[f] or s.load[t] < c.cap):
            s.remove(f)
            s.place(f, t)
            return True
    return False


def try_insert(s: State, e: int) -> bool:
    """Place request e, moving at most one other meeting; True if placed."""
    c = s.c
    u, v = s._eu[e], s._ev[e]
    if s.slot_of[e] >= 0 or s.deg[u] >= c.budget[u] or s.deg[v] >= c.budget[v]:
        return False
    for t in c.common[e]:
        if s.can_place(e, t):
            s.place(e, t)
            return True
    for t in c.common[e]:
        bu, bv = s.busy[u][t], s.busy[v][t]
        if bu >= 0 and bv >= 0:
            continue
        if bu < 0 and bv < 0:
            # both free, the slot is full: move some meeting out of t
            if not s._cons[e] or not any(x < c.cap for x in s.load):
                continue
            for f in _meetings_in(s, t):
                if s._cons[f] and _relocate(s, f, t):
                    s.place(e, t)
                    return True
            continue
        f = bu if bu >= 0 else bv
        full = s._cons[e] and s.load[t] - (1 if s._cons[f] else 0) >= c.cap
        if full:
            continue
        if _relocate(s, f, t):
            if s.can_place(e, t):
                s.place(e, t)
                return True
    return False


def _meetings_in(s: State, t: int) -> list[int]:
    return sorted(s.in_slot[t])


def local_repair(s: State, *, passes: int = 3, order: list[int] | None = None) -> int:
    """Insert unplaced requests by moving one blocking meeting; heaviest first. Returns inserted."""
    c = s.c
    total = 0
    order = greedy_order(c) if order is None else order
    for _ in range(passes):
        changed = False
        for e in order:
            if s.slot_of[e] < 0 and try_insert(s, e):
                total += 1
                changed = True
        if not changed:
            break
    return total


def upgrade(s: State) -> int:
    """Swap heavier unplaced requests into full slots in place of lighter meetings.

    For each unplaced request (heaviest first) whose two sides are free in some full slot,
    the lightest-found meeting there that weighs less makes way and is re-inserted elsewhere
    if it fits. Returns the gain in objective value.
    """
    c = s.c
    start = s.value
    val = s._val
    budget = [int(b) for b in c.budget]
    lightest = min(val) if val else 0
    for e in greedy_order(c):
        if s.slot_of[e] >= 0 or val[e] <= lightest or not s._cons[e]:
            continue
        u, v = s._eu[e], s._ev[e]
        if s.deg[u] >= budget[u] or s.deg[v] >= budget[v]:
            continue
        for t in c.common[e]:
            if s.busy[u][t] >= 0 or s.busy[v][t] >= 0:
                continue
            if s.load[t] < c.cap:
                s.place(e, t)
                break
            out = -1
            for f in s.in_slot[t]:
                if s._cons[f] and val[f] < val[e] and (out < 0 or val[f] < val[out]):
                    out = f
                    if val[f] == lightest:
                        break
            if out >= 0:
                s.remove(out)
                s.place(e, t)
                try_insert(s, out)
                break
    return s.value - start


# --------------------------------------------------------------------------- bound
def bmatching_bound(
    c: Compiled, *, integral: bool, time_limit: float = 5.0
) -> tuple[int, bool, np.ndarray]:
    """Upper bound on the objective value (W*M+1 per meeting) ignoring slot identity.

    Each participant meets at most min(max_meetings, available slots) times, a request is
    usable only if both sides share a slot, and meetings needing a free table total at most
    T*(free tables). With `integral` the b-matching is solved as a MIP (tighter: no odd
    cycles of halves); returns (bound, exact, x) where exact says the MIP finished and x is
    the (fractional) b-matching, which guides the greedy.
    """
    from scipy.optimize import Bounds, LinearConstraint, linprog, milp
    from scipy.sparse import csr_matrix, vstack

    usable = np.array([len(x) > 0 for x in c.common], dtype=bool)
    E = np.flatnonzero(usable)
    x = np.zeros(c.m)
    if len(E) == 0:
        return 0, True, x
    val = c.value[E].astype(float)
    k = len(E)
    rows = np.concatenate([c.eu[E], c.ev[E]])
    cols = np.concatenate([np.arange(k), np.arange(k)])
    A = csr_matrix((np.ones(2 * k), (rows, cols)), shape=(c.n, k))
    cap_row = csr_matrix(c.consumes[E].astype(float)[None, :])
    A = vstack([A, cap_row]).tocsr()
    ub = np.concatenate([c.budget.astype(float), [float(c.T * c.cap)]])
    if not integral:
        res = linprog(-val, A_ub=A, b_ub=ub, bounds=(0, 1), method="highs")
        x[E] = res.x
        return int(np.floor(-res.fun + 1e-6)), False, x
    res = milp(
        -val,
        constraints=LinearConstraint(A, -np.inf, ub),
        integrality=np.ones(k),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit, "mip_rel_gap": 0.0},
    )
    if res.x is not None:
        x[E] = res.x
    if res.status == 0:
        return int(round(-res.fun)), True, x
    dual = getattr(res, "mip_dual_bound", None)
    if dual is not None and np.isfinite(dual):
        return int(np.floor(-dual + 1e-6)), False, x
    return bmatching_bound(c, integral=False)


# --------------------------------------------------------------------------- sub-MIP
def solve_slots(
    s: State,
    slots: list[int],
    *,
    time_limit: float,
    bonus: dict[tuple[int, int], int] | None = None,
    fixed_edges: set[int] | None = None,
    allowed: set[int] | None = None,
    values: np.ndarray | None = None,
    max_vars: int | None = None,
    rng: random.Random | None = None,
) -> tuple[bool, bool, float | None]:
    """Re-optimise the meetings in `slots` exactly (all other slots stay as they are).

    Returns (improved, proven, dual_bound); the state is updated only when the MIP found
    a strictly better objective. With `max_vars`, when the slots are full only requests
    heavier than their lightest meeting may enter, and at most about `max_vars` (request,
    slot) variables are kept, heaviest first (ties in random order). `values` replaces the worth of each request; `bonus` adds value to (request, slot) pairs; `fixed_edges`
    stay where they are; `allowed` limits which unplaced requests may enter.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_matrix

    c = s.c
    F = set(slots)
    budget = c.budget
    deg_out = list(s.deg)
    inside = []
    for e, t in enumerate(s.slot_of):
        if t in F and (fixed_edges is None or e not in fixed_edges):
            inside.append(e)
    inside_set = set(inside)
    for e in inside:
        deg_out[s._eu[e]] -= 1
        deg_out[s._ev[e]] -= 1
    # occupancy from fixed meetings inside F
    fixed_busy: set[tuple[int, int]] = set()
    fixed_load = {t: 0 for t in F}
    if fixed_edges:
        for e in fixed_edges:
            t = s.slot_of[e]
            if t in F:
                fixed_busy.add((s._eu[e], t))
                fixed_busy.add((s._ev[e], t))
                if s._cons[e]:
                    fixed_load[t] += 1
    worth = c.value if values is None else values
    threshold = -1
    if max_vars is not None and all(s.load[t] >= c.cap for t in F):
        threshold = min((int(worth[e]) for e in inside if s._cons[e]), default=-1)
    var_e, var_t = [], []
    outside_e, outside_t = [], []
    for e in range(c.m):
        st = s.slot_of[e]
        if st >= 0 and e not in inside_set:
            continue
        if st < 0 and allowed is not None and e not in allowed:
            continue
        if st < 0 and s._cons[e] and worth[e] <= threshold:
            continue
        u, v = s._eu[e], s._ev[e]
        if deg_out[u] >= budget[u] or deg_out[v] >= budget[v]:
            continue
        target_e, target_t = (var_e, var_t) if st >= 0 else (outside_e, outside_t)
        for t in c.common[e]:
            if t in F and (u, t) not in fixed_busy and (v, t) not in fixed_busy:
                target_e.append(e)
                target_t.append(t)
    room = None if max_vars is None else max(0, max_vars - len(var_e))
    if room is not None and len(outside_e) > room:
        rng = rng or random.Random(0)
        keyed = sorted(
            range(len(outside_e)), key=lambda i: (-int(worth[outside_e[i]]), rng.random())
        )[:room]
        keyed.sort()
        outside_e = [outside_e[i] for i in keyed]
        outside_t = [outside_t[i] for i in keyed]
    var_e += outside_e
    var_t += outside_t
    nv = len(var_e)
    if nv == 0:
        return False, True, None
    ve = np.array(var_e)
    vt = np.array(var_t)
    obj = worth[ve].astype(np.float64)
    if bonus:
        obj = obj + np.array(
            [bonus.get((e, t), 0) for e, t in zip(var_e, var_t, strict=False)], dtype=np.float64
        )
    current = sum(int(worth[e]) + (bonus or {}).get((e, s.slot_of[e]), 0) for e in inside)
    cols = np.arange(nv)
    rows_list, cols_list, ub_list = [], [], []
    r = 0
    # person-slot
    eu, ev = c.eu[ve], c.ev[ve]
    key_u = eu * c.T + vt
    key_v = ev * c.T + vt
    keys = np.concatenate([key_u, key_v])
    uniq, inv = np.unique(keys, return_inverse=True)
    rows_list.append(inv + r)
    cols_list.append(np.concatenate([cols, cols]))
    ub_list.append(np.ones(len(uniq)))
    r += len(uniq)
    # person budget
    people = np.concatenate([eu, ev])
    uniqp, invp = np.unique(people, return_inverse=True)
    rem = np.array([budget[p] - deg_out[p] for p in uniqp], dtype=float)
    rows_list.append(invp + r)
    cols_list.append(np.concatenate([cols, cols]))
    ub_list.append(rem)
    r += len(uniqp)
    # request once
    uniqe, inve = np.unique(ve, return_inverse=True)
    rows_list.append(inve + r)
    cols_list.append(cols)
    ub_list.append(np.ones(len(uniqe)))
    r += len(uniqe)
    # slot capacity
    cons = c.consumes[ve]
    slot_list = sorted(F)
    spos = {t: i for i, t in enumerate(slot_list)}
    mask = np.flatnonzero(cons)
    rows_list.append(np.array([spos[t] for t in vt[mask]], dtype=np.int64) + r)
    cols_list.append(mask)
    ub_list.append(np.array([c.cap - fixed_load[t] for t in slot_list], dtype=float))
    r += len(slot_list)
    rows = np.concatenate(rows_list)
    colsa = np.concatenate(cols_list)
    A = csr_matrix((np.ones(len(rows)), (rows, colsa)), shape=(r, nv))
    ub = np.concatenate(ub_list)
    res = milp(
        -obj,
        constraints=LinearConstraint(A, -np.inf, ub),
        integrality=np.ones(nv),
        bounds=Bounds(0, 1),
        options={"time_limit": max(time_limit, 0.05), "mip_rel_gap": 0.0},
    )
    if res.x is None:
        return False, False, None
    proven = res.status == 0
    dual = getattr(res, "mip_dual_bound", None)
    dual = -float(dual) if dual is not None and np.isfinite(dual) else None
    got = -res.fun
    if got <= current + 0.5:
        return False, proven, dual
    for e in inside:
        s.remove(e)
    chosen = np.flatnonzero(res.x > 0.5)
    for i in chosen:
        s.place(int(ve[i]), int(vt[i]))
    return True, proven, dual


def full_model_size(c: Compiled) -> int:
    return sum(len(x) for x in c.common)


def improve(
    s: State,
    *,
    bound: int,
    deadline: float,
    seed: int = 0,
    full_limit: int = 40_000,
    max_vars: int = 8_000,
    log: list[str] | None = None,
    on_improve=None,
) -> tuple[bool, int]:
    """Improve `s` in place until it reaches `bound` or the deadline. Returns (optimal, bound).

    Large-neighbourhood search, each neighbourhood re-optimised exactly: (a) around each
    promising unplaced request, every meeting of its two participants and of the people
    they meet, in all slots; (b) groups of slots, the most promising pairs first (after a
    round without gain, random triples and fours, then pairs again), freed with every
    request that could enter competing. On small events the complete
    model (which proves optimality or tightens the bound) takes over once a round of slot
    pairs brings nothing, or after half of the time.
    """
    c = s.c
    log = log if log is not None else []
    t0 = time.perf_counter()
    if s.value >= bound:
        return True, bound
    rng = random.Random(seed)
    gain = upgrade(s)
    log.append(f"upgrade: +{gain}")
    if gain and on_improve:
        on_improve(s)
    small = full_model_size(c) <= full_limit
    max_vars = None if small else max_vars
    lns_until = t0 + 0.5 * (deadline - t0) if small else deadline
    around_vars = min(max_vars or 2_000, 2_000)
    sizes = [k for k in (2, 3, 4) if k < c.T] or [c.T]
    size_i = 0

    def out_of_time() -> bool:
        return s.value >= bound or time.perf_counter() >= min(lns_until, deadline - 0.05)

    while not out_of_time():
        improved_any = False
        # (a) around each promising unplaced request
        for e in _promising(s, rng)[:200]:
            if out_of_time():
                break
            if s.slot_of[e] >= 0:
                continue
            before = s.value
            left = deadline - time.perf_counter()
            if solve_around(s, e, time_limit=min(left, 0.5), max_vars=around_vars, rng=rng):
                log.append(
                    f"{time.perf_counter() - t0:.2f}s around request {e}: +{s.value - before}"
                )
                improved_any = True
                if on_improve:
                    on_improve(s)
        # (b) groups of slots, the most promising first
        size = sizes[size_i]
        tried: set[tuple[int, ...]] = set()
        total = len(_slot_groups(c.T, size, rng)) if size == 2 else c.T * (c.T - 1) // 2
        while len(tried) < total and not out_of_time():
            g = _next_group(s, size, tried, rng)
            if g is None:
                break
            tried.add(tuple(g))
            before = s.value
            left = deadline - time.perf_counter()
            improved, _, _ = solve_slots(
                s, g, time_limit=min(left, 1.0 * len(g)), max_vars=max_vars, rng=rng
            )
            if improved:
                log.append(f"{time.perf_counter() - t0:.2f}s slots {g}: +{s.value - before}")
                improved_any = True
                tried.clear()
                if on_improve:
                    on_improve(s)
        if not improved_any:
            if small:
                break
            size_i = (size_i + 1) % len(sizes)
    if small and s.value < bound and time.perf_counter() < deadline - 0.05:
        left = deadline - time.perf_counter()
        improved, proven, dual = solve_slots(s, list(range(c.T)), time_limit=left)
        log.append(
            f"{time.perf_counter() - t0:.2f}s full model: improved={improved} proven={proven}"
        )
        if improved and on_improve:
            on_improve(s)
        if proven:
            return True, s.value
        if dual is not None:
            bound = min(bound, int(np.floor(dual + 1e-6)))
    return s.value >= bound, bound


def _promising(s: State, rng: random.Random) -> list[int]:
    """Unplaced requests that could add value, heaviest first: each side has room for a
    meeting or has a lighter one that could make way."""
    c = s.c
    val = s._val
    lightest = [None] * c.n
    for e, t in enumerate(s.slot_of):
        if t >= 0:
            for p in (s._eu[e], s._ev[e]):
                if lightest[p] is None or val[e] < lightest[p]:
                    lightest[p] = val[e]
    out = []
    for e, t in enumerate(s.slot_of):
        if t >= 0 or not c.common[e]:
            continue
        if all(
            s.deg[p] < c.budget[p] or (lightest[p] is not None and lightest[p] < val[e])
            for p in (s._eu[e], s._ev[e])
        ):
            out.append(e)
    out.sort(key=lambda e: (-val[e], rng.random()))
    return out


def solve_around(
    s: State,
    e: int,
    *,
    time_limit: float,
    max_vars: int | None = None,
    rng: random.Random | None = None,
) -> bool:
    """Re-optimise, in all slots, every meeting of request e's two participants and of the
    people they currently meet; unplaced requests among these people may enter."""
    c = s.c
    people = {s._eu[e], s._ev[e]}
    for p in list(people):
        for t in range(c.T):
            f = s.busy[p][t]
            if f >= 0:
                people.add(s._eu[f])
                people.add(s._ev[f])
    fixed = {
        f
        for f, t in enumerate(s.slot_of)
        if t >= 0 and s._eu[f] not in people and s._ev[f] not in people
    }
    allowed = {
        f
        for p in people
        for f in c.incident[p]
        if s.slot_of[f] < 0 and s._eu[f] in people and s._ev[f] in people
    }
    improved, _, _ = solve_slots(
        s,
        list(range(c.T)),
        time_limit=time_limit,
        fixed_edges=fixed,
        allowed=allowed,
        max_vars=max_vars,
        rng=rng,
    )
    return improved


def _next_group(
    s: State, size: int, tried: set[tuple[int, ...]], rng: random.Random
) -> list[int] | None:
    """The most promising untried group of slots.

    For pairs: each unplaced request whose two sides both have room scores its weight on
    every pair (a, b) with one side free in a and the other free in b (a swap in those two
    slots could seat it), and on (a, b) with both free in a when b has a free table.
    Pairs without score follow in random order. Larger groups are random.
    """
    c = s.c
    T = c.T
    if size != 2:
        for _ in range(50):
            g = tuple(sorted(rng.sample(range(T), size)))
            if g not in tried:
                return list(g)
        return None
    score = np.zeros((T, T))
    spare = [t for t in range(T) if s.load[t] < c.cap]
    budget = c.budget
    for e, t in enumerate(s.slot_of):
        if t >= 0 or not c.common[e]:
            continue
        u, v = s._eu[e], s._ev[e]
        if s.deg[u] >= budget[u] or s.deg[v] >= budget[v]:
            continue
        fu = [x for x in range(T) if s.busy[u][x] < 0 and c.avail[u, x]]
        fv = [x for x in range(T) if s.busy[v][x] < 0 and c.avail[v, x]]
        w = s._val[e]
        for a in fu:
            for b in fv:
                if a != b:
                    score[min(a, b), max(a, b)] += w
                else:
                    for z in spare:
                        if z != a:
                            score[min(a, z), max(a, z)] += w
    best, best_key = None, None
    for a in range(T):
        for b in range(a + 1, T):
            if (a, b) in tried:
                continue
            key = (score[a, b], rng.random())
            if best_key is None or key > best_key:
                best, best_key = [a, b], key
    return best


def _slot_groups(T: int, size: int, rng: random.Random) -> list[list[int]]:
    if size == 2:
        groups = [[a, b] for a in range(T) for b in range(a + 1, T)]
    else:
        groups = []
        for _ in range(T * (T - 1) // 2):
            groups.append(sorted(rng.sample(range(T), size)))
    rng.shuffle(groups)
    return groups
