"""Writing tables for spreadsheets (CSV and XLSX) that cannot turn against their reader.

    data = table_export(headers, rows, fmt="xlsx")

Every export goes through here, so that two guards hold everywhere:
- a text cell that a spreadsheet would run as a formula (it starts with =, +, -, @,
  a tab or a carriage return) gets a leading quote in CSV, and is written as text,
  never as a formula, in XLSX. The shared reader (common.tables) removes the quote
  again, so an export imports back unchanged.
- control characters (NUL, BEL, ESC …) are removed: XLSX cannot hold them at all,
  and in CSV they garble the file for its reader.
Numbers, dates and booleans are written as themselves.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from kizuna.common.tables import FORMULA_START
from kizuna.common.text import without_control_characters

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

Cell = str | int | float | bool | dt.date | None


def cell_clean(value: Cell) -> Cell:
    """The cell without control characters (text only)."""
    if isinstance(value, str):
        return without_control_characters(value)
    return value


def cell_guard(value: Cell) -> Cell:
    """The cell as CSV writes it: clean, and quoted when it would start a formula."""
    value = cell_clean(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def table_export(
    headers: Sequence[str], rows: Iterable[Sequence[Cell]], *, fmt: str, sheet_title: str = ""
) -> bytes:
    """`headers` and `rows` as a CSV (UTF-8 with a byte-order mark, so that Excel
    shows Thai and Japanese) or XLSX file (header row bold and frozen)."""
    if fmt == "csv":
        return _csv(headers, rows)
    if fmt == "xlsx":
        return _xlsx(headers, rows, sheet_title)
    raise ValueError(f"unknown export format {fmt!r}; use one of {FORMATS}")


def _csv(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([cell_guard(h) for h in headers])
    for row in rows:
        writer.writerow([cell_guard(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx(headers: Sequence[str], rows: Iterable[Sequence[Cell]], sheet_title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=cell_clean(sheet_title)[:31] or None)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def cell(value: Cell, **style):
        value = cell_clean(value)
        c = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            c.data_type = "s"  # text, never a formula
        for name, v in style.items():
            setattr(c, name, v)
        return c

    sheet.append([cell(h, font=bold) for h in headers])
    for row in rows:
        sheet.append([cell(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
