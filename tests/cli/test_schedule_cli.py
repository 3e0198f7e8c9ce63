"""`kizuna schedule` end to end through `python -m kizuna.cli`, with located errors."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = str(Path(__file__).resolve().parents[2] / "src")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.run(
        [sys.executable, "-m", "kizuna.cli", "schedule", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


PEOPLE = "id,name,unavailable,max_meetings\nA,Alpha,1,\nB,Beta,,\nC,Gamma,2,1\nD,Delta,,\n"
REQUESTS = "a_id,b_id,weight\nA,B,2\nC,A,1\nB,D,1\nD,A,1\n"


def args(tmp_path, people="p.csv", requests="r.csv", slots="4", tables="2"):
    return [
        "--participants",
        str(tmp_path / people),
        "--requests",
        str(tmp_path / requests),
        "--slots",
        slots,
        "--tables",
        tables,
        "--out",
        str(tmp_path / "out.csv"),
    ]


def test_schedule_writes_meetings_and_summary(tmp_path):
    write(tmp_path / "p.csv", PEOPLE)
    write(tmp_path / "r.csv", REQUESTS)
    done = run(*args(tmp_path), "--time-limit", "5", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with open(tmp_path / "out.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["a_id", "b_id", "slot", "table"]
    assert sorted((r["a_id"], r["b_id"]) for r in rows) == [
        ("A", "B"),
        ("B", "D"),
        ("C", "A"),
        ("D", "A"),
    ]
    assert all(r["slot"] != "1" for r in rows if "A" in (r["a_id"], r["b_id"]))
    summary = done.stderr.splitlines()[0]
    assert summary.startswith(
        "Placed 4 of 4 requested meetings, total weight 5; upper bound 5, gap 0.000%, "
    )
    assert summary.endswith(" s (proven optimal).")


def test_schedule_reads_xlsx_and_bom_csv_and_speaks_thai(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in PEOPLE.splitlines():
        sheet.append(line.split(","))
    book.save(tmp_path / "p.xlsx")
    write(tmp_path / "r.csv", REQUESTS, encoding="utf-8-sig")
    done = run(*args(tmp_path, people="p.xlsx"), "--lang", "th", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(
        "จัดการนัดพบได้ 4 จากที่ขอ 4 รายการ น้ำหนักรวม 5 ขอบเขตบน 5 ส่วนต่าง 0.000%"
    )


@pytest.mark.parametrize(
    ("people", "requests", "expected"),
    [
        (
            PEOPLE,
            "a_id,b_id,weight\nA,B,1\nA,Z,1\n",
            ["{r}, row 3, column b_id, value 'Z': no participant has this id."],
        ),
        (
            "id,name,unavailable\nA,Alpha,5\nB,Beta,1;x\n",
            "a_id,b_id,weight\nA,B,1\n",
            [
                "{p}, row 2, column unavailable, value '5': slot 5 is outside 1..4.",
                "{p}, row 3, column unavailable, value '1;x': 'x' is not a slot number; write slot numbers separated by ';'.",
            ],
        ),
        (
            PEOPLE,
            "a_id,b_id,weight\nA,B,2\nB,A,1\n",
            [
                "{r}, row 3, column weight, value '1': the pair B–A is already requested in row 2 with weight 2."
            ],
        ),
        (
            PEOPLE,
            "a_id,b_id,weight\nA,B,0\nA,C,-1\nA,D,two\n",
            [
                "{r}, row 2, column weight, value '0': the weight must be greater than 0.",
                "{r}, row 3, column weight, value '-1': the weight must be greater than 0.",
                "{r}, row 4, column weight, value 'two': expected a number.",
            ],
        ),
        (
            PEOPLE,
            "a_id,weight\nA,1\n",
            [
                "{r}, row 1, column b_id: the required column b_id is missing (the header has: a_id, weight)."
            ],
        ),
        (
            "id,name,unavailable,max_meetings\nA,Alpha,,1.5\nA,Again,,\n",
            "a_id,b_id,weight\n",
            [
                "{p}, row 2, column max_meetings, value '1.5': expected a whole number.",
                "{p}, row 3, column id, value 'A': this id already appears in row 2.",
            ],
        ),
    ],
)
def test_bad_input_names_file_row_column_and_value_and_exits_2(
    tmp_path, people, requests, expected
):
    p = write(tmp_path / "p.csv", people)
    r = write(tmp_path / "r.csv", requests)
    done = run(*args(tmp_path), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [e.format(p=p, r=r) for e in expected]
    assert not (tmp_path / "out.csv").exists()


def test_bad_input_message_in_japanese(tmp_path):
    write(tmp_path / "p.csv", PEOPLE)
    r = write(tmp_path / "r.csv", "a_id,b_id,weight\nA,Q,1\n")
    done = run(*args(tmp_path), "--lang", "ja", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"{r} の 2 行目、列 b_id、値 'Q': この ID の参加者はいません。"
    ]


def test_missing_file_and_unknown_extension_exit_2(tmp_path):
    write(tmp_path / "r.csv", REQUESTS)
    done = run(*args(tmp_path, people="nothere.csv"), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"{tmp_path / 'nothere.csv'}: the file does not exist or cannot be read."
    ]
    write(tmp_path / "p.txt", PEOPLE)
    done = run(*args(tmp_path, people="p.txt"), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"{tmp_path / 'p.txt'}: the file type .txt is not supported; use .csv or .xlsx."
    ]


def test_non_utf8_csv_is_refused_with_its_position(tmp_path):
    (tmp_path / "p.csv").write_bytes("id,name,unavailable\nA,ก,\n".encode("cp874"))
    write(tmp_path / "r.csv", REQUESTS)
    done = run(*args(tmp_path), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"{tmp_path / 'p.csv'}: the file is not UTF-8 text (first bad byte at position 22); save it as CSV UTF-8."
    ]


def test_bad_slot_count_is_a_usage_error(tmp_path):
    write(tmp_path / "p.csv", PEOPLE)
    write(tmp_path / "r.csv", REQUESTS)
    done = run(*args(tmp_path, slots="three"), cwd=tmp_path)
    assert done.returncode == 2
    assert "argument --slots: invalid int value: 'three'" in done.stderr


def test_cli_module_imports_no_scipy_or_django():
    code = (
        "import sys, kizuna.cli.schedule; "
        "print(sorted(m for m in ('scipy', 'django', 'numpy') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": SRC},
        capture_output=True,
        text=True,
    )
    assert done.stdout.strip() == "[]"


def test_hosts_and_reserved_tables_are_read_and_respected(tmp_path):
    write(
        tmp_path / "p.csv",
        "id,name,unavailable,host,reserved_table\nA,Alpha,,yes,\nB,Beta,,,1\nC,Gamma,,,\nD,Delta,,no,\n",
    )
    write(tmp_path / "r.csv", "a_id,b_id,weight\nA,C,1\nA,D,1\nB,C,1\nB,D,1\n")
    done = run(*args(tmp_path, slots="2", tables="2"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with open(tmp_path / "out.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 4
    assert {r["table"] for r in rows if "B" in (r["a_id"], r["b_id"])} == {"1"}
    assert {r["table"] for r in rows if "A" in (r["a_id"], r["b_id"])} == {"2"}


def test_reserved_table_out_of_range_is_located(tmp_path):
    p = write(tmp_path / "p.csv", "id,name,unavailable,reserved_table\nA,Alpha,,3\nB,Beta,,maybe\n")
    write(tmp_path / "r.csv", "a_id,b_id,weight\n")
    done = run(*args(tmp_path, slots="2", tables="2"), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"{p}, row 2, column reserved_table, value '3': table 3 is outside 1..2.",
        f"{p}, row 3, column reserved_table, value 'maybe': expected a whole number.",
    ]
