"""The import's confirm button pressed twice at once, from two connections on
PostgreSQL (a double click, two tabs): one import job, both presses shown that job,
the file imported once (#10)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from kizuna.organisations.models import ImportJob, Organisation
from kizuna.organisations.views.imports import SESSION_KEY

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="SQLite serialises every writing transaction (IMMEDIATE); the race needs PostgreSQL"),
]
URL = "/organisations/import/"
HEADER = ["external_id", "kind", "name", "country"]


@pytest.fixture(autouse=True)
def _reference(reference_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_two_confirms_at_once_start_one_job_and_both_show_it(officer, make_csv):
    from django.core.files.uploadedfile import SimpleUploadedFile

    first = Client()
    first.force_login(officer)
    data = make_csv([HEADER, ["TH-101", "company", "Siam Race Parts", "TH"], ["JP-101", "company", "Kaze Race", "JP"]])
    assert first.post(URL, {"file": SimpleUploadedFile("members.csv", data)}).status_code == 200
    token = first.session[SESSION_KEY]["token"]
    second = Client()
    second.cookies = first.cookies  # the same session: the same officer's second tab or double click

    barrier = threading.Barrier(2)
    answers: list = [None, None]

    def press(i, client):
        try:
            barrier.wait()
            answers[i] = client.post(URL, {"confirm": "1", "token": token})
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press, args=(i, c)) for i, c in enumerate((first, second))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    job = ImportJob.objects.get()
    assert [a.status_code for a in answers] == [302, 302]
    assert {a["Location"] for a in answers} == {f"/organisations/import/jobs/{job.pk}/"}
    assert sorted(Organisation.objects.values_list("external_id", flat=True)) == ["JP-101", "TH-101"]
