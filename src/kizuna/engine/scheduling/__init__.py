"""Meeting scheduling for business-matching events.

    event = Event.build(participants, requests, slots=12, tables=60)
    result = schedule(event, time_limit=10)
    validate_schedule(event, result.meetings)       # raises ScheduleViolations if broken
    print("\\n".join(result.summary("th")))

Constraints: nobody has two meetings in one slot, nobody meets outside their
availability, at most `tables` meetings per slot (tables reserved for a participant are
used by that participant only), at most `max_meetings` per participant, a pair meets at
most once. Objective: the total weight of the placed meetings, then their number. Tables
are then assigned so that reserved tables are respected, hosts keep one table and other
participants move as little as possible (a secondary objective that never costs a
meeting).

Every result carries an upper bound: the maximum-weight b-matching (each participant meets
at most min(max_meetings, available slots) partners, meetings needing a free table total
at most slots x free tables, and only pairs that share an available slot count), solved as
an LP, tightened to the integral b-matching where it is cheap, and to the dual bound of the
complete time-indexed model on small events. `result.optimal` is True when the schedule
reaches a bound, i.e. it is proven optimal.

The search: (1) a priority greedy (heaviest requests first, each into the least-loaded
slot) with local repair (a blocked request gets in by moving one other meeting) -- this
is the baseline, and the result is never worse; (2) the same greedy guided by the
b-matching behind the bound (the requests it uses go first), which on generated events
starts within a few meetings of the bound; (3) large-neighbourhood search that frees
pairs (then triples, fours) of slots and re-optimises them exactly with a 0/1 model
solved by HiGHS; (4) on small events the complete time-indexed model. It stops at the
time limit or as soon as the bound is reached.

Submodules: model (dataclasses, input errors), core (compiled arrays and the schedule
state), solve (greedy, bound, sub-MIPs, search), tables (tables within slots), check (the
checker), generate (realistic random events for tests and benchmarks).
"""

from __future__ import annotations

import time
from collections.abc import Iterable

import numpy as np

from kizuna.engine.scheduling.check import ScheduleViolations, check_schedule, validate_schedule
from kizuna.engine.scheduling.core import Compiled, State, compile_event
from kizuna.engine.scheduling.model import (
    Event,
    Meeting,
    Participant,
    Problem,
    Request,
    Schedule,
    ScheduleInputError,
    SchedulingError,
)

__all__ = [
    "Event",
    "Meeting",
    "Participant",
    "Problem",
    "Request",
    "Schedule",
    "ScheduleInputError",
    "ScheduleViolations",
    "SchedulingError",
    "check_schedule",
    "greedy_schedule",
    "reschedule",
    "schedule",
    "validate_schedule",
]

# integral b-matching bound is computed when the event has at most this many requests
_INTEGRAL_BOUND_LIMIT = 5_000
# the complete time-indexed model is tried when it has at most this many variables
_FULL_MODEL_LIMIT = 40_000
# rescheduling lets every previous meeting move (at a cost) up to this many meetings
_FREE_RESCHEDULE_LIMIT = 3_000


def schedule(event: Event, *, time_limit: float = 10.0, seed: int = 0) -> Schedule:
    """Place the requested meetings of `event`; stop at `time_limit` seconds or at the bound."""
    from kizuna.engine.scheduling import solve

    start = time.perf_counter()
    deadline = start + time_limit
    c = compile_event(event)
    s = solve.greedy(c)
    baseline = s.value
    log = [f"greedy+repair: {_w(c, s.value)}"]
    bound, x = _bound(c, s, deadline)
    log.append(f"bound: {_w(c, bound)}")
    if s.value < bound:
        guided = solve.greedy(c, order=solve.guided_order(c, x))
        log.append(f"LP-guided greedy+repair: {_w(c, guided.value)}")
        if guided.value > s.value:
            s = guided
    trace = [(time.perf_counter() - start, s.weight() / c.scale)]
    if s.value < bound:
        optimal, bound = solve.improve(
            s,
            bound=bound,
            deadline=deadline,
            seed=seed,
            full_limit=_FULL_MODEL_LIMIT,
            log=log,
            on_improve=lambda st: trace.append(
                (time.perf_counter() - start, st.weight() / c.scale)
            ),
        )
    else:
        optimal = True
    result = _result(c, s, start, bound, optimal, baseline=baseline, log=log)
    result.trace = trace
    return result


def greedy_schedule(event: Event) -> Schedule:
    """The baseline: priority greedy with local repair (no optimisation), with the LP bound."""
    from kizuna.engine.scheduling import solve

    start = time.perf_counter()
    c = compile_event(event)
    s = solve.greedy(c)
    bound, _, _ = solve.bmatching_bound(c, integral=False)
    return _result(c, s, start, bound, s.value >= bound)


