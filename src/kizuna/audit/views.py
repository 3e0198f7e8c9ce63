"""The officers' audit log page: search, page through, download (CSV/XLSX through
the guarded export)."""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kizuna.audit.forms import EntryFilterForm
from kizuna.audit.queries import ACTION_LABELS, entries_search, entry_row
from kizuna.common.exports import CONTENT_TYPES, FORMATS, table_export
from kizuna.common.views import permission_required

PAGE_SIZE = 50
EXPORT_LIMIT = 100_000


def export_headers() -> list[str]:
    return [_("Number"), _("When"), _("Who"), _("Action"), _("Kind of record"), _("Record number"),
            _("Record"), _("Changes"), _("Where"), _("Through"), _("Address")]


def export_cells(row: dict, label: str) -> list:
    return [row["id"], timezone.localtime(row["timestamp"]).strftime("%Y-%m-%d %H:%M:%S"),
            row["actor"], label, row["object_type"], row["object_id"], row["object"],
            json.dumps(row["changes"], ensure_ascii=False) if row["changes"] else "",
            row["where"], row["via"] or row["path"], row["remote_addr"]]


def entries_export(entries, fmt: str) -> bytes:
    rows = (export_cells(entry_row(e), str(ACTION_LABELS[e.action])) for e in entries[:EXPORT_LIMIT])
    return table_export(export_headers(), rows, fmt=fmt, sheet_title=_("Audit log"))


@require_GET
@permission_required("audit.view_log")
def log(request):
    params = request.GET.copy()
    fmt = params.pop("format", [""])[-1]
    params.pop("page", None)
    form = EntryFilterForm(params or None)
    valid = not form.is_bound or form.is_valid()
    entries = entries_search(form.entry_filter()) if valid else None
    if valid and fmt in FORMATS:
        response = HttpResponse(entries_export(entries, fmt), content_type=CONTENT_TYPES[fmt])
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.{fmt}"'
        return response
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page")) if valid else None
    rows = [(entry_row(e), ACTION_LABELS[e.action]) for e in page] if page else []
    return render(request, "audit/log.html", {
        "form": form, "page": page, "rows": rows, "query_string": params.urlencode(),
    }, status=200 if valid else 400)
