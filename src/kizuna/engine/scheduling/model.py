"""Plain data for meeting scheduling: participants, requests, meetings, results, errors."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kizuna.engine import messages

MESSAGES = messages.register(
    {
        "schedule.summary": {
            "en": "Placed %(count)s of %(requested)s requested meetings, total weight %(weight)s; "
            "upper bound %(bound)s, gap %(gap)s%%, %(seconds)s s (%(status)s).",
            "th": "จัดการนัดพบได้ %(count)s จากที่ขอ %(requested)s รายการ น้ำหนักรวม %(weight)s "
            "ขอบเขตบน %(bound)s ส่วนต่าง %(gap)s%% ใช้เวลา %(seconds)s วินาที (%(status)s)",
            "ja": "希望された%(requested)s件の面談のうち%(count)s件を配置しました。重みの合計は%(weight)s、"
            "上界は%(bound)s、ギャップは%(gap)s%%、所要時間は%(seconds)s秒です（%(status)s）。",
        },
        "schedule.status.optimal": {
            "en": "proven optimal",
            "th": "พิสูจน์แล้วว่าดีที่สุด",
            "ja": "最適性を証明済み",
        },
        "schedule.status.weight_optimal": {
            "en": "total weight proven optimal, number of meetings not proven",
            "th": "พิสูจน์แล้วว่าน้ำหนักรวมดีที่สุด แต่ยังไม่ได้พิสูจน์จำนวนนัดพบ",
            "ja": "重みの合計は最適性を証明済み、面談数は未証明",
        },
        "schedule.status.feasible": {
            "en": "not proven optimal",
            "th": "ยังไม่ได้พิสูจน์ว่าดีที่สุด",
            "ja": "最適性は未証明",
        },
        "schedule.moved": {
            "en": "%(moved)s existing meetings were moved to another slot; %(kept)s stayed; %(dropped)s could not be kept.",
            "th": "ย้ายนัดพบเดิม %(moved)s รายการไปช่วงเวลาอื่น คงไว้ที่เดิม %(kept)s รายการ และคงไว้ไม่ได้ %(dropped)s รายการ",
            "ja": "既存の面談のうち%(moved)s件を別の時間枠に移し、%(kept)s件はそのまま、%(dropped)s件は維持できませんでした。",
        },
        "schedule.tables": {
            "en": "%(stay)s of %(people)s participants with meetings keep one table all day.",
            "th": "ผู้เข้าร่วมที่มีนัดพบ %(stay)s จาก %(people)s รายนั่งโต๊ะเดียวตลอดวัน",
            "ja": "面談のある参加者%(people)s名のうち%(stay)s名が終日同じテーブルを使います。",
        },
        # input problems
        "schedule.input.unknown_participant": {
            "en": "Request %(pair)s names participant %(participant)s, who is not in the participant list.",
            "th": "คำขอ %(pair)s ระบุผู้เข้าร่วม %(participant)s ซึ่งไม่อยู่ในรายชื่อผู้เข้าร่วม",
            "ja": "リクエスト%(pair)sの参加者%(participant)sは参加者リストにありません。",
        },
        "schedule.input.self_request": {
            "en": "Participant %(participant)s requests a meeting with themselves.",
            "th": "ผู้เข้าร่วม %(participant)s ขอนัดพบกับตนเอง",
            "ja": "参加者%(participant)sが自分自身との面談を希望しています。",
        },
        "schedule.input.duplicate_pair": {
            "en": "The pair %(pair)s is requested twice with different weights (%(first)s and %(second)s).",
            "th": "คู่ %(pair)s ถูกขอสองครั้งด้วยน้ำหนักต่างกัน (%(first)s และ %(second)s)",
            "ja": "ペア%(pair)sが異なる重み（%(first)sと%(second)s）で二度希望されています。",
        },
        "schedule.input.bad_weight": {
            "en": "The pair %(pair)s has weight %(weight)s; a weight must be greater than 0.",
            "th": "คู่ %(pair)s มีน้ำหนัก %(weight)s แต่น้ำหนักต้องมากกว่า 0",
            "ja": "ペア%(pair)sの重みは%(weight)sですが、重みは0より大きくなければなりません。",
        },
        "schedule.input.slot_range": {
            "en": "Participant %(participant)s is unavailable in slot %(slot)s, but slots run from 1 to %(slots)s.",
            "th": "ผู้เข้าร่วม %(participant)s ไม่ว่างในช่วงเวลา %(slot)s แต่ช่วงเวลามีตั้งแต่ 1 ถึง %(slots)s",
            "ja": "参加者%(participant)sの不在枠%(slot)sは範囲外です。時間枠は1から%(slots)sまでです。",
        },
        "schedule.input.duplicate_participant": {
            "en": "Participant id %(participant)s appears more than once.",
            "th": "รหัสผู้เข้าร่วม %(participant)s ซ้ำกันมากกว่าหนึ่งครั้ง",
            "ja": "参加者ID %(participant)sが複数回出現しています。",
        },
        "schedule.input.bad_max": {
            "en": "Participant %(participant)s has max_meetings %(value)s; it must be 0 or more.",
            "th": "ผู้เข้าร่วม %(participant)s มี max_meetings เป็น %(value)s ซึ่งต้องเป็น 0 ขึ้นไป",
            "ja": "参加者%(participant)sのmax_meetingsは%(value)sですが、0以上でなければなりません。",
        },
        "schedule.input.table_range": {
            "en": "Participant %(participant)s reserves table %(table)s, but tables run from 1 to %(tables)s.",
            "th": "ผู้เข้าร่วม %(participant)s จองโต๊ะ %(table)s แต่โต๊ะมีตั้งแต่ 1 ถึง %(tables)s",
            "ja": "参加者%(participant)sが予約したテーブル%(table)sは範囲外です。テーブルは1から%(tables)sまでです。",
        },
        "schedule.input.table_taken": {
            "en": "Table %(table)s is reserved both for %(first)s and for %(second)s.",
            "th": "โต๊ะ %(table)s ถูกจองทั้งให้ %(first)s และ %(second)s",
            "ja": "テーブル%(table)sが%(first)sと%(second)sの両方に予約されています。",
        },
        "schedule.input.bad_size": {
            "en": "The event needs at least 1 slot and 1 table; got %(slots)s slots and %(tables)s tables.",
            "th": "งานต้องมีอย่างน้อย 1 ช่วงเวลาและ 1 โต๊ะ แต่ได้ %(slots)s ช่วงเวลาและ %(tables)s โต๊ะ",
            "ja": "時間枠とテーブルは少なくとも1つずつ必要ですが、時間枠%(slots)s、テーブル%(tables)sが指定されました。",
        },
    }
)


class SchedulingError(Exception):
    """Base class of the scheduler's domain errors."""


