"""`kizuna import organisations FILE` and `kizuna export organisations FILE`.

One test runs the real `python -m kizuna.cli` in a subprocess against a freshly
migrated SQLite file (dispatcher, exit codes, stderr); the others call the same
management commands in-process, which is faster and also runs on PostgreSQL."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kizuna.organisations.models import Organisation

SRC = Path(__file__).resolve().parents[2] / "src"
DATA = Path(__file__).parent / "data"
HEADER = ["external_id", "kind", "name", "country", "founded"]


def kizuna(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        PYTHONPATH=str(SRC),
        DATABASE_URL=f"sqlite:///{data_dir / 'kizuna.sqlite3'}",
        KIZUNA_DATA_DIR=str(data_dir),
        PYTHONWARNINGS="ignore",
    )
    return subprocess.run(
        [sys.executable, "-m", "kizuna.cli", *args], env=env, capture_output=True, text=True, timeout=120, cwd=data_dir
    )


def test_kizuna_import_command_end_to_end(tmp_path, make_csv, thai_id):
    assert kizuna("migrate", "--noinput", "-v", "0", data_dir=tmp_path).returncode == 0
    bad_id = thai_id(1)[:12] + str((int(thai_id(1)[12]) + 1) % 10)
    (tmp_path / "bad.csv").write_bytes(make_csv([
        [*HEADER, "registration_number"],
        ["TH-001", "company", "A", "TH", "2561", thai_id(1)],
        ["TH-002", "company", "B", "TH", "year one", ""],
        ["TH-003", "company", "C", "TH", "", bad_id],
    ]))
    run = kizuna("import", "organisations", "bad.csv", data_dir=tmp_path)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        "bad.csv:3: founded 'year one': “year one” is not a year. Write a year such as 2018, or 2561 in the Buddhist Era.",
        f"bad.csv:4: registration_number '{bad_id}': The check digit of this Thai juristic-person ID is wrong: the last "
        f"digit should be {thai_id(1)[12]}.",
        "CommandError: 2 problems found; nothing was imported.",
    ]
    (tmp_path / "good.csv").write_bytes(make_csv([HEADER, ["JP-001", "company", "Kojima Press", "JP", "1938"]]))
    run = kizuna("import", "organisations", "good.csv", data_dir=tmp_path)
    assert (run.returncode, run.stdout.strip()) == (0, "good.csv was imported. New organisations: 1; updated: 0; unchanged: 0.")
    with sqlite3.connect(tmp_path / "kizuna.sqlite3") as db:
        rows = db.execute("SELECT external_id, name, founded FROM organisations_organisation").fetchall()
    assert rows == [("JP-001", "Kojima Press", 1938)]


def run_command(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_dry_run_prints_the_preview_and_writes_nothing(tmp_path, make_csv):
    path = tmp_path / "members.csv"
    path.write_bytes(make_csv([HEADER, ["TH-001", "company", "สยามพาร์ท", "TH", "2561"]]))
    out, _ = run_command("import", "organisations", str(path), "--dry-run")
    assert out.splitlines() == [
        f"{path} is ready to import. New organisations: 1; to update: 0; unchanged: 0.",
        "  2\tTH-001\tสยามพาร์ท\tnew",
        "Dry run: nothing was written.",
    ]
    assert Organisation.objects.count() == 0


@pytest.mark.django_db
def test_import_writes_and_a_second_import_updates(tmp_path, make_csv):
    path = tmp_path / "members.csv"
    path.write_bytes(make_csv([HEADER, ["TH-001", "company", "สยามพาร์ท", "TH", "2561"]]))
    out, _ = run_command("import", "organisations", str(path))
    assert out.strip() == f"{path} was imported. New organisations: 1; updated: 0; unchanged: 0."
    path.write_bytes(make_csv([HEADER, ["TH-001", "company", "สยามพาร์ท 2", "TH", "2562"]]))
    out, _ = run_command("import", "organisations", str(path))
    assert out.strip() == f"{path} was imported. New organisations: 0; updated: 1; unchanged: 0."
    assert list(Organisation.objects.values_list("external_id", "name", "founded")) == [("TH-001", "สยามพาร์ท 2", 2019)]


@pytest.mark.django_db
def test_wrong_encoding_is_refused_with_exit_code_2_and_read_when_named(tmp_path):
    path = tmp_path / "members.csv"
    shutil.copy(DATA / "thai-windows-874.csv", path)
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import", "organisations", str(path), stderr=err)
    assert raised.value.returncode == 2
    assert str(raised.value) == "1 problem found; nothing was imported."
    lines = err.getvalue().splitlines()
    assert lines[0].startswith(f"{path}: {path} is not UTF-8 text: the byte 0xBA at byte offset 46 (line 2)")
    assert lines[1] == "To read it as it is, run the import again with --encoding cp874."
    out, _ = run_command("import", "organisations", str(path), "--encoding", "cp874", "--dry-run")
    assert out.splitlines()[1] == "  2\tTH-001\tบริษัท สยามออโตพาร์ท จำกัด\tnew"


@pytest.mark.django_db
def test_missing_file_exits_with_2(tmp_path):
    with pytest.raises(CommandError) as raised:
        call_command("import", "organisations", str(tmp_path / "nowhere.csv"))
    assert raised.value.returncode == 2
    assert str(raised.value) == f"{tmp_path / 'nowhere.csv'}: No such file or directory"


@pytest.mark.django_db
def test_export_command_writes_a_file_that_imports_unchanged(tmp_path, make_csv):
    source = tmp_path / "members.csv"
    source.write_bytes(make_csv([
        [*HEADER, "technologies_offered"],
        ["TH-001", "company", "สยามพาร์ท", "TH", "2561", "iot; robotics"],
        ["JP-001", "company", "小島プレス", "JP", "1938", "予知保全"],
    ]))
    run_command("import", "organisations", str(source))
    for name, lang in (("out.xlsx", "th"), ("out.csv", "ja")):
        out, _ = run_command("export", "organisations", str(tmp_path / name), "--lang", lang)
        assert out.strip() == f"{tmp_path / name}: 2 organisations"
        out, _ = run_command("import", "organisations", str(tmp_path / name), "--dry-run")
        assert out.splitlines()[0] == f"{tmp_path / name} is ready to import. New organisations: 0; to update: 0; unchanged: 2."


@pytest.mark.django_db
def test_messages_follow_the_lang_option(tmp_path, make_csv):
    path = tmp_path / "members.csv"
    path.write_bytes(make_csv([HEADER, ["TH-001", "company", "", "TH", ""]]))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "organisations", str(path), "--lang", "th", stderr=err)
    assert err.getvalue().splitlines()[0] == f"{path}:2: name '': คอลัมน์นี้ต้องมีค่า แต่เซลล์นี้ว่างอยู่"
