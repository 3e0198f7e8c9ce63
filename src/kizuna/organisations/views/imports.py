"""The import page (upload, preview, confirm) and the directory's export downloads."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from kizuna.accounts.models import User
from kizuna.common.i18n import LANGUAGES, current_language
from kizuna.common.jobs import JobError, JobStatus, job_cancel
from kizuna.common.views import job_progress_context, job_progress_response
from kizuna.organisations.exports import CONTENT_TYPES, FORMATS, organisations_export
from kizuna.organisations.forms import DirectoryFilterForm
from kizuna.organisations.imports.columns import COLUMNS
from kizuna.organisations.imports.files import (
    MAX_UPLOAD,
    SUFFIXES,
    upload_claim,
    upload_discard,
    upload_keep,
    upload_kept,
    uploads_sweep,
)
from kizuna.organisations.imports.jobs import import_job_start
from kizuna.organisations.imports.preview import ImportPreview, organisations_import_preview
from kizuna.organisations.imports.template import import_template
from kizuna.organisations.models import ImportJob
from kizuna.organisations.queries import (
    import_history,
    import_job_of_upload,
    import_job_organisations,
    import_reference_lists,
    organisation_directory,
)

SESSION_KEY = "organisations_import"
PREVIEW_ROWS = 20
RESULT_ROWS = 500  # organisations linked on an import's result page
HISTORY_PAGE = 50
IMMEDIATE_ROWS = 500  # smaller files are applied within the request (KIZUNA_IMPORT_IMMEDIATE_ROWS)


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Spreadsheet (CSV or Excel .xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() not in SUFFIXES:
            raise forms.ValidationError(
                _("%(file)s is neither a CSV file nor an Excel workbook (.xlsx).")
                % {"file": upload.name}
            )
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("%(file)s is larger than %(max)d MB; split it into smaller files.")
                % {"file": upload.name, "max": MAX_UPLOAD // (1024 * 1024)}
            )
        return upload


def _forget(request) -> None:
    kept = request.session.pop(SESSION_KEY, None)
    if kept:
        upload_discard(kept.get("token", ""))


def _reference_lists() -> dict:
    return {"columns": COLUMNS, **import_reference_lists()}


@login_required
def import_page(request):
    """Upload a file → preview (its problems, or what it would change) → confirm."""
    if not request.user.has_perm("organisations.import_organisations"):
        raise PermissionDenied
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        _forget(request)
        uploads_sweep()
        upload = form.cleaned_data["file"]
        token = upload_keep(upload)
        request.session[SESSION_KEY] = {"token": token, "name": PurePath(upload.name).name}
        preview = organisations_import_preview(
            file_name=PurePath(upload.name).name, data=upload_kept(token).read_bytes()
        )
        if preview.ok:
            request.session[SESSION_KEY] = {
                **request.session[SESSION_KEY],
                "rows": len(preview.rows),
            }
        else:
            _forget(request)
        return _preview_page(request, preview, token)
    return render(request, "organisations/import.html", {"form": form, **_reference_lists()})


def _preview_page(request, preview: ImportPreview, token: str):
    return render(
        request,
        "organisations/import_preview.html",
        {
            "preview": preview,
            "token": token,
            "first_rows": preview.rows[:PREVIEW_ROWS],
            "more_rows": max(0, len(preview.rows) - PREVIEW_ROWS),
            "form": UploadForm(),
        },
    )


def _confirm(request):
    kept = request.session.get(SESSION_KEY) or {}
    token = request.POST.get("token", "")
    with transaction.atomic():
        # one confirmation at a time per officer: a double submit finds the job the
        # first one started for this upload and shows it, rather than a second job
        User.objects.select_for_update().filter(pk=request.user.pk).first()
        started = import_job_of_upload(actor=request.user, token=token)
        if started is not None:
            return redirect("organisations:import_job", pk=started.pk)
        # the job owns the file now: claiming it keeps uploads_sweep() away while it waits
        if token != kept.get("token") or upload_claim(token) is None:
            messages.error(request, _("The uploaded file is no longer available; upload it again."))
            return redirect("organisations:import")
        request.session.pop(SESSION_KEY, None)
        limit = getattr(settings, "KIZUNA_IMPORT_IMMEDIATE_ROWS", IMMEDIATE_ROWS)
        job = import_job_start(
            actor=request.user,
            token=token,
            file_name=kept["name"],
            language=current_language(),
            immediate=kept.get("rows", limit) < limit,
        )
    return redirect("organisations:import_job", pk=job.pk)


def _job(request, pk: int, *, own: bool = True) -> ImportJob:
    """An import job: the officer's own (to follow or cancel it), or with own=False
    any officer's (its result, from the import history)."""
    if not request.user.has_perm("organisations.import_organisations"):
        raise PermissionDenied
    if own:
        return get_object_or_404(ImportJob, pk=pk, requested_by=request.user)
    return get_object_or_404(ImportJob.objects.select_related("requested_by"), pk=pk)


