"""Prometheus metrics: requests from the web processes, tasks from the database.

Two sources, chosen for a site run by several gunicorn workers on several machines:

* Requests (count, latency histogram by method, route and status) are counted in
  each web process with prometheus-client. Under `kizuna serve` the processes
  share a directory (PROMETHEUS_MULTIPROC_DIR, set by `serve` before any worker
  starts) and `/metrics` adds them up, so one scrape of a machine gives the whole
  machine whichever worker answers it.
* The queue (tasks waiting, running) and the tasks' durations and failures are
  computed from the task table at scrape time. Tasks run on worker machines that
  serve no HTTP; the database is the one place that knows them all, so every web
  machine reports the same cluster-wide figures (in Prometheus, aggregate those
  with max(), not sum()).
"""

from __future__ import annotations

import datetime as dt
import os

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5, 5.0, 10.0)
TASK_BUCKETS = (0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0)

REQUESTS = Counter("kizuna_http_requests", "HTTP requests served", ["method", "route", "status"])
LATENCY = Histogram("kizuna_http_request_duration_seconds", "Time to serve a request", ["method", "route"],
                    buckets=LATENCY_BUCKETS)


def request_observe(*, method: str, route: str, status: int, seconds: float) -> None:
    REQUESTS.labels(method=method, route=route, status=str(status)).inc()
    LATENCY.labels(method=method, route=route).observe(seconds)


class TaskTableCollector:
    """Queue depth, task durations and failures, read from django-tasks-db's table."""

    def collect(self):
        from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
        from django_tasks import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        tasks = GaugeMetricFamily("kizuna_tasks", "Tasks in the queue table by state", labels=["queue", "status"])
        for row in DBTaskResult.objects.values("queue_name", "status").annotate(n=Count("id")).order_by():
            tasks.add_metric([row["queue_name"], row["status"]], row["n"])
        yield tasks

        ready = DBTaskResult.objects.ready().values("queue_name").annotate(n=Count("id")).order_by()
        depth = GaugeMetricFamily("kizuna_queue_depth", "Tasks ready to run and not yet taken", labels=["queue"])
        for row in ready:
            depth.add_metric([row["queue_name"]], row["n"])
        yield depth

        duration = ExpressionWrapper(F("finished_at") - F("started_at"), output_field=DurationField())
        finished = (
            DBTaskResult.objects.filter(status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
                                        started_at__isnull=False, finished_at__isnull=False)
            .annotate(d=duration)
            .values("task_path", "status")
            .order_by()
        )
        buckets = {f"b{i}": Count("id", filter=Q(d__lte=dt.timedelta(seconds=b))) for i, b in enumerate(TASK_BUCKETS)}
        histogram = HistogramMetricFamily("kizuna_task_duration_seconds", "Time from a task's start to its end",
                                          labels=["task", "status"])
        failures = CounterMetricFamily("kizuna_task_failures", "Tasks that ended with an error", labels=["task"])
        for row in finished.annotate(n=Count("id"), total=Sum("d"), **buckets):
            counts = [(str(b), row[f"b{i}"]) for i, b in enumerate(TASK_BUCKETS)] + [("+Inf", row["n"])]
            total = row["total"].total_seconds() if row["total"] is not None else 0.0
            histogram.add_metric([row["task_path"], row["status"]], counts, total)
            if row["status"] == TaskResultStatus.FAILED:
                failures.add_metric([row["task_path"]], row["n"])
        yield histogram
        yield failures


def metrics_render() -> bytes:
    """The text exposition of every metric: this machine's web processes, and the
    task table."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:  # one process (the development server, tests): its own counters
        registry.register(REQUESTS)
        registry.register(LATENCY)
    registry.register(TaskTableCollector())
    return generate_latest(registry)
