"""Confirmed spreadsheet imports run as jobs (common/jobs.py): the page queues one
and shows its progress; a worker checks the kept file again and applies it, all or
nothing. An officer can cancel an import until it ends; nothing is then written."""

from __future__ import annotations

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy

from kizuna.common.jobs import (
    JobContext,
    JobFailed,
    JobStatus,
    in_every_language,
    job_enqueue,
    job_run,
)
from kizuna.organisations.imports.apply import organisations_import
from kizuna.organisations.imports.files import SpreadsheetImportError, upload_kept
from kizuna.organisations.models import ImportedOrganisation, ImportJob
from kizuna.organisations.tasks import import_job_task


def import_job_start(
    *, actor, token: str, file_name: str, language: str, immediate: bool = False
) -> ImportJob:
    """Create a job for the kept upload `token` and run it: in this process when
    `immediate` (small files), otherwise as a background task. Returns the job."""
    job = ImportJob.objects.create(
        requested_by=actor, file_token=token, file_name=file_name[:255], language=language[:8]
    )
    if immediate:
        import_job_execute(job.pk)
        job.refresh_from_db()
        return job
    return job_enqueue(job, import_job_task)


def import_job_execute(job_id: int) -> str:
    """The work behind the task: read the kept file, check it again (the database
    may have changed since the preview), apply it in one transaction together with
    the job's counts, or record the problems, and delete the kept file. A cancel
    request stops the import at its next progress report and rolls it back.
    Returns the final status."""
    job = ImportJob.objects.get(pk=job_id)
    path = upload_kept(job.file_token)

    def work(ctx: JobContext) -> None:
        if path is None:
            raise JobFailed(in_every_language(
                gettext_lazy("The uploaded file is no longer available; upload it again.")
            ))

        def progress(percent: int, message: str) -> None:
            ctx.progress(None, percent, message)
            ctx.check()

        with translation.override(job.language), transaction.atomic():
            try:
                result = organisations_import(
                    file_name=job.file_name, data=path.read_bytes(), progress=progress
                )
            except SpreadsheetImportError as exc:
                raise JobFailed(problems=[
                    {"row": p.row, "column": p.column, "value": p.value, "message": p.message}
                    for p in exc.problems
                ]) from exc
            ImportedOrganisation.objects.bulk_create(
                [ImportedOrganisation(job=job, organisation=org, created=number < result.new)
                 for number, org in enumerate(result.organisations)],
                batch_size=2000,
            )
            ctx.finish(message="", new=result.new, updated=result.updated, unchanged=result.unchanged)

    try:
        return job_run(job, work)
    finally:
        ended = ImportJob.objects.filter(pk=job_id, status__in=JobStatus.finished).exists()
        if path is not None and ended:
            path.unlink(missing_ok=True)
