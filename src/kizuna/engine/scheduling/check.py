"""The checker: validates any schedule against its event and names every violation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from kizuna.engine import messages
from kizuna.engine.scheduling.model import Event, Meeting, Problem, SchedulingError

messages.register(
    {
        "schedule.violation.unknown_participant": {
            "en": "Meeting %(pair)s in slot %(slot)s names %(participant)s, who is not a participant.",
            "th": "นัดพบ %(pair)s ในช่วงเวลา %(slot)s ระบุ %(participant)s ซึ่งไม่ใช่ผู้เข้าร่วม",
            "ja": "時間枠%(slot)sの面談%(pair)sに参加者ではない%(participant)sが含まれています。",
        },
        "schedule.violation.not_requested": {
            "en": "Meeting %(pair)s in slot %(slot)s was never requested.",
            "th": "นัดพบ %(pair)s ในช่วงเวลา %(slot)s ไม่มีผู้ใดขอไว้",
            "ja": "時間枠%(slot)sの面談%(pair)sは希望されていません。",
        },
        "schedule.violation.duplicate": {
            "en": "The pair %(pair)s meets %(times)s times; a pair meets at most once.",
            "th": "คู่ %(pair)s พบกัน %(times)s ครั้ง แต่แต่ละคู่พบกันได้ไม่เกินหนึ่งครั้ง",
            "ja": "ペア%(pair)sが%(times)s回面談しています。各ペアの面談は1回までです。",
        },
        "schedule.violation.slot_range": {
            "en": "Meeting %(pair)s is in slot %(slot)s, but slots run from 1 to %(slots)s.",
            "th": "นัดพบ %(pair)s อยู่ในช่วงเวลา %(slot)s แต่ช่วงเวลามีตั้งแต่ 1 ถึง %(slots)s",
            "ja": "面談%(pair)sの時間枠%(slot)sは範囲外です。時間枠は1から%(slots)sまでです。",
        },
        "schedule.violation.table_range": {
            "en": "Meeting %(pair)s in slot %(slot)s is at table %(table)s, but tables run from 1 to %(tables)s.",
            "th": "นัดพบ %(pair)s ในช่วงเวลา %(slot)s อยู่ที่โต๊ะ %(table)s แต่โต๊ะมีตั้งแต่ 1 ถึง %(tables)s",
            "ja": "時間枠%(slot)sの面談%(pair)sのテーブル%(table)sは範囲外です。テーブルは1から%(tables)sまでです。",
        },
        "schedule.violation.double_booked": {
            "en": "%(participant)s has %(count)s meetings in slot %(slot)s.",
            "th": "%(participant)s มีนัดพบ %(count)s รายการในช่วงเวลา %(slot)s",
            "ja": "%(participant)sは時間枠%(slot)sに%(count)s件の面談があります。",
        },
        "schedule.violation.unavailable": {
            "en": "%(participant)s meets %(other)s in slot %(slot)s but is unavailable then.",
            "th": "%(participant)s พบกับ %(other)s ในช่วงเวลา %(slot)s แต่ไม่ว่างในช่วงนั้น",
            "ja": "%(participant)sは時間枠%(slot)sに%(other)sと面談しますが、その時間は不在です。",
        },
        "schedule.violation.over_capacity": {
            "en": "Slot %(slot)s has %(count)s meetings but only %(tables)s tables.",
            "th": "ช่วงเวลา %(slot)s มีนัดพบ %(count)s รายการ แต่มีเพียง %(tables)s โต๊ะ",
            "ja": "時間枠%(slot)sには面談が%(count)s件ありますが、テーブルは%(tables)s台しかありません。",
        },
        "schedule.violation.table_clash": {
            "en": "Table %(table)s in slot %(slot)s holds %(count)s meetings at once.",
            "th": "โต๊ะ %(table)s ในช่วงเวลา %(slot)s มีนัดพบพร้อมกัน %(count)s รายการ",
            "ja": "時間枠%(slot)sのテーブル%(table)sで%(count)s件の面談が重なっています。",
        },
        "schedule.violation.over_limit": {
            "en": "%(participant)s has %(count)s meetings, more than their limit of %(limit)s.",
            "th": "%(participant)s มีนัดพบ %(count)s รายการ เกินขีดจำกัด %(limit)s รายการ",
            "ja": "%(participant)sの面談は%(count)s件で、上限の%(limit)s件を超えています。",
        },
        "schedule.violation.reserved_table": {
            "en": "Meeting %(pair)s in slot %(slot)s uses table %(table)s, which is reserved for %(owner)s.",
            "th": "นัดพบ %(pair)s ในช่วงเวลา %(slot)s ใช้โต๊ะ %(table)s ซึ่งจองไว้ให้ %(owner)s",
            "ja": "時間枠%(slot)sの面談%(pair)sは%(owner)s専用のテーブル%(table)sを使っています。",
        },
        "schedule.violation.owner_elsewhere": {
            "en": "%(participant)s meets in slot %(slot)s at table %(table)s instead of their reserved table %(reserved)s.",
            "th": "%(participant)s มีนัดพบในช่วงเวลา %(slot)s ที่โต๊ะ %(table)s แทนที่จะเป็นโต๊ะที่จองไว้ %(reserved)s",
            "ja": "%(participant)sは時間枠%(slot)sで予約済みのテーブル%(reserved)sではなくテーブル%(table)sで面談しています。",
        },
    }
)


class ScheduleViolations(SchedulingError):
    """A schedule breaks the event's rules; `problems` names each violation."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.render("en") for p in problems))

    def render(self, lang: str = "en") -> list[str]:
        return [p.render(lang) for p in self.problems]


