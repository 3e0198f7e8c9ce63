import hmac
import ipaddress
import os

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kizuna.programmes.queries import programme_overview

_migrations_applied = False  # once true in a process, stays true (migrations are not undone under it)


def _failed(exc: Exception) -> dict:
    return {"status": "error", "error": exc.__class__.__name__}


def _database_check() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure makes the service unready
        return {**_failed(exc), "vendor": connection.vendor}
    return {"status": "ok", "vendor": connection.vendor}


def _migrations_check() -> dict:
    global _migrations_applied
    if _migrations_applied:
        return {"status": "ok", "unapplied": 0}
    try:
        executor = MigrationExecutor(connection)
        unapplied = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except Exception as exc:
        return _failed(exc)
    _migrations_applied = unapplied == 0
    return {"status": "ok" if unapplied == 0 else "error", "unapplied": unapplied}


def _queue_check() -> dict:
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

    default_backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    backend = type(default_backend).__name__
    try:
        from django_tasks_db.backend import DatabaseBackend

        if isinstance(default_backend, DatabaseBackend):
            from django_tasks_db.models import DBTaskResult

            return {"status": "ok", "backend": backend, "ready": DBTaskResult.objects.ready().count()}
    except Exception as exc:
        return {**_failed(exc), "backend": backend}
    return {"status": "ok", "backend": backend}


@require_GET
@never_cache
def healthz_live(request):
    """Liveness: the process answers. Touches nothing else, so a database outage
    does not make an orchestrator restart healthy web processes."""
    return JsonResponse({"status": "ok", "application": {"status": "ok"}})


@require_GET
@never_cache
def healthz_ready(request):
    """Readiness (also `/healthz`): the database answers, every migration is
    applied, and the task queue can be reached. 503 with the failing part if not."""
    database = _database_check()
    checks = {"database": database}
    if database["status"] == "ok":
        checks["migrations"] = _migrations_check()
        checks["queue"] = _queue_check()
    ok = all(check["status"] == "ok" for check in checks.values())
    return JsonResponse(
        {"status": "ok" if ok else "error", "application": {"status": "ok"}, **checks},
        status=200 if ok else 503,
    )


healthz = healthz_ready


def _metrics_allowed(request) -> bool:
    """With METRICS_TOKEN set: only `Authorization: Bearer <token>`. Without it:
    only a direct connection from this machine (loopback, and no proxy header, so
    that a request relayed by a local proxy is refused)."""
    token = os.environ.get("METRICS_TOKEN", "")
    if token:
        given = request.headers.get("Authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())
    if request.headers.get("X-Forwarded-For") or request.headers.get("X-Real-IP"):
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


@require_GET
@never_cache
def metrics(request):
    """Prometheus metrics (see common/metrics.py); protected by `_metrics_allowed`."""
    if not _metrics_allowed(request):
        return HttpResponseForbidden("metrics: set METRICS_TOKEN and send it as a bearer token, or ask from loopback\n",
                                     content_type="text/plain")
    from prometheus_client import CONTENT_TYPE_LATEST

    from kizuna.common.metrics import metrics_render

    return HttpResponse(metrics_render(), content_type=CONTENT_TYPE_LATEST)


@login_required
def dashboard(request):
    return render(request, "site/dashboard.html", {"programmes": programme_overview()})


# --- error pages (handler400/403/404/500 in site/urls.py): the site's own look, in the
# reader's language (LocaleMiddleware has chosen it before the view ran), with a way back.

_ERROR_TITLES = {
    400: gettext_lazy("The request could not be understood"),
    403: gettext_lazy("You may not open this page"),
    404: gettext_lazy("This page does not exist"),
    500: gettext_lazy("Something went wrong on our side"),
}
_ERROR_TEXTS = {
    400: gettext_lazy("The address or the form that was sent is not valid. Go back and try again."),
    403: gettext_lazy(
        "Your account does not have the right to see this page. If you think it should, ask a programme officer."
    ),
    404: gettext_lazy("The address may be mistyped, or the page may have been moved or removed."),
    500: gettext_lazy(
        "The error has been recorded and the team will look into it. Please try again in a few minutes."
    ),
}


def _back_url(request) -> str:
    """The page the reader came from, when it is on this site (never another host)."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        if referer.rstrip("/") != request.build_absolute_uri().rstrip("/"):
            return referer
    return ""


def _error_page(request, status: int, *, template: str = "errors/error.html"):
    if request.path.startswith("/api/"):
        return JsonResponse({"code": f"http_{status}", "detail": str(_ERROR_TITLES[status])}, status=status)
    context = {"status": status, "title": _ERROR_TITLES[status], "text": _ERROR_TEXTS[status],
               "back_url": _back_url(request)}
    try:
        return render(request, template, context, status=status)
    except Exception:  # the page itself must not fail: plain text in the reader's language
        if status != 500:
            raise
        return HttpResponse(f"{_ERROR_TITLES[500]}\n{_ERROR_TEXTS[500]}\n", status=500,
                            content_type="text/plain; charset=utf-8")


def error_400(request, exception=None):
    return _error_page(request, 400)


def error_403(request, exception=None):
    return _error_page(request, 403)


def error_404(request, exception=None):
    return _error_page(request, 404)


def error_500(request):
    """Rendered without the database where possible: the template is the plain error
    page (no notification count), so that a database outage still gets this page."""
    return _error_page(request, 500, template="errors/500.html")
