"""Periodic jobs: run once per period, however many workers are running.

Every `kizuna worker` ticks the scheduler once a minute. A tick claims each job
that is due by inserting a `PeriodicRun(job, period)` row; the pair is unique, so
on any number of machines exactly one insert wins, and that worker enqueues the
job's task in the same transaction (a failed enqueue gives the claim back). The
task then runs on whichever worker takes it from the queue, like any other task.

Adding a job is one entry in `PERIODIC_JOBS`: a name, how often, from what local
time, and the management command that does the work — for example

    PeriodicJob("columbus_remind", every="day", at=dt.time(7), command="columbus_remind"),

The command must be safe to run twice in a period (the claim prevents it, but an
officer may also run it by hand).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import socket
import threading
from dataclasses import dataclass, field

from django.core.management import call_command
from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone

from kizuna.common.models import PeriodicRun

log = logging.getLogger("kizuna.periodic")

EVERY = ("day", "week", "month")


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: str  # "day", "week" (from Monday) or "month"
    command: str  # a management command (`kizuna <command>`)
    args: tuple[str, ...] = field(default=())
    at: dt.time = dt.time(0)  # local time (settings.TIME_ZONE) from which the job is due in its period

    def __post_init__(self):
        if self.every not in EVERY:
            raise ValueError(f"periodic job {self.name!r}: every={self.every!r}, expected one of {', '.join(EVERY)}")

    def period_of(self, today: dt.date) -> dt.date:
        """The first day of the period that contains `today`."""
        if self.every == "week":
            return today - dt.timedelta(days=today.weekday())
        if self.every == "month":
            return today.replace(day=1)
        return today


PERIODIC_JOBS: tuple[PeriodicJob, ...] = (
    # Monthly check-in reminders of transfer plans; checked daily, each plan is
    # reminded at most once a month by the command itself.
    PeriodicJob("plans_remind", every="day", at=dt.time(8), command="plans_remind"),
    # Finished task results older than 30 days leave the queue table.
    PeriodicJob("task_results_prune", every="day", at=dt.time(3), command="prune_db_task_results",
                args=("--min-age-days", "30")),
)


def periodic_job_get(name: str) -> PeriodicJob:
    for job in PERIODIC_JOBS:
        if job.name == name:
            return job
    raise LookupError(f"no periodic job named {name!r}; known: {', '.join(j.name for j in PERIODIC_JOBS)}")


def periodic_job_run(*, name: str) -> str:
    """Run the job's command now, in this process; returns what it printed."""
    job = periodic_job_get(name)
    out = io.StringIO()
    call_command(job.command, *job.args, stdout=out)
    return out.getvalue()


def periodic_tick(*, now: dt.datetime | None = None, jobs: tuple[PeriodicJob, ...] | None = None,
                  worker: str | None = None) -> list[PeriodicRun]:
    """Claim and enqueue every job that is due at `now` and not yet claimed for its
    period; returns the claims this call made (most ticks make none)."""
    from kizuna.common.tasks import periodic_job_task

    local = timezone.localtime(now or timezone.now())
    worker = worker or f"{socket.gethostname()}:{os.getpid()}"
    claimed = []
    for job in PERIODIC_JOBS if jobs is None else jobs:
        if local.time() < job.at:
            continue
        period = job.period_of(local.date())
        if PeriodicRun.objects.filter(job=job.name, period=period).exists():
            continue
        try:
            with transaction.atomic():
                claim = PeriodicRun.objects.create(job=job.name, period=period, claimed_by=worker[:200])
                result = periodic_job_task.enqueue(job.name)
                claim.task_id = str(result.id)[:64]
                claim.save(update_fields=["task_id"])
        except IntegrityError:
            continue  # another worker claimed it between our check and our insert
        log.info("periodic job %s claimed for %s", job.name, period.isoformat(),
                 extra={"job": job.name, "period": period.isoformat(), "task_id": claim.task_id})
        claimed.append(claim)
    return claimed


def periodic_loop(stop: threading.Event, *, interval: float = 60.0) -> None:
    """Tick until `stop` is set (the scheduler thread of `kizuna worker`). A failed
    tick (database away) is logged and tried again at the next interval."""
    while not stop.is_set():
        try:
            close_old_connections()
            periodic_tick()
        except Exception:  # the scheduler must outlive a database restart
            log.exception("periodic tick failed")
        finally:
            close_old_connections()
        stop.wait(interval)
