"""Confirmed imports run as jobs: queued as a task (or applied at once for a small
file), with progress, counts or located problems, visible to their officer only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kizuna.common.jobs import JobStatus
from kizuna.organisations.imports.apply import organisations_import
from kizuna.organisations.imports.jobs import import_job_execute
from kizuna.organisations.models import Concept, ContactPerson, ImportJob, Organisation
from kizuna.organisations.views.imports import SESSION_KEY

pytestmark = pytest.mark.django_db
URL = "/organisations/import/"
HEADER = ["external_id", "kind", "name", "country", "technologies_offered"]
IMMEDIATE = "django_tasks.backends.immediate.ImmediateBackend"
DATABASE = "django_tasks_db.DatabaseBackend"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return tmp_path


@pytest.fixture
def as_task(settings):
    """Every file goes to the task queue, whatever its size."""
    settings.KIZUNA_IMPORT_IMMEDIATE_ROWS = 0
    return settings


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def kept_files(media) -> list[str]:
    folder = media / "imports"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def upload_and_confirm(client, name: str, data: bytes, **confirm):
    preview = client.post(URL, {"file": SimpleUploadedFile(name, data)})
    assert preview.status_code == 200
    token = client.session[SESSION_KEY]["token"]
    return client.post(URL, {"confirm": "1", "token": token}, **confirm)


def members(make_csv) -> bytes:
    return make_csv([
        HEADER,
        ["TH-001", "company", "สยามพาร์ท", "TH", "iot"],
        ["TH-002", "company", "Renamed Parts", "TH", ""],
        ["TH-003", "company", "Same Parts", "TH", ""],
        ["JP-001", "company", "小島プレス", "JP", ""],
    ])


def existing(organisation_factory):
    organisation_factory(external_id="TH-002", name="Old Parts", country_id="TH")
    organisation_factory(external_id="TH-003", name="Same Parts", country_id="TH")


def test_confirm_queues_a_task_and_the_job_page_shows_the_exact_counts(
    officer_client, officer, settings, as_task, make_csv, organisation_factory, media
):
    settings.TASKS = {"default": {"BACKEND": IMMEDIATE}}
    existing(organisation_factory)
    done = upload_and_confirm(officer_client, "members.csv", members(make_csv), follow=True)
    job = ImportJob.objects.get()
    assert done.redirect_chain == [(f"/organisations/import/jobs/{job.pk}/", 302)]
    html = done.content.decode()
    assert "members.csv was imported. New organisations: 2; updated: 1; unchanged: 1." in html
    assert (job.status, job.progress, job.new, job.updated, job.unchanged, job.problems) == (
        JobStatus.DONE, 100, 2, 1, 1, []
    )
    assert job.requested_by == officer and job.file_name == "members.csv" and job.finished is not None
    assert job.task_id != ""  # it went through the queue
    assert Organisation.objects.get(external_id="TH-002").name == "Renamed Parts"
    assert sorted(Organisation.objects.values_list("external_id", flat=True)) == ["JP-001", "TH-001", "TH-002", "TH-003"]
    assert kept_files(media) == []
    assert SESSION_KEY not in officer_client.session


def test_a_small_file_is_applied_within_the_request_without_a_worker(
    officer_client, settings, make_csv, organisation_factory, media
):
    settings.TASKS = {"default": {"BACKEND": DATABASE}}  # nothing would run a queued task
    existing(organisation_factory)
    done = upload_and_confirm(officer_client, "members.csv", members(make_csv), follow=True)
    job = ImportJob.objects.get()
    assert (job.status, job.new, job.updated, job.unchanged, job.task_id) == (JobStatus.DONE, 2, 1, 1, "")
    assert "members.csv was imported. New organisations: 2; updated: 1; unchanged: 1." in done.content.decode()
    assert Organisation.objects.count() == 4
    assert kept_files(media) == []


def test_a_queued_job_shows_a_polled_progress_bar_until_a_worker_finishes_it(
    officer_client, settings, as_task, make_csv, media
):
    settings.TASKS = {"default": {"BACKEND": DATABASE}}
    upload_and_confirm(officer_client, "members.csv", members(make_csv))
    job = ImportJob.objects.get()
    assert (job.status, job.progress) == (JobStatus.QUEUED, 0)
    assert Organisation.objects.count() == 0
    progress_url = reverse("organisations:import_job_progress", args=[job.pk])
    page = officer_client.get(reverse("organisations:import_job", args=[job.pk])).content.decode()
    assert f'hx-get="{progress_url}?was=active"' in page
    assert '<progress max="100" value="0">' in page
    assert len(kept_files(media)) == 1  # kept for the worker

    assert import_job_execute(job.pk) == JobStatus.DONE  # what the worker runs
    fragment = officer_client.get(progress_url + "?was=active", HTTP_HX_REQUEST="true")
    assert fragment["HX-Refresh"] == "true"
    assert 'data-status="done"' in fragment.content.decode()
    assert "hx-get" not in fragment.content.decode()
    page = officer_client.get(reverse("organisations:import_job", args=[job.pk])).content.decode()
    assert "members.csv was imported. New organisations: 4; updated: 0; unchanged: 0." in page
    assert import_job_execute(job.pk) == JobStatus.DONE  # a second delivery changes nothing
    assert Organisation.objects.count() == 4
    assert kept_files(media) == []


def test_a_file_that_turned_bad_after_the_preview_writes_nothing_and_the_job_lists_the_problems(
    officer_client, settings, as_task, make_csv, media
):
    settings.TASKS = {"default": {"BACKEND": IMMEDIATE}}
    data = make_csv([HEADER, ["TH-001", "company", "A", "TH", "Industrial robots"], ["TH-002", "company", "B", "TH", ""]])
    officer_client.post(URL, {"file": SimpleUploadedFile("members.csv", data)})
    token = officer_client.session[SESSION_KEY]["token"]
    Concept.objects.filter(code="robotics").update(label_en="Robots", synonyms={})  # edited meanwhile
    page = officer_client.post(URL, {"confirm": "1", "token": token}, follow=True)
    job = ImportJob.objects.get()
    assert job.status == JobStatus.FAILED
    assert job.problems == [{
        "row": 2, "column": "technologies_offered", "value": "Industrial robots",
        "message": job.problems[0]["message"],
    }]
    assert job.problems[0]["message"].startswith("“Industrial robots” is not a technology of the Kizuna taxonomy.")
    html = page.content.decode()
    assert "members.csv has 1 problem. Nothing was imported: correct the file and upload it again." in html
    assert "<td>2</td><td>technologies_offered</td><td>Industrial robots</td>" in html
    assert Organisation.objects.count() == 0
    assert kept_files(media) == []


def test_a_failed_job_shows_its_error(officer_client, officer, settings, as_task, media):
    job = ImportJob.objects.create(requested_by=officer, file_token="gone", file_name="members.csv")
    assert import_job_execute(job.pk) == JobStatus.FAILED
    page = officer_client.get(reverse("organisations:import_job", args=[job.pk])).content.decode()
    assert 'data-status="failed"' in page
    assert "The uploaded file is no longer available; upload it again." in page
    assert "hx-get" not in page


def test_a_job_is_read_by_officers_and_cancelled_by_its_own_officer_only(client, officer, user_factory,
                                                                          organisation_factory):
    job = ImportJob.objects.create(requested_by=officer, file_token="t", file_name="members.csv")
    other_officer = user_factory(role="officer", is_staff=True)
    client.force_login(other_officer)
    # the import history links every officer's imports to their results (#9 item 12)
    page = client.get(reverse("organisations:import_job", args=[job.pk]))
    assert page.status_code == 200 and 'id="cancel-job"' not in page.content.decode()
    assert client.get(reverse("organisations:import_job_progress", args=[job.pk])).status_code == 200
    assert client.post(reverse("organisations:import_job_cancel", args=[job.pk])).status_code == 404
    client.force_login(user_factory(role="company_rep", organisation=organisation_factory()))
    assert client.get(reverse("organisations:import_job", args=[job.pk])).status_code == 403
    client.logout()
    assert client.get(reverse("organisations:import_job", args=[job.pk])).status_code == 302
    client.force_login(officer)
    assert client.get(reverse("organisations:import_job", args=[job.pk])).status_code == 200


def test_import_reports_increasing_progress_between_batches(make_csv):
    rows = [
        [f"TH-{n:04d}", "company", f"Company {n}", "TH", "", f"Person {n}", f"p{n}@example.org"]
        for n in range(1200)
    ]
    data = make_csv([[*HEADER, "contact_name", "contact_email"], *rows])
    calls: list[tuple[int, str]] = []
    result = organisations_import(file_name="big.csv", data=data, progress=lambda p, m: calls.append((p, m)))
    assert (result.new, result.updated, result.unchanged) == (1200, 0, 0)
    assert [p for p, _m in calls] == [0, 20, 24, 28, 30, 43, 51, 55]
    assert calls[0][1] == "Checking the rows of the file."
    assert calls[1][1] == "0 of 1200 organisations written."
    assert calls[4][1] == "1200 of 1200 organisations written."
    assert calls[6][1] == "1000 of 1200 organisations written."
    assert calls[-1][1] == "Updating the search index."
    assert ContactPerson.objects.count() == 1200


def test_import_without_a_progress_callback_keeps_working(make_csv):
    result = organisations_import(file_name="m.csv", data=make_csv([HEADER, ["TH-1", "company", "A", "TH", ""]]))
    assert (result.new, result.updated, result.unchanged) == (1, 0, 0)


def test_the_progress_fragment_shows_the_running_imports_progress(officer_client, officer, make_csv, media, monkeypatch):
    """The import holds its transaction until the end, so its progress goes through
    the jobs connection (common/jobs.py); the fragment read mid-import shows it."""
    from kizuna.organisations.imports import jobs as import_jobs

    (media / "imports").mkdir()
    (media / "imports" / "tok.csv").write_bytes(members(make_csv))
    job = ImportJob.objects.create(requested_by=officer, file_token="tok", file_name="members.csv")
    seen: list[tuple[int, str]] = []

    def observed_import(**kwargs):
        def progress(percent, message):
            kwargs_progress(percent, message)
            html = officer_client.get(reverse("organisations:import_job_progress", args=[job.pk])).content.decode()
            seen.append((percent, 'data-status="running"' in html and f'<progress max="100" value="{percent}">' in html and message in html))

        kwargs_progress = kwargs.pop("progress")
        return organisations_import(**kwargs, progress=progress)

    monkeypatch.setattr(import_jobs, "organisations_import", observed_import)
    assert import_job_execute(job.pk) == JobStatus.DONE
    assert seen == [(0, True), (20, True), (30, True), (55, True)]
    assert kept_files(media) == []  # the upload is gone


def test_an_officer_cancels_a_queued_import_and_the_worker_then_writes_nothing(
    officer_client, settings, as_task, make_csv, media
):
    settings.TASKS = {"default": {"BACKEND": DATABASE}}
    upload_and_confirm(officer_client, "members.csv", members(make_csv))
    job = ImportJob.objects.get()
    cancel_url = reverse("organisations:import_job_cancel", args=[job.pk])
    page = officer_client.get(reverse("organisations:import_job", args=[job.pk])).content.decode()
    assert f'action="{cancel_url}"' in page
    page = officer_client.post(cancel_url, follow=True).content.decode()
    assert "This job was cancelled; nothing it did was saved." in page
    assert import_job_execute(job.pk) == JobStatus.CANCELLED  # the worker takes it later
    job.refresh_from_db()
    assert (job.status, job.cancel_requested, job.started) == (JobStatus.CANCELLED, True, None)
    assert Organisation.objects.count() == 0
    assert kept_files(media) == []


def test_cancelling_a_running_import_from_its_page_rolls_back_every_row(
    officer_client, officer, make_csv, media, monkeypatch
):
    from kizuna.organisations.imports import jobs as import_jobs

    (media / "imports").mkdir()
    (media / "imports" / "tok.csv").write_bytes(members(make_csv))
    job = ImportJob.objects.create(requested_by=officer, file_token="tok", file_name="members.csv")
    cancel_url = reverse("organisations:import_job_cancel", args=[job.pk])
    fragments: list[str] = []

    def observed_import(**kwargs):
        report = kwargs.pop("progress")

        def progress(percent, message):
            if percent == 30:  # every organisation is written, nothing committed
                fragments.append(officer_client.get(reverse("organisations:import_job_progress", args=[job.pk])).content.decode())
                officer_client.post(cancel_url)
            report(percent, message)

        return organisations_import(**kwargs, progress=progress)

    monkeypatch.setattr(import_jobs, "organisations_import", observed_import)
    assert import_job_execute(job.pk) == JobStatus.CANCELLED
    assert f'action="{cancel_url}"' in fragments[0]
    job.refresh_from_db()
    assert (job.status, job.cancel_requested, job.new) == (JobStatus.CANCELLED, True, 0)
    assert Organisation.objects.count() == 0
    page = officer_client.get(reverse("organisations:import_job", args=[job.pk])).content.decode()
    assert 'data-status="cancelled"' in page
    assert "This job was cancelled; nothing it did was saved." in page
    assert officer_client.post(cancel_url, follow=True).content.decode().count("This job has already ended.") == 1
    assert kept_files(media) == []
