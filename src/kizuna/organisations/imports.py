"""Spreadsheet import of organisations: CSV (UTF-8, with or without BOM, or UTF-16)
and XLSX (first sheet).

Reading goes in three steps, each reporting located problems in the user's
language and never writing anything: the file is read into a table
(`table_read`), the header row is mapped onto the column keys below
(`headers_map`), and every row is checked and compared with the database
(`organisations_import_preview`). `organisations_import` does all of that again
inside one transaction and writes only when no row has a problem.

The column table serves the import (headers in Thai, Japanese or English, or the
English keys), the export (headers in the reader's language) and docs/import.md.
Headers and value names are data here, not gettext messages, so that a file
written in Thai is read the same whatever language the importing officer uses.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import difflib
import io
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kizuna.common import identifiers
from kizuna.common.i18n import LANGUAGES, YearError, parse_date, parse_year
from kizuna.engine.text import detect_language
from kizuna.organisations.domain import organisations_index
from kizuna.organisations.enums import ConsentPurpose, OrganisationKind, OrganisationSize
from kizuna.organisations.models import (
    Concept,
    Consent,
    ContactPerson,
    Country,
    IndustryGroup,
    Organisation,
    Province,
    registration_problem_message,
)


@dataclass(frozen=True)
class Column:
    key: str
    headers: dict[str, str]  # lang -> header written on export
    aliases: tuple[str, ...] = ()
    required: bool = False
    multiple: bool = False  # a `;`-separated list

    def accepted(self) -> list[str]:
        return list(
            dict.fromkeys(
                [
                    self.key,
                    self.headers["en"],
                    self.headers["th"],
                    self.headers["ja"],
                    *self.aliases,
                ]
            )
        )


def _c(key, en, th, ja, *aliases, required=False, multiple=False) -> Column:
    return Column(key, {"en": en, "th": th, "ja": ja}, tuple(aliases), required, multiple)


COLUMNS: tuple[Column, ...] = (
    _c(
        "external_id",
        "External ID",
        "รหัสอ้างอิง",
        "外部ID",
        "รหัสภายนอก",
        "外部コード",
        "External identifier",
        required=True,
    ),
    _c("kind", "Kind", "ประเภท", "種別", "Type", "ประเภทองค์กร", "組織種別", "区分", required=True),
    _c(
        "name",
        "Name",
        "ชื่อ",
        "名称",
        "ชื่อองค์กร",
        "組織名",
        "Organisation name",
        "Organization name",
        required=True,
    ),
    _c("name_th", "Name in Thai", "ชื่อภาษาไทย", "名称（タイ語）", "Thai name", "タイ語名"),
    _c("name_ja", "Name in Japanese", "ชื่อภาษาญี่ปุ่น", "名称（日本語）", "Japanese name", "日本語名"),
    _c("name_en", "Name in English", "ชื่อภาษาอังกฤษ", "名称（英語）", "English name", "英語名"),
    _c("country", "Country", "ประเทศ", "国", "国名", "所在国", required=True),
    _c(
        "languages",
        "Languages spoken",
        "ภาษาที่ใช้",
        "使用言語",
        "Languages",
        "ภาษา",
        "言語",
        multiple=True,
    ),
    _c(
        "industry_group",
        "Industry group",
        "กลุ่มอุตสาหกรรม",
        "業種グループ",
        "業種",
        "Industry",
        "FTI industry group",
    ),
    _c(
        "technologies_offered",
        "Technologies offered",
        "เทคโนโลยีที่เสนอ",
        "提供技術",
        "เทคโนโลยีที่มี",
        "提供できる技術",
        multiple=True,
    ),
    _c(
        "technologies_needed",
        "Technologies needed",
        "เทคโนโลยีที่ต้องการ",
        "必要技術",
        "求める技術",
        multiple=True,
    ),
    _c("province", "Province", "จังหวัด", "県（タイ）", "タイの県", "Province in Thailand"),
    _c("region", "Region", "ภูมิภาค", "地域", "City or prefecture", "都道府県", "所在地", "เมือง"),
    _c(
        "countries_served",
        "Countries served",
        "ประเทศที่ให้บริการ",
        "対象国",
        "Markets",
        "ตลาดต่างประเทศ",
        "進出国",
        multiple=True,
    ),
    _c("size", "Size", "ขนาดองค์กร", "規模", "ขนาด", "企業規模"),
    _c("website", "Website", "เว็บไซต์", "ウェブサイト", "URL", "Web site", "ホームページ"),
    _c("description", "Description", "รายละเอียด", "概要", "คำอธิบาย", "説明", "事業内容"),
    _c(
        "description_language",
        "Language of the description",
        "ภาษาของรายละเอียด",
        "概要の言語",
        "説明の言語",
        "Description language",
    ),
    _c(
        "registration_number",
        "Registration number",
        "เลขทะเบียนนิติบุคคล",
        "法人番号",
        "เลขทะเบียน",
        "เลขประจำตัวผู้เสียภาษี",
        "Corporate number",
        "Juristic person ID",
        "登記番号",
    ),
    _c("founded", "Year founded", "ปีที่ก่อตั้ง", "設立年", "Founded", "ปีก่อตั้ง", "設立"),
    _c("contact_name", "Contact name", "ชื่อผู้ติดต่อ", "担当者名", "Contact", "ผู้ติดต่อ", "担当者"),
    _c("contact_title", "Contact position", "ตำแหน่งผู้ติดต่อ", "担当者役職", "Contact title"),
    _c(
        "contact_email",
        "Contact e-mail",
        "อีเมลผู้ติดต่อ",
        "担当者メール",
        "Contact email",
        "担当者メールアドレス",
    ),
    _c(
        "contact_phone",
        "Contact phone",
        "โทรศัพท์ผู้ติดต่อ",
        "担当者電話番号",
        "担当者電話",
        "เบอร์โทรผู้ติดต่อ",
    ),
    _c("contact_language", "Contact language", "ภาษาของผู้ติดต่อ", "担当者の言語"),
    _c(
        "consent_programme",
        "Consent: programme communication",
        "ยินยอมรับข่าวสารโครงการ",
        "同意：事業連絡",
        "consent programme",
    ),
    _c(
        "consent_matching",
        "Consent: contact shown to matched partners",
        "ยินยอมเปิดเผยข้อมูลติดต่อแก่คู่ที่จับคู่",
        "同意：マッチング相手への連絡先開示",
        "consent matching",
    ),
)
COLUMNS_BY_KEY = {c.key: c for c in COLUMNS}
REQUIRED = tuple(c.key for c in COLUMNS if c.required)
CONTACT_KEYS = (
    "contact_name",
    "contact_title",
    "contact_email",
    "contact_phone",
    "contact_language",
    "consent_programme",
    "consent_matching",
)
ORGANISATION_KEYS = tuple(c.key for c in COLUMNS if c.key not in CONTACT_KEYS)

_HEADER_NOISE = re.compile(r"[\s_\-‐–—.:()\[\]/・,'\"*?]")


def header_key(text: str) -> str:
    """A header reduced to what identifies it: full-width characters made standard,
    case, spaces and punctuation ignored ("External ID", "external_id" and
    "ＥＸＴＥＲＮＡＬ　ＩＤ" are the same)."""
    return _HEADER_NOISE.sub("", unicodedata.normalize("NFKC", text or "").casefold())


HEADER_ALIASES: dict[str, str] = {}
for _column in COLUMNS:
    for _text in _column.accepted():
        _k = header_key(_text)
        assert HEADER_ALIASES.get(_k, _column.key) == _column.key, f"header {_text!r} is ambiguous"
        HEADER_ALIASES[_k] = _column.key


def name_key(text: str) -> str:
    """A value name reduced for lookup: NFKC, case folded, spaces folded."""
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


# Names of coded values in the three languages (first one is written on export),
# followed by further accepted words.
KIND_NAMES = {
    "company": {"en": "Company", "th": "บริษัท", "ja": "企業", "more": ("会社", "บริษัทเอกชน", "SME")},
    "startup": {
        "en": "Startup",
        "th": "สตาร์ทอัพ",
        "ja": "スタートアップ",
        "more": ("start-up", "สตาร์ตอัป", "ベンチャー"),
    },
    "university": {"en": "University", "th": "มหาวิทยาลัย", "ja": "大学", "more": ("สถาบันการศึกษา",)},
    "investor": {"en": "Investor", "th": "นักลงทุน", "ja": "投資家", "more": ("ผู้ลงทุน", "投資会社")},
    "agency": {
        "en": "Agency",
        "th": "หน่วยงาน",
        "ja": "機関",
        "more": ("หน่วยงานรัฐ", "政府機関", "Government agency"),
    },
}
SIZE_NAMES = {
    "micro": {"en": "Micro", "th": "วิสาหกิจรายย่อย", "ja": "零細", "more": ("รายย่อย", "零細企業")},
    "small": {"en": "Small", "th": "ขนาดเล็ก", "ja": "小規模", "more": ("小企業",)},
    "medium": {"en": "Medium", "th": "ขนาดกลาง", "ja": "中規模", "more": ("中企業", "中堅")},
    "large": {"en": "Large", "th": "ขนาดใหญ่", "ja": "大規模", "more": ("大企業",)},
}
LANGUAGE_NAMES = {
    "th": {"en": "Thai", "th": "ไทย", "ja": "タイ語", "more": ("ภาษาไทย", "tha")},
    "ja": {"en": "Japanese", "th": "ญี่ปุ่น", "ja": "日本語", "more": ("ภาษาญี่ปุ่น", "jpn")},
    "en": {"en": "English", "th": "อังกฤษ", "ja": "英語", "more": ("ภาษาอังกฤษ", "eng")},
}
YES_WORDS = ("yes", "y", "true", "1", "ใช่", "ยินยอม", "はい", "同意", "同意する", "✓", "○", "x")
NO_WORDS = ("no", "n", "false", "0", "ไม่", "ไม่ใช่", "ไม่ยินยอม", "いいえ", "不同意", "同意しない", "×")
YES_NO_NAMES = {
    True: {"en": "yes", "th": "ใช่", "ja": "はい"},
    False: {"en": "no", "th": "ไม่", "ja": "いいえ"},
}


# ---------------------------------------------------------------------------
# Problems


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, located as the user sees it."""

    row: int | None  # spreadsheet row (the header is row 1); None: the whole file
    column: str  # the header as written in the file; "" when not about one cell
    value: str
    message: str  # whole sentences in the active language

    def line(self, file_name: str) -> str:
        """FILE:ROW: COLUMN 'VALUE': reason"""
        where = file_name if self.row is None else f"{file_name}:{self.row}"
        if self.column:
            return f"{where}: {self.column} '{self.value}': {self.message}"
        return f"{where}: {self.message}"


