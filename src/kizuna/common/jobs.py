"""Long actions as jobs: one model, one runner, one progress partial.

Every long action (a matching run, a spreadsheet import, and the reports,
schedules and PDFs to come) is a row of a model that subclasses `Job`. A view or
domain function creates the row and queues a task with its id (`job_enqueue`); the
task calls `job_run(job, work)`, and `work(ctx)` reports progress with
`ctx.progress(stage, percent, message)`, stops when `ctx.check()` says the job was
cancelled, and records its result with `ctx.finish(**fields)`, inside its own
transaction when the result must be saved all or nothing. The page shows
`common/job_progress.html`, which polls while the job is active and offers a cancel
button to whoever may cancel (`kizuna.common.views.job_progress_response`).

Where progress lives while a job runs
-------------------------------------
An import writes everything in one transaction, so that a bad file writes nothing.
On SQLite that transaction holds the database's only write lock from start to end:
progress written to the job's own row would wait for the very transaction it
reports on, and so would an officer's request to cancel. The live part of a running
job (stage, percent, message, cancel request) is therefore kept in a `JobPulse`
row written through a database alias of its own, `jobs` (JOBS_DB), which has its
own connection and its own transactions:

* on PostgreSQL the alias is a second connection to the same database: the pulse
  table is an ordinary table, created by the migrations, and another connection
  sees each pulse as soon as it is written (the job's transaction touches neither
  the pulse nor the job's row, so nothing waits);
* on SQLite the alias is a small file beside the main one (`kizuna-jobs.sqlite3`),
  which holds the pulse table and nothing else, so a pulse is written while the main
  file is locked. The file is scratch: only running jobs have a pulse, the table is
  made when the file is first opened (`pulse_table_ensure`), and deleting the file
  while no job runs loses nothing. `JobsRouter` sends the pulse there.

The job's row keeps the durable record: it goes from queued to running through one
conditional UPDATE (so two workers given the same job cannot both run it), and when
the job ends the runner copies the last stage, percent, message and cancel request
onto it and deletes the pulse. A running job read from the database (`Job.from_db`)
takes its stage, progress, message and cancel request from its pulse (a queued
one, its cancel request), so pages, the API and tests read `job.progress` without
knowing where it is kept.

Restructuring the import instead (committing its checks before one final write
transaction) was not chosen: writing and indexing, the longest parts, happen inside
that transaction and would still report nothing, and a cancel request must reach
the worker during them.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, OperationalError, connections, models
from django.db.backends.signals import connection_created
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kizuna.common.i18n import LANGUAGES, pick

log = logging.getLogger(__name__)

JOBS_DB = "jobs"  # the alias through which pulses are written (see the module's docstring)
LIVE_FIELDS = ("stage", "progress", "message", "cancel_requested")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")

    active = enum.nonmember(frozenset({"queued", "running"}))
    finished = enum.nonmember(frozenset({"done", "failed", "cancelled"}))


class Job(models.Model):
    """A long action run by a worker: its state, its progress and how it ended.

    `stage` is free text here; a job whose stages are worth naming gives the field
    choices (MatchingRun.stage). `error` is a sentence in each language,
    {"th": …, "ja": …, "en": …}; `problems` lists located problems of the input,
    [{"row", "column", "value", "message"}], when the job refused its input."""

    status = models.CharField(_("status"), max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED)
    stage = models.CharField(_("stage"), max_length=20, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)  # 0–100
    message = models.CharField(_("message"), max_length=300, blank=True)
    cancel_requested = models.BooleanField(_("cancel requested"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("requested by"),
    )
    task_id = models.CharField(max_length=64, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    error = models.JSONField(_("error"), default=dict, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        job = super().from_db(db, field_names, values)
        status = job.__dict__.get("status")
        if status in JobStatus.active:
            live = LIVE_FIELDS if status == JobStatus.RUNNING else ("cancel_requested",)
            pulse = JobPulse.objects.filter(kind=cls._meta.label_lower, job_id=job.pk).values(*live).first()
            if pulse:
                job.__dict__.update(pulse)
        return job

    @property
    def is_active(self) -> bool:
        return self.status in JobStatus.active

    @property
    def stage_label(self) -> str:
        stage = self._meta.get_field("stage")
        return str(dict(stage.flatchoices).get(self.stage, self.stage)) if stage.choices else self.stage

    def error_text(self, lang: str | None = None) -> str:
        """The error in `lang` (default: the active language), else English."""
        return pick(self.error, lang)


class JobPulse(models.Model):
    """The live part of a running job, written through JOBS_DB (see the module's
    docstring). `kind` is the job model's label ("organisations.importjob")."""

    kind = models.CharField(max_length=100)
    job_id = models.BigIntegerField()
    stage = models.CharField(max_length=20, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    cancel_requested = models.BooleanField(default=False)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "job_id"], name="unique_job_pulse")]

    def __str__(self) -> str:
        return f"{self.kind} {self.job_id}: {self.progress} %"


