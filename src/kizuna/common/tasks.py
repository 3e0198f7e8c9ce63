"""Background work shared by the apps (django-tasks; the worker is `kizuna worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def periodic_job_task(name: str) -> str:
    """Run the periodic job `name` (see common/periodic.py); returns what it printed."""
    from kizuna.common.periodic import periodic_job_run

    return periodic_job_run(name=name)
