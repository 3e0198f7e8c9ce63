"""The checker names every kind of violation, each exactly once."""

from __future__ import annotations

import pytest

from kizuna.engine.scheduling import (
    Event,
    Meeting,
    Participant,
    Request,
    ScheduleViolations,
    check_schedule,
    validate_schedule,
)


@pytest.fixture()
def event():
    people = [
        Participant("a", "A", frozenset({2})),
        Participant("b", "B", max_meetings=1),
        Participant("c", "C"),
        Participant("d", "D", reserved_table=2),
    ]
    reqs = [Request("a", "b"), Request("a", "c"), Request("b", "c"), Request("c", "d")]
    return Event.build(people, reqs, slots=3, tables=2)


VALID = [Meeting("a", "b", 1, 1), Meeting("c", "d", 1, 2), Meeting("a", "c", 3, 1)]


def test_valid_schedule_has_no_violations(event):
    assert check_schedule(event, VALID) == []
    validate_schedule(event, VALID)


@pytest.mark.parametrize(
    ("meetings", "expected"),
    [
        ([Meeting("a", "z", 1, 1)], ["Meeting a–z in slot 1 names z, who is not a participant."]),
        (
            [Meeting("a", "d", 1, 1)],
            [
                "Meeting a–d in slot 1 was never requested.",
                "d meets in slot 1 at table 1 instead of their reserved table 2.",
            ],
        ),
        (
            [Meeting("a", "c", 1, 1), Meeting("c", "a", 3, 1)],
            ["The pair a–c meets 2 times; a pair meets at most once."],
        ),
        ([Meeting("a", "c", 4, 1)], ["Meeting a–c is in slot 4, but slots run from 1 to 3."]),
        (
            [Meeting("a", "c", 1, 3)],
            ["Meeting a–c in slot 1 is at table 3, but tables run from 1 to 2."],
        ),
        (
            [Meeting("a", "b", 1, 1), Meeting("a", "c", 1, 2)],
            [
                "Meeting a–c in slot 1 uses table 2, which is reserved for d.",
                "a has 2 meetings in slot 1.",
            ],
        ),
        ([Meeting("a", "c", 2, 1)], ["a meets c in slot 2 but is unavailable then."]),
        (
            [Meeting("a", "c", 1, 1), Meeting("b", "c", 3, 1), Meeting("a", "b", 3, 1)],
            [
                "b has 2 meetings in slot 3.",
                "Table 1 in slot 3 holds 2 meetings at once.",
                "b has 2 meetings, more than their limit of 1.",
            ],
        ),
        (
            [
                Meeting("a", "b", 1, 1),
                Meeting("c", "d", 1, 2),
                Meeting("b", "c", 3, 1),
                Meeting("a", "c", 3, 1),
            ],
            [
                "c has 2 meetings in slot 3.",
                "Table 1 in slot 3 holds 2 meetings at once.",
                "b has 2 meetings, more than their limit of 1.",
            ],
        ),
    ],
)
def test_checker_names_each_injected_violation(event, meetings, expected):
    assert [p.render("en") for p in check_schedule(event, meetings)] == expected
    with pytest.raises(ScheduleViolations) as err:
        validate_schedule(event, meetings)
    assert err.value.render("en") == expected
    assert len(err.value.render("th")) == len(expected)


def test_checker_counts_meetings_beyond_the_tables_of_a_slot():
    people = [Participant(x) for x in "abcdef"]
    reqs = [Request("a", "b"), Request("c", "d"), Request("e", "f")]
    event = Event.build(people, reqs, slots=1, tables=2)
    meetings = [Meeting("a", "b", 1, 1), Meeting("c", "d", 1, 2), Meeting("e", "f", 1, 2)]
    assert [p.render("en") for p in check_schedule(event, meetings)] == [
        "Slot 1 has 3 meetings but only 2 tables.",
        "Table 2 in slot 1 holds 2 meetings at once.",
    ]
    assert [p.render("en") for p in check_schedule(event, meetings, tables=False)] == [
        "Slot 1 has 3 meetings but only 2 tables.",
    ]
    assert (
        check_schedule(event, meetings)[0].render("ja")
        == "時間枠1には面談が3件ありますが、テーブルは2台しかありません。"
    )