class SpreadsheetImportError(Exception):
    """The file cannot be imported; `problems` says where and why."""

    def __init__(self, file_name: str, problems: Iterable[Problem], *, encoding_guess: str = ""):
        self.file_name = file_name
        self.problems = list(problems)
        self.encoding_guess = encoding_guess
        super().__init__("\n".join(p.line(file_name) for p in self.problems))


def _file_error(file_name: str, message: str, **kwargs) -> SpreadsheetImportError:
    return SpreadsheetImportError(file_name, [Problem(None, "", "", message)], **kwargs)


# ---------------------------------------------------------------------------
# Reading a file into a table

MAX_ROWS = 100_000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class Table:
    file_name: str
    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[object]]]  # (spreadsheet row number, cells)


def table_read(file_name: str, data: bytes, *, encoding: str | None = None) -> Table:
    """The header and the non-empty rows of a CSV or XLSX file; raises
    SpreadsheetImportError when the file cannot be read."""
    suffix = PurePath(file_name).suffix.lower()
    if suffix == ".xls":
        raise _file_error(
            file_name,
            _(
                "%(file)s is an old Excel 97-2003 workbook (.xls). Open it in Excel and save it as an "
                "Excel workbook (.xlsx) or as “CSV UTF-8 (Comma delimited)”, then import it again."
            )
            % {"file": file_name},
        )
    if suffix in (".xlsx", ".xlsm") or data[:4] == _ZIP_MAGIC:
        records = _xlsx_records(file_name, data)
    else:
        records = _csv_records(file_name, data, encoding)

    header_row, headers, rows = 0, [], []
    for number, cells in records:
        cells = [_clean_cell(c) for c in cells]
        if all(c == "" for c in cells):
            continue
        if not header_row:
            header_row, headers = number, [_text(c) for c in cells]
            continue
        rows.append((number, cells))
        if len(rows) > MAX_ROWS:
            raise _file_error(
                file_name,
                _("%(file)s has more than %(max)d rows; split it into smaller files.")
                % {"file": file_name, "max": MAX_ROWS},
            )
    if not header_row:
        raise _file_error(
            file_name,
            _(
                "%(file)s is empty. The first row must hold the column headers and each further row one organisation."
            )
            % {"file": file_name},
        )
    if not rows:
        raise _file_error(
            file_name,
            _("%(file)s has a header row but no organisations below it.") % {"file": file_name},
        )
    return Table(file_name, header_row, headers, rows)


