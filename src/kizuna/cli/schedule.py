"""`kizuna schedule`: build a meeting schedule from two spreadsheets, with no database.

    kizuna schedule --participants FILE --requests FILE --slots T --tables K --out FILE
                    [--time-limit S] [--lang th|ja|en] [--seed N]

participants: id, name, unavailable (slot numbers 1..T separated by ';'), optional
max_meetings, host (yes/no), reserved_table (1..K). requests: a_id, b_id, weight (> 0; one
row per pair, order inside a pair irrelevant). Output CSV: a_id, b_id, slot, table. The
summary (placed meetings and weight, bound, gap, time) goes to stderr. Bad input: every
problem is printed with its file, row, column and value, and the exit code is 2.
"""

from __future__ import annotations

import argparse
import csv
import sys

from kizuna.cli.tables import Row, TableError, TableErrors, read_table
from kizuna.engine import messages

messages.register(
    {
        "schedule.cli.unknown_participant": {
            "en": "no participant has this id.",
            "th": "ไม่มีผู้เข้าร่วมที่ใช้รหัสนี้",
            "ja": "この ID の参加者はいません。",
        },
        "schedule.cli.duplicate_id": {
            "en": "this id already appears in row %(first)s.",
            "th": "รหัสนี้มีอยู่แล้วในแถว %(first)s",
            "ja": "この ID は %(first)s 行目にもあります。",
        },
        "schedule.cli.slot_range": {
            "en": "slot %(slot)s is outside 1..%(slots)s.",
            "th": "ช่วงเวลา %(slot)s อยู่นอกช่วง 1..%(slots)s",
            "ja": "時間枠 %(slot)s は 1..%(slots)s の範囲外です。",
        },
        "schedule.cli.bad_slot": {
            "en": "'%(item)s' is not a slot number; write slot numbers separated by ';'.",
            "th": "'%(item)s' ไม่ใช่หมายเลขช่วงเวลา กรุณาเขียนหมายเลขช่วงเวลาคั่นด้วย ';'",
            "ja": "'%(item)s' は時間枠番号ではありません。時間枠番号を ';' で区切って書いてください。",
        },
        "schedule.cli.negative": {
            "en": "must be 0 or more.",
            "th": "ต้องเป็น 0 ขึ้นไป",
            "ja": "0 以上でなければなりません。",
        },
        "schedule.cli.weight": {
            "en": "the weight must be greater than 0.",
            "th": "น้ำหนักต้องมากกว่า 0",
            "ja": "重みは 0 より大きくなければなりません。",
        },
        "schedule.cli.duplicate_pair": {
            "en": "the pair %(a)s–%(b)s is already requested in row %(first)s with weight %(weight)s.",
            "th": "คู่ %(a)s–%(b)s ถูกขอไว้แล้วในแถว %(first)s ด้วยน้ำหนัก %(weight)s",
            "ja": "ペア %(a)s–%(b)s は %(first)s 行目で重み %(weight)s として既に希望されています。",
        },
        "schedule.cli.self_pair": {
            "en": "a participant cannot meet themselves.",
            "th": "ผู้เข้าร่วมไม่สามารถนัดพบกับตนเองได้",
            "ja": "参加者は自分自身と面談できません。",
        },
        "schedule.cli.bad_flag": {
            "en": "write yes or no.",
            "th": "กรุณาเขียน yes หรือ no",
            "ja": "yes か no を書いてください。",
        },
        "schedule.cli.table_range": {
            "en": "table %(table)s is outside 1..%(tables)s.",
            "th": "โต๊ะ %(table)s อยู่นอกช่วง 1..%(tables)s",
            "ja": "テーブル %(table)s は 1..%(tables)s の範囲外です。",
        },
        "schedule.cli.table_taken": {
            "en": "table %(table)s is already reserved in row %(first)s.",
            "th": "โต๊ะ %(table)s ถูกจองไว้แล้วในแถว %(first)s",
            "ja": "テーブル %(table)s は %(first)s 行目で既に予約されています。",
        },
        "schedule.cli.cannot_write": {
            "en": "Cannot write %(file)s: %(error)s",
            "th": "เขียนไฟล์ %(file)s ไม่ได้: %(error)s",
            "ja": "%(file)s に書き込めません: %(error)s",
        },
    }
)