@dataclass(frozen=True)
class Problem:
    """One located problem: a message code with its parameters, renderable in th/ja/en."""

    code: str
    params: dict = field(default_factory=dict, hash=False, compare=True)

    def render(self, lang: str = "en") -> str:
        return messages.render(self.code, lang, **self.params)


class ScheduleInputError(SchedulingError):
    """The participants or requests cannot be scheduled as given; `problems` lists each one."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(p.render("en") for p in self.problems))

    def render(self, lang: str = "en") -> list[str]:
        return [p.render(lang) for p in self.problems]


@dataclass(frozen=True)
class Participant:
    """Someone who takes meetings. Slots and tables are numbered from 1.

    `host` sits at one table all day (a booth); `reserved_table` is a table kept for
    this participant alone: nobody else meets there, even when they are free.
    """

    id: str
    name: str = ""
    unavailable: frozenset[int] = frozenset()
    max_meetings: int | None = None
    host: bool = False
    reserved_table: int | None = None


@dataclass(frozen=True)
class Request:
    """A wanted meeting between `a` and `b` (order irrelevant); mutual interest weighs more."""

    a: str
    b: str
    weight: float = 1

    @property
    def pair(self) -> tuple[str, str]:
        return (self.a, self.b) if self.a <= self.b else (self.b, self.a)


@dataclass(frozen=True)
class Meeting:
    a: str
    b: str
    slot: int
    table: int = 0

    @property
    def pair(self) -> tuple[str, str]:
        return (self.a, self.b) if self.a <= self.b else (self.b, self.a)


@dataclass(frozen=True)
class Event:
    """Everything the scheduler needs: who, which meetings are wanted, how many slots and tables."""

    participants: tuple[Participant, ...]
    requests: tuple[Request, ...]
    slots: int
    tables: int

    @classmethod
    def build(
        cls,
        participants: Iterable[Participant],
        requests: Iterable[Request],
        *,
        slots: int,
        tables: int,
    ) -> Event:
        """Validate and normalise; raise ScheduleInputError listing every problem.

        A pair requested twice with the same weight counts once; with different weights it
        is an error.
        """
        participants = tuple(participants)
        problems: list[Problem] = []
        if slots < 1 or tables < 1:
            problems.append(Problem("schedule.input.bad_size", {"slots": slots, "tables": tables}))
        seen: set[str] = set()
        reserved: dict[int, str] = {}
        for p in participants:
            if p.id in seen:
                problems.append(
                    Problem("schedule.input.duplicate_participant", {"participant": p.id})
                )
            seen.add(p.id)
            for s in sorted(p.unavailable):
                if not 1 <= s <= slots:
                    problems.append(
                        Problem(
                            "schedule.input.slot_range",
                            {"participant": p.id, "slot": s, "slots": slots},
                        )
                    )
            if p.max_meetings is not None and p.max_meetings < 0:
                problems.append(
                    Problem(
                        "schedule.input.bad_max", {"participant": p.id, "value": p.max_meetings}
                    )
                )
            if p.reserved_table is not None:
                if not 1 <= p.reserved_table <= tables:
                    problems.append(
                        Problem(
                            "schedule.input.table_range",
                            {"participant": p.id, "table": p.reserved_table, "tables": tables},
                        )
                    )
                elif p.reserved_table in reserved:
                    problems.append(
                        Problem(
                            "schedule.input.table_taken",
                            {
                                "table": p.reserved_table,
                                "first": reserved[p.reserved_table],
                                "second": p.id,
                            },
                        )
                    )
                else:
                    reserved[p.reserved_table] = p.id
        merged: dict[tuple[str, str], Request] = {}
        for r in requests:
            label = f"{r.a}–{r.b}"
            bad = False
            for who in (r.a, r.b):
                if who not in seen:
                    problems.append(
                        Problem(
                            "schedule.input.unknown_participant",
                            {"pair": label, "participant": who},
                        )
                    )
                    bad = True
            if r.a == r.b:
                problems.append(Problem("schedule.input.self_request", {"participant": r.a}))
                bad = True
            if not r.weight > 0:
                problems.append(
                    Problem("schedule.input.bad_weight", {"pair": label, "weight": r.weight})
                )
                bad = True
            if bad:
                continue
            key = r.pair
            if key in merged:
                if merged[key].weight != r.weight:
                    problems.append(
                        Problem(
                            "schedule.input.duplicate_pair",
                            {"pair": label, "first": merged[key].weight, "second": r.weight},
                        )
                    )
                continue
            merged[key] = r
        if problems:
            raise ScheduleInputError(problems)
        return cls(participants, tuple(merged.values()), slots, tables)


@dataclass
class Schedule:
    """The scheduler's answer. Weights are in the units of the requests.

    `bound` is an upper bound on the total weight; `optimal` says the schedule is proven
    best for weight and then count; `weight` equal to `bound` proves the weight optimal.
    """

    meetings: list[Meeting]
    weight: float
    count: int
    bound: float
    requested: int
    seconds: float
    optimal: bool
    baseline_weight: float | None = None
    moved: int | None = None
    kept: int | None = None
    dropped: int | None = None
    single_table: int = 0
    with_meetings: int = 0
    log: list[str] = field(default_factory=list)
    trace: list[tuple[float, float]] = field(
        default_factory=list
    )  # (seconds, weight) as it improved

    @property
    def gap(self) -> float:
        """Relative gap to the upper bound, 0.0 when optimal."""
        if self.bound <= 0:
            return 0.0
        return max(0.0, (self.bound - self.weight) / self.bound)

    def summary(self, lang: str = "en") -> list[str]:
        code = (
            "schedule.status.optimal"
            if self.optimal
            else "schedule.status.weight_optimal"
            if self.weight >= self.bound
            else "schedule.status.feasible"
        )
        status = messages.render(code, lang)
        lines = [
            messages.render(
                "schedule.summary",
                lang,
                count=self.count,
                requested=self.requested,
                weight=_fmt(self.weight),
                bound=_fmt(self.bound),
                gap=f"{100 * self.gap:.3f}",
                seconds=f"{self.seconds:.2f}",
                status=status,
            )
        ]
        if self.moved is not None:
            lines.append(
                messages.render(
                    "schedule.moved", lang, moved=self.moved, kept=self.kept, dropped=self.dropped
                )
            )
        if self.with_meetings:
            lines.append(
                messages.render(
                    "schedule.tables", lang, stay=self.single_table, people=self.with_meetings
                )
            )
        return lines


def _fmt(x: float) -> str:
    return str(int(round(x))) if abs(x - round(x)) < 1e-9 else f"{x:.3f}".rstrip("0").rstrip(".")
