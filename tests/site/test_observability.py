import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

import kizuna
from kizuna.common.models import TaskOrigin
from kizuna.common.observability import (
    JsonFormatter,
    RequestIdFilter,
    request_id_from,
    request_id_var,
)


@pytest.mark.django_db
def test_liveness_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "application": {"status": "ok"}}


@pytest.mark.django_db
def test_readiness_checks_database_migrations_and_queue(client):
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["migrations"] == {"status": "ok", "unapplied": 0}
    assert body["queue"] == {"status": "ok", "backend": "DatabaseBackend", "ready": 0}


@pytest.mark.django_db
def test_readiness_is_503_and_names_the_part_when_the_database_fails(client, monkeypatch):
    from kizuna.site import views

    monkeypatch.setattr(views, "_database_check", lambda: {"status": "error", "vendor": "sqlite", "error": "OperationalError"})
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "application": {"status": "ok"},
                               "database": {"status": "error", "vendor": "sqlite", "error": "OperationalError"}}


@pytest.mark.django_db
def test_every_response_carries_a_request_id_and_keeps_a_plausible_one_from_the_proxy(client):
    fresh = client.get("/healthz/live")["X-Request-ID"]
    assert len(fresh) == 32 and fresh.isalnum()
    assert client.get("/healthz/live", headers={"X-Request-ID": "edge-1234abcd"})["X-Request-ID"] == "edge-1234abcd"
    injected = client.get("/healthz/live", headers={"X-Request-ID": "bad id\nforged log line"})["X-Request-ID"]
    assert "\n" not in injected and len(injected) == 32


def test_a_request_id_from_outside_is_kept_only_when_it_is_8_to_64_safe_characters():
    assert request_id_from("abc-123_4.5:6") == "abc-123_4.5:6"
    assert request_id_from("short") != "short"
    assert request_id_from("x" * 65) != "x" * 65
    assert request_id_from(None)


def test_json_log_lines_carry_the_request_id_and_the_extra_fields():
    record = logging.makeLogRecord({"name": "kizuna.request", "levelno": logging.INFO, "levelname": "INFO",
                                    "msg": "GET %s", "args": ("/",), "status": 200, "route": "/"})
    token = request_id_var.set("req-00000001")
    try:
        RequestIdFilter().filter(record)
        entry = json.loads(JsonFormatter().format(record))
    finally:
        request_id_var.reset(token)
    assert {k: entry[k] for k in ("level", "logger", "message", "request_id", "status", "route")} == {
        "level": "INFO", "logger": "kizuna.request", "message": "GET /", "request_id": "req-00000001",
        "status": 200, "route": "/"}


@pytest.mark.django_db
def test_a_task_queued_by_a_request_is_given_the_request_id_for_the_worker():
    from kizuna.common.observability import on_task_finished, on_task_started
    from kizuna.common.tasks import periodic_job_task

    token = request_id_var.set("req-abcdef12")
    try:
        result = periodic_job_task.enqueue("plans_remind")
    finally:
        request_id_var.reset(token)
    assert TaskOrigin.objects.get(task_id=str(result.id)).request_id == "req-abcdef12"
    # the worker's side: the id is set while the task runs, and the trail is removed at its end
    on_task_started(sender=None, task_result=result)
    assert request_id_var.get() == "req-abcdef12"
    on_task_finished(sender=None, task_result=result)
    assert request_id_var.get() == ""
    assert not TaskOrigin.objects.exists()


@pytest.mark.django_db
def test_metrics_count_requests_by_route_and_report_the_queue(client):
    from kizuna.common.tasks import periodic_job_task

    client.get("/healthz/live")
    periodic_job_task.enqueue("plans_remind")
    response = client.get("/metrics")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'kizuna_http_requests_total{method="GET",route="/healthz/live",status="200"}' in text
    assert 'kizuna_queue_depth{queue="default"} 1.0' in text
    assert 'kizuna_tasks{queue="default",status="READY"} 1.0' in text


