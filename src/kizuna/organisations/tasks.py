"""Background work of the organisations app (django-tasks; the worker is `kizuna db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def import_job_task(job_id: int) -> str:
    """Apply a confirmed spreadsheet import (see import_jobs.import_job_execute);
    returns the job's final status."""
    from kizuna.organisations.import_jobs import import_job_execute

    return import_job_execute(job_id)