def _clean_cell(value: object) -> object:
    if isinstance(value, str):
        return value.strip()
    return "" if value is None else value


def _text(value: object) -> str:
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


def _xlsx_records(file_name: str, data: bytes) -> Iterator[tuple[int, list[object]]]:
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on damaged files
        raise _file_error(
            file_name,
            _(
                "%(file)s cannot be read as an Excel workbook (.xlsx): it is damaged, protected by a "
                "password, or not a workbook (%(error)s). Open it in Excel and save it again as .xlsx "
                "or as “CSV UTF-8 (Comma delimited)”."
            )
            % {"file": file_name, "error": type(exc).__name__},
        ) from exc
    try:
        if not workbook.worksheets:
            return
        sheet = workbook.worksheets[0]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                rows = list(sheet.iter_rows())
        except Exception as exc:
            raise _file_error(
                file_name,
                _(
                    "The first sheet of %(file)s is damaged (%(error)s). Open it in Excel and save it again."
                )
                % {"file": file_name, "error": type(exc).__name__},
            ) from exc
        expected = 1
        for cells in rows:
            number = next((c.row for c in cells if getattr(c, "row", None)), expected)
            expected = number + 1
            yield number, [c.value for c in cells]
    finally:
        workbook.close()


def _csv_records(
    file_name: str, data: bytes, encoding: str | None
) -> Iterator[tuple[int, list[object]]]:
    text = _decode(file_name, data, encoding)
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count) if first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, [_unguard(c) for c in cells]
    except csv.Error as exc:
        raise _file_error(
            file_name,
            _("%(file)s cannot be read as CSV at row %(row)d: %(error)s.")
            % {"file": file_name, "row": number + 1, "error": exc},
        ) from exc


def _unguard(cell: str) -> str:
    """Undo the quote that the export puts before a cell that a spreadsheet would
    otherwise run as a formula."""
    if cell.startswith("'") and cell[1:2] in _FORMULA_START and cell[1:2]:
        return cell[1:]
    return cell


ENCODING_NAMES = {"cp874": "Windows-874 (TIS-620)", "cp932": "Shift_JIS (Windows-31J)"}


def _decode(file_name: str, data: bytes, encoding: str | None) -> str:
    if encoding:
        try:
            return data.decode(encoding).lstrip("\ufeff")
        except LookupError:
            raise _file_error(
                file_name, _("%(encoding)s is not a known text encoding.") % {"encoding": encoding}
            ) from None
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


def _not_text(file_name: str, data: bytes, position: int, encoding: str) -> SpreadsheetImportError:
    values = {
        "file": file_name,
        "encoding": encoding,
        "byte": f"{data[position]:02X}",
        "position": position,
        "line": data[:position].count(b"\n") + 1,
    }
    message = (
        _(
            "%(file)s is not %(encoding)s text: the byte 0x%(byte)s at byte offset %(position)d "
            "(line %(line)d) cannot be read. In Excel, save the file as “CSV UTF-8 (Comma delimited)” "
            "and import it again."
        )
        % values
    )
    guess = _guess_encoding(data) if encoding == "UTF-8" else ""
    if guess == "cp874":
        message += " " + _("The file looks like Thai text saved as Windows-874 (TIS-620).")
    elif guess == "cp932":
        message += " " + _("The file looks like Japanese text saved as Shift_JIS.")
    return _file_error(file_name, message, encoding_guess=guess)


def _guess_encoding(data: bytes) -> str:
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


# ---------------------------------------------------------------------------
# Headers


def headers_map(table: Table) -> tuple[dict[str, int], list[Problem]]:
    """Column key -> index in the table, and the problems of the header row."""
    found: dict[str, int] = {}
    problems: list[Problem] = []
    row = table.header_row
    width = max([len(table.headers), *(len(cells) for _, cells in table.rows)])
    for index in range(width):
        header = table.headers[index] if index < len(table.headers) else ""
        if not header:
            filled = next(
                (n for n, cells in table.rows if index < len(cells) and _text(cells[index])), None
            )
            if filled is not None:
                problems.append(
                    Problem(
                        row,
                        "",
                        "",
                        _(
                            "Column %(letter)s has values (first in row %(row)d) but no header. Write its header in row %(header_row)d or delete the column."
                        )
                        % {"letter": _column_letter(index), "row": filled, "header_row": row},
                    )
                )
            continue
        key = HEADER_ALIASES.get(header_key(header))
        if key is None:
            problems.append(
                Problem(
                    row,
                    "",
                    "",
                    _(
                        "The column “%(header)s” is not known. Accepted columns are %(accepted)s, or their Thai, Japanese or English headers (see docs/import.md)."
                    )
                    % {"header": header, "accepted": ", ".join(c.key for c in COLUMNS)},
                )
            )
        elif key in found:
            problems.append(
                Problem(
                    row,
                    "",
                    "",
                    _(
                        "The columns “%(first)s” and “%(second)s” both mean %(key)s; keep only one of them."
                    )
                    % {"first": table.headers[found[key]], "second": header, "key": key},
                )
            )
        else:
            found[key] = index
    for key in REQUIRED:
        if key in found:
            continue
        accepted = ", ".join(f"“{h}”" for h in COLUMNS_BY_KEY[key].accepted())
        if key == "external_id":
            message = _(
                "The required column external_id is missing. It holds a stable identifier of each organisation, "
                "so that importing the file again updates the organisations instead of adding them twice. "
                "Its header can be written as %(accepted)s."
            ) % {"accepted": accepted}
        else:
            message = _(
                "The required column %(key)s is missing. Its header can be written as %(accepted)s."
            ) % {
                "key": key,
                "accepted": accepted,
            }
        problems.append(Problem(row, "", "", message))
    return found, problems


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# ---------------------------------------------------------------------------
# Reference data lookups