def _progress_args(job: ImportJob, *, can_cancel: bool = True) -> dict:
    return {
        "poll_url": reverse("organisations:import_job_progress", args=[job.pk]),
        "cancel_url": reverse("organisations:import_job_cancel", args=[job.pk]),
        "can_cancel": can_cancel,  # only the officer who started it
    }


@login_required
def import_job(request, pk: int):
    """A confirmed import: its progress, then its counts or its problems."""
    job = _job(request, pk, own=False)
    done_message = ""
    if job.status == JobStatus.DONE:
        done_message = _(
            "%(file)s was imported. New organisations: %(new)d; updated: %(updated)d; unchanged: %(unchanged)d."
        ) % {
            "file": job.file_name,
            "new": job.new,
            "updated": job.updated,
            "unchanged": job.unchanged,
        }
    imported, imported_total = import_job_organisations(job, limit=RESULT_ROWS)
    return render(
        request,
        "organisations/import_job.html",
        {
            **job_progress_context(job, **_progress_args(job, can_cancel=job.requested_by_id == request.user.pk)),
            "done_message": done_message,
            "form": UploadForm(),
            "imported": imported,
            "imported_more": max(0, imported_total - len(imported)),
        },
    )


@login_required
def import_history_page(request):
    """Every confirmed import: who, when, which file, what it created and updated or
    how many problems refused it, each with a link to its result."""
    if not request.user.has_perm("organisations.import_organisations"):
        raise PermissionDenied
    page = Paginator(import_history(), HISTORY_PAGE).get_page(request.GET.get("page"))
    return render(request, "organisations/import_history.html", {"page": page})


@login_required
@require_GET
def import_template_download(request, fmt: str):
    """The file to start an import from: the columns headed in the reader's language
    (or ?lang=th|ja|en) and one example row."""
    if not request.user.has_perm("organisations.import_organisations"):
        raise PermissionDenied
    if fmt not in FORMATS:
        raise Http404
    lang = request.GET.get("lang") or current_language()
    if lang not in LANGUAGES:
        lang = current_language()
    response = HttpResponse(import_template(lang=lang, fmt=fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="kizuna-organisations-template-{lang}.{fmt}"'
    return response


@login_required
def import_job_progress(request, pk: int):
    """The progress fragment that the job page polls (htmx) while the job runs."""
    job = _job(request, pk, own=False)
    return job_progress_response(request, job, **_progress_args(job, can_cancel=job.requested_by_id == request.user.pk))


@login_required
@require_POST
def import_job_cancel(request, pk: int):
    """Stop a queued or running import; nothing of it is written."""
    try:
        job_cancel(job=_job(request, pk), actor=request.user)
    except JobError as exc:
        messages.error(request, str(exc))
    return redirect("organisations:import_job", pk=pk)


@login_required
def export(request):
    """The organisations of the directory's current filter as CSV or XLSX (officers
    and ministry viewers: the file holds every registration number)."""
    if not request.user.has_perm("organisations.export_organisations"):
        raise PermissionDenied
    fmt = request.GET.get("format", "csv")
    if fmt not in FORMATS:
        fmt = "csv"
    if request.htmx:
        # The directory's filter form asked through htmx: let the browser download it.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = request.get_full_path()
        return response
    form = DirectoryFilterForm(request.GET or None)
    qs = organisation_directory(**form.filters())
    if form.is_bound and form.errors.get("q"):
        return HttpResponseBadRequest(" ".join(form.errors["q"]), content_type="text/plain; charset=utf-8")
    keys = request.GET.get("keys") in ("1", "true", "yes")
    data = organisations_export(qs, fmt=fmt, lang=current_language(), keys=keys)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="organisations-{stamp}.{fmt}"'
    return response
