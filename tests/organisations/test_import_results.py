"""#9 item 12: an import's result links to every organisation it created or updated;
a template file to start from, per language, in CSV and XLSX, that imports as it is;
and an import history (who, when, file, counts, problems, link to the result)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kizuna.accounts.enums import Role
from kizuna.organisations.imports.columns import COLUMNS
from kizuna.organisations.imports.preview import organisations_import_preview
from kizuna.organisations.models import ImportedOrganisation, ImportJob, Organisation
from kizuna.organisations.views.imports import SESSION_KEY

pytestmark = pytest.mark.django_db
URL = "/organisations/import/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def upload_and_confirm(client, name: str, data: bytes):
    assert client.post(URL, {"file": SimpleUploadedFile(name, data)}).status_code == 200
    token = client.session[SESSION_KEY]["token"]
    return client.post(URL, {"confirm": "1", "token": token})


def test_result_links_to_each_created_and_updated_organisation(officer_client, organisation_factory, make_csv):
    kept = organisation_factory(external_id="TH-002", name="Old Parts", country_id="TH")
    same = organisation_factory(external_id="TH-003", name="Same Parts", country_id="TH")
    data = make_csv([["external_id", "kind", "name", "country"], ["TH-001", "company", "สยามพาร์ท", "TH"],
                     ["TH-002", "company", "Renamed Parts", "TH"], ["TH-003", "company", "Same Parts", "TH"]])
    response = upload_and_confirm(officer_client, "members.csv", data)
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("organisations:import_job", args=[job.pk])
    new = Organisation.objects.get(external_id="TH-001")
    assert sorted(job.imported.values_list("organisation__external_id", "created")) == [("TH-001", True),
                                                                                         ("TH-002", False)]
    page = officer_client.get(response["Location"]).content.decode()
    assert f'href="{reverse("organisations:detail", args=[new.pk])}"' in page
    assert f'href="{reverse("organisations:detail", args=[kept.pk])}"' in page
    assert f'href="{reverse("organisations:detail", args=[same.pk])}"' not in page  # unchanged: not listed


def test_refused_import_links_nothing(officer_client, make_csv):
    data = make_csv([["external_id", "kind", "name", "country"], ["TH-001", "company", "X", "Atlantis"]])
    upload_and_confirm_refused = officer_client.post(URL, {"file": SimpleUploadedFile("bad.csv", data)})
    assert upload_and_confirm_refused.status_code == 200
    assert ImportedOrganisation.objects.count() == 0


@pytest.mark.parametrize("lang", ["th", "ja", "en"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_has_headers_in_the_language_and_an_example_that_imports(officer_client, lang, fmt):
    response = officer_client.get(reverse("organisations:import_template", args=[fmt]), {"lang": lang})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="kizuna-organisations-template-{lang}.{fmt}"'
    data = response.content
    if fmt == "csv":
        text = data.decode("utf-8-sig")
        header = text.splitlines()[0]
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        header = ",".join(str(c.value) for c in sheet[1])
    assert header.split(",")[:3] == [c.headers[lang] for c in COLUMNS[:3]]
    with translation.override(lang):
        preview = organisations_import_preview(file_name=f"template.{fmt}", data=data)
    assert [p.message for p in preview.problems] == []
    assert (preview.new, len(preview.rows)) == (1, 1)
    assert preview.rows[0].values["founded"] == 2015


def test_template_follows_the_page_language_and_refuses_unknown_formats(officer_client, officer):
    officer.language = "ja"
    officer.save(update_fields=["language"])
    response = officer_client.get(reverse("organisations:import_template", args=["csv"]))
    assert response.content.decode("utf-8-sig").startswith("外部ID,種別,名称")
    assert officer_client.get("/organisations/import/template.pdf").status_code == 404


def test_template_and_history_are_for_officers_only(client, user_factory):
    client.force_login(user_factory(username="rep", role=Role.COMPANY_REP))
    assert client.get(reverse("organisations:import_template", args=["csv"])).status_code == 403
    assert client.get(reverse("organisations:import_history")).status_code == 403


def test_history_lists_who_when_file_counts_problems_and_links_the_result(officer_client, officer, user_factory,
                                                                            make_csv):
    upload_and_confirm(officer_client, "members.csv", make_csv([["external_id", "kind", "name", "country"],
                                                                ["TH-001", "company", "A", "TH"]]))
    other = user_factory(username="officer2", role=Role.OFFICER, first_name="Malee", last_name="Dee")
    refused = ImportJob.objects.create(requested_by=other, file_name="broken.xlsx", status="failed",
                                       problems=[{"row": 2, "column": "country", "value": "X", "message": "m"}])
    done = ImportJob.objects.get(file_name="members.csv")
    page = officer_client.get(reverse("organisations:import_history")).content.decode()
    assert page.index("broken.xlsx") < page.index("members.csv")  # newest first
    assert f'href="{reverse("organisations:import_job", args=[done.pk])}"' in page
    assert f'href="{reverse("organisations:import_job", args=[refused.pk])}"' in page
    assert "Malee Dee" in page
    # another officer's result can be read from the history, but not cancelled
    result = officer_client.get(reverse("organisations:import_job", args=[refused.pk]))
    assert result.status_code == 200 and "broken.xlsx" in result.content.decode()
    assert officer_client.post(reverse("organisations:import_job_cancel", args=[refused.pk])).status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_history_query_count_does_not_grow(officer_client, officer, n):
    for i in range(n):
        ImportJob.objects.create(requested_by=officer, file_name=f"f{i}.csv", status="done", new=i)
    officer_client.get(reverse("organisations:import_history"))
    with CaptureQueriesContext(connection) as ctx:
        officer_client.get(reverse("organisations:import_history"))
    assert len(ctx.captured_queries) <= 7, [q["sql"] for q in ctx.captured_queries]
