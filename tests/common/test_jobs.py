"""The one job pattern (kizuna.common.jobs): status transitions, cancelling, errors,
exactly-once start, progress visible from another connection, the progress partial.

The runner is exercised through ImportJob, a real job model; the import-specific
behaviour is in tests/organisations/test_import_job.py."""

from __future__ import annotations

import csv
import io
import threading
import time

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.template.loader import render_to_string
from django.utils import translation

from kizuna.common.jobs import (
    JobError,
    JobFailed,
    JobPulse,
    JobStatus,
    job_cancel,
    job_run,
    pulses_apart,
)
from kizuna.organisations.imports import jobs as import_jobs
from kizuna.organisations.imports.apply import organisations_import
from kizuna.organisations.models import ImportJob, Organisation

pytestmark = pytest.mark.django_db
POSTGRES = django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
HEADER = ["external_id", "kind", "name", "country"]


@pytest.fixture
def make_csv():
    def make(rows: list[list[str]]) -> bytes:
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        return out.getvalue().encode("utf-8")

    return make


def queued_job(user=None) -> ImportJob:
    return ImportJob.objects.create(requested_by=user, file_token="t", file_name="members.csv")


def test_statuses_have_named_groups():
    assert JobStatus.active == {"queued", "running"}
    assert JobStatus.finished == {"done", "failed", "cancelled"}
    assert [s.value for s in JobStatus] == ["queued", "running", "done", "failed", "cancelled"]


def test_a_job_goes_from_queued_to_running_to_done_and_its_progress_is_read_while_it_runs():
    job = queued_job()
    seen = []

    def work(ctx):
        ctx.progress("writing", 40, "2 of 5 written")
        running = ImportJob.objects.get(pk=job.pk)
        seen.append((running.status, running.stage, running.progress, running.message, running.started is not None))
        ctx.progress(None, 150, "5 of 5 written")  # a percent above 99 waits for the end
        seen.append(ImportJob.objects.get(pk=job.pk).progress)

    assert job_run(job, work) == JobStatus.DONE
    assert seen == [(JobStatus.RUNNING, "writing", 40, "2 of 5 written", True), 99]
    job.refresh_from_db()
    assert (job.status, job.stage, job.progress, job.message, job.cancel_requested) == (
        JobStatus.DONE, "writing", 100, "5 of 5 written", False
    )
    assert job.started <= job.finished
    assert JobPulse.objects.count() == 0  # the live part is gone with the job's end


def test_finish_records_the_results_on_the_jobs_row():
    job = queued_job()
    assert job_run(job, lambda ctx: ctx.finish(message="", new=3, updated=1, unchanged=2)) == JobStatus.DONE
    job.refresh_from_db()
    assert (job.status, job.progress, job.message, job.new, job.updated, job.unchanged) == (
        JobStatus.DONE, 100, "", 3, 1, 2
    )


def test_cancel_before_start_ends_the_job_and_its_work_never_runs(officer):
    job = queued_job(officer)
    ran = []
    job_cancel(job=job, actor=officer)
    assert (job.status, job.cancel_requested, job.finished is not None) == (JobStatus.CANCELLED, True, True)
    assert job_run(job, ran.append) == JobStatus.CANCELLED
    assert ran == []
    assert JobPulse.objects.count() == 0


def test_a_queued_job_whose_row_could_not_be_cancelled_stops_as_the_worker_starts_it(officer):
    """The cancel request reaches the pulse first (on SQLite, another job may hold
    the main file's lock): the runner checks it before any work."""
    job = queued_job(officer)
    JobPulse.objects.create(kind="organisations.importjob", job_id=job.pk, cancel_requested=True)
    assert ImportJob.objects.get(pk=job.pk).cancel_requested is True
    ran = []
    assert job_run(job, ran.append) == JobStatus.CANCELLED
    job.refresh_from_db()
    assert (ran, job.status, job.cancel_requested) == ([], JobStatus.CANCELLED, True)


