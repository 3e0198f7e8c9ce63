"""Helpers for the import and export tests: spreadsheet bytes and valid
registration numbers. Users and organisations come from the factories in
tests/conftest.py."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.utils import translation

from kizuna.common import identifiers


def make_thai_id(n: int) -> str:
    """A valid Thai juristic-person ID, different for each n."""
    return identifiers.make_thai(f"0105{n:08d}")


def make_japanese_number(n: int) -> str:
    """A valid Japanese corporate number, different for each n."""
    return identifiers.make_japanese(f"{n + 10**11:012d}")


def csv_bytes(rows: list[list[object]], *, delimiter: str = ",", bom: bool = False) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = out.getvalue().encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def thai_id():
    return make_thai_id


@pytest.fixture
def japanese_number():
    return make_japanese_number


@pytest.fixture
def make_csv():
    return csv_bytes


@pytest.fixture
def make_xlsx():
    return xlsx_bytes


@pytest.fixture(autouse=True)
def english_unless_asked():
    """Each test starts in English: a request made through the test client leaves
    the language of its user active in the thread, and messages are asserted exactly."""
    with translation.override("en"):
        yield
