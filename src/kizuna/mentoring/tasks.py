"""Background work of the mentoring app (django-tasks; the worker is `kizuna db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def round_run_task(run_id: int) -> str:
    """Run a matching round (see domain_rounds.run_execute); returns the run's final status."""
    from kizuna.mentoring.domain_rounds import run_execute

    return run_execute(run_id)
