"""Realistic random events for tests and benchmarks.

Participants have 0-3 unavailable slots and a heavy-tailed popularity (a few companies
everyone wants to meet); about one in five has a personal meeting limit. Requests weigh 1,
mutual interest 2, and an officer's priority 3.
"""

from __future__ import annotations

import numpy as np

from kizuna.engine.scheduling.model import Participant, Request


def generate_event(
    participants: int,
    requests: int,
    slots: int,
    *,
    seed: int = 0,
    max_unavailable: int = 3,
    limited_share: float = 0.2,
    mutual_share: float = 0.25,
    priority_share: float = 0.05,
    popularity_exponent: float = 1.1,
    host_share: float = 0.0,
    reserved_tables: int = 0,
) -> tuple[list[Participant], list[Request]]:
    """Participants and requests; optionally a share of hosts (booths) and the first
    `reserved_tables` participants with a table of their own (tables 1, 2, ...)."""
    rng = np.random.default_rng(seed)
    n = participants
    people = []
    for i in range(n):
        k = int(rng.integers(0, min(max_unavailable, slots - 1) + 1)) if slots > 1 else 0
        unavailable = frozenset(int(x) + 1 for x in rng.choice(slots, size=k, replace=False))
        limit = (
            int(rng.integers(max(1, slots // 3), slots + 1))
            if rng.random() < limited_share
            else None
        )
        host = bool(host_share > 0 and rng.random() < host_share)
        table = i + 1 if i < reserved_tables else None
        people.append(Participant(f"P{i:05d}", f"Company {i}", unavailable, limit, host, table))
    # heavy-tailed popularity (Pareto-like), activity mildly skewed
    popularity = rng.pareto(popularity_exponent, n) + 1.0
    popularity /= popularity.sum()
    activity = rng.pareto(3.0, n) + 1.0
    activity /= activity.sum()
    max_pairs = n * (n - 1) // 2
    want = min(requests, max_pairs)
    pairs: set[tuple[int, int]] = set()
    out = []
    while len(out) < want:
        batch = max(64, 2 * (want - len(out)))
        a = rng.choice(n, size=batch, p=activity)
        b = rng.choice(n, size=batch, p=popularity)
        r = rng.random(batch)
        for x, y, z in zip(a.tolist(), b.tolist(), r.tolist(), strict=False):
            if x == y:
                continue
            key = (x, y) if x < y else (y, x)
            if key in pairs:
                continue
            pairs.add(key)
            w = 3 if z < priority_share else 2 if z < priority_share + mutual_share else 1
            out.append(Request(people[key[0]].id, people[key[1]].id, w))
            if len(out) >= want:
                break
        if len(pairs) >= max_pairs:
            break
    return people, out