_YES = {"yes", "y", "true", "1", "x", "ใช่", "はい"}
_NO = {"", "no", "n", "false", "0", "ไม่", "いいえ"}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kizuna schedule", description="Schedule 1:1 meetings into slots and tables."
    )
    p.add_argument(
        "--participants", required=True, help="CSV or XLSX: id,name,unavailable[,max_meetings]"
    )
    p.add_argument("--requests", required=True, help="CSV or XLSX: a_id,b_id,weight")
    p.add_argument("--slots", required=True, type=int, help="number of time slots T")
    p.add_argument("--tables", required=True, type=int, help="number of tables K per slot")
    p.add_argument("--out", required=True, help="output CSV: a_id,b_id,slot,table")
    p.add_argument("--time-limit", type=float, default=10.0, help="seconds (default 10)")
    p.add_argument("--lang", choices=("th", "ja", "en"), default="en")
    p.add_argument("--seed", type=int, default=0)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.slots < 1 or args.tables < 1:
        _parser().error("--slots and --tables must be at least 1")
    if args.time_limit <= 0:
        _parser().error("--time-limit must be positive")
    from kizuna.engine.scheduling import Event, schedule, validate_schedule

    try:
        participants, requests = load(args.participants, args.requests, args.slots, args.tables)
    except (TableError, TableErrors) as exc:
        lines = exc.render(args.lang)
        for line in [lines] if isinstance(lines, str) else lines:
            print(line, file=sys.stderr)
        return 2
    event = Event.build(participants, requests, slots=args.slots, tables=args.tables)
    result = schedule(event, time_limit=args.time_limit, seed=args.seed)
    validate_schedule(event, result.meetings)
    try:
        with open(args.out, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["a_id", "b_id", "slot", "table"])
            for m in result.meetings:
                w.writerow([m.a, m.b, m.slot, m.table])
    except OSError as exc:
        print(
            messages.render(
                "schedule.cli.cannot_write", args.lang, file=args.out, error=exc.strerror
            ),
            file=sys.stderr,
        )
        return 1
    for line in result.summary(args.lang):
        print(line, file=sys.stderr)
    return 0


def load(participants_file: str, requests_file: str, slots: int, tables: int):
    """Read and check both files; raise TableErrors listing every bad cell."""
    from kizuna.engine.scheduling import Participant, Request

    errors: list[TableError] = []
    prows = read_table(
        participants_file,
        required=["id", "name", "unavailable"],
        optional=["max_meetings", "host", "reserved_table"],
    )
    people: dict[str, int] = {}
    reserved: dict[int, int] = {}
    participants = []
    for row in prows:
        try:
            participants.append(_participant(row, slots, tables, people, reserved, Participant))
        except TableError as exc:
            errors.append(exc)
    rrows = read_table(requests_file, required=["a_id", "b_id", "weight"])
    seen: dict[tuple[str, str], tuple[int, float]] = {}
    requests = []
    for row in rrows:
        try:
            r = _request(row, people, seen, Request)
        except TableError as exc:
            errors.append(exc)
            continue
        if r is not None:
            requests.append(r)
    if errors:
        raise TableErrors(errors)
    return participants, requests


def _participant(row: Row, slots, tables, people, reserved, Participant):
    pid = row["id"]
    if pid == "":
        raise row.error("id", "table.blank")
    if pid in people:
        raise row.error("id", "schedule.cli.duplicate_id", first=people[pid])
    people[pid] = row.number  # known even if another cell of this row is wrong
    unavailable = set()
    for item in row["unavailable"].replace(",", ";").split(";"):
        item = item.strip()
        if not item:
            continue
        try:
            slot = float(item)
        except ValueError:
            raise row.error("unavailable", "schedule.cli.bad_slot", item=item) from None
        if slot != int(slot):
            raise row.error("unavailable", "schedule.cli.bad_slot", item=item)
        if not 1 <= slot <= slots:
            raise row.error("unavailable", "schedule.cli.slot_range", slot=int(slot), slots=slots)
        unavailable.add(int(slot))
    limit = row.integer("max_meetings", required=False)
    if limit is not None and limit < 0:
        raise row.error("max_meetings", "schedule.cli.negative")
    host_text = row["host"].lower()
    if host_text not in _YES | _NO:
        raise row.error("host", "schedule.cli.bad_flag")
    table = row.integer("reserved_table", required=False)
    if table is not None:
        if not 1 <= table <= tables:
            raise row.error(
                "reserved_table", "schedule.cli.table_range", table=table, tables=tables
            )
        if table in reserved:
            raise row.error(
                "reserved_table", "schedule.cli.table_taken", table=table, first=reserved[table]
            )
        reserved[table] = row.number
    return Participant(pid, row["name"], frozenset(unavailable), limit, host_text in _YES, table)


def _request(row: Row, people, seen, Request):
    a, b = row["a_id"], row["b_id"]
    for col, who in (("a_id", a), ("b_id", b)):
        if who == "":
            raise row.error(col, "table.blank")
        if who not in people:
            raise row.error(col, "schedule.cli.unknown_participant")
    if a == b:
        raise row.error("b_id", "schedule.cli.self_pair")
    weight = row.number_value("weight")
    if weight <= 0:
        raise row.error("weight", "schedule.cli.weight")
    key = (a, b) if a <= b else (b, a)
    if key in seen:
        first, w0 = seen[key]
        if w0 != weight:
            raise row.error(
                "weight", "schedule.cli.duplicate_pair", a=a, b=b, first=first, weight=_num(w0)
            )
        return None
    seen[key] = (row.number, weight)
    return Request(a, b, weight)


def _num(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)
