"""The one table reader of every import and both engine commands (kizuna.common.tables)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest

from kizuna.common.tables import (
    CSV,
    XLS,
    XLSX,
    FormulaWithoutValue,
    TableReadError,
    cell_text,
    file_kind,
    header_key,
    read_table,
    read_table_file,
    synonym_index,
    table_records,
)

SRC = str(Path(__file__).resolve().parents[2] / "src")
TEXT = "id,name\nA-1,สยามพาร์ท\nB-2,小島プレス\n"
ROWS = [(2, ["A-1", "สยามพาร์ท"]), (3, ["B-2", "小島プレス"])]


def xlsx(rows) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "data",
    [TEXT.encode("utf-8"), TEXT.encode("utf-8-sig"), TEXT.encode("utf-16")],
    ids=["utf-8", "utf-8-bom", "utf-16-bom"],  # UTF-16 with a mark: Excel's "Unicode text"
)
def test_csv_is_read_in_utf8_with_or_without_byte_order_mark_and_in_utf16(data):
    table = read_table("m.csv", data)
    assert (table.header_row, table.headers, table.rows) == (1, ["id", "name"], ROWS)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark_is_known_by_its_zero_bytes(codec):
    text = "id,name,city\nA-1,Kojima Press,小島\n"
    assert read_table("m.csv", text.encode(codec)).rows == [(2, ["A-1", "Kojima Press", "小島"])]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiter_is_the_one_the_first_line_holds_most(delimiter):
    text = TEXT.replace(",", delimiter)
    assert read_table("m.csv", text.encode()).rows == ROWS


def test_a_comma_inside_quotes_stays_in_its_cell_of_a_semicolon_file():
    table = read_table("m.csv", b'id;name\nA;"Siam, Ltd"\n')
    assert table.rows == [(2, ["A", "Siam, Ltd"])]


def test_named_encoding_reads_thai_windows_text():
    table = read_table("m.csv", "id,name\nA,บริษัท\n".encode("cp874"), encoding="cp874")
    assert table.rows == [(2, ["A", "บริษัท"])]


def test_thai_windows_text_is_refused_with_its_first_bad_byte_and_guess():
    data = "id,name\nA,บริษัท\n".encode("cp874")
    with pytest.raises(TableReadError) as err:
        read_table("m.csv", data)
    assert (err.value.file, err.value.reason) == ("m.csv", "not_text")
    assert err.value.params == {
        "encoding": "UTF-8",
        "byte": "BA",
        "position": 10,
        "line": 2,
        "guess": "cp874",
    }


def test_shift_jis_text_is_guessed_as_cp932():
    with pytest.raises(TableReadError) as err:
        read_table("jp.csv", "id,name\nA,小島\n".encode("cp932"))
    assert (err.value.params["position"], err.value.params["guess"]) == (10, "cp932")


def test_unknown_encoding_name_is_its_own_reason():
    with pytest.raises(TableReadError) as err:
        read_table("m.csv", b"id\n1\n", encoding="klingon")
    assert (err.value.reason, err.value.params) == ("unknown_encoding", {"encoding": "klingon"})


def test_blank_rows_are_skipped_and_rows_keep_spreadsheet_numbers():
    table = read_table("m.csv", b"\n,,\nid,name\n\nA, x \n,,\nB,y\n")
    assert (table.header_row, table.headers) == (3, ["id", "name"])
    assert table.rows == [(5, ["A", "x"]), (7, ["B", "y"])]


def test_formula_guard_quote_of_an_export_is_removed_from_csv_cells():
    table = read_table("m.csv", b"id,note\nA,'=SUM(1)\nB,'plain\n")
    assert table.rows == [(2, ["A", "=SUM(1)"]), (3, ["B", "'plain"])]


def test_empty_file_has_no_header_row():
    table = read_table("e.csv", b"")
    assert (table.header_row, table.headers, table.rows) == (0, [], [])


def test_xlsx_first_sheet_keeps_typed_values_and_row_numbers():
    data = xlsx([["id", "founded", "count"], [None, None, None], ["A", dt.date(2018, 4, 1), 3.0]])
    table = read_table("m.xlsx", data)
    assert (table.header_row, table.headers) == (1, ["id", "founded", "count"])
    assert table.rows == [(3, ["A", dt.datetime(2018, 4, 1), 3])]


def test_xlsx_gives_the_value_excel_cached_not_the_formula():
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    book.active.append(["id", "total"])
    book.active.append(["A", "=1+1"])
    path = io.BytesIO()
    book.save(path)
    # openpyxl writes no cached value: a formula without one is marked, and reads as ""
    rows = read_table("m.xlsx", path.getvalue()).rows
    assert rows == [(2, ["A", FormulaWithoutValue("=1+1", "B2")])]
    assert cell_text(rows[0][1][1]) == ""
    assert load_workbook(io.BytesIO(path.getvalue())).active["B2"].value == "=1+1"
    # with the result Excel saved, the result is read
    assert read_table("m.xlsx", _with_cached_value(path.getvalue(), "2")).rows == [(2, ["A", 2])]


def _with_cached_value(data: bytes, value: str) -> bytes:
    """The workbook with `value` saved as the result of its formulas (as Excel does)."""
    import re
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = re.sub(rb"(<f>[^<]*</f>)(<v\s*/>|<v></v>)?", rb"\1<v>" + value.encode() + rb"</v>", content)
            dst.writestr(item, content)
    return out.getvalue()


def test_xlsx_data_on_the_second_sheet_is_read_when_the_first_is_empty():
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Notes"
    data = book.create_sheet("Members")
    data.append(["id", "name"])
    data.append(["A", "Siam Parts"])
    path = io.BytesIO()
    book.save(path)
    table = read_table("m.xlsx", path.getvalue())
    assert (table.header_row, table.headers, table.rows) == (1, ["id", "name"], [(2, ["A", "Siam Parts"])])


def test_xlsx_reads_the_first_sheet_with_values_and_not_the_later_ones():
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["id"])
    book.active.append(["first"])
    book.create_sheet("Other").append(["id", "later"])
    path = io.BytesIO()
    book.save(path)
    assert read_table("m.xlsx", path.getvalue()).rows == [(2, ["first"])]


def test_damaged_workbook_and_old_excel_are_refused_by_reason():
    with pytest.raises(TableReadError) as err:
        read_table("m.xlsx", b"not a zip")
    assert (err.value.reason, err.value.params["error"]) == ("workbook", "BadZipFile")
    with pytest.raises(TableReadError) as err:
        read_table("m.xls", b"\xd0\xcf\x11\xe0")
    assert err.value.reason == "old_excel"


def test_file_kind_goes_by_suffix_or_zip_content():
    assert [file_kind(n) for n in ("a.csv", "a.txt", "a.XLSX", "a.xlsm", "a.xls")] == [
        CSV,
        CSV,
        XLSX,
        XLSX,
        XLS,
    ]
    assert file_kind("export", b"PK\x03\x04rest") == XLSX


def test_records_give_every_csv_line_as_read():
    assert list(table_records("s.csv", b"a, b\n\nc,d\n")) == [
        (1, ["a", " b"]),
        (2, []),
        (3, ["c", "d"]),
    ]


def test_header_key_ignores_case_spaces_underscores_hyphens_brackets_and_full_width():
    assert {
        header_key(h)
        for h in (
            "External ID",
            "external_id",
            "external-id",
            "ＥＸＴＥＲＮＡＬ　ＩＤ",
            " (External) Id ",
        )
    } == {"externalid"}
    assert header_key("名称（タイ語）") == header_key("名称(タイ語)") == "名称タイ語"


def test_synonym_index_maps_every_header_and_refuses_a_header_naming_two_columns():
    assert synonym_index({"max_meetings": ["Meetings at most"], "id": ["รหัส"]}) == {
        "maxmeetings": "max_meetings",
        "meetingsatmost": "max_meetings",
        "id": "id",
        "รหัส": "id",
    }
    with pytest.raises(ValueError, match="'ID' names both id and code"):
        synonym_index({"id": [], "code": ["ID"]})


def test_columns_map_synonyms_and_list_unknown_doubled_and_unnamed_headers():
    table = read_table("m.csv", b"ID,Name,colour,name,\nA,x,red,y,\nB,z,,,stray\n")
    columns = table.columns(synonym_index({"id": [], "name": ["ชื่อ"]}))
    assert columns.found == {"id": 0, "name": 1}
    assert [(i.index, i.kind, i.key, i.first_row) for i in columns.issues] == [
        (2, "unknown", "", 0),
        (3, "doubled", "name", 0),
        (4, "unnamed", "", 3),
    ]


def test_located_rows_give_number_text_raw_value_and_header_as_written():
    data = xlsx([["External ID", "Founded"], ["A-1", 2018.0], ["B-2"]])
    table = read_table("m.xlsx", data)
    columns = table.columns(synonym_index({"external_id": [], "founded": []}))
    first, second = table.located_rows(columns.found)
    assert (first.file, first.number, first["external_id"], first["founded"]) == (
        "m.xlsx",
        2,
        "A-1",
        "2018",
    )
    assert (first.raw("founded"), first.header("founded"), first.header("missing")) == (
        2018,
        "Founded",
        "missing",
    )
    assert (
        second.number,
        second["founded"],
        second.get("founded", "-"),
        second.get("nothing", "-"),
    ) == (
        3,
        "",
        "-",
        "-",
    )


def test_cell_text_writes_numbers_dates_and_booleans_as_a_spreadsheet_shows_them():
    assert [
        cell_text(v)
        for v in (None, 7.0, 1.5, True, dt.datetime(2024, 1, 2, 9), dt.date(2024, 1, 3), " x ")
    ] == [
        "",
        "7",
        "1.5",
        "yes",
        "2024-01-02",
        "2024-01-03",
        "x",
    ]


def test_reading_a_missing_file_is_unreadable(tmp_path):
    with pytest.raises(TableReadError) as err:
        read_table_file(tmp_path / "none.csv")
    assert (err.value.file, err.value.reason) == (str(tmp_path / "none.csv"), "unreadable")


def test_the_reader_imports_no_django():
    code = "import sys, kizuna.common.tables; print('django' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": SRC},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "False"