class Lookup:
    """Finds reference objects by code or by any of their names."""

    def __init__(self, objects: Iterable, names: Callable[[object], Iterable[str]], variants=None):
        self.variants = variants or (lambda key: [key])
        self.index: dict[str, list] = {}
        self.objects = list(objects)
        for obj in self.objects:
            for name in names(obj):
                for key in self.variants(name_key(name)):
                    if key:
                        entries = self.index.setdefault(key, [])
                        if obj not in entries:
                            entries.append(obj)

    def find(self, text: str) -> list:
        for key in self.variants(name_key(text)):
            if key in self.index:
                return self.index[key]
        return []

    def unique(self, text: str, obj) -> bool:
        return self.find(text) == [obj]

    def suggestion(self, text: str) -> str:
        close = difflib.get_close_matches(name_key(text), list(self.index), n=1, cutoff=0.75)
        return close[0] if close else ""


def _labels(obj) -> list[str]:
    return [obj.code, obj.label_th, obj.label_ja, obj.label_en]


def _synonyms(concept: Concept) -> list[str]:
    value = concept.synonyms or {}
    items = value.values() if isinstance(value, dict) else [value]
    out = []
    for item in items:
        out.extend([item] if isinstance(item, str) else list(item))
    return out


def _choice_names(names: dict[str, dict], choices) -> Callable[[str], list[str]]:
    labels = dict(choices)

    def of(code: str) -> list[str]:
        translated = []
        for lang in LANGUAGES:
            with translation.override(lang):
                translated.append(str(labels[code]))
        entry = names[code]
        return [code, entry["en"], entry["th"], entry["ja"], *entry["more"], *translated]

    return of


def _province_variants(key: str) -> list[str]:
    out = [key]
    for prefix in ("จังหวัด", "จ."):
        if key.startswith(prefix):
            out.append(key.removeprefix(prefix).strip())
    for suffix in (" province", "県", "都"):
        if key.endswith(suffix):
            out.append(key.removesuffix(suffix).strip())
    return out


def _group_variants(key: str) -> list[str]:
    out = [key]
    short = (
        key.removeprefix("กลุ่มอุตสาหกรรม").removesuffix(" industry club").removesuffix("部会").strip()
    )
    if short and short != key:
        out.append(short)
    return out


def _country_variants(key: str) -> list[str]:
    return [key, key.removeprefix("ประเทศ").strip()] if key.startswith("ประเทศ") else [key]


COUNTRY_ALIASES = {
    "TH": ("ประเทศไทย", "Kingdom of Thailand", "タイ王国", "THA"),
    "JP": ("日本国", "Nippon", "JPN"),
    "VN": ("Viet Nam", "VNM"),
    "LA": ("Lao PDR", "Lao People's Democratic Republic", "Laos", "LAO"),
    "MM": ("Burma", "MMR"),
    "KH": ("Kampuchea", "KHM"),
    "US": ("USA", "United States of America"),
    "GB": ("UK", "United Kingdom"),
    "KR": ("South Korea", "Korea", "Republic of Korea"),
}
PROVINCE_ALIASES = {"TH-10": ("กรุงเทพฯ", "กรุงเทพ", "กทม", "กทม.", "Krung Thep")}


class Reference:
    """All lookups an import or export needs, loaded once."""

    def __init__(self) -> None:
        self.countries = Lookup(
            Country.objects.all(),
            lambda c: [*_labels(c), *COUNTRY_ALIASES.get(c.code, ())],
            _country_variants,
        )
        self.groups = Lookup(IndustryGroup.objects.all(), _labels, _group_variants)
        self.concepts = Lookup(Concept.objects.all(), lambda c: [*_labels(c), *_synonyms(c)])
        self.provinces = Lookup(
            Province.objects.all(),
            lambda p: [*_labels(p), *PROVINCE_ALIASES.get(p.code, ())],
            _province_variants,
        )
        self.kinds = Lookup(
            OrganisationKind.values, _choice_names(KIND_NAMES, OrganisationKind.choices)
        )
        self.sizes = Lookup(
            OrganisationSize.values, _choice_names(SIZE_NAMES, OrganisationSize.choices)
        )
        self.languages = Lookup(
            LANGUAGES,
            lambda code: [
                code,
                *(v for k, v in LANGUAGE_NAMES[code].items() if k != "more"),
                *LANGUAGE_NAMES[code]["more"],
            ],
        )
        self.yes_no = Lookup([True, False], lambda v: YES_WORDS if v else NO_WORDS)


# ---------------------------------------------------------------------------
# Rows

NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"
M2M_KEYS = ("technologies_offered", "technologies_needed", "countries_served")
FK_KEYS = ("country", "industry_group", "province")
FIELD_OF = {"region": "region_text"}  # column key -> model field, where they differ
CONSENT_KEYS = {
    "consent_programme": ConsentPurpose.PROGRAMME,
    "consent_matching": ConsentPurpose.MATCHING,
}
_LIST_SPLIT = re.compile(r"[;；、\n]")


class _Bad(Exception):
    def __init__(self, message: str, value: str | None = None):
        super().__init__(message)
        self.message = message
        self.value = value
        self.more: list[_Bad] = []  # further bad items of the same list cell


