"""Reading the spreadsheets of `kizuna schedule` (CSV or XLSX, chosen by extension)
with located errors in Thai, Japanese and English.

    rows = read_table(path, required=["id", "name"], optional=["max_meetings"])
    for row in rows:
        row.number, row["id"], row.get("max_meetings")

The file is read by the shared reader (kizuna.common.tables: CSV in UTF-8 or UTF-16,
XLSX's first sheet, headers matched without regard to case, spaces, `_`, `-` or
full-width forms, blank rows skipped, rows numbered as a spreadsheet shows them);
other columns are ignored. Every problem is a TableError naming the file, row,
column and value.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kizuna.common import tables
from kizuna.engine import messages

messages.register(
    {
        "table.located": {
            "en": "%(file)s, row %(row)s, column %(column)s, value '%(value)s': %(reason)s",
            "th": "%(file)s แถว %(row)s คอลัมน์ %(column)s ค่า '%(value)s': %(reason)s",
            "ja": "%(file)s の %(row)s 行目、列 %(column)s、値 '%(value)s': %(reason)s",
        },
        "table.located_column": {
            "en": "%(file)s, row %(row)s, column %(column)s: %(reason)s",
            "th": "%(file)s แถว %(row)s คอลัมน์ %(column)s: %(reason)s",
            "ja": "%(file)s の %(row)s 行目、列 %(column)s: %(reason)s",
        },
        "table.file": {
            "en": "%(file)s: %(reason)s",
            "th": "%(file)s: %(reason)s",
            "ja": "%(file)s: %(reason)s",
        },
        "table.missing_column": {
            "en": "the required column %(name)s is missing (the header has: %(found)s).",
            "th": "ไม่มีคอลัมน์ %(name)s ที่จำเป็น (หัวตารางมี: %(found)s)",
            "ja": "必須の列 %(name)s がありません（見出しにある列: %(found)s）。",
        },
        "table.not_found": {
            "en": "the file does not exist or cannot be read.",
            "th": "ไม่พบไฟล์หรืออ่านไฟล์ไม่ได้",
            "ja": "ファイルが存在しないか、読み込めません。",
        },
        "table.bad_extension": {
            "en": "the file type %(extension)s is not supported; use .csv or .xlsx.",
            "th": "ไม่รองรับไฟล์ชนิด %(extension)s กรุณาใช้ .csv หรือ .xlsx",
            "ja": "ファイル形式 %(extension)s には対応していません。.csv か .xlsx を使ってください。",
        },
        "table.bad_encoding": {
            "en": "the file is not UTF-8 text (first bad byte at position %(position)s); save it as CSV UTF-8.",
            "th": "ไฟล์ไม่ใช่ข้อความ UTF-8 (ไบต์แรกที่ผิดอยู่ตำแหน่ง %(position)s) กรุณาบันทึกเป็น CSV UTF-8",
            "ja": "ファイルが UTF-8 ではありません（最初の不正なバイトは位置 %(position)s）。CSV UTF-8 で保存してください。",
        },
        "table.bad_csv": {
            "en": "the file cannot be read as CSV at row %(row)s: %(error)s.",
            "th": "อ่านไฟล์เป็น CSV ไม่ได้ที่แถว %(row)s: %(error)s",
            "ja": "%(row)s 行目を CSV として読み込めません: %(error)s。",
        },
        "table.bad_workbook": {
            "en": "the file is not a readable Excel workbook.",
            "th": "ไฟล์ไม่ใช่สมุดงาน Excel ที่อ่านได้",
            "ja": "読み込める Excel ブックではありません。",
        },
        "table.empty": {
            "en": "the file has no header row.",
            "th": "ไฟล์ไม่มีแถวหัวตาราง",
            "ja": "ファイルに見出し行がありません。",
        },
        "table.blank": {
            "en": "a value is required.",
            "th": "ต้องระบุค่า",
            "ja": "値が必要です。",
        },
        "table.not_integer": {
            "en": "expected a whole number.",
            "th": "ต้องเป็นจำนวนเต็ม",
            "ja": "整数を指定してください。",
        },
        "table.not_number": {
            "en": "expected a number.",
            "th": "ต้องเป็นตัวเลข",
            "ja": "数値を指定してください。",
        },
    }
)


class TableError(Exception):
    """A located problem in a spreadsheet: file, row, column, value and a reason code.

    `row`, `column` and `value` are None for problems of the whole file (missing,
    unreadable); a missing column has `row` 1, `column` set and `value` None.
    """

    def __init__(
        self,
        file: str,
        row: int | None,
        column: str | None,
        value: object,
        reason: str,
        **params: object,
    ):
        self.file, self.row, self.column, self.value = file, row, column, value
        self.reason, self.params = reason, params
        super().__init__(self.render("en"))

    def render(self, lang: str = "en") -> str:
        reason = messages.render(self.reason, lang, **self.params)
        if self.row is None:
            return messages.render("table.file", lang, file=self.file, reason=reason)
        if self.value is None:
            return messages.render(
                "table.located_column",
                lang,
                file=self.file,
                row=self.row,
                column=self.column,
                reason=reason,
            )
        return messages.render(
            "table.located",
            lang,
            file=self.file,
            row=self.row,
            column=self.column,
            value="" if self.value is None else self.value,
            reason=reason,
        )


class TableErrors(Exception):
    """Several TableErrors at once (every bad row, not just the first)."""

    def __init__(self, errors: Sequence[TableError]):
        self.errors = list(errors)
        super().__init__("\n".join(e.render("en") for e in self.errors))

    def render(self, lang: str = "en") -> list[str]:
        return [e.render(lang) for e in self.errors]


class Row(tables.Row):
    """A row of the shared reader with checks that name its file, row, column and value."""

    __slots__ = ()

    def error(self, column: str, reason: str, **params: object) -> TableError:
        return TableError(self.file, self.number, self.header(column), self[column], reason, **params)

    def integer(self, column: str, *, required: bool = True) -> int | None:
        text = self[column]
        if text == "":
            if required:
                raise self.error(column, "table.blank")
            return None
        try:
            value = float(text)
        except ValueError:
            raise self.error(column, "table.not_integer") from None
        if value != int(value):
            raise self.error(column, "table.not_integer")
        return int(value)

    def number_value(self, column: str) -> float:
        text = self[column]
        if text == "":
            raise self.error(column, "table.blank")
        try:
            value = float(text)
        except ValueError:
            raise self.error(column, "table.not_number") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise self.error(column, "table.not_number")
        return value


# the shared reader's reasons -> this table's message codes (with their parameters)
_READ_REASONS = {
    "unreadable": "table.not_found",
    "workbook": "table.bad_workbook",
    "sheet": "table.bad_workbook",
    "not_text": "table.bad_encoding",
    "csv": "table.bad_csv",
}


def read_table(
    path: str | Path,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
) -> list[Row]:
    """Rows of a CSV or XLSX file with the `required` (and any `optional`) columns."""
    path = Path(path)
    name = str(path)
    ext = path.suffix.lower()
    if ext not in (".csv", ".xlsx"):
        raise TableError(name, None, None, None, "table.bad_extension", extension=ext or "(none)")
    try:
        table = tables.read_table_file(path, kind=ext[1:])
    except tables.TableReadError as exc:
        raise TableError(name, None, None, None, _READ_REASONS[exc.reason], **exc.params) from None
    if not table.header_row:
        raise TableError(name, None, None, None, "table.empty")
    columns = table.columns(tables.synonym_index({c: () for c in (*required, *optional)}))
    for col in required:
        if col not in columns.found:
            raise TableError(
                name,
                table.header_row,
                col,
                None,
                "table.missing_column",
                name=col,
                found=", ".join(h for h in table.headers if h) or "-",
            )
    return table.located_rows(columns.found, Row)