def _pulses(job: Job) -> models.QuerySet[JobPulse]:
    return JobPulse.objects.filter(kind=job._meta.label_lower, job_id=job.pk)


# ---------------------------------------------------------------------------
# The jobs database


def pulses_apart() -> bool:
    """Whether pulses have a database of their own (SQLite) rather than a second
    connection to the main one."""
    return connections[JOBS_DB].vendor == "sqlite"


class JobsRouter:
    """Sends pulses through JOBS_DB. On SQLite that alias is a file of its own and
    holds nothing else; elsewhere it is the main database, migrated as `default`."""

    def _is_pulse(self, model) -> bool:
        return model._meta.label_lower == "common.jobpulse"

    def db_for_read(self, model, **hints):
        return JOBS_DB if self._is_pulse(model) else None

    db_for_write = db_for_read

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db == JOBS_DB:
            return False  # the same database as default, or a scratch file (pulse_table_ensure)
        if app_label == "common" and model_name == "jobpulse":
            return not pulses_apart()
        return None


def pulse_table_ensure(sender, connection, **kwargs) -> None:
    """Make the pulse table when a connection opens the SQLite pulse file."""
    if connection.alias != JOBS_DB or connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if JobPulse._meta.db_table in connection.introspection.table_names(cursor):
            return
    try:
        with connection.schema_editor() as editor:
            editor.create_model(JobPulse)
    except OperationalError:  # another process made it meanwhile
        with connection.cursor() as cursor:
            if JobPulse._meta.db_table not in connection.introspection.table_names(cursor):
                raise


connection_created.connect(pulse_table_ensure, dispatch_uid="kizuna.common.jobs.pulse_table_ensure")


# ---------------------------------------------------------------------------
# The runner


class JobCancelled(Exception):
    """Raised by `JobContext.check` when the job was asked to stop."""


class JobFailed(Exception):
    """Raised by a job's work to end it as failed with a sentence in each language
    ({"th", "ja", "en"}) and/or the located problems of its input."""

    def __init__(self, error: dict[str, str] | None = None, problems: list[dict] | None = None):
        self.error, self.problems = error or {}, problems or []
        super().__init__(pick(self.error, "en") or f"{len(self.problems)} problems")


class JobError(Exception):
    """A job action that cannot be done now; the message says why, in the active language."""


def in_every_language(message) -> dict[str, str]:
    """A lazy translatable sentence rendered in each language, for `JobFailed`."""
    texts = {}
    for lang in LANGUAGES:
        with translation.override(lang):
            texts[lang] = str(message)
    return texts


@dataclass
class JobContext:
    """What a job's work is given: `progress` to report, `check` to stop when
    cancelled, `finish` to record the result."""

    job: Job
    done: bool = field(default=False, init=False)
    _last: tuple = field(default=(), init=False)

    def progress(self, stage: str | None, percent: int, message: str = "") -> None:
        """Report the stage (None: unchanged) and percent (0–99; 100 is for the
        end) and a sentence in the job's language; visible at once to readers."""
        percent, message = max(0, min(int(percent), 99)), str(message)[:300]
        state = (stage, percent, message)
        if state == self._last:
            return
        self._last = state
        fields = {"progress": percent, "message": message, "updated": timezone.now()}
        if stage is not None:
            fields["stage"] = stage
        _pulses(self.job).update(**fields)

    def cancelled(self) -> bool:
        return _pulses(self.job).filter(cancel_requested=True).exists()

    def check(self) -> None:
        """Raise JobCancelled if the job was asked to stop."""
        if self.cancelled():
            raise JobCancelled

    def finish(self, **fields) -> None:
        """End the job as done with the result `fields` of its row; call it inside
        the transaction that saves the result, so that both are kept or neither."""
        _end(self.job, JobStatus.DONE, progress=100, **fields)
        self.done = True