@dataclass
class RowPlan:
    """What importing one row does."""

    row: int
    external_id: str
    name: str
    action: str = NEW
    changed: list[str] = field(default_factory=list)  # column keys whose value changes
    values: dict[str, object] = field(default_factory=dict)
    contact: dict[str, object] | None = None
    organisation: Organisation | None = None
    # the description's language when the file has no column for it: written for
    # new organisations and where none is recorded, never over an officer's choice
    detected_language: str = ""


@dataclass
class ImportPreview:
    file_name: str
    headers: dict[str, str] = field(default_factory=dict)  # key -> header as written
    rows: list[RowPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    encoding_guess: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def new(self) -> int:
        return self.count(NEW)

    @property
    def updated(self) -> int:
        return self.count(UPDATED)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)


def _max_length(name: str, model=Organisation) -> int:
    return model._meta.get_field(name).max_length


# Reasons for a value that is not in a list, translated only when a row fails.
UNKNOWN_KIND = gettext_lazy(
    "“%(value)s” is not a kind of organisation. Write one of: %(accepted)s."
)
UNKNOWN_SIZE = gettext_lazy("“%(value)s” is not a size. Write one of: %(accepted)s.")
UNKNOWN_GROUP = gettext_lazy(
    "“%(value)s” is not one of the industry groups. Write a code or a Thai, Japanese or English name from the list of industry groups: %(accepted)s."
)
UNKNOWN_PROVINCE = gettext_lazy(
    "“%(value)s” is not a Thai province. Write its ISO code (such as TH-20) or its name in Thai, Japanese or English."
)
UNKNOWN_TECHNOLOGY = gettext_lazy(
    "“%(value)s” is not a technology of the Kizuna taxonomy. Write a code, or a Thai, Japanese or English name or synonym, from the list of technologies on the import page (also in docs/import.md)."
)
NOT_YES_OR_NO = gettext_lazy(
    "“%(value)s” is not yes or no. Write yes or no (ใช่ or ไม่, はい or いいえ), or leave the cell empty when consent was not asked."
)
UNKNOWN_COUNTRY = gettext_lazy(
    "“%(value)s” is not a known country. Write its two-letter ISO code (TH, JP, VN …) or its name in Thai, Japanese or English."
)
UNKNOWN_LANGUAGE = gettext_lazy(
    "“%(value)s” is not one of the languages th, ja and en (Thai, Japanese, English)."
)


class _RowReader:
    """Turns the cells of one row into values, raising _Bad with a reason."""

    def __init__(self, ref: Reference):
        self.ref = ref
        self.url = URLValidator()
        self.email = EmailValidator()
        self.this_year = timezone.localdate().year

    # single values -------------------------------------------------------
    def text(self, raw, *, limit: int, required: bool = False) -> str:
        value = _text(raw)
        if required and not value:
            raise _Bad(_("This column is required and the cell is empty."))
        if len(value) > limit:
            raise _Bad(
                _("This text has %(length)d characters; at most %(max)d are allowed.")
                % {"length": len(value), "max": limit}
            )
        return value

    def one(self, lookup: Lookup, text: str, unknown, *, accepted: str = ""):
        found = lookup.find(text)
        if len(found) == 1:
            return found[0]
        if found:
            codes = ", ".join(getattr(o, "code", str(o)) for o in found)
            raise _Bad(
                _("“%(value)s” could mean several entries (%(codes)s); write the code instead.")
                % {"value": text, "codes": codes},
                text,
            )
        message = str(unknown) % {"value": text, "accepted": accepted}
        suggestion = lookup.suggestion(text)
        if suggestion:
            message += " " + _("Did you mean “%(suggestion)s”?") % {"suggestion": suggestion}
        raise _Bad(message, text)

    def many(self, lookup: Lookup, raw, unknown) -> list:
        out, bad = [], []
        for part in _LIST_SPLIT.split(_text(raw)):
            part = part.strip()
            if not part:
                continue
            try:
                obj = self.one(lookup, part, unknown)
            except _Bad as exc:
                bad.append(exc)
                continue
            if obj not in out:
                out.append(obj)
        if bad:
            first = bad[0]
            first.more = bad[1:]
            raise first
        return out

    def kind(self, raw):
        text = self.text(raw, limit=200, required=True)
        return self.one(
            self.ref.kinds,
            text,
            UNKNOWN_KIND,
            accepted=_choice_list(KIND_NAMES),
        )

    def size(self, raw):
        text = _text(raw)
        if not text:
            return ""
        return self.one(
            self.ref.sizes,
            text,
            UNKNOWN_SIZE,
            accepted=_choice_list(SIZE_NAMES),
        )

    def country(self, raw, *, required: bool = True):
        text = self.text(raw, limit=200, required=required)
        return self.one(self.ref.countries, text, UNKNOWN_COUNTRY) if text else None

    def language(self, raw) -> str:
        text = _text(raw)
        return self.one(self.ref.languages, text, UNKNOWN_LANGUAGE) if text else ""

    def industry_group(self, raw):
        text = _text(raw)
        if not text:
            return None
        return self.one(
            self.ref.groups,
            text,
            UNKNOWN_GROUP,
            accepted=", ".join(g.code for g in self.ref.groups.objects),
        )

    def province(self, raw):
        text = _text(raw)
        if not text:
            return None
        return self.one(
            self.ref.provinces,
            text,
            UNKNOWN_PROVINCE,
        )

    def technologies(self, raw) -> list:
        return self.many(
            self.ref.concepts,
            raw,
            UNKNOWN_TECHNOLOGY,
        )

    def countries(self, raw) -> list:
        return self.many(self.ref.countries, raw, UNKNOWN_COUNTRY)

    def languages(self, raw) -> list[str]:
        return self.many(self.ref.languages, raw, UNKNOWN_LANGUAGE)

    def website(self, raw) -> str:
        value = self.text(raw, limit=_max_length("website"))
        if not value:
            return ""
        if "://" not in value:
            value = "https://" + value
        try:
            self.url(value)
        except ValidationError:
            raise _Bad(
                _("“%(value)s” is not a web address such as https://www.example.co.th.")
                % {"value": _text(raw)}
            ) from None
        return value

    def registration_number(self, raw, country) -> str:
        value = identifiers.clean(_text(raw))
        if not value:
            return ""
        if (
            isinstance(raw, int | float)
            and country is not None
            and country.code == "TH"
            and len(value) == 12
        ):
            value = "0" + value  # Excel dropped the leading zero of a number cell
        if len(value) > _max_length("registration_number"):
            raise _Bad(
                _("A registration number has at most %(max)d characters.")
                % {"max": _max_length("registration_number")}
            )
        if country is not None:
            problem = identifiers.check(country.code, value)
            if problem is not None:
                raise _Bad(str(registration_problem_message(country.code, problem)))
        return value

    def founded(self, raw) -> int | None:
        text = _text(raw)
        if not text:
            return None
        try:
            if isinstance(raw, dt.date):
                year = parse_year(raw.year)
            elif re.fullmatch(r"\d{4}", _year_digits(text)):
                year = parse_year(int(_year_digits(text)))
            else:
                year = parse_date(text).year
        except (YearError, ValueError):
            raise _Bad(
                _(
                    "“%(value)s” is not a year. Write a year such as 2018, or 2561 in the Buddhist Era."
                )
                % {"value": text}
            ) from None
        if year > self.this_year:
            raise _Bad(_("The year %(year)d is in the future.") % {"year": year})
        return year

    def email_address(self, raw) -> str:
        value = self.text(raw, limit=_max_length("email", ContactPerson))
        if value:
            try:
                self.email(value)
            except ValidationError:
                raise _Bad(_("“%(value)s” is not an e-mail address.") % {"value": value}) from None
        return value

    def consent(self, raw) -> bool | None:
        text = _text(raw)
        if not text:
            return None
        return self.one(
            self.ref.yes_no,
            text,
            NOT_YES_OR_NO,
        )


