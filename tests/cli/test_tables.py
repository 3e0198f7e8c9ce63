"""The shared spreadsheet reader: CSV/XLSX by extension, row numbers, located errors."""

from __future__ import annotations

import pytest

from kizuna.cli.tables import TableError, read_table


def test_csv_rows_keep_spreadsheet_row_numbers_and_skip_blank_rows(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(" ID , Name,extra\n1,สมชาย,z\n,,\n2,山田,\n", encoding="utf-8-sig")
    rows = read_table(path, required=["id", "name"], optional=["note"])
    assert [(r.number, r["id"], r["name"], r.get("note", "-")) for r in rows] == [
        (2, "1", "สมชาย", "-"),
        (4, "2", "山田", "-"),
    ]


def test_xlsx_numbers_read_as_plain_text(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["id", "weight"])
    book.active.append([7, 2.0])
    book.active.append(["x", 1.5])
    book.save(tmp_path / "x.xlsx")
    rows = read_table(tmp_path / "x.xlsx", required=["id", "weight"])
    assert [(r.number, r["id"], r["weight"]) for r in rows] == [(2, "7", "2"), (3, "x", "1.5")]


def test_numbers_are_checked_with_their_location(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("id,n\na,1.5\nb,\nc,nan\n", encoding="utf-8")
    rows = read_table(path, required=["id", "n"])
    with pytest.raises(TableError) as err:
        rows[0].integer("n")
    assert str(err.value) == f"{path}, row 2, column n, value '1.5': expected a whole number."
    assert (err.value.file, err.value.row, err.value.column, err.value.value) == (
        str(path),
        2,
        "n",
        "1.5",
    )
    assert rows[1].integer("n", required=False) is None
    with pytest.raises(TableError) as err:
        rows[1].number_value("n")
    assert err.value.render("th") == f"{path} แถว 3 คอลัมน์ n ค่า '': ต้องระบุค่า"
    with pytest.raises(TableError) as err:
        rows[2].number_value("n")
    assert err.value.render("ja") == f"{path} の 4 行目、列 n、値 'nan': 数値を指定してください。"


def test_broken_workbook_and_empty_file(tmp_path):
    (tmp_path / "x.xlsx").write_bytes(b"not a zip")
    with pytest.raises(TableError) as err:
        read_table(tmp_path / "x.xlsx", required=["id"])
    assert str(err.value) == f"{tmp_path / 'x.xlsx'}: the file is not a readable Excel workbook."
    (tmp_path / "e.csv").write_text("", encoding="utf-8")
    with pytest.raises(TableError) as err:
        read_table(tmp_path / "e.csv", required=["id"])
    assert str(err.value) == f"{tmp_path / 'e.csv'}: the file has no header row."


def test_utf16_semicolon_csv_and_header_spellings_are_read_like_the_imports(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("ID;Max Meetings\nA;2\n".encode("utf-16"))
    rows = read_table(path, required=["id"], optional=["max_meetings"])
    assert [(r.number, r["id"], r.integer("max_meetings")) for r in rows] == [(2, "A", 2)]
    with pytest.raises(TableError) as err:
        raise rows[0].error("max_meetings", "table.blank")
    assert str(err.value) == f"{path}, row 2, column Max Meetings, value '2': a value is required."
