"""Background work of the organisations app (django-tasks; the worker is `kizuna db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def import_job_task(job_id: int) -> str:
    """Apply a confirmed spreadsheet import (see imports.jobs.import_job_execute);
    returns the job's final status."""
    from kizuna.organisations.imports.jobs import (
        import_job_execute,  # jobs.py imports this module to queue
    )


    return import_job_execute(job_id)
