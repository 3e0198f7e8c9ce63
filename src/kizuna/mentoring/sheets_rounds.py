"""Spreadsheets of a round: import its participants (CSV or XLSX) and export its
pairs (CSV or XLSX) with headers and reasons in the officer's language.

The participant file has one row per organisation: external id, side
(mentor / mentee, in English, Thai or Japanese), and optionally capacity (for a
mentor), minimum and maximum number of mentors (for an SME). Every problem is
reported with the file, row, column, value and reason, and nothing is written
unless the whole file is right. Files are read by the shared table reader
(common/tables.py: CSV in UTF-8 or UTF-16, XLSX, header synonyms), whose problems
are worded by the organisation import (organisations/imports/files.py).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from kizuna.common.tables import Row, header_key, synonym_index
from kizuna.mentoring.enums import Side
from kizuna.mentoring.models import MatchingRound, MatchingRun, RoundParticipant
from kizuna.mentoring.queries.rounds import reasons_in
from kizuna.organisations.models import Organisation

# Accepted headers (compared without case, spaces or punctuation).
HEADERS = {
    "external_id": ("external_id", "External ID", "รหัสอ้างอิง", "外部ID", "id"),
    "side": ("side", "Side", "role", "ฝ่าย", "บทบาท", "区分", "役割"),
    "capacity": ("capacity", "Capacity", "จำนวนที่รับได้", "受入数", "定員"),
    "min": ("min", "Minimum", "minimum mentors", "ขั้นต่ำ", "最小"),
    "max": ("max", "Maximum", "maximum mentors", "สูงสุด", "最大"),
}
SIDE_WORDS = {
    Side.MENTOR: ("mentor", "พี่เลี้ยง", "メンター", "指導企業"),
    Side.MENTEE: ("mentee", "sme", "น้อง", "ผู้รับการพี่เลี้ยง", "ผู้รับการถ่ายทอด", "メンティー", "メンティー企業", "支援先"),
}
_HEADER_KEYS = synonym_index(HEADERS)
_SIDE_KEYS = {header_key(w): side for side, words in SIDE_WORDS.items() for w in words}


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # spreadsheet row (header = 1)
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        if self.column:
            return f"{where}: {self.column} '{self.value}': {self.reason}"
        return f"{where}: {self.reason}"


class ParticipantsImportError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _rows_read(name: str, data: bytes) -> list[Row]:
    """The rows of a CSV or XLSX participant file, each with located access to its
    columns; raises ParticipantsImportError with every problem of the file or its header."""
    from kizuna.organisations.imports.files import SpreadsheetImportError, table_read

    try:
        table = table_read(name, data)
    except SpreadsheetImportError as exc:
        raise ParticipantsImportError(
            [Problem(name, p.row, p.column, p.value, p.message) for p in exc.problems]
        ) from None
    columns = table.columns(_HEADER_KEYS)
    problems = [
        Problem(name, table.header_row, header, header, _("Unknown column; use external_id, side, capacity, min and max."))
        for header in (table.headers[issue.index] for issue in columns.issues if issue.kind != "unnamed")
    ]
    for required in ("external_id", "side"):
        if required not in columns.found:
            problems.append(Problem(name, table.header_row, required, "", _("This column is missing.")))
    if problems:
        raise ParticipantsImportError(problems)
    return table.located_rows(columns.found)


@dataclass
class ImportedParticipant:
    organisation: Organisation
    side: str
    capacity: int | None
    lo: int | None
    hi: int | None


def participants_read(*, name: str, data: bytes) -> list[ImportedParticipant]:
    """Check every row of a participant file; raises ParticipantsImportError with all problems."""
    rows = _rows_read(name, data)
    problems: list[Problem] = []
    ids = {r["external_id"] for r in rows}
    orgs = {o.external_id: o for o in Organisation.objects.filter(external_id__in=ids)}
    out: list[ImportedParticipant] = []
    seen: dict[tuple[str, str], int] = {}
    for r in rows:
        number, header_of = r.number, r.header
        ext = r["external_id"]
        org = orgs.get(ext)
        if not ext:
            problems.append(Problem(name, number, header_of("external_id"), ext, _("The external id is empty.")))
        elif org is None:
            problems.append(Problem(name, number, header_of("external_id"), ext, _("No organisation has this external id.")))
        side_text = r["side"]
        side = _SIDE_KEYS.get(header_key(side_text))
        if side is None:
            problems.append(Problem(name, number, header_of("side"), side_text, _("The side must be mentor or mentee.")))
        numbers: dict[str, int | None] = {}
        for col in ("capacity", "min", "max"):
            text = r[col]
            if not text:
                numbers[col] = None
                continue
            try:
                value = int(float(text))
                if value < 0 or value != float(text):
                    raise ValueError
            except ValueError:
                problems.append(Problem(name, number, header_of(col), text, _("This must be a whole number of at least 0.")))
                numbers[col] = None
                continue
            numbers[col] = value
        if numbers["min"] is not None and numbers["max"] is not None and numbers["min"] > numbers["max"]:
            problems.append(Problem(name, number, header_of("min"), str(numbers["min"]),
                                    _("The minimum is above the maximum (%(max)s).") % {"max": numbers["max"]}))
        if org is not None and side is not None:
            if (ext, side) in seen:
                problems.append(Problem(name, number, header_of("external_id"), ext,
                                        _("This organisation is already listed on row %(row)s.") % {"row": seen[(ext, side)]}))
            seen[(ext, side)] = number
            out.append(ImportedParticipant(org, side, numbers["capacity"], numbers["min"], numbers["max"]))
    if problems:
        raise ParticipantsImportError(problems)
    return out


@transaction.atomic
def round_participants_import(*, round: MatchingRound, name: str, data: bytes) -> int:
    """Make the file the round's participant list: listed organisations are included
    with their limits, the others are excluded. All or nothing."""
    items = participants_read(name=name, data=data)
    existing = {(p.organisation_id, p.side): p for p in round.participants.all()}
    listed = set()
    new, changed = [], []
    for item in items:
        key = (item.organisation.pk, item.side)
        listed.add(key)
        p = existing.get(key) or RoundParticipant(round=round, organisation=item.organisation, side=item.side)
        p.included, p.capacity, p.lo, p.hi = True, item.capacity, item.lo, item.hi
        (changed if p.pk else new).append(p)
    for key, p in existing.items():
        if key not in listed and p.included:
            p.included = False
            changed.append(p)
    RoundParticipant.objects.bulk_create(new, batch_size=1000)
    RoundParticipant.objects.bulk_update(changed, ["included", "capacity", "lo", "hi"], batch_size=1000)
    if new:
        from kizuna.mentoring.domain.rounds import round_vectors_enqueue

        round_vectors_enqueue(round)
    return len(items)


def pairs_table(run: MatchingRun) -> tuple[list[str], list[list[object]]]:
    """Header and rows of a run's pairs in the active language."""
    header = [_("SME external id"), _("SME"), _("Mentor external id"), _("Mentor"), _("Score"), _("Locked"), _("Reasons")]
    rows = []
    for p in run.proposals.select_related("mentor", "mentee").order_by("mentee__name", "-score"):
        rows.append([
            p.mentee.external_id, p.mentee.display_name(), p.mentor.external_id, p.mentor.display_name(),
            round(p.score, 4), _("yes") if p.locked else "", "\n".join(reasons_in(p.reasons)),
        ])
    return header, rows


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    """A cell that a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def pairs_export(run: MatchingRun, fmt: str) -> bytes:
    header, rows = pairs_table(run)
    rows = [[_safe(v) for v in row] for row in rows]
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(header)
        writer.writerows(rows)
        return ("\ufeff" + buf.getvalue()).encode("utf-8")
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = _("Pairs")[:31]
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
