"""Reading spreadsheet files: encodings, formats, headers, and the clear errors a
file that cannot be read gets (nothing is written in any of these cases)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from kizuna.common.tables import header_key
from kizuna.organisations.imports.apply import organisations_import
from kizuna.organisations.imports.columns import COLUMNS, HEADER_ALIASES
from kizuna.organisations.imports.files import Problem, SpreadsheetImportError
from kizuna.organisations.imports.preview import organisations_import_preview
from kizuna.organisations.models import Organisation

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
HEADER = ["external_id", "kind", "name", "country"]


def preview_of(name: str, data: bytes, **kwargs):
    return organisations_import_preview(file_name=name, data=data, **kwargs)


def test_every_accepted_header_maps_to_one_column_only():
    for column in COLUMNS:
        for header in column.accepted():
            assert HEADER_ALIASES[header_key(header)] == column.key


def test_header_matching_ignores_case_spaces_and_full_width_characters():
    assert header_key("ＥＸＴＥＲＮＡＬ　ＩＤ") == header_key("external_id") == header_key(" External Id ")
    assert HEADER_ALIASES[header_key("名称（タイ語）")] == "name_th"
    assert HEADER_ALIASES[header_key("名称(タイ語)")] == "name_th"


def test_utf8_with_and_without_bom_and_semicolons_are_read(make_csv):
    rows = [HEADER, ["A-1", "company", "สยามพาร์ท", "TH"]]
    for data in (make_csv(rows), make_csv(rows, bom=True), make_csv(rows, delimiter=";")):
        preview = preview_of("a.csv", data)
        assert preview.problems == []
        assert [(r.external_id, r.name) for r in preview.rows] == [("A-1", "สยามพาร์ท")]


def test_utf16_text_from_excel_is_read():
    text = "\t".join(HEADER) + "\r\n" + "\t".join(["A-1", "company", "小島プレス", "JP"]) + "\r\n"
    for data in (codecs.BOM_UTF16_LE + text.encode("utf-16-le"), text.encode("utf-16-le")):
        preview = preview_of("a.txt", data)
        assert preview.problems == []
        assert [r.name for r in preview.rows] == ["小島プレス"]


def test_thai_windows_csv_is_refused_with_byte_position_and_the_way_out():
    data = (DATA / "thai-windows-874.csv").read_bytes()
    preview = preview_of("members.csv", data)
    assert data[46:47] == "บ".encode("cp874")  # the first letter of บริษัท, after 46 ASCII bytes
    assert preview.rows == []
    assert preview.problems == [
        Problem(
            None,
            "",
            "",
            "members.csv is not UTF-8 text: the byte 0xBA at byte offset 46 (line 2) "
            "cannot be read. In Excel, save the file as “CSV UTF-8 (Comma delimited)” and import it again. "
            "The file looks like Thai text saved as Windows-874 (TIS-620).",
        )
    ]
    assert preview.encoding_guess == "cp874"


def test_thai_windows_csv_is_read_when_its_encoding_is_named():
    preview = preview_of("members.csv", (DATA / "thai-windows-874.csv").read_bytes(), encoding="cp874")
    assert preview.problems == []
    assert [r.name for r in preview.rows] == ["บริษัท สยามออโตพาร์ท จำกัด"]


def test_shift_jis_csv_is_refused_and_named():
    data = "\n".join([",".join(HEADER), "J-1,company,小島プレス工業,JP"]).encode("cp932")
    (problem,) = preview_of("jp.csv", data).problems
    assert problem.message.startswith("jp.csv is not UTF-8 text: the byte 0x8F at byte offset 42 (line 2)")
    assert problem.message.endswith("The file looks like Japanese text saved as Shift_JIS.")


def test_damaged_workbook_gets_a_clear_error():
    (problem,) = preview_of("members.xlsx", (DATA / "damaged.xlsx").read_bytes()).problems
    assert problem.row is None
    assert problem.message == (
        "members.xlsx cannot be read as an Excel workbook (.xlsx): it is damaged, protected by a password, "
        "or not a workbook (BadZipFile). Open it in Excel and save it again as .xlsx or as “CSV UTF-8 (Comma delimited)”."
    )


def test_a_text_file_named_xlsx_is_not_taken_for_a_workbook(make_csv):
    (problem,) = preview_of("members.xlsx", make_csv([HEADER])).problems
    assert "members.xlsx cannot be read as an Excel workbook (.xlsx)" in problem.message


def test_old_excel_format_is_refused():
    (problem,) = preview_of("members.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100).problems
    assert problem.message == (
        "members.xls is an old Excel 97-2003 workbook (.xls). Open it in Excel and save it as an Excel workbook "
        "(.xlsx) or as “CSV UTF-8 (Comma delimited)”, then import it again."
    )


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b",,,\r\n"])
def test_empty_file_is_refused(data):
    assert [p.message for p in preview_of("empty.csv", data).problems] == [
        "empty.csv is empty. The first row must hold the column headers and each further row one organisation."
    ]


def test_header_only_file_is_refused(make_csv, make_xlsx):
    assert [p.message for p in preview_of("h.csv", make_csv([HEADER])).problems] == [
        "h.csv has a header row but no organisations below it."
    ]
    assert [p.message for p in preview_of("h.xlsx", make_xlsx([HEADER, [None, None]])).problems] == [
        "h.xlsx has a header row but no organisations below it."
    ]


def test_missing_external_id_column_explains_why_it_is_required(make_csv):
    (problem,) = preview_of("a.csv", make_csv([["kind", "name", "country"], ["company", "X", "TH"]])).problems
    assert problem.row == 1
    assert problem.message == (
        "The required column external_id is missing. It holds a stable identifier of each organisation, so that "
        "importing the file again updates the organisations instead of adding them twice. Its header can be written "
        "as “external_id”, “External ID”, “รหัสอ้างอิง”, “外部ID”, “รหัสภายนอก”, “外部コード”, “External identifier”."
    )


def test_missing_required_columns_are_each_listed_with_accepted_headers(make_csv):
    problems = preview_of("a.csv", make_csv([["external_id", "name"], ["A-1", "X"]])).problems
    assert [p.line("a.csv") for p in problems] == [
        "a.csv:1: The required column kind is missing. Its header can be written as “kind”, “Kind”, “ประเภท”, "
        "“種別”, “Type”, “ประเภทองค์กร”, “組織種別”, “区分”.",
        "a.csv:1: The required column country is missing. Its header can be written as “country”, “Country”, "
        "“ประเทศ”, “国”, “国名”, “所在国”.",
    ]


def test_unknown_and_doubled_columns_are_refused_not_dropped(make_csv):
    rows = [[*HEADER, "technolgies", "Name"], ["A-1", "company", "X", "TH", "iot", "Y"]]
    messages = [p.message for p in preview_of("a.csv", make_csv(rows)).problems]
    assert messages[0].startswith("The column “technolgies” is not known. Accepted columns are external_id, kind, name,")
    assert messages[1] == "The columns “name” and “Name” both mean name; keep only one of them."
    assert len(messages) == 2


def test_values_under_no_header_are_refused(make_csv):
    rows = [HEADER, ["A-1", "company", "X", "TH"], ["A-2", "company", "Y", "TH", "stray"]]
    assert [p.message for p in preview_of("a.csv", make_csv(rows)).problems] == [
        "Column E has values (first in row 3) but no header. Write its header in row 1 or delete the column."
    ]


def test_import_of_an_unreadable_file_raises_and_writes_nothing():
    with pytest.raises(SpreadsheetImportError) as raised:
        organisations_import(file_name="members.csv", data=(DATA / "thai-windows-874.csv").read_bytes())
    assert raised.value.encoding_guess == "cp874"
    assert str(raised.value).startswith("members.csv: members.csv is not UTF-8 text")
    assert Organisation.objects.count() == 0


def test_rows_are_numbered_as_the_spreadsheet_shows_them(make_csv, make_xlsx):
    rows = [HEADER, ["A-1", "company", "first\nline two", "TH"], ["", "", "", ""], ["A-2", "nope", "Z", "TH"]]
    (csv_problem,) = preview_of("a.csv", make_csv(rows)).problems
    (xlsx_problem,) = preview_of("a.xlsx", make_xlsx(rows)).problems
    assert csv_problem.row == xlsx_problem.row == 4
    assert csv_problem.column == "kind"


def test_docs_list_every_column_with_its_headers():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "import.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        line = next(line for line in docs.splitlines() if line.startswith(f"| `{column.key}` |"))
        for header in column.accepted()[1:]:
            assert header in line, (column.key, header)