def reschedule(
    event: Event,
    previous: Iterable[Meeting],
    *,
    time_limit: float = 10.0,
    fill: bool = True,
) -> Schedule:
    """A new schedule for a changed `event` that moves as few `previous` meetings as possible.

    Order of priorities: (1) keep as much of the previous meetings' weight as possible
    (a meeting whose participant became unavailable moves to another slot rather than
    disappearing), (2) move as few previous meetings as possible, (3) with `fill`, add new
    requests in the free places without moving anything. Previous meetings whose request
    was cancelled or whose participant left simply go. Tables stay where they were when
    possible. `result.moved`, `kept` and `dropped` count the previous meetings.
    """
    from kizuna.engine.scheduling import solve

    start = time.perf_counter()
    deadline = start + time_limit
    c = compile_event(event)
    s = State(c)
    old_slot: dict[int, int] = {}
    old_table: dict[int, int] = {}
    for m in previous:
        e = c.edge_of.get((c.index.get(m.a, -1), c.index.get(m.b, -1)))
        if e is None or e in old_slot:
            continue
        old_slot[e] = m.slot - 1
        old_table[e] = m.table - 1
    displaced = []
    for e in sorted(old_slot, key=lambda e: (-int(c.W[e]), e)):
        t = old_slot[e]
        u, v = int(c.eu[e]), int(c.ev[e])
        if 0 <= t < c.T and s.can_place(e, t) and s.deg[u] < c.budget[u] and s.deg[v] < c.budget[v]:
            s.place(e, t)
        else:
            displaced.append(e)
    # (1)+(2): re-place displaced meetings; previous meetings may move, each move costs.
    # On large events only meetings within two steps of a displaced one may move.
    if displaced:
        placed = [e for e in range(c.m) if s.slot_of[e] >= 0]
        if len(placed) <= _FREE_RESCHEDULE_LIMIT:
            fixed: set[int] = set()
        else:
            near = set()
            for e in displaced:
                for p in (int(c.eu[e]), int(c.ev[e])):
                    for f in c.incident[p]:
                        if s.slot_of[f] >= 0:
                            near.add(f)
                            for q in (int(c.eu[f]), int(c.ev[f])):
                                near.update(g for g in c.incident[q] if s.slot_of[g] >= 0)
            fixed = {e for e in placed if e not in near}
        Q = len(old_slot) + 1
        values = c.value.astype(np.int64) * Q
        bonus = {(e, old_slot[e]): 1 for e in old_slot if 0 <= old_slot[e] < c.T}
        solve.solve_slots(
            s,
            list(range(c.T)),
            time_limit=max(0.1, (deadline - time.perf_counter()) / 2),
            bonus=bonus,
            fixed_edges=fixed,
            allowed=set(displaced),
            values=values,
        )
    # (3): add new requests where they fit, moving nothing
    if fill:
        for e in solve.greedy_order(c):
            if s.slot_of[e] < 0 and e not in old_slot:
                _place_anywhere(s, e)
        if solve.full_model_size(c) <= _FULL_MODEL_LIMIT and time.perf_counter() < deadline:
            placed = {e for e in range(c.m) if s.slot_of[e] >= 0}
            solve.solve_slots(
                s,
                list(range(c.T)),
                time_limit=max(0.1, deadline - time.perf_counter()),
                fixed_edges=placed,
                allowed={e for e in range(c.m) if e not in old_slot},
            )
    moved = sum(1 for e, t in old_slot.items() if s.slot_of[e] >= 0 and s.slot_of[e] != t)
    kept = sum(1 for e, t in old_slot.items() if s.slot_of[e] == t)
    dropped = sum(1 for e in old_slot if s.slot_of[e] < 0)
    bound, _, _ = solve.bmatching_bound(c, integral=False)
    result = _result(c, s, start, bound, s.value >= bound, previous_tables=old_table)
    result.moved, result.kept, result.dropped = moved, kept, dropped
    return result


def _place_anywhere(s: State, e: int) -> bool:
    c = s.c
    u, v = int(c.eu[e]), int(c.ev[e])
    if s.deg[u] >= c.budget[u] or s.deg[v] >= c.budget[v]:
        return False
    for t in c.common[e]:
        if s.can_place(e, t):
            s.place(e, t)
            return True
    return False


def _bound(c: Compiled, s: State, deadline: float) -> tuple[int, np.ndarray]:
    """The b-matching bound (LP; integral on small events) and the b-matching itself."""
    from kizuna.engine.scheduling import solve

    bound, _, x = solve.bmatching_bound(c, integral=False)
    if s.value < bound and c.m <= _INTEGRAL_BOUND_LIMIT:
        left = deadline - time.perf_counter()
        if left > 1.0:
            ib, _, xi = solve.bmatching_bound(c, integral=True, time_limit=min(left / 4, 3.0))
            if ib <= bound:
                bound, x = ib, xi
    return bound, x


def _w(c: Compiled, value: int) -> str:
    return f"{value // c.M / c.scale:g} ({value % c.M} meetings)"


def _result(
    c: Compiled,
    s: State,
    start: float,
    bound: int,
    optimal: bool,
    *,
    baseline: int | None = None,
    log: list[str] | None = None,
    previous_tables: dict[int, int] | None = None,
) -> Schedule:
    from kizuna.engine.scheduling.tables import assign_tables

    table_of, single, people = assign_tables(c, s, previous_tables)
    meetings = []
    for e, t in enumerate(s.slot_of):
        if t >= 0:
            r = c.event.requests[e]
            meetings.append(Meeting(r.a, r.b, t + 1, table_of[e] + 1))
    meetings.sort(key=lambda m: (m.slot, m.table))
    weight_bound = bound // c.M
    return Schedule(
        meetings=meetings,
        weight=s.weight() / c.scale,
        count=s.count(),
        bound=max(weight_bound, s.weight()) / c.scale,
        requested=c.m,
        seconds=time.perf_counter() - start,
        optimal=optimal,
        baseline_weight=None if baseline is None else baseline // c.M / c.scale,
        single_table=single,
        with_meetings=people,
        log=log or [],
    )
