"""Directory and search response times with 25,000 organisations loaded
(the size of J-GoodTech and T-GoodTech together), on SQLite and on PostgreSQL.

Prints the median and 95th-percentile time of full page requests (through Django's
request handler, templates included) for the directory, a filter, and word
searches in Thai, Japanese and English; and in the same run, as a reference, the
same searches done the naive way (a substring scan of names and descriptions),
which also shows what the word index buys. Target: median under 100 ms each.

    python benchmarks/bench_directory.py [--orgs 25000] [--db sqlite|postgres|both]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time

REPEAT = 15


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kizuna.site.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()


def timed(fn, repeat=REPEAT):
    fn()  # warm
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def run(database_url: str, n_orgs: int) -> list[tuple]:
    setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from kizuna.accounts.models import User
    from kizuna.organisations.models import Organisation

    setup_test_environment()
    call_command("migrate", verbosity=0)
    have = Organisation.objects.filter(external_id__startswith="syn-").count()
    if have < n_orgs:
        t = time.perf_counter()
        call_command("demo", scale=n_orgs, encoder="none", stdout=io.StringIO())
        print(f"  loaded {n_orgs} synthetic organisations in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    total = Organisation.objects.count()
    client = Client()
    client.force_login(User.objects.get(username="officer"))

    def page(params):
        def go():
            response = client.get("/organisations/", params)
            assert response.status_code == 200
            return response

        return go

    def naive(word):
        def go():
            from django.db.models import Q

            qs = Organisation.objects.filter(Q(name__icontains=word) | Q(description__icontains=word))
            list(qs.order_by("name")[:25])
            qs.count()

        return go

    rows = []
    cases = [
        ("directory, first page", {}, None),
        ("directory, page 200", {"page": "200"}, None),
        ("filter: kind + industry group + EEC", {"kind": "company", "industry_group": "auto_parts", "region": "eec"}, None),
        ("search Thai: แม่พิมพ์", {"q": "แม่พิมพ์"}, "แม่พิมพ์"),
        ("search Japanese: 予知保全", {"q": "予知保全"}, "予知保全"),
        ("search English: sensors", {"q": "sensors"}, "sensors"),
        ("search two words: IoT ยานยนต์", {"q": "IoT ยานยนต์"}, None),
    ]
    for label, params, word in cases:
        med, p95 = timed(page(params))
        count = page(params)().context["page"].paginator.count
        ref = timed(naive(word)) if word else (float("nan"), float("nan"))
        rows.append((connection.vendor, total, label, count, med, p95, ref[0]))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, default=25000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        for row in run(args.child, args.orgs):
            print("ROW\t" + "\t".join(str(x) for x in row))
        return 0

    import subprocess

    urls = []
    if args.db in ("sqlite", "both"):
        urls.append(f"sqlite:///{tempfile.gettempdir()}/kizuna-bench-{args.orgs}.sqlite3")
    if args.db in ("postgres", "both"):
        urls.append(os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/kizuna_bench"))
        _ensure_postgres_db(urls[-1])
    print(f"Directory and search, {args.orgs:,} synthetic organisations + the demo; median of {REPEAT} requests")
    print(f"{'db':<10} {'orgs':>7}  {'request':<38} {'found':>6} {'median ms':>10} {'p95 ms':>8} {'naive scan ms':>14} {'target':>8}")
    for url in urls:
        out = subprocess.run(
            [sys.executable, __file__, "--orgs", str(args.orgs), "--child", url], capture_output=True, text=True
        )
        if out.returncode != 0:
            print(out.stderr[-3000:], file=sys.stderr)
            return 1
        sys.stderr.write(out.stderr)
        for line in out.stdout.splitlines():
            if line.startswith("ROW\t"):
                vendor, total, label, count, med, p95, ref = line.split("\t")[1:]
                ok = "ok" if float(med) < 100 else "MISSED"
                ref = "" if ref == "nan" else f"{float(ref):.1f}"
                print(f"{vendor:<10} {int(total):>7}  {label:<38} {int(count):>6} {float(med):>10.1f} {float(p95):>8.1f} {ref:>14} {ok:>8}")
    return 0


def _ensure_postgres_db(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    base = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(base, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    sys.exit(main())
