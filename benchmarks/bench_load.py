"""Load on `kizuna serve` (gunicorn) with national-scale data, beside the development server.

PostgreSQL holds 25,000 organisations (`kizuna demo --scale`) and a published Big
Brother round of 2,000 SMEs × 500 mentors (run with the fast hashing encoder: the
encoder's cost is bench_round's subject, not this one's). A locust process on
loopback plays signed-in officers, ministry viewers and company representatives
(locust file: benchmarks/_load_users.py): directory pages, searches in Thai,
Japanese and English, profiles, the run's result page, pair pages and API lists.
Each phase is bounded in time (--seconds) and users (--users); the benchmark prints
requests per second and p50/p95/p99 per kind of request, and the errors, for each
server and number of users. Target: p95 under 200 ms at 200 users on 2 cores, no
error.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kizuna_load python benchmarks/bench_load.py \
        [--orgs 25000] [--smes 2000] [--mentors 500] [--users 50,200] [--seconds 30] [--no-devserver]

The database is built once and reused by later runs (drop it to rebuild).
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kizuna_load"
SESSIONS_PER_ROLE = 60


def _env(url: str, data_dir: Path) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": url, "KIZUNA_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT / "src"),
           "DJANGO_SETTINGS_MODULE": "kizuna.site.settings", "LOG_LEVEL": "WARNING", "LOG_REQUESTS": "0"}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    return env


def database_create(url: str) -> None:
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    with psycopg.connect(host=config["HOST"] or "127.0.0.1", port=config["PORT"] or 5432,
                         user=config["USER"] or "postgres", password=config["PASSWORD"] or None,
                         dbname="postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone():
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')


def data_build(args, ids_file: Path) -> None:
    """In this process (Django set up on the benchmark database): organisations, a
    published round, and signed-in sessions for each role; ids to ids_file."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.test import Client

    from kizuna.accounts.models import User
    from kizuna.mentoring.models import MatchingRound, MatchingRun, Pairing
    from kizuna.organisations.models import Organisation
    from kizuna.programmes.models import Participation, Programme

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # publication notifies both sides
    settings.KIZUNA_ROUND_WARM_VECTORS = False  # the hashing encoder needs no warm vectors
    logging.getLogger("kizuna.task").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)
    have = Organisation.objects.filter(external_id__startswith="syn-").count()
    if have < args.orgs:
        t = time.perf_counter()
        call_command("demo", scale=args.orgs, encoder="none", stdout=open(os.devnull, "w"))
        print(f"setup: {args.orgs} synthetic organisations in {time.perf_counter() - t:.0f} s", flush=True)
    programme = Programme.objects.filter(code="bb-load").first()
    if programme is None:
        orgs = list(Organisation.objects.filter(external_id__startswith="syn-").order_by("external_id")
                    .values_list("pk", flat=True)[: args.smes + args.mentors])
        programme = Programme.objects.create(code="bb-load", kind="mentoring", year=2026, name_th="พี่ช่วยน้อง (โหลด)",
                                             name_ja="ビッグブラザー（負荷）", name_en="Big Brother (load)")
        Participation.objects.bulk_create(
            [Participation(programme=programme, organisation_id=o, role="mentee") for o in orgs[: args.smes]]
            + [Participation(programme=programme, organisation_id=o, role="mentor") for o in orgs[args.smes:]],
            batch_size=2000)
    client = Client()
    client.force_login(User.objects.get(username="officer"))
    if not MatchingRound.objects.filter(programme=programme).exists():
        assert client.post("/mentoring/rounds/", {"programme": programme.pk}).status_code == 302
    rnd = MatchingRound.objects.get(programme=programme)
    if not rnd.runs.filter(status="done").exists():
        t = time.perf_counter()
        # at most one mentor an SME, none required: some synthetic SMEs have no candidate
        rnd.settings = {**rnd.effective_settings(), "lo": 0, "hi": 1, "capacity": 5, "encoder": "hash"}
        rnd.save()
        assert client.post(f"/mentoring/rounds/{rnd.pk}/run/").status_code == 302  # immediate backend: runs here
        run = rnd.runs.latest("number")
        assert run.status == "done", run.error
        preview = client.get(f"/api/mentoring/runs/{run.pk}/publish-preview/").json()  # publishing asks for its confirmation
        assert client.post(f"/mentoring/runs/{run.pk}/publish/", {"confirm": preview["confirm"]}).status_code == 302
        print(f"setup: round of {args.smes} × {args.mentors} run and published in {time.perf_counter() - t:.0f} s",
              flush=True)
    run = MatchingRun.objects.filter(round__programme=programme, status="done").latest("number")
    sessions = {}
    for role, username in (("officer", "officer"), ("viewer", "viewer"), ("company", "sme")):
        user = User.objects.get(username=username)
        keys = []
        for _n in range(SESSIONS_PER_ROLE):
            store = SessionStore()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            keys.append(store.session_key)
        sessions[role] = keys
    org_ids = list(Organisation.objects.order_by("?").values_list("pk", flat=True)[:2000])
    pairings = list(Pairing.objects.filter(round__programme=programme).values_list("pk", flat=True)[:500])
    ids_file.write_text(json.dumps({"organisations": org_ids, "run": run.pk, "pairings": pairings,
                                    "sessions": sessions}))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(url: str, seconds: float = 90) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz/ready", timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not become ready in {seconds} s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def locust_phase(url: str, users: int, seconds: int, env: dict[str, str], out: Path) -> list[dict]:
    """One bounded locust run from its own process; the rows of its statistics."""
    prefix = out / f"u{users}"
    command = [PY, "-m", "locust", "-f", str(ROOT / "benchmarks" / "_load_users.py"), "--headless",
               "--host", url, "-u", str(users), "-r", str(max(1, users // 5)), "-t", f"{seconds}s",
               "--stop-timeout", "5", "--csv", str(prefix), "--only-summary", "--loglevel", "ERROR"]
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 120)
    stats = prefix.with_name(prefix.name + "_stats.csv")
    if not stats.exists():
        raise SystemExit(f"locust wrote no statistics (exit {run.returncode}):\n{run.stderr[-3000:]}")
    with stats.open(newline="") as f:
        return list(csv.DictReader(f))


def _ms(value: str) -> str:
    return "-" if value in ("", "N/A") else f"{float(value):.0f}"


def table(server: str, users: int, rows: list[dict]) -> None:
    print(f"\n{server}, {users} users")
    print(f"  {'request':22} {'count':>6} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'errors':>6}")
    for row in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        name = "all requests" if row["Name"] == "Aggregated" else row["Name"]
        print(f"  {name:22} {row['Request Count']:>6} {float(row['Requests/s']):6.1f} {_ms(row['50%']):>6} "
              f"{_ms(row['95%']):>6} {_ms(row['99%']):>6} {row['Failure Count']:>6}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=25000)
    parser.add_argument("--smes", type=int, default=2000)
    parser.add_argument("--mentors", type=int, default=500)
    parser.add_argument("--users", default="50,200", help="numbers of concurrent users, comma-separated")
    parser.add_argument("--seconds", type=int, default=30, help="length of each phase")
    parser.add_argument("--no-devserver", action="store_true", help="skip the development server's phases")
    parser.add_argument("--build", metavar="IDS", help=argparse.SUPPRESS)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("bench_load needs PostgreSQL: set DATABASE_URL=postgres://… (default " + DEFAULT_URL + ")")
    data_dir = Path(tempfile.mkdtemp(prefix="kizuna-bench-load-"))
    if args.build:  # the child that builds the data (Django set up in it, not in this orchestrator)
        os.environ.update(_env(url, data_dir) | {"TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"})
        sys.path.insert(0, str(ROOT / "src"))
        data_build(args, Path(args.build))
        return 0

    database_create(url)
    ids = data_dir / "ids.json"
    t = time.perf_counter()
    subprocess.run([PY, __file__, "--build", str(ids), "--orgs", str(args.orgs), "--smes", str(args.smes),
                    "--mentors", str(args.mentors)], env=_env(url, data_dir), check=True)
    print(f"setup: data ready in {time.perf_counter() - t:.0f} s ({url.rsplit('/', 1)[-1]})", flush=True)
    env = _env(url, data_dir) | {"KIZUNA_LOAD_IDS": str(ids)}
    cpus = os.cpu_count()
    servers = [("kizuna serve (gunicorn)", ["serve"])]
    if not args.no_devserver:
        servers.append(("development server", ["runserver", "--noreload"]))
    print(f"machine: {cpus} CPUs (shared with other work while this ran: figures are upper bounds)")
    for label, command in servers:
        port = _free_port()
        log = (data_dir / f"{command[0]}.log").open("w")
        server = subprocess.Popen([PY, "-m", "kizuna.cli", *command, f"127.0.0.1:{port}"], env=env, stdout=log,
                                  stderr=subprocess.STDOUT, start_new_session=True)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_ready(base)
            if command[0] == "serve":
                label += f" ({env.get('WEB_CONCURRENCY') or 2 * cpus + 1} processes × {env.get('WEB_THREADS') or 4} threads)"
            # warm-up, not counted: every process loads its code and templates once
            warmup = data_dir / f"warmup-{command[0]}"
            warmup.mkdir()
            locust_phase(base, 10, 8, env, warmup)
            for users in (int(u) for u in args.users.split(",")):
                phase = data_dir / f"{command[0]}-{users}"  # locust's CSV files, failures included
                phase.mkdir()
                table(label, users, locust_phase(base, users, args.seconds, env, phase))
        finally:
            _stop(server)
            log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
