"""Background work of the plans: the monthly check-in reminder (run it daily from
the scheduler, or `kizuna plans_remind`; it reminds each plan once a month)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task


@task()
def plans_remind_task(today: str | None = None) -> dict:
    """Run plans_remind for `today` (ISO date, default today); returns the counts."""
    from kizuna.mentoring.domain.plans import plans_remind

    result = plans_remind(today=dt.date.fromisoformat(today) if today else None)
    return {"plans": result.plans, "emails": result.emails, "skipped": result.skipped_already_reminded}