def _rows(job: Job) -> models.QuerySet:
    return type(job)._base_manager.filter(pk=job.pk)


def _end(job: Job, status: str, **fields) -> None:
    live = _pulses(job).values(*LIVE_FIELDS).first() or {}
    _rows(job).filter(status=JobStatus.RUNNING).update(
        **{**live, "status": status, "finished": timezone.now(), **fields}
    )


def job_run(job: Job, work: Callable[[JobContext], object]) -> str:
    """Run `work(ctx)` as the job `job` if it is still queued; return its final status.

    The job goes from queued to running in one conditional UPDATE: a job delivered
    twice, or cancelled before a worker took it, does not run (the status it has is
    returned). It ends done (when `work` returns; `ctx.finish` may record results),
    cancelled (JobCancelled), failed with the work's message (JobFailed) or failed
    with the exception's type and text (anything else, logged)."""
    status = _rows(job).values_list("status", flat=True).first()
    if status != JobStatus.QUEUED:
        return status
    try:
        JobPulse.objects.get_or_create(
            kind=job._meta.label_lower, job_id=job.pk,
            defaults={"stage": job.stage, "progress": job.progress, "message": job.message},
        )
    except IntegrityError:  # another worker made it first; the UPDATE below decides who runs
        pass
    if not _rows(job).filter(status=JobStatus.QUEUED).update(status=JobStatus.RUNNING, started=timezone.now()):
        status = _rows(job).values_list("status", flat=True).first()
        if status in JobStatus.finished:
            _pulses(job).delete()
        return status
    job.refresh_from_db()
    ctx = JobContext(job)
    try:
        ctx.check()
        work(ctx)
        if not ctx.done:
            ctx.finish()
        status = JobStatus.DONE
    except JobCancelled:
        _end(job, JobStatus.CANCELLED, cancel_requested=True)
        status = JobStatus.CANCELLED
    except JobFailed as exc:
        _end(job, JobStatus.FAILED, error=exc.error, problems=exc.problems)
        status = JobStatus.FAILED
    except Exception as exc:  # a failed job must say so rather than stay "running"
        log.exception("%s %s failed", job._meta.label, job.pk)
        _end(job, JobStatus.FAILED, error={lang: f"{type(exc).__name__}: {exc}"[:1000] for lang in LANGUAGES})
        status = JobStatus.FAILED
    _pulses(job).delete()
    job.refresh_from_db()
    return status


def job_cancel(*, job: Job, actor) -> Job:
    """Ask `job` to stop. A queued job ends at once; a running one stops at its
    next check, and its work, being one transaction, leaves nothing written.
    Raises JobError when the job has already ended.

    The request is written to the job's pulse first, which never waits: on SQLite
    another job's transaction may hold the main file's write lock, and then the
    queued job is stopped by the worker as it starts (job_run checks first)."""
    status = _rows(job).values_list("status", flat=True).first()
    if status not in JobStatus.active:
        job.refresh_from_db()
        raise JobError(_("This job has already ended."))
    JobPulse.objects.update_or_create(kind=job._meta.label_lower, job_id=job.pk, defaults={"cancel_requested": True})
    if status == JobStatus.QUEUED:
        try:
            _rows(job).filter(status=JobStatus.QUEUED).update(
                status=JobStatus.CANCELLED, cancel_requested=True, finished=timezone.now()
            )
        except OperationalError:  # the main SQLite file stayed locked: the worker will stop it
            log.warning("%s %s: cancel left to the worker", job._meta.label, job.pk, exc_info=True)
    if _rows(job).filter(status__in=JobStatus.finished).exists():  # it ended, or was ended above
        _pulses(job).delete()
    log.info("%s %s: cancel requested by %s", job._meta.label, job.pk, actor)
    job.refresh_from_db()
    return job


def job_enqueue(job: Job, task) -> Job:
    """Queue `task` (a django-tasks task taking the job's id) and note its id."""
    result = task.enqueue(job.pk)
    _rows(job).filter(task_id="").update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job
