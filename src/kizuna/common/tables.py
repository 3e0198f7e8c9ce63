"""Reading officers' spreadsheets: one reader for every import and both engine commands.

    table = read_table("members.csv", data)            # or read_table_file(path)
    columns = table.columns(synonym_index({"id": ["id", "รหัส", "ＩＤ"]}))
    for row in table.located_rows(columns.found):
        row.number, row["id"], row.raw("id"), row.header("id")

CSV is read as UTF-8 (with or without a byte-order mark) or UTF-16 (with or without
one); a file in another encoding is refused with the offset of its first bad byte and,
for Thai and Japanese text, the encoding it most likely is. The delimiter (comma,
semicolon or tab) is the one the first line holds most often. XLSX is read from its
first sheet that holds a value, with the values Excel last calculated (openpyxl,
imported only then); a formula without a saved result is a `FormulaWithoutValue`.

Row numbers are those a spreadsheet shows (the header is the first non-empty row,
usually 1); blank rows are skipped. Headers are matched without regard to case,
spaces, `_`, `-`, brackets or full-width forms. Problems are `TableReadError`s carrying
a reason code and its details, so that each caller says them in its own words and
language (gettext in the apps, the engine's message table in the commands). This
module imports no Django: `kizuna match` and `kizuna schedule` start without it.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

CSV, XLSX, XLS = "csv", "xlsx", "xls"
DELIMITERS = (",", ";", "\t")
_ZIP_MAGIC = b"PK\x03\x04"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # common.exports quotes these
_HEADER_NOISE = re.compile(r"[\s_\-‐–—.:()\[\]/・,'\"*?]")


class TableReadError(Exception):
    """The file cannot be read as a table.

    `reason` is one of:
      "unreadable"        the file does not exist or cannot be opened
      "old_excel"         an Excel 97-2003 workbook (.xls)
      "workbook"          not a readable .xlsx (`error`: the exception's type name)
      "sheet"             the sheet is damaged (`error`)
      "unknown_encoding"  the encoding asked for does not exist (`encoding`)
      "not_text"          a byte that the encoding cannot read (`encoding`, `byte` as
                          two hex digits, `position`, `line`, and `guess`: "cp874",
                          "cp932" or "" when the file was read as UTF-8)
      "csv"               the CSV is malformed (`row`, `error`)
    """

    def __init__(self, file: str, reason: str, **params: object):
        self.file, self.reason, self.params = file, reason, params
        details = ", ".join(f"{k}={v}" for k, v in params.items())
        super().__init__(f"{file}: {reason}" + (f" ({details})" if details else ""))


# ---------------------------------------------------------------------------
# Cells and headers


def cell_text(value: object) -> str:
    """A cell as text: Excel numbers without a trailing .0, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def header_key(text: str) -> str:
    """A header reduced to what identifies it: full-width characters made standard,
    case, spaces and punctuation ignored ("External ID", "external_id" and
    "ＥＸＴＥＲＮＡＬ　ＩＤ" are the same)."""
    return _HEADER_NOISE.sub("", unicodedata.normalize("NFKC", text or "").casefold())


def synonym_index(synonyms: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """header_key(header) -> column key, for every accepted header of every column.
    Raises ValueError when one header would name two columns."""
    index: dict[str, str] = {}
    for key, headers in synonyms.items():
        for header in (key, *headers):
            reduced = header_key(header)
            if index.setdefault(reduced, key) != key:
                raise ValueError(f"the header {header!r} names both {index[reduced]} and {key}")
    return index


# ---------------------------------------------------------------------------
# Files


def file_kind(file_name: str, data: bytes = b"") -> str:
    """XLS for .xls, XLSX for .xlsx/.xlsm or a zip archive, CSV for anything else."""
    suffix = PurePath(file_name).suffix.lower()
    if suffix == ".xls":
        return XLS
    if suffix in (".xlsx", ".xlsm") or data[:4] == _ZIP_MAGIC:
        return XLSX
    return CSV


def decode_text(file_name: str, data: bytes, encoding: str | None = None) -> str:
    """The text of a CSV file: in `encoding` when given, otherwise UTF-16 (by its
    byte-order mark or its zero bytes) or UTF-8 (with or without a byte-order mark)."""
    if encoding:
        try:
            return data.decode(encoding).lstrip("\ufeff")
        except LookupError:
            raise TableReadError(file_name, "unknown_encoding", encoding=encoding) from None
        except UnicodeDecodeError as exc:
            raise _not_text(file_name, data, exc.start, encoding) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16").lstrip("\ufeff")
        except UnicodeDecodeError as exc:
            raise _not_text(file_name, data, exc.start + 2, "UTF-16") from None
    head = data[:400]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):  # UTF-16 without a byte order mark
        codec = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(codec)
        except UnicodeDecodeError as exc:
            raise _not_text(file_name, data, exc.start, "UTF-16") from None
    start = 3 if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_text(file_name, data, exc.start + start, "UTF-8") from None


def _not_text(file_name: str, data: bytes, position: int, encoding: str) -> TableReadError:
    return TableReadError(
        file_name,
        "not_text",
        encoding=encoding,
        byte=f"{data[position]:02X}",
        position=position,
        line=data[:position].count(b"\n") + 1,
        guess=guess_encoding(data) if encoding == "UTF-8" else "",
    )


def guess_encoding(data: bytes) -> str:
    """The likely encoding of text that is not UTF-8: cp874 (Thai, Windows-874), cp932
    (Japanese, Shift_JIS) or "" when it is neither."""
    high = sum(1 for b in data if b >= 0x80)
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError:
        pass
    else:
        thai = sum(1 for ch in text if "\u0e00" <= ch <= "\u0e7f")
        if high and thai >= 0.9 * high:
            return "cp874"
    try:
        data.decode("cp932")
    except UnicodeDecodeError:
        return ""
    return "cp932"


def sniff_delimiter(text: str) -> str:
    """The delimiter that the first line holds most often (a comma on a tie)."""
    first_line = text.split("\n", 1)[0]
    return max(DELIMITERS, key=first_line.count) if first_line else ","


def table_records(
    file_name: str, data: bytes, *, kind: str | None = None, encoding: str | None = None
) -> Iterator[tuple[int, list[object]]]:
    """Every record of the file as (row number, cells), blank ones included: CSV cells
    as read, XLSX cells as Excel holds them (numbers, dates, None). The fast path for
    large files; `read_table` is what most callers want."""
    kind = kind or file_kind(file_name, data)
    if kind == XLS:
        raise TableReadError(file_name, "old_excel")
    if kind == XLSX:
        return _xlsx_records(file_name, data)
    return _csv_records(file_name, decode_text(file_name, data, encoding))


def _csv_records(file_name: str, text: str) -> Iterator[tuple[int, list[object]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except csv.Error as exc:
        raise TableReadError(file_name, "csv", row=number + 1, error=str(exc)) from exc


def _workbook(file_name: str, data: bytes, *, data_only: bool):
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds of errors on damaged files
        raise TableReadError(
            file_name, "workbook", error=type(exc).__name__, detail=str(exc)
        ) from exc


def _sheet_rows(file_name: str, sheet) -> list:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return list(sheet.iter_rows())
    except Exception as exc:
        raise TableReadError(file_name, "sheet", error=type(exc).__name__, detail=str(exc)) from exc


@dataclass(frozen=True)
class FormulaWithoutValue:
    """A cell whose formula has no saved result (the workbook was written by a program
    that does not calculate, or saved with calculation off). Its text is "", so
    callers that do not look for it read an empty cell; imports refuse it with its
    cell reference."""

    formula: str
    coordinate: str

    def __str__(self) -> str:
        return ""


def _xlsx_records(file_name: str, data: bytes) -> Iterator[tuple[int, list[object]]]:
    """The records of the workbook's first sheet that holds a value (sheets before it
    that are empty are passed over; later sheets are not read), with the values Excel
    last calculated; a formula without one is a FormulaWithoutValue."""
    workbook = _workbook(file_name, data, data_only=False)
    try:
        title, rows = "", []
        for sheet in workbook.worksheets:
            rows = _sheet_rows(file_name, sheet)
            if any(c.value not in (None, "") for cells in rows for c in cells):
                title = sheet.title
                break
        formulas = {
            (c.row, c.column): c
            for cells in rows
            for c in cells
            if getattr(c, "data_type", "") == "f"
        }
    finally:
        workbook.close()
    results: dict[tuple[int, int], object] = {}
    if formulas:
        calculated = _workbook(file_name, data, data_only=True)
        try:
            for cells in _sheet_rows(file_name, calculated[title]):
                for c in cells:
                    if (getattr(c, "row", None), getattr(c, "column", None)) in formulas:
                        results[(c.row, c.column)] = c.value
        finally:
            calculated.close()

    def value(cell) -> object:
        place = (getattr(cell, "row", None), getattr(cell, "column", None))
        if place not in formulas:
            return cell.value
        result = results.get(place)
        if result is None:
            formula = cell.value if isinstance(cell.value, str) else getattr(cell.value, "text", "")
            return FormulaWithoutValue(str(formula or ""), cell.coordinate)
        return result

    expected = 1
    for cells in rows:
        number = next((c.row for c in cells if getattr(c, "row", None)), expected)
        expected = number + 1
        yield number, [value(c) for c in cells]


def _unguard(cell: object) -> object:
    """Undo the quote that an export puts before a cell that a spreadsheet would
    otherwise run as a formula."""
    if isinstance(cell, str) and cell.startswith("'") and cell[1:2] and cell[1:2] in FORMULA_START:
        return cell[1:]
    return cell


def _clean(cell: object) -> object:
    if isinstance(cell, str):
        return cell.strip()
    return "" if cell is None else cell


# ---------------------------------------------------------------------------
# Tables


@dataclass(frozen=True)
class HeaderIssue:
    """A header that names no column ("unknown"), a column already named by an earlier
    header ("doubled", `key` set), or values under no header ("unnamed", `first_row`
    the first row with a value)."""

    index: int
    kind: str
    key: str = ""
    first_row: int = 0


@dataclass
class ColumnMap:
    found: dict[str, int] = field(default_factory=dict)  # column key -> index (its first header)
    issues: list[HeaderIssue] = field(default_factory=list)  # in the order of the columns


class Row:
    """One row with located access: its spreadsheet number, each column's cell by key,
    and the header as the file writes it."""

    __slots__ = ("file", "number", "cells", "columns", "headers")

    def __init__(
        self,
        file: str,
        number: int,
        cells: Sequence[object],
        columns: Mapping[str, int],
        headers: Sequence[str],
    ):
        self.file, self.number, self.cells = file, number, cells
        self.columns, self.headers = columns, headers

    def raw(self, key: str) -> object:
        """The cell as read ("" when the column is absent or the row shorter)."""
        index = self.columns.get(key)
        return self.cells[index] if index is not None and index < len(self.cells) else ""

    def __getitem__(self, key: str) -> str:
        return cell_text(self.raw(key))

    def get(self, key: str, default: str = "") -> str:
        value = self[key]
        return value if value != "" else default

    def header(self, key: str) -> str:
        """The column's header as written in the file (the key when it has none)."""
        index = self.columns.get(key)
        return self.headers[index] if index is not None and index < len(self.headers) else key


@dataclass
class Table:
    file_name: str
    header_row: int  # 0: the file has no non-empty row
    headers: list[str]
    rows: list[tuple[int, list[object]]]  # (spreadsheet row number, cleaned cells)

    def columns(self, index: Mapping[str, str]) -> ColumnMap:
        """Map the headers onto column keys through `index` (see `synonym_index`)."""
        mapped = ColumnMap()
        width = max([len(self.headers), *(len(cells) for _, cells in self.rows)])
        for position in range(width):
            header = self.headers[position] if position < len(self.headers) else ""
            if not header:
                first = next(
                    (
                        n
                        for n, cells in self.rows
                        if position < len(cells) and cell_text(cells[position])
                    ),
                    0,
                )
                if first:
                    mapped.issues.append(HeaderIssue(position, "unnamed", first_row=first))
                continue
            key = index.get(header_key(header))
            if key is None:
                mapped.issues.append(HeaderIssue(position, "unknown"))
            elif key in mapped.found:
                mapped.issues.append(HeaderIssue(position, "doubled", key=key))
            else:
                mapped.found[key] = position
        return mapped

    def located_rows(self, columns: Mapping[str, int], row: type[Row] = Row) -> list[Row]:
        return [row(self.file_name, n, cells, columns, self.headers) for n, cells in self.rows]


def read_table(
    file_name: str, data: bytes, *, kind: str | None = None, encoding: str | None = None
) -> Table:
    """The header (the first non-empty row) and the further non-empty rows of a CSV
    or XLSX file. Text cells are stripped, empty ones are "", and in CSV the quote an
    export puts before a formula-like cell is removed."""
    kind = kind or file_kind(file_name, data)
    header_row, headers, rows = 0, [], []
    for number, cells in table_records(file_name, data, kind=kind, encoding=encoding):
        if kind == CSV:
            cells = [_unguard(c) for c in cells]
        cells = [_clean(c) for c in cells]
        if all(c == "" for c in cells):
            continue
        if not header_row:
            header_row, headers = number, [cell_text(c) for c in cells]
        else:
            rows.append((number, cells))
    return Table(file_name, header_row, headers, rows)


def read_table_file(path: str | Path, *, kind: str | None = None) -> Table:
    """`read_table` of a file on disk, named as given."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        raise TableReadError(str(path), "unreadable") from None
    return read_table(str(path), data, kind=kind)