def _choice_list(names: dict[str, dict]) -> str:
    return ", ".join(names)


_ERA = re.compile(
    r"^(พ\.?\s?ศ\.?|ค\.?\s?ศ\.?|b\.?\s?e\.?|c\.?\s?e\.?|a\.?\s?d\.?|西暦|仏暦)\s*|\s*(年|b\.?e\.?|c\.?e\.?)$",
    re.I,
)


def _year_digits(text: str) -> str:
    return _ERA.sub("", unicodedata.normalize("NFKC", text).strip()).strip()


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def organisations_import_preview(
    *, file_name: str, data: bytes, encoding: str | None = None
) -> ImportPreview:
    """What importing the file would do, row by row, or every problem it has.
    Writes nothing."""
    try:
        table = table_read(file_name, data, encoding=encoding)
    except SpreadsheetImportError as exc:
        return ImportPreview(file_name, problems=exc.problems, encoding_guess=exc.encoding_guess)
    return _table_preview(table)


def _table_preview(table: Table) -> ImportPreview:
    file_name = table.file_name
    columns, problems = headers_map(table)
    preview = ImportPreview(
        file_name, {k: table.headers[i] for k, i in columns.items()}, problems=problems
    )
    if problems:
        return preview
    reader = _RowReader(Reference())
    seen: dict[str, int] = {}
    id_index = columns["external_id"]
    for number, cells in table.rows:
        plan = _row_read(preview, reader, columns, number, cells)
        external_id = _text(cells[id_index]) if id_index < len(cells) else ""
        if external_id and external_id in seen:
            preview.problems.append(
                Problem(
                    number,
                    preview.headers["external_id"],
                    external_id,
                    _(
                        "The external id %(id)s is also used in row %(first)d; each organisation must appear only once in a file."
                    )
                    % {"id": external_id, "first": seen[external_id]},
                )
            )
            continue
        seen.setdefault(external_id, number)
        if plan is not None:
            preview.rows.append(plan)
    if not preview.problems:
        _compare(preview)
    return preview


def _row_read(
    preview: ImportPreview, reader: _RowReader, columns: dict[str, int], number: int, cells: list
) -> RowPlan | None:
    values: dict[str, object] = {}
    contact: dict[str, object] = {}
    bad = False

    def cell(key):
        index = columns[key]
        return cells[index] if index < len(cells) else ""

    for column in COLUMNS:
        key = column.key
        if key not in columns:
            continue
        raw = cell(key)
        try:
            if key in ("external_id", "name"):
                value = reader.text(raw, limit=_max_length(key), required=True)
            elif key in ("name_th", "name_ja", "name_en", "description"):
                value = reader.text(raw, limit=_max_length(key) or 100_000)
            elif key == "region":
                value = reader.text(raw, limit=_max_length("region_text"))
            elif key == "kind":
                value = reader.kind(raw)
            elif key == "size":
                value = reader.size(raw)
            elif key == "country":
                value = reader.country(raw)
            elif key in ("languages",):
                value = reader.languages(raw)
            elif key == "industry_group":
                value = reader.industry_group(raw)
            elif key in ("technologies_offered", "technologies_needed"):
                value = reader.technologies(raw)
            elif key == "province":
                value = reader.province(raw)
            elif key == "countries_served":
                value = reader.countries(raw)
            elif key == "website":
                value = reader.website(raw)
            elif key == "description_language":
                value = reader.language(raw)
            elif key == "registration_number":
                value = reader.registration_number(raw, values.get("country"))
            elif key == "founded":
                value = reader.founded(raw)
            elif key == "contact_name":
                value = reader.text(raw, limit=_max_length("name", ContactPerson))
            elif key == "contact_title":
                value = reader.text(raw, limit=_max_length("title", ContactPerson))
            elif key == "contact_email":
                value = reader.email_address(raw)
            elif key == "contact_phone":
                value = reader.text(raw, limit=_max_length("phone", ContactPerson))
            elif key == "contact_language":
                value = reader.language(raw)
            else:  # consents
                value = reader.consent(raw)
        except _Bad as exc:
            for each in (exc, *exc.more):
                value = each.value if each.value is not None else _text(raw)
                preview.problems.append(Problem(number, preview.headers[key], value, each.message))
            bad = True
            continue
        if key in CONTACT_KEYS:
            contact[key] = value
        else:
            values[key] = value
    if "region" in values and "province" not in columns and values["region"]:
        # Without a province column, a region that names a Thai province is that province.
        found = reader.ref.provinces.find(str(values["region"]))
        if len(found) == 1:
            values["province"], values["region"] = found[0], ""
    detected = ""
    if values.get("description") and not values.get("description_language"):
        detected = detect_language(str(values["description"]))
        if "description_language" in columns:  # the cell is empty: say what it is
            values["description_language"] = detected
    if any(v not in ("", None) for v in contact.values()):
        if not contact.get("contact_name"):
            key = (
                "contact_name"
                if "contact_name" in columns
                else next(k for k in CONTACT_KEYS if k in columns)
            )
            preview.problems.append(
                Problem(
                    number,
                    preview.headers[key],
                    _text(cell(key)),
                    _(
                        "A contact person needs a name when other contact columns of the row are filled."
                    ),
                )
            )
            bad = True
    else:
        contact = {}
    if bad:
        return None
    return RowPlan(
        number,
        str(values["external_id"]),
        str(values["name"]),
        values=values,
        contact=contact or None,
        detected_language=detected,
    )


