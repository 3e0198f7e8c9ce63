"""Two web processes and two task workers on one PostgreSQL database, as in production.

Real processes (`kizuna serve` under gunicorn on two loopback ports, two `kizuna
worker`), so that nothing can be shared through process memory: a batch of tasks
runs exactly once between the workers; a session opened on one web process is
valid on the other; a matching run started on one shows its progress on both,
and cancelled from the other it stops; the worker's log carries the request id of
the request that started the run.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("processes")]

ROOT = Path(__file__).resolve().parents[2]
TASKS = 40
SMES, MENTORS = 800, 200

RECORD_TASKS = '''
import os
import time

from django.db import connection
from django_tasks import task


@task()
def record(n: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO mp_record (n, pid) VALUES (%s, %s)", [n, os.getpid()])
    time.sleep(0.1)
    return n
'''

SETUP = f'''
from django.db import connection
from kizuna.accounts.enums import Role
from kizuna.accounts.models import User
from kizuna.mentoring.models import MatchingRound, RoundParticipant
from kizuna.organisations.models import Organisation
from kizuna.programmes.demo import synthetic_organisations_create
from kizuna.programmes.models import Programme

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE mp_record (n integer, pid integer)")
synthetic_organisations_create({SMES} + {MENTORS}, seed=7)
orgs = list(Organisation.objects.filter(external_id__startswith="syn-").order_by("external_id").values_list("pk", flat=True))
programme = Programme.objects.create(code="bb-mp", kind="mentoring", name_th="พี่ช่วยน้อง", name_ja="ビッグブラザー",
                                     name_en="Big Brother", year=2026)
rnd = MatchingRound.objects.create(programme=programme, number=1,
                                   settings={{"encoder": "hash", "lo": 1, "hi": 1, "capacity": 5}})
RoundParticipant.objects.bulk_create(
    [RoundParticipant(round=rnd, organisation_id=o, side="mentee") for o in orgs[:{SMES}]]
    + [RoundParticipant(round=rnd, organisation_id=o, side="mentor") for o in orgs[{SMES}:]])
User.objects.create_user("mp-officer", password="mp-password-1", role=Role.OFFICER, is_staff=True)
print("round", rnd.pk)
'''

ENQUEUE = f"import mp_tasks\nfor n in range({TASKS}): mp_tasks.record.enqueue(n)"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def database_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…): several processes share one database, "
                    "which SQLite's single writer does not model")
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_processes"
    admin = dict(host=config["HOST"] or "127.0.0.1", port=config["PORT"] or 5432, user=config["USER"] or "postgres",
                 password=config["PASSWORD"] or None, dbname="postgres", autocommit=True)
    with psycopg.connect(**admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield url.rsplit("/", 1)[0] + "/" + name, {**admin, "dbname": name}
    with psycopg.connect(**admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Processes:
    """Processes started by the test, each in its own group, all stopped at the end."""

    def __init__(self, env: dict[str, str], logs: Path):
        self.env, self.logs, self.started, self.files = env, logs, [], []

    def kizuna(self, *args: str, timeout: float = 120) -> str:
        run = subprocess.run([sys.executable, "-m", "kizuna.cli", *args], env=self.env, capture_output=True,
                             text=True, timeout=timeout)
        assert run.returncode == 0, run.stderr[-3000:]
        return run.stdout

    def start(self, name: str, *args: str) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("w")
        self.files.append(log)
        process = subprocess.Popen([sys.executable, "-m", "kizuna.cli", *args], env=self.env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        self.started.append(process)
        return process

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text()

    def stop(self) -> None:
        for process in self.started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in self.started:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for log in self.files:
            log.close()


def _wait_for(condition, *, seconds: float, what: str, step: float = 0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def _answers(url: str) -> bool:
    import requests

    try:
        return requests.get(url, timeout=10).status_code == 200
    except (requests.ConnectionError, requests.Timeout):
        return False


def test_two_web_processes_and_two_workers_share_tasks_sessions_and_runs(database_url, tmp_path):
    import psycopg
    import requests

    url, dsn = database_url
    (tmp_path / "mp_tasks.py").write_text(RECORD_TASKS)
    env = {**os.environ, "DATABASE_URL": url, "KIZUNA_DATA_DIR": str(tmp_path),
           "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{tmp_path}", "DJANGO_SETTINGS_MODULE": "kizuna.site.settings",
           "LOG_LEVEL": "INFO", "LOG_FORMAT": "text", "WEB_CONCURRENCY": "1", "WEB_THREADS": "2"}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    procs = Processes(env, tmp_path)
    try:
        procs.kizuna("migrate", "--noinput", "-v", "0")
        round_id = int(re.search(r"round (\d+)", procs.kizuna("shell", "-c", SETUP)).group(1))
        ports = [_free_port(), _free_port()]
        for i, port in enumerate(ports):
            procs.start(f"web{i}", "serve", f"127.0.0.1:{port}")
            procs.start(f"worker{i}", "worker", "--interval", "0.2", "--no-startup-delay", "--no-scheduler")
        webs = [f"http://127.0.0.1:{port}" for port in ports]
        for web in webs:
            _wait_for(lambda web=web: _answers(f"{web}/healthz/ready"), seconds=30, what=f"{web} to be ready")
        _wait_for(lambda: all("Starting worker" in procs.log(f"worker{i}") for i in range(2)), seconds=30,
                  what="both workers to start")

        # A batch of tasks: each runs exactly once, and both workers take some.
        procs.kizuna("shell", "-c", ENQUEUE)
        with psycopg.connect(**dsn) as db:
            def all_recorded():
                return db.execute("SELECT count(*) FROM mp_record").fetchone()[0] >= TASKS

            _wait_for(all_recorded, seconds=30, what=f"{TASKS} tasks to run")
            time.sleep(0.5)  # a task run twice would show up now
            rows = db.execute("SELECT n, count(*) FROM mp_record GROUP BY n ORDER BY n").fetchall()
            assert rows == [(n, 1) for n in range(TASKS)]
            assert db.execute("SELECT count(DISTINCT pid) FROM mp_record").fetchone()[0] == 2
            statuses = db.execute("SELECT status, count(*) FROM django_tasks_database_dbtaskresult "
                                  "WHERE task_path = 'mp_tasks.record' GROUP BY status").fetchall()
            assert statuses == [("SUCCESSFUL", TASKS)]

        # Sign in on web 0; the same session cookie is valid on web 1.
        session = requests.Session()
        session.get(f"{webs[0]}/accounts/login/")
        response = session.post(f"{webs[0]}/accounts/login/", data={
            "username": "mp-officer", "password": "mp-password-1",
            "csrfmiddlewaretoken": session.cookies["csrftoken"]}, allow_redirects=False)
        assert response.status_code == 302, response.text[:500]
        assert session.get(f"{webs[1]}/", allow_redirects=False).status_code == 200

        # Start a run on web 0, watch it on both, cancel it from web 1.
        csrf = {"X-CSRFToken": session.cookies["csrftoken"]}
        started = session.post(f"{webs[0]}/api/mentoring/rounds/{round_id}/runs/", headers=csrf)
        assert started.status_code == 202, started.text[:500]
        run_id, request_id = started.json()["id"], started.headers["X-Request-ID"]

        def run_on(web: str) -> dict:
            return session.get(f"{web}/api/mentoring/runs/{run_id}/").json()

        running = _wait_for(lambda: (r := run_on(webs[1]))["status"] == "running" and r, seconds=20, step=0.05,
                            what="the run to start on a worker")
        assert run_on(webs[0])["status"] == "running"
        assert running["progress"] >= 0
        progress_page = session.get(f"{webs[1]}/mentoring/runs/{run_id}/progress/").text
        assert 'data-status="running"' in progress_page

        cancelled = session.post(f"{webs[1]}/api/mentoring/runs/{run_id}/cancel/", headers=csrf)
        assert cancelled.status_code == 200 and cancelled.json()["cancel_requested"] is True
        _wait_for(lambda: run_on(webs[0])["status"] == "cancelled", seconds=30, what="the run to stop")
        ended = run_on(webs[1])
        assert (ended["status"], ended["progress"] < 100) == ("cancelled", True)
        assert session.get(f"{webs[0]}/api/mentoring/runs/{run_id}/proposals/").json() == []

        # The worker that ran it logged the request id of the request that started it.
        workers_log = procs.log("worker0") + procs.log("worker1")
        assert re.search(rf"\[{request_id}\] task [\w.]+round_run_task started", workers_log), workers_log[-2000:]

        # /metrics of a web process adds up its requests and sees the queue from the database.
        metrics = requests.get(f"{webs[0]}/metrics").text
        assert 'kizuna_http_requests_total{method="POST",route="/api/mentoring/rounds/<pk>/runs/",status="202"} 1.0' in metrics
        assert f'kizuna_task_duration_seconds_count{{status="SUCCESSFUL",task="mp_tasks.record"}} {TASKS}.0' in metrics
        assert 'kizuna_queue_depth{queue="default"}' not in metrics  # nothing left waiting
    finally:
        procs.stop()
    assert all(p.returncode is not None for p in procs.started)