def test_cancel_during_the_work_stops_it_at_its_next_check_and_nothing_is_written(officer, make_csv):
    job = queued_job(officer)
    data = make_csv([HEADER, *[[f"TH-{n}", "company", f"Company {n}", "TH"] for n in range(600)]])
    reports = []

    def work(ctx):
        def progress(percent, message):
            reports.append(percent)
            ctx.progress(None, percent, message)
            if percent == 20:
                job_cancel(job=ImportJob.objects.get(pk=job.pk), actor=officer)
            ctx.check()

        organisations_import(file_name="m.csv", data=data, progress=progress)

    assert job_run(job, work) == JobStatus.CANCELLED
    job.refresh_from_db()
    assert (job.status, job.progress, job.cancel_requested) == (JobStatus.CANCELLED, 20, True)
    assert reports == [0, 20]
    assert Organisation.objects.count() == 0


def test_a_refused_input_fails_the_job_with_its_message_and_located_problems():
    job = queued_job()
    problem = {"row": 3, "column": "country", "value": "XX", "message": "XX is not a country."}

    def work(ctx):
        raise JobFailed({"th": "ไม่ผ่าน", "ja": "失敗", "en": "Refused"}, [problem])

    assert job_run(job, work) == JobStatus.FAILED
    job.refresh_from_db()
    assert (job.status, job.problems, job.error_text("ja"), job.error_text("en")) == (
        JobStatus.FAILED, [problem], "失敗", "Refused"
    )


def test_an_unexpected_error_fails_the_job_with_its_type_and_text_in_every_language(caplog):
    job = queued_job()

    def work(ctx):
        ctx.progress("writing", 30, "half")
        raise KeyError("contact")

    assert job_run(job, work) == JobStatus.FAILED
    job.refresh_from_db()
    assert job.error == {lang: "KeyError: 'contact'" for lang in ("th", "ja", "en")}
    assert (job.stage, job.progress, job.message) == ("writing", 30, "half")  # where it stopped
    assert "organisations.ImportJob" in caplog.text and "failed" in caplog.text


def test_a_job_delivered_twice_runs_once():
    job = queued_job()
    runs = []
    assert job_run(job, runs.append) == JobStatus.DONE
    assert job_run(job, runs.append) == JobStatus.DONE
    assert len(runs) == 1


def test_an_ended_job_cannot_be_cancelled(officer):
    job = queued_job(officer)
    job_run(job, lambda ctx: None)
    with pytest.raises(JobError, match="This job has already ended."):
        job_cancel(job=job, actor=officer)
    assert JobPulse.objects.count() == 0


@pytest.mark.skipif(
    not POSTGRES,
    reason="SQLite lets one connection write at a time and the in-memory test database "
    "fails a second writer at once ('table is locked') instead of making it wait, so "
    "two truly parallel starts can only be raced on PostgreSQL",
)
@pytest.mark.django_db(transaction=True, databases=["default", "jobs"])
def test_two_workers_starting_the_same_job_at_once_run_it_exactly_once(reference_data):
    """Both threads pass the barrier together and race on the conditional UPDATE;
    the winner's work waits until the loser has returned, so the loser always
    finds the job running."""
    job = queued_job()
    barrier = threading.Barrier(2)
    ran, statuses = [], []

    def work(ctx):
        ran.append(threading.get_ident())
        for _ in range(200):
            if statuses:
                return
            time.sleep(0.05)

    def worker():
        try:
            mine = ImportJob.objects.get(pk=job.pk)
            barrier.wait(timeout=10)
            statuses.append(job_run(mine, work))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert len(ran) == 1
    assert statuses == [JobStatus.RUNNING, JobStatus.DONE]  # the loser returns what it found
    job.refresh_from_db()
    assert job.status == JobStatus.DONE


