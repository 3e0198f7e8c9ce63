"""Reading and writing the tables of `kizuna match` (CSV or XLSX, by extension).

Files are read by the shared reader (kizuna.common.tables: CSV in UTF-8 or UTF-16,
XLSX's first sheet, headers matched without regard to case, spaces, `_`, `-` or
full-width forms). Rows are numbered as a spreadsheet shows them: the header is
row 1, the first data row is row 2. Every problem raises `MatchInputError` naming
the file, the row, the column and the value. openpyxl is imported only for .xlsx files.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kizuna.common import tables

PROFILE_COLUMNS = ("id", "name", "country", "language", "industry_group", "technologies",
                   "description", "region", "capacity", "markets")
LANGUAGE_CODES = ("th", "ja", "en")


class MatchInputError(Exception):
    """Bad input, located: file, row, column, value."""

    def __init__(self, file: str | Path, message: str, *, row: int | None = None,
                 column: str | None = None, value: object = None):
        self.file, self.row, self.column, self.value = str(file), row, column, value
        where = [self.file]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        text = ", ".join(where) + ": " + message
        if value is not None:
            text += f" (value: {value!r})"
        super().__init__(text)


@dataclass(frozen=True)
class Table:
    path: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (row number, column → cell text)


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return tables.XLSX
    if suffix in (".csv", ".txt", ""):
        return tables.CSV
    raise MatchInputError(path, f"unknown file type {suffix!r}; use .csv or .xlsx")


def _read_error(path: Path, exc: tables.TableReadError) -> MatchInputError:
    if exc.reason == "not_text":
        return MatchInputError(path, f"is not UTF-8 text (byte {exc.params['position']}); save it as CSV UTF-8")
    if exc.reason in ("workbook", "sheet"):
        return MatchInputError(path, f"cannot read the workbook: {exc.params['detail']}")
    if exc.reason == "csv":
        return MatchInputError(path, f"is not valid CSV: {exc.params['error']}", row=int(exc.params["row"]))
    return MatchInputError(path, "file not found")


# Profile headers that other spellings ("Industry Group", "industry-group") stand for.
_PROFILE_HEADERS = tables.synonym_index({c: () for c in PROFILE_COLUMNS})


def read_table(path: str | Path, *, required: Sequence[str] = ("id",)) -> Table:
    """A table with a header row; each row maps every column (a profile column by its
    name, any other by its lower-cased header) to its cell text."""
    path = Path(path)
    if not path.exists():
        raise MatchInputError(path, "file not found")
    try:
        table = tables.read_table_file(path, kind=_kind(path))
    except tables.TableReadError as exc:
        raise _read_error(path, exc) from None
    if not table.header_row:
        raise MatchInputError(path, "the file is empty; expected a header row with at least: " + ", ".join(required))
    names = [_PROFILE_HEADERS.get(tables.header_key(h), h.lower()) for h in table.headers]
    missing = [c for c in required if c not in names]
    if missing:
        raise MatchInputError(path, f"the header lacks the column {missing[0]!r}", row=table.header_row)
    positions: dict[str, int] = {}
    for i, n in enumerate(names):
        if n:
            positions.setdefault(n, i)  # a doubled column: the first one counts
    rows = [(row.number, {n: row[n] for n in positions}) for row in table.located_rows(positions)]
    return Table(str(path), names, rows)


def read_profiles(path: str | Path, *, side: str) -> Table:
    """A profile table; checks ids (present, unique), capacity, country and language."""
    table = read_table(path, required=("id",))
    seen: dict[str, int] = {}
    for number, row in table.rows:
        pid = row.get("id", "")
        if not pid:
            raise MatchInputError(path, "every row needs an id", row=number, column="id")
        if pid in seen:
            raise MatchInputError(path, f"the id appears twice (first in row {seen[pid]})", row=number, column="id", value=pid)
        seen[pid] = number
        cap = row.get("capacity", "")
        if cap:
            try:
                value = float(cap)
            except ValueError:
                value = math.nan
            if not math.isfinite(value) or value < 0 or not value.is_integer():
                raise MatchInputError(path, "capacity must be a whole number of 0 or more", row=number, column="capacity", value=cap)
        country = row.get("country", "")
        if country and not (len(country) == 2 and country.isascii() and country.isalpha()):
            raise MatchInputError(path, "country must be a two-letter ISO 3166 code such as TH, JP or VN", row=number, column="country", value=country)
        for lang in (v.strip().lower() for v in row.get("language", "").replace(",", ";").split(";")):
            if lang and lang not in LANGUAGE_CODES:
                raise MatchInputError(path, "language must be th, ja or en (several separated by ';'), or empty to detect it", row=number, column="language", value=lang)
    if not table.rows:
        raise MatchInputError(path, f"has no {side} rows")
    return table


@dataclass(frozen=True)
class Scores:
    """The rows of a scores file as arrays (positions in the profile tables)."""

    seeker: object  # int32[E]
    provider: object  # int32[E]
    score: object  # float64[E]
    constraint: object  # int8[E]: -1 forbidden, 1 locked, 0 none


_CONSTRAINTS = {"": 0, "0": 0, "0.0": 0, "1": 1, "1.0": 1, "+1": 1, "-1": -1, "-1.0": -1}
_SCORE_COLUMNS = ("seeker_id", "provider_id", "score", "constraint")


def read_scores(path: str | Path, seeker_ids: Sequence[str], provider_ids: Sequence[str]) -> Scores:
    """Rows seeker_id,provider_id,score[,constraint] (a header row is optional);
    constraint -1 forbidden, 1 locked, 0 or empty none.

    Parsed column-wise (a 1,000 × 300 file has 300,000 rows); on a problem the
    first bad row is found and named.
    """
    import numpy as np

    path = Path(path)
    if not path.exists():
        raise MatchInputError(path, "file not found")
    kind = _kind(path)
    # the records as read (the C csv reader in one go); cells are stripped only where a lookup needs it
    try:
        raw = list(tables.table_records(str(path), path.read_bytes(), kind=kind))
    except tables.TableReadError as exc:
        raise _read_error(path, exc) from None
    if kind == tables.XLSX:
        raw = [(number, [tables.cell_text(v) for v in values]) for number, values in raw]
    numbers: list[int] = []
    rows: list[list[str]] = []
    for number, values in raw:
        if not values or not any(values):
            continue
        if number == 1 and len(values) >= 3 and values[0].strip().lower() in ("seeker_id", "seeker", "paper", "head"):
            continue
        numbers.append(number)
        rows.append(values)
    short = next((i for i, r in enumerate(rows) if len(r) < 3), None)
    if short is not None:
        raise MatchInputError(path, "expected seeker_id,provider_id,score[,constraint]", row=numbers[short])
    s_pos = {sid: i for i, sid in enumerate(seeker_ids)}
    p_pos = {pid: i for i, pid in enumerate(provider_ids)}
    s = np.fromiter((s_pos.get(r[0], -2) for r in rows), dtype=np.int64, count=len(rows))
    p = np.fromiter((p_pos.get(r[1], -2) for r in rows), dtype=np.int64, count=len(rows))
    for arr, pos, col in ((s, s_pos, 0), (p, p_pos, 1)):
        for i in np.flatnonzero(arr == -2):
            arr[i] = pos.get(rows[i][col].strip(), -1)
    for col, arr, what in ((0, s, "seeker"), (1, p, "provider")):
        bad = np.flatnonzero(arr < 0)
        if len(bad):
            i = int(bad[0])
            raise MatchInputError(path, f"no {what} has this id", row=numbers[i], column=_SCORE_COLUMNS[col], value=rows[i][col].strip())
    try:
        score = np.array([r[2] for r in rows], dtype=np.float64)
        finite = np.isfinite(score)
    except ValueError:
        finite = None
    if finite is None or not finite.all():
        for i, r in enumerate(rows):
            try:
                ok = np.isfinite(float(r[2]))
            except ValueError:
                ok = False
            if not ok:
                raise MatchInputError(path, "score must be a number", row=numbers[i], column="score", value=r[2])
    constraint = np.zeros(len(rows), dtype=np.int8)
    for i, r in enumerate(rows):
        if len(r) > 3 and r[3]:
            c = _CONSTRAINTS.get(r[3].strip())
            if c is None:
                raise MatchInputError(path, "constraint must be -1 (forbidden), 1 (locked) or empty", row=numbers[i], column="constraint", value=r[3])
            constraint[i] = c
    key = s * max(len(provider_ids), 1) + p
    order = np.argsort(key, kind="stable")
    dup = np.flatnonzero(np.diff(key[order]) == 0)
    if len(dup):
        first, again = int(order[dup[0]]), int(order[dup[0] + 1])
        raise MatchInputError(path, f"the pair is listed twice (first in row {numbers[first]})", row=numbers[again],
                              value=f"{rows[again][0]},{rows[again][1]}")
    return Scores(s.astype(np.int32), p.astype(np.int32), score, constraint)


OUTPUT_COLUMNS = ("seeker_id", "provider_id", "rank", "score", "reasons", "evidence")


def write_output(path: str | Path, rows: Sequence[Sequence[object]]) -> None:
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("matches")
        ws.append(list(OUTPUT_COLUMNS))
        for r in rows:
            ws.append(list(r))
        wb.save(path)
        return
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(OUTPUT_COLUMNS)
        w.writerows(rows)
