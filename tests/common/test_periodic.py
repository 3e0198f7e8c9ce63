import datetime as dt
import zoneinfo

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from kizuna.common.models import PeriodicRun
from kizuna.common.periodic import PERIODIC_JOBS, PeriodicJob, periodic_job_get, periodic_tick

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
DAILY = PeriodicJob("test_daily", every="day", at=dt.time(8), command="check")
WEEKLY = PeriodicJob("test_weekly", every="week", command="check")
MONTHLY = PeriodicJob("test_monthly", every="month", command="check")


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BANGKOK)


def test_periods_start_on_the_day_the_monday_and_the_first_of_the_month():
    thursday = dt.date(2026, 12, 3)
    assert DAILY.period_of(thursday) == dt.date(2026, 12, 3)
    assert WEEKLY.period_of(thursday) == dt.date(2026, 11, 30)
    assert MONTHLY.period_of(thursday) == dt.date(2026, 12, 1)


def test_a_job_with_an_unknown_period_is_refused_by_name():
    with pytest.raises(ValueError, match="periodic job 'x': every='hour', expected one of day, week, month"):
        PeriodicJob("x", every="hour", command="check")


def test_the_plan_reminders_are_registered_as_a_daily_job():
    job = periodic_job_get("plans_remind")
    assert (job.every, job.command) == ("day", "plans_remind")
    assert len({j.name for j in PERIODIC_JOBS}) == len(PERIODIC_JOBS)


@pytest.mark.django_db
def test_a_job_is_claimed_and_queued_once_per_period_however_many_workers_tick():
    claims = [periodic_tick(now=at(2026, 12, 3, 9, minute), jobs=(DAILY,), worker=f"w{minute}") for minute in range(5)]
    assert [len(c) for c in claims] == [1, 0, 0, 0, 0]
    run = PeriodicRun.objects.get()
    assert (run.job, run.period, run.claimed_by) == ("test_daily", dt.date(2026, 12, 3), "w0")
    task = DBTaskResult.objects.get(id=run.task_id)
    assert task.task_path == "kizuna.common.tasks.periodic_job_task"
    assert task.args_kwargs == {"args": ["test_daily"], "kwargs": {}}
    assert len(periodic_tick(now=at(2026, 12, 4, 9), jobs=(DAILY,), worker="w0")) == 1
    assert PeriodicRun.objects.count() == 2


@pytest.mark.django_db
def test_a_job_is_not_due_before_its_local_time():
    assert periodic_tick(now=at(2026, 12, 3, 7, 59), jobs=(DAILY,)) == []
    assert [c.period for c in periodic_tick(now=at(2026, 12, 3, 8, 0), jobs=(DAILY,))] == [dt.date(2026, 12, 3)]


@pytest.mark.django_db
def test_a_weekly_job_runs_once_from_monday_to_sunday():
    monday_to_sunday = [at(2026, 11, 30, 12)] + [at(2026, 12, day, 12) for day in range(1, 7)]
    ticks = [periodic_tick(now=now, jobs=(WEEKLY,)) for now in monday_to_sunday]
    assert [len(t) for t in ticks] == [1, 0, 0, 0, 0, 0, 0]
    assert len(periodic_tick(now=at(2026, 12, 7, 12), jobs=(WEEKLY,))) == 1


@pytest.mark.django_db
def test_the_periodic_task_runs_the_jobs_command():
    from kizuna.common.tasks import periodic_job_task

    output = periodic_job_task.call("plans_remind")
    assert output.startswith("Reminders sent for 0 plans (0 e-mails)")


@pytest.mark.django_db
def test_periodic_command_refuses_an_unknown_job_and_names_the_known_ones():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="There is no periodic job called nope; the jobs are: plans_remind, task_results_prune."):
        call_command("periodic", "--run", "nope")
