"""Request ids, structured logs and the trail from a request into its tasks.

Every request gets an id: the proxy's `X-Request-ID` when it is a plausible one,
else a new one. It is returned in the response's `X-Request-ID`, added to every
log record made while the request is served (`RequestIdFilter`), and written
beside each task the request enqueues (`TaskOrigin`), so that the worker's log
lines about that task carry the same id. One log line per request
(`kizuna.request`) says method, route, status, duration and user.

`JsonFormatter` writes each record as one JSON object per line, for a log shipper.
Prometheus metrics are kept apart in common/metrics.py: that module is imported
only by the web process, after `kizuna serve` has chosen the metrics directory.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import time
import traceback
import uuid

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("kizuna_request_id", default="")

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
# LogRecord attributes that are not extra fields given by the caller
_RECORD_FIELDS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}

request_log = logging.getLogger("kizuna.request")
task_log = logging.getLogger("kizuna.task")


def request_id_new() -> str:
    return uuid.uuid4().hex


def request_id_from(header: str | None) -> str:
    """The proxy's request id if it looks like one (no spaces, 8–64 safe
    characters), else a new id; a client cannot inject text into the logs."""
    if header and _VALID_ID.match(header):
        return header
    return request_id_new()


class RequestIdFilter(logging.Filter):
    """Adds `request_id` (empty outside a request or task) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message,
    request_id, the record's extra fields, and the traceback if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or request_id_var.get(),
        }
        for key, value in vars(record).items():
            if key not in _RECORD_FIELDS and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool | type(None)) else str(value)
        if record.exc_info:
            entry["exception"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        return json.dumps(entry, ensure_ascii=False)


_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def _route(request) -> str:
    """The URL pattern that served the request, not its path, so that metric labels
    stay few: `/organisations/<int:pk>/`; the API router's regular expressions are
    written the same way (`/api/mentoring/runs/<pk>/`)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "<unmatched>"
    route = _REGEX_GROUP.sub(r"<\1>", match.route or "").replace("^", "").replace("$", "")
    return "/" + route.replace("\\.", ".")


class RequestObservabilityMiddleware:
    """First in the middleware: request id, one structured log line, metrics."""

    def __init__(self, get_response):
        self.get_response = get_response
        from kizuna.common import metrics

        self.metrics = metrics

    def __call__(self, request):
        request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        except Exception:
            self._record(request, 500, time.perf_counter() - started)
            raise
        finally:
            request_id_var.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        self._record(request, response.status_code, time.perf_counter() - started, request_id=request_id)
        return response

    def _record(self, request, status: int, seconds: float, *, request_id: str = "") -> None:
        route = _route(request)
        self.metrics.request_observe(method=request.method, route=route, status=status, seconds=seconds)
        user = getattr(request, "user", None)
        request_log.info(
            "%s %s %s %.1f ms", request.method, request.path, status, seconds * 1000,
            extra={"request_id": request_id or request_id_var.get(), "method": request.method, "path": request.path,
                   "route": route, "status": status, "duration_ms": round(seconds * 1000, 1),
                   "user_id": user.pk if user is not None and user.is_authenticated else None},
        )


# --- the trail into tasks (signal handlers connected in CommonConfig.ready) ---

_task_started_at: dict[str, float] = {}
_task_tokens: dict[str, contextvars.Token] = {}


def on_task_enqueued(sender, task_result, **kwargs) -> None:
    from django_tasks import TaskResultStatus

    from kizuna.common.models import TaskOrigin

    request_id = request_id_var.get()
    if not request_id or task_result.status != TaskResultStatus.READY:
        return  # not from a request, or already run in this process (immediate backend)

    TaskOrigin.objects.update_or_create(task_id=str(task_result.id)[:64], defaults={"request_id": request_id})


def on_task_started(sender, task_result, **kwargs) -> None:
    from kizuna.common.models import TaskOrigin

    task_id = str(task_result.id)
    request_id = (
        TaskOrigin.objects.filter(task_id=task_id[:64]).values_list("request_id", flat=True).first()
        or request_id_var.get()
        or request_id_new()
    )
    _task_tokens[task_id] = request_id_var.set(request_id)
    _task_started_at[task_id] = time.perf_counter()
    task_log.info("task %s started", task_result.task.module_path,
                  extra={"task_id": task_id, "task": task_result.task.module_path})


def on_task_finished(sender, task_result, **kwargs) -> None:
    from kizuna.common.models import TaskOrigin

    task_id = str(task_result.id)
    started = _task_started_at.pop(task_id, None)
    duration_ms = round((time.perf_counter() - started) * 1000, 1) if started is not None else None
    status = str(getattr(task_result.status, "value", task_result.status))
    (task_log.error if status == "FAILED" else task_log.info)(
        "task %s %s", task_result.task.module_path, status.lower(),
        extra={"task_id": task_id, "task": task_result.task.module_path, "status": status, "duration_ms": duration_ms},
    )
    TaskOrigin.objects.filter(task_id=task_id[:64]).delete()
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        request_id_var.reset(token)