@pytest.mark.django_db(transaction=True, databases=["default", "jobs"])
def test_progress_is_read_from_another_connection_while_the_imports_transaction_is_open(
    reference_data, officer, make_csv, settings, tmp_path, monkeypatch
):
    """A worker thread runs the import; while it is inside its one transaction this
    thread (its own connections) reads the job's progress, then cancels it, and the
    import rolls back: on SQLite too, where that transaction holds the write lock."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "imports").mkdir()
    rows = [[f"TH-{n:04d}", "company", f"Company {n}", "TH"] for n in range(1200)]
    (tmp_path / "imports" / "tok.csv").write_bytes(make_csv([HEADER, *rows]))
    job = ImportJob.objects.create(requested_by=officer, file_token="tok", file_name="members.csv")
    inside, go_on = threading.Event(), threading.Event()

    def paused_import(**kwargs):
        report = kwargs.pop("progress")

        def progress(percent, message):
            report(percent, message)
            if percent == 30:  # the organisations are written, not committed
                inside.set()
                go_on.wait(timeout=20)

        return organisations_import(**kwargs, progress=progress)

    monkeypatch.setattr(import_jobs, "organisations_import", paused_import)
    result = []

    def worker():
        try:
            result.append(import_jobs.import_job_execute(job.pk))
        finally:
            connections.close_all()

    thread = threading.Thread(target=worker)
    thread.start()
    try:
        assert inside.wait(timeout=60), result
        seen = ImportJob.objects.get(pk=job.pk)
        assert (seen.status, seen.progress, seen.message) == (
            JobStatus.RUNNING, 30, "1200 of 1200 organisations written."
        )
        if not pulses_apart():  # PostgreSQL: the rows exist, but only inside the import's transaction
            assert Organisation.objects.count() == 0
        job_cancel(job=seen, actor=officer)
    finally:
        go_on.set()
        thread.join(timeout=60)
    assert result == [JobStatus.CANCELLED]
    job.refresh_from_db()
    # it stopped at its next report, 43 % (contact persons), and rolled everything back
    assert (job.status, job.cancel_requested, job.progress) == (JobStatus.CANCELLED, True, 43)
    assert Organisation.objects.count() == 0
    assert not (tmp_path / "imports" / "tok.csv").exists()


@pytest.mark.parametrize(
    ("lang", "running", "cancelled", "failed"),
    [
        ("en", "Running", "This job was cancelled; nothing it did was saved.", "It failed: broken"),
        ("th", "กำลังประมวลผล", "งานนี้ถูกยกเลิกแล้ว สิ่งที่ทำไปแล้วไม่ได้บันทึกไว้", "ล้มเหลว: เสีย"),
        ("ja", "実行中", "このジョブは取り消されました。途中までの処理は保存されていません。", "失敗しました: 壊れています"),
    ],
)
def test_the_progress_partial_speaks_the_readers_language(lang, running, cancelled, failed):
    job = queued_job()
    job.status, job.progress, job.message = JobStatus.RUNNING, 45, "9 of 20"
    context = {"job_poll_url": "/poll/", "job_cancel_url": "/cancel/", "job_can_cancel": True}
    with translation.override(lang):
        html = render_to_string("common/job_progress.html", {"job": job, **context})
        assert 'hx-get="/poll/?was=active"' in html and '<progress max="100" value="45">' in html
        assert f'<span class="job-status">{running}</span>' in html and "9 of 20" in html
        assert 'action="/cancel/"' in html
        assert 'action="/cancel/"' not in render_to_string(
            "common/job_progress.html", {"job": job, **context, "job_can_cancel": False}
        )
        job.status = JobStatus.CANCELLED
        html = render_to_string("common/job_progress.html", {"job": job, **context})
        assert cancelled in html and "hx-get" not in html and "<progress" not in html
        job.status, job.error = JobStatus.FAILED, {"th": "เสีย", "ja": "壊れています", "en": "broken"}
        assert failed in render_to_string("common/job_progress.html", {"job": job, **context})
