"""The compiled instance and the state of a schedule in integer indices (slots from 0).

Weights are turned into integers (`scale` = the smallest power of ten up to 1000 that
makes every weight whole; finer weights are rounded to 1/1000) so that the objective
"total weight, then number of meetings" is exact: a meeting is worth W*M + 1 with
M = number of requests + 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kizuna.engine.scheduling.model import Event


def weight_scale(weights) -> int:
    for scale in (1, 10, 100, 1000):
        if all(abs(w * scale - round(w * scale)) < 1e-9 for w in weights):
            return scale
    return 1000


@dataclass
class Compiled:
    event: Event
    ids: list[str]
    index: dict[str, int]
    n: int
    m: int
    T: int
    K: int
    cap: int  # meetings per slot that need a free (unreserved) table
    eu: np.ndarray
    ev: np.ndarray
    W: np.ndarray  # integer weights
    scale: int
    M: int
    avail: np.ndarray  # (n, T) bool
    budget: np.ndarray  # (n,) int
    consumes: np.ndarray  # (m,) bool: the meeting needs an unreserved table
    common: list[list[int]]  # feasible slots per request
    edge_of: dict[tuple[int, int], int]
    incident: list[list[int]]

    @property
    def value(self) -> np.ndarray:
        return self.W.astype(np.int64) * self.M + 1


def compile_event(event: Event) -> Compiled:
    ids = [p.id for p in event.participants]
    index = {pid: i for i, pid in enumerate(ids)}
    n, m, T, K = len(ids), len(event.requests), event.slots, event.tables
    avail = np.ones((n, T), dtype=bool)
    budget = np.zeros(n, dtype=np.int64)
    owner = np.zeros(n, dtype=bool)
    for i, p in enumerate(event.participants):
        for s in p.unavailable:
            avail[i, s - 1] = False
        b = int(avail[i].sum())
        if p.max_meetings is not None:
            b = min(b, p.max_meetings)
        budget[i] = b
        owner[i] = p.reserved_table is not None
    scale = weight_scale([r.weight for r in event.requests])
    eu = np.array([index[r.a] for r in event.requests], dtype=np.int64)
    ev = np.array([index[r.b] for r in event.requests], dtype=np.int64)
    W = np.array([int(round(r.weight * scale)) for r in event.requests], dtype=np.int64)
    W = np.maximum(W, 1)
    both = avail[eu] & avail[ev] if m else np.zeros((0, T), dtype=bool)
    common = [list(np.flatnonzero(row)) for row in both]
    common = [[int(t) for t in c] for c in common]
    consumes = ~(owner[eu] | owner[ev]) if m else np.zeros(0, dtype=bool)
    cap = K - int(owner.sum())
    incident: list[list[int]] = [[] for _ in range(n)]
    for e in range(m):
        incident[eu[e]].append(e)
        incident[ev[e]].append(e)
    edge_of = {}
    for e in range(m):
        a, b = int(eu[e]), int(ev[e])
        edge_of[(a, b)] = e
        edge_of[(b, a)] = e
    return Compiled(
        event,
        ids,
        index,
        n,
        m,
        T,
        K,
        max(cap, 0),
        eu,
        ev,
        W,
        scale,
        m + 1,
        avail,
        budget,
        consumes,
        common,
        edge_of,
        incident,
    )


class State:
    """A valid partial schedule: slot of each request (-1 = not placed) with occupancy."""

    def __init__(self, c: Compiled, slot_of: list[int] | None = None):
        self.c = c
        self.slot_of = [-1] * c.m
        self.busy = [[-1] * c.T for _ in range(c.n)]
        self.deg = [0] * c.n
        self.load = [0] * c.T
        self.in_slot: list[set[int]] = [set() for _ in range(c.T)]
        self.value = 0
        self._val = [int(x) for x in c.value]
        self._eu = [int(x) for x in c.eu]
        self._ev = [int(x) for x in c.ev]
        self._cons = [bool(x) for x in c.consumes]
        if slot_of is not None:
            for e, t in enumerate(slot_of):
                if t >= 0:
                    self.place(e, t)

    def copy(self) -> State:
        s = State.__new__(State)
        s.c = self.c
        s.slot_of = list(self.slot_of)
        s.busy = [list(r) for r in self.busy]
        s.deg = list(self.deg)
        s.load = list(self.load)
        s.in_slot = [set(x) for x in self.in_slot]
        s.value = self.value
        s._val, s._eu, s._ev, s._cons = self._val, self._eu, self._ev, self._cons
        return s

    def can_place(self, e: int, t: int) -> bool:
        u, v = self._eu[e], self._ev[e]
        return (
            self.busy[u][t] < 0
            and self.busy[v][t] < 0
            and (not self._cons[e] or self.load[t] < self.c.cap)
            and bool(self.c.avail[u, t] and self.c.avail[v, t])
        )

    def place(self, e: int, t: int) -> None:
        u, v = self._eu[e], self._ev[e]
        self.slot_of[e] = t
        self.busy[u][t] = e
        self.busy[v][t] = e
        self.deg[u] += 1
        self.deg[v] += 1
        self.in_slot[t].add(e)
        if self._cons[e]:
            self.load[t] += 1
        self.value += self._val[e]

    def remove(self, e: int) -> int:
        t = self.slot_of[e]
        u, v = self._eu[e], self._ev[e]
        self.slot_of[e] = -1
        self.busy[u][t] = -1
        self.busy[v][t] = -1
        self.deg[u] -= 1
        self.deg[v] -= 1
        self.in_slot[t].discard(e)
        if self._cons[e]:
            self.load[t] -= 1
        self.value -= self._val[e]
        return t

    def weight(self) -> int:
        return self.value // self.c.M

    def count(self) -> int:
        return self.value % self.c.M
