"""Tables inside each slot: reserved tables are fixed, hosts keep one table, others stay put.

Slots are processed in order; in each, meetings go to tables by a linear assignment whose
costs prefer (1) the owner's reserved table (forced), (2) a host's home table, (3) the table
a participant sat at before (in this schedule, or in the previous one when rescheduling).
"""

from __future__ import annotations

import numpy as np

from kizuna.engine.scheduling.core import Compiled, State

_FORBID = 1e9
_HOST = 1000.0
_PREVIOUS = 5000.0  # rescheduling: a meeting keeps its table before anything else
_STAY = 10.0


def assign_tables(
    c: Compiled, s: State, previous: dict[int, int] | None = None
) -> tuple[dict[int, int], int, int]:
    """Return (table of each placed request, 0-based), participants at one table, participants with meetings."""
    from scipy.optimize import linear_sum_assignment

    K = c.K
    owner_table = {}
    for i, p in enumerate(c.event.participants):
        if p.reserved_table is not None:
            owner_table[i] = p.reserved_table - 1
    reserved = set(owner_table.values())
    free_tables = [k for k in range(K) if k not in reserved]
    deg = s.deg
    # home tables: hosts first, then participants with more meetings; a participant gets a
    # home only if none of their partners has one and one table is free in all their slots
    slots_of: dict[int, list[int]] = {}
    partners: dict[int, set[int]] = {}
    for e, t in enumerate(s.slot_of):
        if t >= 0:
            u, v = s._eu[e], s._ev[e]
            slots_of.setdefault(u, []).append(t)
            slots_of.setdefault(v, []).append(t)
            partners.setdefault(u, set()).add(v)
            partners.setdefault(v, set()).add(u)
    people = c.event.participants
    order = sorted(
        (i for i in slots_of if i not in owner_table and deg[i] > 1),
        key=lambda i: (not people[i].host, -deg[i], c.ids[i]),
    )
    used: set[tuple[int, int]] = set()
    host_table: dict[int, int] = {}
    for i in order:
        if any(q in host_table or q in owner_table for q in partners[i]) and not people[i].host:
            continue
        for k in free_tables:
            if all((t, k) not in used for t in slots_of[i]):
                host_table[i] = k
                used.update((t, k) for t in slots_of[i])
                break
    last: dict[int, int] = {}
    table_of: dict[int, int] = {}
    for t in range(c.T):
        meets = sorted(s.in_slot[t])
        if not meets:
            continue
        cost = np.zeros((len(meets), K))
        if reserved:
            cost[:, sorted(reserved)] = _FORBID
        for r, e in enumerate(meets):
            people = (s._eu[e], s._ev[e])
            owned = [owner_table[p] for p in people if p in owner_table]
            if owned:
                cost[r, :] = _FORBID
                for k in owned:
                    cost[r, k] = 0.0
                continue
            for p in people:
                if p in host_table:
                    cost[r, host_table[p]] -= _HOST
                if p in last:
                    cost[r, last[p]] -= _STAY
            if previous and e in previous and 0 <= previous[e] < K:
                cost[r, previous[e]] -= _PREVIOUS
        rows, cols = linear_sum_assignment(cost)
        for r, k in zip(rows, cols, strict=False):
            e = meets[r]
            table_of[e] = int(k)
            last[s._eu[e]] = int(k)
            last[s._ev[e]] = int(k)
    seen: dict[int, set[int]] = {}
    for e, k in table_of.items():
        seen.setdefault(s._eu[e], set()).add(k)
        seen.setdefault(s._ev[e], set()).add(k)
    single = sum(1 for ks in seen.values() if len(ks) == 1)
    return table_of, single, len(seen)