@pytest.mark.django_db
def test_metrics_report_task_durations_and_failures_from_the_task_table(client):
    import datetime as dt

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    common = {"args_kwargs": {"args": [], "kwargs": {}}, "task_path": "kizuna.common.tasks.periodic_job_task",
              "backend_name": "default", "run_after": now, "queue_name": "default"}
    DBTaskResult.objects.create(status="SUCCESSFUL", started_at=now, finished_at=now + dt.timedelta(seconds=2), **common)
    DBTaskResult.objects.create(status="FAILED", started_at=now, finished_at=now + dt.timedelta(seconds=20), **common)
    text = client.get("/metrics").content.decode()
    path = "kizuna.common.tasks.periodic_job_task"
    assert f'kizuna_task_duration_seconds_bucket{{le="5.0",status="SUCCESSFUL",task="{path}"}} 1.0' in text
    assert f'kizuna_task_duration_seconds_sum{{status="FAILED",task="{path}"}} 20.0' in text
    assert f'kizuna_task_duration_seconds_bucket{{le="15.0",status="FAILED",task="{path}"}} 0.0' in text
    assert f'kizuna_task_failures_total{{task="{path}"}} 1.0' in text


@pytest.mark.django_db
def test_metrics_are_refused_through_a_proxy_and_from_elsewhere(client):
    assert client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 403
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 403


@pytest.mark.django_db
def test_metrics_ask_for_the_token_when_one_is_set(client, monkeypatch):
    monkeypatch.setenv("METRICS_TOKEN", "s3cret-token")
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 403
    ok = client.get("/metrics", REMOTE_ADDR="203.0.113.9", headers={"Authorization": "Bearer s3cret-token"})
    assert ok.status_code == 200


@pytest.mark.django_db
def test_sessions_and_cache_are_tables_that_every_process_shares():
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection

    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.CACHES["default"] == {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                                          "LOCATION": "kizuna_cache"}
    cache.set("k", "v", 60)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM kizuna_cache")
        assert cursor.fetchone()[0] == 1
    assert reverse("healthz-ready") == "/healthz/ready"


def _gunicorn_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    code = "import kizuna.site.gunicorn_conf as c; print(c.bind, c.workers, c.threads, c.timeout, c.worker_class)"
    src = str(Path(kizuna.__file__).resolve().parents[1])
    return subprocess.run([sys.executable, "-c", code], env={"PATH": "/usr/bin:/bin", "PYTHONPATH": src, **env},
                          capture_output=True, text=True)


def test_serve_takes_workers_and_threads_from_the_environment_or_the_cpus(tmp_path):
    import os

    run = _gunicorn_settings({"KIZUNA_DATA_DIR": str(tmp_path)})
    assert run.stdout.split() == ["127.0.0.1:8000", str(2 * os.cpu_count() + 1), "4", "60", "gthread"]
    run = _gunicorn_settings({"KIZUNA_DATA_DIR": str(tmp_path), "KIZUNA_BIND": "0.0.0.0:9000",
                              "WEB_CONCURRENCY": "3", "WEB_THREADS": "8"})
    assert run.stdout.split() == ["0.0.0.0:9000", "3", "8", "60", "gthread"]
    run = _gunicorn_settings({"KIZUNA_DATA_DIR": str(tmp_path), "WEB_CONCURRENCY": "many"})
    assert run.returncode != 0
    assert "WEB_CONCURRENCY must be a whole number of 1 or more, not 'many'." in run.stderr


@pytest.mark.django_db
def test_request_metrics_are_labelled_by_url_pattern_not_by_path(client, officer):
    from kizuna.common.observability import _route

    client.force_login(officer)
    request = client.get("/api/mentoring/runs/12345/").wsgi_request
    assert _route(request) == "/api/mentoring/runs/<pk>/"
    request = client.get("/organisations/?q=x").wsgi_request
    assert _route(request) == "/organisations/"
    assert _route(client.get("/no/such/page/").wsgi_request) == "<unmatched>"
