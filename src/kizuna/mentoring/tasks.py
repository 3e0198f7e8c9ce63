"""Background work of the mentoring app (django-tasks; the worker is `kizuna db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def round_run_task(run_id: int) -> str:
    """Run a matching round (see domain_rounds.run_execute); returns the run's final status."""
    from kizuna.mentoring.domain.rounds import run_execute

    return run_execute(run_id)


@task()
def round_vectors_task(round_id: int) -> int:
    """Encode the descriptions of a round's participants into the vector cache, so
    that its runs find every text encoded (see domain_rounds.round_vectors_warm)."""
    from kizuna.mentoring.domain.rounds import round_vectors_warm

    return round_vectors_warm(round_id)
