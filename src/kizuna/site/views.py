from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kizuna.programmes.queries import programme_overview


@require_GET
@never_cache
def healthz(request):
    """Liveness and readiness: the application answers and its database does too."""
    database = {"status": "ok", "vendor": connection.vendor}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure makes the service unready
        database = {"status": "error", "vendor": connection.vendor, "error": exc.__class__.__name__}
    ok = database["status"] == "ok"
    return JsonResponse(
        {"status": "ok" if ok else "error", "application": {"status": "ok"}, "database": database},
        status=200 if ok else 503,
    )


@login_required
def dashboard(request):
    return render(request, "site/dashboard.html", {"programmes": programme_overview()})
