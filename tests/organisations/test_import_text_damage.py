"""Damaged text in an import is refused where it is (row, column, character), never
stored; real dates, second sheets and formulas without results are handled."""

from __future__ import annotations

import io

import openpyxl
import pytest

from kizuna.organisations.imports.preview import organisations_import_preview

pytestmark = pytest.mark.django_db
HEADER = ["external_id", "kind", "name", "country", "founded"]


def problem_lines(preview) -> list[str]:
    return [p.line(preview.file_name) for p in preview.problems]


@pytest.mark.parametrize(
    ("name", "shown", "code"),
    [("Siam\x00Parts", "Siam[U+0000]Parts", "U+0000"), ("Siam\x1bParts", "Siam[U+001B]Parts", "U+001B"),
     ("Siam\x07Parts", "Siam[U+0007]Parts", "U+0007")],
)
def test_a_control_character_in_a_name_is_refused_with_row_and_column(make_csv, name, shown, code):
    data = make_csv([HEADER, ["A-1", "company", name, "TH", ""]])
    preview = organisations_import_preview(file_name="m.csv", data=data)
    assert problem_lines(preview) == [
        f"m.csv:2: name '{shown}': The text holds an invisible control character "
        f"({code}) at position 5. Remove it (retype the text or paste it as plain text) and try again."
    ]


def test_a_control_character_in_a_csv_cell_is_refused_too(make_csv):
    preview = organisations_import_preview(
        file_name="m.csv", data=make_csv([HEADER, ["A-1", "company", "Siam Parts", "TH\x1b", ""]])
    )
    assert [(p.row, p.column, p.value) for p in preview.problems] == [(2, "country", "TH[U+001B]")]


def test_tabs_and_line_breaks_in_a_description_are_ordinary_text(make_csv):
    preview = organisations_import_preview(
        file_name="m.csv",
        data=make_csv([["external_id", "kind", "name", "country", "description"],
                       ["A-1", "company", "Siam Parts", "TH", "Moulds\tand dies\r\nsince 1990"]]),
    )
    assert preview.problems == []
    assert preview.rows[0].values["description"] == "Moulds\tand dies\r\nsince 1990"


def test_the_buddhist_era_leap_day_is_a_real_date(make_csv):
    preview = organisations_import_preview(
        file_name="m.csv", data=make_csv([HEADER, ["A-1", "company", "Siam Parts", "TH", "29/02/2563"]])
    )
    assert preview.problems == []
    assert preview.rows[0].values["founded"] == 2020


def test_data_on_the_second_sheet_is_imported_when_the_first_is_empty():
    book = openpyxl.Workbook()
    book.active.title = "Read me"
    sheet = book.create_sheet("Members")
    sheet.append(HEADER)
    sheet.append(["A-1", "company", "Siam Parts", "TH", 2015])
    out = io.BytesIO()
    book.save(out)
    preview = organisations_import_preview(file_name="m.xlsx", data=out.getvalue())
    assert preview.problems == []
    assert [(r.external_id, r.values["founded"]) for r in preview.rows] == [("A-1", 2015)]


def test_a_formula_without_a_saved_result_is_refused_with_its_cell(make_xlsx):
    data = make_xlsx([HEADER, ["A-1", "company", "=B3&\" Ltd\"", "TH", ""]])
    preview = organisations_import_preview(file_name="m.xlsx", data=data)
    assert problem_lines(preview) == [
        "m.xlsx:2: name '=B3&\" Ltd\"': Cell C2 holds the formula =B3&\" Ltd\" but no "
        "saved result. Open the file in Excel or LibreOffice so that it calculates, save it, and import it "
        "again (or paste the values only)."
    ]