def _compare(preview: ImportPreview) -> None:
    """Sets each row's action and changed columns against the database.

    Related ids are read as plain (organisation, related) pairs rather than
    prefetched objects: comparing thousands of rows then costs a few queries."""
    ids = [r.external_id for r in preview.rows]
    with_contacts = any(r.contact for r in preview.rows)
    existing: dict[str, Organisation] = {}
    for chunk in _chunks(ids):
        qs = Organisation.objects.filter(external_id__in=chunk)
        if with_contacts:
            qs = qs.prefetch_related("contacts__consents")
        for org in qs:
            existing[org.external_id] = org
    related = {
        key: _related_ids(key, [o.pk for o in existing.values()])
        for key in M2M_KEYS
        if key in preview.headers
    }
    for plan in preview.rows:
        org = existing.get(plan.external_id)
        if plan.detected_language and (org is None or not org.description_language):
            plan.values["description_language"] = plan.detected_language
        if org is None:
            plan.action = NEW
            plan.changed = [k for k in plan.values if k != "external_id"]
            continue
        plan.organisation = org
        plan.changed = [
            k
            for k, v in plan.values.items()
            if (sorted(related[k].get(org.pk, [])) if k in M2M_KEYS else _current(org, k))
            != _comparable(k, v)
        ]
        if plan.contact and _contact_changes(org, plan.contact):
            plan.changed.append("contact")
        plan.action = UPDATED if plan.changed else UNCHANGED


def _related_ids(key: str, pks: list[int]) -> dict[int, list[int]]:
    relation = Organisation._meta.get_field(key)
    through = relation.remote_field.through
    source, target = f"{relation.m2m_field_name()}_id", f"{relation.m2m_reverse_field_name()}_id"
    found: dict[int, list[int]] = {}
    for chunk in _chunks(pks):
        for org_id, other_id in through.objects.filter(**{f"{source}__in": chunk}).values_list(
            source, target
        ):
            found.setdefault(org_id, []).append(other_id)
    return found


def _comparable(key: str, value):
    if key in M2M_KEYS:
        return sorted(o.pk for o in value)
    if key in FK_KEYS:
        return value.pk if value is not None else None
    return value


def _current(org: Organisation, key: str):
    if key in FK_KEYS:
        return getattr(org, f"{key}_id")
    return getattr(org, FIELD_OF.get(key, key))


def _contact_of(org: Organisation, contact: dict) -> ContactPerson | None:
    email = str(contact.get("contact_email") or "").casefold()
    for person in org.contacts.all():
        if (email and person.email.casefold() == email) or (
            not email and person.name == contact["contact_name"]
        ):
            return person
    return None


_CONTACT_FIELDS = {
    "contact_name": "name",
    "contact_title": "title",
    "contact_email": "email",
    "contact_phone": "phone",
    "contact_language": "language",
}


def _contact_changes(org: Organisation, contact: dict) -> bool:
    person = _contact_of(org, contact)
    if person is None:
        return True
    for key, attr in _CONTACT_FIELDS.items():
        if (
            key in contact
            and contact[key] not in ("", None)
            and getattr(person, attr) != contact[key]
        ):
            return True
        if (
            key in contact
            and key in ("contact_title", "contact_phone")
            and getattr(person, attr) != contact[key]
        ):
            return True
    granted = {c.purpose: c.granted for c in person.consents.all()}
    return any(
        contact.get(k) is not None and granted.get(p) != contact[k] for k, p in CONSENT_KEYS.items()
    )


# ---------------------------------------------------------------------------
# Writing


@dataclass
class ImportResult:
    file_name: str
    new: int
    updated: int
    unchanged: int
    organisations: list[Organisation]


Progress = Callable[[int, str], None]


