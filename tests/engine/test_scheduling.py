"""Meeting scheduler: validity, optimality (brute force on small events), bound, tables."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.engine import messages
from kizuna.engine.scheduling import (
    Event,
    Meeting,
    Participant,
    Request,
    ScheduleInputError,
    check_schedule,
    greedy_schedule,
    schedule,
)
from kizuna.engine.scheduling.generate import generate_event


def P(pid, unavailable=(), **kw):
    return Participant(pid, pid, frozenset(unavailable), **kw)


def brute_force(event: Event) -> tuple[float, int]:
    """Best (weight, count) over every assignment of requests to slots or to nothing."""
    people = {p.id: p for p in event.participants}
    owners = {p.id for p in event.participants if p.reserved_table is not None}
    free_tables = event.tables - len(owners)
    reqs = event.requests
    best = (0.0, 0)
    for choice in itertools.product(range(event.slots + 1), repeat=len(reqs)):
        busy, deg, load = set(), {}, [0] * (event.slots + 1)
        w, k, ok = 0.0, 0, True
        for r, s in zip(reqs, choice, strict=False):
            if s == 0:
                continue
            for x in (r.a, r.b):
                if s in people[x].unavailable or (x, s) in busy:
                    ok = False
                busy.add((x, s))
                deg[x] = deg.get(x, 0) + 1
                lim = people[x].max_meetings
                if lim is not None and deg[x] > lim:
                    ok = False
            if r.a not in owners and r.b not in owners:
                load[s] += 1
                if load[s] > free_tables:
                    ok = False
            if not ok:
                break
            w += r.weight
            k += 1
        if ok and (w, k) > best:
            best = (w, k)
    return best


@st.composite
def small_events(draw, max_people=5, max_requests=6, max_slots=3):
    n = draw(st.integers(2, max_people))
    T = draw(st.integers(1, max_slots))
    K = draw(st.integers(1, 3))
    people = []
    tables = list(range(1, K + 1))
    for i in range(n):
        un = draw(st.sets(st.integers(1, T), max_size=T))
        lim = draw(st.one_of(st.none(), st.integers(0, T)))
        reserved = tables.pop() if tables and draw(st.integers(0, 4)) == 0 else None
        host = draw(st.integers(0, 3)) == 0
        people.append(P(f"p{i}", un, max_meetings=lim, reserved_table=reserved, host=host))
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda t: t[0] != t[1]),
            max_size=max_requests,
            unique_by=lambda t: tuple(sorted(t)),
        )
    )
    reqs = [Request(f"p{a}", f"p{b}", draw(st.sampled_from([1, 2, 3]))) for a, b in pairs]
    return Event.build(people, reqs, slots=T, tables=K)


@settings(max_examples=60, deadline=None)
@given(small_events())
def test_schedule_is_valid_and_optimal_on_small_events(event):
    result = schedule(event, time_limit=5)
    assert check_schedule(event, result.meetings) == []
    assert (result.weight, result.count) == brute_force(event)
    assert result.optimal
    assert result.weight <= result.bound + 1e-9


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(20, 60), st.integers(2, 6), st.integers(0, 2))
def test_schedule_is_valid_and_never_worse_than_greedy(seed, n, T, reserved):
    people, reqs = generate_event(n, 3 * n, T, seed=seed, host_share=0.1, reserved_tables=reserved)
    event = Event.build(people, reqs, slots=T, tables=max(3, n // 6))
    result = schedule(event, time_limit=2)
    base = greedy_schedule(event)
    assert check_schedule(event, result.meetings) == []
    assert check_schedule(event, base.meetings) == []
    assert result.weight >= base.weight
    assert result.weight <= result.bound + 1e-9
    assert result.baseline_weight == base.weight


def test_schedule_skips_unavailable_slot():
    event = Event.build([P("a", {1}), P("b")], [Request("a", "b", 1)], slots=2, tables=1)
    result = schedule(event)
    assert result.meetings == [Meeting("a", "b", 2, 1)]
    assert result.optimal and result.gap == 0.0


def test_schedule_prefers_weight_then_count():
    # one table, one slot: the mutual (weight 2) meeting wins over a weight-1 one
    event = Event.build(
        [P("a"), P("b"), P("c")], [Request("a", "b", 1), Request("b", "c", 2)], slots=1, tables=1
    )
    result = schedule(event)
    assert [(m.a, m.b) for m in result.meetings] == [("b", "c")]
    assert (result.weight, result.count, result.bound) == (2, 1, 2)


def test_schedule_count_breaks_weight_ties():
    # a-b (2) or a-c + d-e (1 + 1): same weight, two meetings are better than one
    event = Event.build(
        [P("a"), P("b"), P("c"), P("d")],
        [Request("a", "b", 2), Request("a", "c", 1), Request("b", "d", 1)],
        slots=1,
        tables=2,
    )
    result = schedule(event)
    assert (result.weight, result.count) == (2, 2)
    assert sorted(m.pair for m in result.meetings) == [("a", "c"), ("b", "d")]


def test_schedule_respects_max_meetings_and_tables_per_slot():
    people = [P("hub", max_meetings=2)] + [P(f"x{i}") for i in range(4)]
    reqs = [Request("hub", f"x{i}", 1) for i in range(4)] + [
        Request("x0", "x1", 1),
        Request("x2", "x3", 1),
    ]
    event = Event.build(people, reqs, slots=3, tables=1)
    result = schedule(event)
    assert check_schedule(event, result.meetings) == []
    assert sum(1 for m in result.meetings if "hub" in (m.a, m.b)) == 2
    assert result.count == 3  # one table, three slots


def test_schedule_reports_bound_and_gap_when_slots_conflict():
    # a triangle with weights 1 needs three slots; with two slots only two meetings fit,
    # while the b-matching bound (each person meets twice) allows three.
    event = Event.build(
        [P("a"), P("b"), P("c")],
        [Request("a", "b", 1), Request("b", "c", 1), Request("a", "c", 1)],
        slots=2,
        tables=3,
    )
    result = schedule(event)
    assert (result.weight, result.count) == (2, 2)
    assert result.optimal  # proven by the complete model
    assert result.bound == 2


def test_reserved_table_is_used_only_by_its_owner_and_hosts_keep_their_table():
    people = [P("host", host=True), P("own", reserved_table=1)] + [P(f"v{i}") for i in range(3)]
    reqs = [Request("host", f"v{i}", 1) for i in range(3)] + [
        Request("own", f"v{i}", 1) for i in range(3)
    ]
    event = Event.build(people, reqs, slots=3, tables=2)
    result = schedule(event)
    assert check_schedule(event, result.meetings) == []
    assert result.count == 6
    assert {m.table for m in result.meetings if "own" in (m.a, m.b)} == {1}
    assert {m.table for m in result.meetings if "host" in (m.a, m.b)} == {2}


def test_reserved_tables_reduce_capacity_for_others():
    people = [P("own", reserved_table=1), P("a"), P("b"), P("c"), P("d")]
    reqs = [Request("a", "b", 1), Request("c", "d", 1)]
    event = Event.build(people, reqs, slots=1, tables=2)
    result = schedule(event)
    assert result.count == 1 and result.bound == 1 and result.optimal


def test_event_build_names_every_input_problem():
    with pytest.raises(ScheduleInputError) as err:
        Event.build(
            [P("a", {0, 3}), P("b"), P("b")],
            [
                Request("a", "z", 1),
                Request("a", "b", 1),
                Request("b", "a", 2),
                Request("a", "a", 1),
                Request("a", "b", 0),
            ],
            slots=2,
            tables=1,
        )
    assert err.value.render("en") == [
        "Participant a is unavailable in slot 0, but slots run from 1 to 2.",
        "Participant a is unavailable in slot 3, but slots run from 1 to 2.",
        "Participant id b appears more than once.",
        "Request a–z names participant z, who is not in the participant list.",
        "The pair b–a is requested twice with different weights (1 and 2).",
        "Participant a requests a meeting with themselves.",
        "The pair a–b has weight 0; a weight must be greater than 0.",
    ]
    assert err.value.render("ja")[0] == "参加者aの不在枠0は範囲外です。時間枠は1から2までです。"


def test_summary_is_rendered_in_three_languages():
    event = Event.build([P("a"), P("b")], [Request("a", "b", 2)], slots=1, tables=1)
    result = schedule(event)
    result.seconds = 0.5
    assert result.summary("en")[0] == (
        "Placed 1 of 1 requested meetings, total weight 2; upper bound 2, gap 0.000%, 0.50 s (proven optimal)."
    )
    assert result.summary("th")[0].startswith("จัดการนัดพบได้ 1 จากที่ขอ 1 รายการ")
    assert result.summary("ja")[0].startswith("希望された1件の面談のうち1件を配置しました。")


def test_every_scheduling_message_has_the_same_placeholders_in_each_language():
    for code, texts in messages.catalogue().items():
        if code.startswith(("schedule.", "table.", "selection.")):
            assert messages.placeholders(texts["th"]) == messages.placeholders(texts["en"]), code
            assert messages.placeholders(texts["ja"]) == messages.placeholders(texts["en"]), code


def test_generated_event_has_realistic_shape():
    people, reqs = generate_event(300, 1500, 12, seed=3)
    assert len(people) == 300 and len(reqs) == 1500
    assert max(len(p.unavailable) for p in people) == 3
    assert {r.weight for r in reqs} == {1, 2, 3}
    counts = {}
    for r in reqs:
        for x in (r.a, r.b):
            counts[x] = counts.get(x, 0) + 1
    top = sorted(counts.values(), reverse=True)
    assert top[0] > 5 * (2 * 1500 / 300)  # heavy-tailed popularity