def check_schedule(
    event: Event, meetings: Iterable[Meeting], *, tables: bool = True
) -> list[Problem]:
    """Every violation of `meetings` against `event` (empty list when valid).

    With `tables=False` table numbers are ignored (a schedule of slots only).
    """
    people = {p.id: p for p in event.participants}
    requested = {r.pair for r in event.requests}
    owners = {p.reserved_table: p.id for p in event.participants if p.reserved_table is not None}
    out: list[Problem] = []
    pair_count: Counter = Counter()
    in_slot: dict[tuple[str, int], int] = Counter()
    per_slot: Counter = Counter()
    per_table: Counter = Counter()
    degree: Counter = Counter()
    meetings = list(meetings)
    for m in meetings:
        label = f"{m.pair[0]}–{m.pair[1]}"
        pair_count[m.pair] += 1
        known = True
        for who in (m.a, m.b):
            if who not in people:
                out.append(
                    Problem(
                        "schedule.violation.unknown_participant",
                        {"pair": label, "slot": m.slot, "participant": who},
                    )
                )
                known = False
        if known and m.pair not in requested:
            out.append(Problem("schedule.violation.not_requested", {"pair": label, "slot": m.slot}))
        if not 1 <= m.slot <= event.slots:
            out.append(
                Problem(
                    "schedule.violation.slot_range",
                    {"pair": label, "slot": m.slot, "slots": event.slots},
                )
            )
            continue
        per_slot[m.slot] += 1
        for who, other in ((m.a, m.b), (m.b, m.a)):
            in_slot[(who, m.slot)] += 1
            degree[who] += 1
            if who in people and m.slot in people[who].unavailable:
                out.append(
                    Problem(
                        "schedule.violation.unavailable",
                        {"participant": who, "other": other, "slot": m.slot},
                    )
                )
        if tables:
            if not 1 <= m.table <= event.tables:
                out.append(
                    Problem(
                        "schedule.violation.table_range",
                        {"pair": label, "slot": m.slot, "table": m.table, "tables": event.tables},
                    )
                )
                continue
            per_table[(m.slot, m.table)] += 1
            owner = owners.get(m.table)
            if owner is not None and owner not in (m.a, m.b):
                out.append(
                    Problem(
                        "schedule.violation.reserved_table",
                        {"pair": label, "slot": m.slot, "table": m.table, "owner": owner},
                    )
                )
            for who in (m.a, m.b):
                p = people.get(who)
                if p is not None and p.reserved_table is not None and p.reserved_table != m.table:
                    other = m.b if who == m.a else m.a
                    q = people.get(other)
                    if q is None or q.reserved_table != m.table:
                        out.append(
                            Problem(
                                "schedule.violation.owner_elsewhere",
                                {
                                    "participant": who,
                                    "slot": m.slot,
                                    "table": m.table,
                                    "reserved": p.reserved_table,
                                },
                            )
                        )
    for pair, k in sorted(pair_count.items()):
        if k > 1:
            out.append(
                Problem(
                    "schedule.violation.duplicate", {"pair": f"{pair[0]}–{pair[1]}", "times": k}
                )
            )
    for (who, slot), k in sorted(in_slot.items()):
        if k > 1:
            out.append(
                Problem(
                    "schedule.violation.double_booked",
                    {"participant": who, "slot": slot, "count": k},
                )
            )
    for slot, k in sorted(per_slot.items()):
        if k > event.tables:
            out.append(
                Problem(
                    "schedule.violation.over_capacity",
                    {"slot": slot, "count": k, "tables": event.tables},
                )
            )
    for (slot, table), k in sorted(per_table.items()):
        if k > 1:
            out.append(
                Problem(
                    "schedule.violation.table_clash", {"slot": slot, "table": table, "count": k}
                )
            )
    for who, k in sorted(degree.items()):
        p = people.get(who)
        if p is not None and p.max_meetings is not None and k > p.max_meetings:
            out.append(
                Problem(
                    "schedule.violation.over_limit",
                    {"participant": who, "count": k, "limit": p.max_meetings},
                )
            )
    return out


def validate_schedule(event: Event, meetings: Iterable[Meeting], *, tables: bool = True) -> None:
    """Raise ScheduleViolations naming every violation, or return None when valid."""
    problems = check_schedule(event, meetings, tables=tables)
    if problems:
        raise ScheduleViolations(problems)
