"""Confirmed spreadsheet imports run as jobs: the page queues one and shows its
progress; a worker checks the kept file again and applies it, all or nothing."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kizuna.organisations.enums import ImportJobStatus
from kizuna.organisations.imports import SpreadsheetImportError, organisations_import
from kizuna.organisations.models import ImportJob

log = logging.getLogger(__name__)


def import_upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def import_kept_file(token: str) -> Path | None:
    """The upload kept under `token`, or None (also for anything that is not a token)."""
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        return None
    matches = list(import_upload_dir().glob(f"{token}.*"))
    return matches[0] if matches else None


def _progress_file(job: ImportJob) -> Path:
    # not "<token>.*": that is the kept upload's pattern
    return import_upload_dir() / f"progress-{job.file_token}.json"


def import_job_progress_load(job: ImportJob) -> ImportJob:
    """Fill in the progress of a running job. The import holds its transaction
    (on SQLite, the database's only write lock) from start to end, so its progress
    cannot be written to the job's row meanwhile: the worker writes it to a small
    file beside the kept upload, which this reads."""
    if job.status == ImportJobStatus.RUNNING:
        try:
            state = json.loads(_progress_file(job).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return job
        job.progress, job.message = int(state["progress"]), str(state["message"])
    return job


def import_job_start(
    *, actor, token: str, file_name: str, language: str, immediate: bool = False
) -> ImportJob:
    """Create a job for the kept upload `token` and run it: in this process when
    `immediate` (small files), otherwise as a background task. Returns the job."""
    job = ImportJob.objects.create(
        created_by=actor, file_token=token, file_name=file_name[:255], language=language[:8]
    )
    if immediate:
        import_job_execute(job.pk)
    else:
        from kizuna.organisations.tasks import import_job_task

        result = import_job_task.enqueue(job.pk)
        ImportJob.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def import_job_execute(job_id: int) -> str:
    """The work behind the task: read the kept file, check it again (the database
    may have changed since the preview), apply it in one transaction, record the
    counts or the problems, and delete the kept file. Returns the final status."""
    job = ImportJob.objects.get(pk=job_id)
    if job.status != ImportJobStatus.QUEUED:
        return job.status
    rows = ImportJob.objects.filter(pk=job.pk)
    rows.update(status=ImportJobStatus.RUNNING, progress=0, message="")

    progress_file = _progress_file(job)

    def progress(percent: int, message: str) -> None:
        partial = progress_file.with_suffix(".part")
        partial.write_text(
            json.dumps({"progress": max(0, min(percent, 99)), "message": message[:300]}),
            encoding="utf-8",
        )
        os.replace(partial, progress_file)

    def end(status: str, **fields) -> str:
        rows.update(status=status, finished=timezone.now(), **fields)
        return status

    path = import_kept_file(job.file_token)
    try:
        if path is None:
            return end(
                ImportJobStatus.FAILED,
                message=_("The uploaded file is no longer available; upload it again."),
            )
        with translation.override(job.language):
            try:
                result = organisations_import(
                    file_name=job.file_name, data=path.read_bytes(), progress=progress
                )
            except SpreadsheetImportError as exc:
                return end(
                    ImportJobStatus.FAILED,
                    errors=[
                        {"row": p.row, "column": p.column, "value": p.value, "message": p.message}
                        for p in exc.problems
                    ],
                )
        return end(
            ImportJobStatus.DONE,
            progress=100,
            message="",
            new=result.new,
            updated=result.updated,
            unchanged=result.unchanged,
        )
    except Exception as exc:  # a failed job must say so rather than stay "running"
        log.exception("import job %s failed", job_id)
        return end(ImportJobStatus.FAILED, message=f"{type(exc).__name__}: {exc}"[:300])
    finally:
        progress_file.unlink(missing_ok=True)
        if path is not None:
            path.unlink(missing_ok=True)