def organisations_import(
    *,
    file_name: str,
    data: bytes,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import the organisations of a CSV or XLSX file, all or nothing.

    Rows are matched on external_id: a known id updates that organisation (only the
    columns present in the file; technologies and countries served are replaced),
    a new id creates one. Raises SpreadsheetImportError, having written nothing,
    when any row has a problem. Side effects: organisations, their technologies,
    countries served, contact persons and consents are written, and the search
    index of every new or changed organisation is rebuilt.

    `progress(percent, message)`, when given, is called with increasing percents
    (0 to under 95) as the work goes on: once before the rows are checked, then between
    the batches that are written; the caller says when it is done.
    """
    with transaction.atomic():
        if progress is not None:
            progress(0, _("Checking the rows of the file."))
        preview = organisations_import_preview(file_name=file_name, data=data, encoding=encoding)
        if preview.problems:
            raise SpreadsheetImportError(
                file_name, preview.problems, encoding_guess=preview.encoding_guess
            )
        changed = _apply(preview, progress=progress)
    return ImportResult(file_name, preview.new, preview.updated, preview.unchanged, changed)


def import_records(records: Iterable[Mapping[str, object]], *, source: str) -> ImportResult:
    """Import organisations given as dicts keyed by the column keys (the demo data,
    other systems' exports), exactly as a spreadsheet with those columns would be:
    the same checks, all or nothing, updates by external_id.

    A value is what a cell would hold; lists stand for `;`-separated lists and None
    for an empty cell. Keys that are not columns (a programme, a role) are ignored.
    Problems name `source` and the record's number (the first record is 1).
    """
    records = list(records)
    if not records:
        return ImportResult(source, 0, 0, 0, [])
    keys = [c.key for c in COLUMNS if any(c.key in r for r in records)]
    rows = [
        (number, [_record_cell(r.get(k)) for k in keys])
        for number, r in enumerate(records, start=1)
    ]
    with transaction.atomic():
        preview = _table_preview(Table(source, 0, keys, rows))
        if preview.problems:
            raise SpreadsheetImportError(source, preview.problems)
        changed = _apply(preview)
    return ImportResult(source, preview.new, preview.updated, preview.unchanged, changed)


def _record_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, list | tuple | set):
        return "; ".join(_text(v) for v in value)
    return value.strip() if isinstance(value, str) else value


def _assign(org: Organisation, values: dict[str, object]) -> None:
    for key, value in values.items():
        if key not in M2M_KEYS:
            setattr(org, FIELD_OF.get(key, key), value)


def _apply(preview: ImportPreview, *, progress: Progress | None = None) -> list[Organisation]:
    """Write the planned rows. Percents given to `progress`: 20 once the rows are
    checked, rising to 35 as organisations are written, to 55 as contact persons
    are, and on towards 95 as the search index is rebuilt (measured on 10,000 rows:
    checking ~1 s, writing ~3 s, indexing ~7 s)."""
    total = len(preview.rows)
    step = _Steps(progress, total)
    step(20)
    now = timezone.now()
    created, updated = [], []
    for plan in preview.rows:
        if plan.action == NEW:
            plan.organisation = Organisation()
            _assign(plan.organisation, plan.values)
            created.append(plan.organisation)
        elif plan.action == UPDATED:
            _assign(plan.organisation, {k: v for k, v in plan.values.items() if k in plan.changed})
            plan.organisation.updated = now
            updated.append(plan.organisation)
    for start, chunk in _numbered_chunks(created):
        Organisation.objects.bulk_create(chunk, batch_size=500)
        step(20 + 10 * (start + len(chunk)) // len(created), start + len(chunk))
    if created and created[0].pk is None:  # a database that does not return ids from bulk inserts
        pks = dict(
            Organisation.objects.filter(
                external_id__in=[o.external_id for o in created]
            ).values_list("external_id", "pk")
        )
        for org in created:
            org.pk = org.id = pks[org.external_id]
    fields = sorted(
        {
            FIELD_OF.get(k, k)
            for p in preview.rows
            if p.action == UPDATED
            for k in p.changed
            if k not in M2M_KEYS and k != "contact"
        }
    )
    for start, chunk in _numbered_chunks(updated):
        Organisation.objects.bulk_update(chunk, [*fields, "updated"], batch_size=500)
        step(30 + 5 * (start + len(chunk)) // len(updated), len(created) + start + len(chunk))

    for key in M2M_KEYS:
        plans = [
            p for p in preview.rows if key in p.values and (p.action == NEW or key in p.changed)
        ]
        if not plans:
            continue
        relation = Organisation._meta.get_field(key)
        through = relation.remote_field.through
        source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        replaced = [p.organisation.pk for p in plans if p.action == UPDATED]
        for chunk in _chunks(replaced):
            through.objects.filter(**{f"{source}_id__in": chunk}).delete()
        through.objects.bulk_create(
            [
                through(**{f"{source}_id": p.organisation.pk, f"{target}_id": obj.pk})
                for p in plans
                for obj in p.values[key]
            ],
            batch_size=1000,
        )

    for number, plan in enumerate(preview.rows, start=1):
        if plan.contact and (plan.action == NEW or "contact" in plan.changed):
            _contact_save(
                plan.organisation, plan.contact, source=f"import {preview.file_name}"[:100]
            )
        if number % 500 == 0:
            step(35 + 20 * number // total, number)

    changed = created + updated
    for org in changed:
        getattr(org, "_prefetched_objects_cache", {}).clear()
    for start, chunk in _numbered_chunks(changed, INDEX_BATCH):
        if progress is not None:
            progress(55 + 40 * start // len(changed), _("Updating the search index."))
        organisations_index(chunk)
    return changed


INDEX_BATCH = 2000  # organisations indexed between two progress reports


def _numbered_chunks(items: list, size: int = 500) -> Iterator[tuple[int, list]]:
    for start in range(0, len(items), size):
        yield start, items[start : start + size]


class _Steps:
    """Calls `progress` with a percent that never goes down and a sentence saying
    how many of the file's organisations are written."""

    def __init__(self, progress: Progress | None, total: int):
        self.progress, self.total, self.last = progress, total, -1

    def __call__(self, percent: int, written: int = 0) -> None:
        if self.progress is None or percent < self.last:
            return
        self.last = percent
        self.progress(
            percent,
            _("%(done)d of %(total)d organisations written.")
            % {"done": written, "total": self.total},
        )


def _contact_save(org: Organisation, contact: dict, *, source: str) -> None:
    person = (
        _contact_of(org, contact)
        if org.pk
        and hasattr(org, "_prefetched_objects_cache")
        and "contacts" in org._prefetched_objects_cache
        else None
    )
    if person is None:
        email = str(contact.get("contact_email") or "")
        qs = ContactPerson.objects.filter(organisation=org)
        person = (
            qs.filter(email__iexact=email) if email else qs.filter(name=contact["contact_name"])
        ).first()
    person = person or ContactPerson(organisation=org)
    for key, attr in _CONTACT_FIELDS.items():
        if key in contact and (
            contact[key] not in ("", None) or key in ("contact_title", "contact_phone")
        ):
            setattr(person, attr, contact[key])
    person.save()
    for key, purpose in CONSENT_KEYS.items():
        if contact.get(key) is not None:
            Consent.objects.update_or_create(
                contact=person,
                purpose=purpose,
                defaults={"granted": contact[key], "source": source},
            )
