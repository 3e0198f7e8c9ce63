"""Background work of the mentoring app (django-tasks; the worker is `kizuna db_worker`).

The tasks import the domain inside their bodies: the domain enqueues these tasks,
so importing it here at module level would be an import cycle."""

from __future__ import annotations

import datetime as dt

from django_tasks import task


@task()
def round_run_task(run_id: int) -> str:
    """Run a matching round (see domain.runs.run_execute); returns the run's final status."""
    from kizuna.mentoring.domain.runs import run_execute

    return run_execute(run_id)


@task()
def round_vectors_task(round_id: int) -> int:
    """Encode the descriptions of a round's participants into the vector cache, so
    that its runs find every text encoded (see domain.rounds.round_vectors_warm)."""
    from kizuna.mentoring.domain.rounds import round_vectors_warm

    return round_vectors_warm(round_id)


@task()
def plans_remind_task(today: str | None = None) -> dict:
    """The plans' monthly check-in reminder (see domain.reminders.plans_remind) for
    `today` (ISO date, default today); run it daily. Returns the counts."""
    from kizuna.mentoring.domain.reminders import plans_remind

    result = plans_remind(today=dt.date.fromisoformat(today) if today else None)
    return {"plans": result.plans, "emails": result.emails, "skipped": result.skipped_already_reminded}
