"""The import page: upload, preview, confirm; officers only."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kizuna.organisations.models import Concept, ImportJob, Organisation
from kizuna.organisations.views.imports import SESSION_KEY

pytestmark = pytest.mark.django_db
URL = "/organisations/import/"
HEADER = ["external_id", "kind", "name", "country", "technologies_offered"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def upload(client, name: str, data: bytes):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def kept_files(media) -> list[str]:
    folder = media / "imports"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_url_names():
    assert reverse("organisations:import") == URL
    assert reverse("organisations:export") == "/organisations/export/"


def test_officer_uploads_previews_and_confirms(officer_client, make_csv, media):
    page = officer_client.get(URL)
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.content.decode()
    data = make_csv([HEADER, ["TH-001", "company", "สยามพาร์ท", "TH", "iot"], ["JP-001", "company", "小島プレス", "JP", ""]])

    preview = upload(officer_client, "members.csv", data)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "members.csv is ready to import. New organisations: 2; to update: 0; unchanged: 0." in html
    text = re.sub(r'<span class="tw">([^<]*)</span>|<wbr>', r"\1", html)  # Thai word breaks (common/linebreaks.py)
    assert "สยามพาร์ท" in text and "小島プレス" in text
    assert Organisation.objects.count() == 0  # nothing written before confirming
    token = officer_client.session[SESSION_KEY]["token"]
    assert kept_files(media) == [f"{token}.csv"]
    assert f'name="token" value="{token}"' in html

    done = officer_client.post(URL, {"confirm": "1", "token": token}, follow=True)
    job = ImportJob.objects.get()
    assert done.redirect_chain == [(reverse("organisations:import_job", args=[job.pk]), 302)]
    assert "members.csv was imported. New organisations: 2; updated: 0; unchanged: 0." in done.content.decode()
    assert sorted(Organisation.objects.values_list("external_id", flat=True)) == ["JP-001", "TH-001"]
    assert kept_files(media) == []
    assert SESSION_KEY not in officer_client.session
    # the confirm button pressed twice: the second press shows the same job, nothing more
    again = officer_client.post(URL, {"confirm": "1", "token": token}, follow=True)
    assert again.redirect_chain == [(reverse("organisations:import_job", args=[job.pk]), 302)]
    assert [str(m) for m in again.context["messages"]] == []
    assert ImportJob.objects.count() == 1


def test_preview_of_a_bad_file_lists_every_problem_and_offers_no_confirm(officer_client, make_csv, media):
    data = make_csv([HEADER, ["TH-001", "company", "A", "TH", "teleportation"], ["TH-001", "company", "B", "Atlantis", ""]])
    page = upload(officer_client, "bad.csv", data)
    html = page.content.decode()
    assert page.status_code == 200
    assert "bad.csv has 3 problems. Nothing was imported: correct the file and upload it again." in html
    assert "<td>2</td><td>technologies_offered</td><td>teleportation</td>" in html
    assert "<td>3</td><td>country</td><td>Atlantis</td>" in html
    assert "<td>3</td><td>external_id</td><td>TH-001</td><td>The external id TH-001 is also used in row 2;" in html
    assert 'name="confirm"' not in html
    assert kept_files(media) == []


def test_confirm_checks_the_file_again_and_writes_nothing_if_it_no_longer_passes(officer_client, make_csv):
    data = make_csv([HEADER, ["TH-001", "company", "A", "TH", "Industrial robots"]])
    upload(officer_client, "members.csv", data)
    token = officer_client.session[SESSION_KEY]["token"]
    Concept.objects.filter(code="robotics").update(label_en="Robots", synonyms={})  # an officer edits the taxonomy meanwhile
    page = officer_client.post(URL, {"confirm": "1", "token": token}, follow=True)
    assert page.status_code == 200
    html = page.content.decode()
    assert "members.csv has 1 problem. Nothing was imported: correct the file and upload it again." in html
    assert "“Industrial robots” is not a technology of the Kizuna taxonomy." in html
    assert Organisation.objects.count() == 0


def test_confirm_with_a_token_that_is_not_this_sessions_is_refused(officer_client, make_csv):
    upload(officer_client, "members.csv", make_csv([HEADER, ["TH-001", "company", "A", "TH", ""]]))
    page = officer_client.post(URL, {"confirm": "1", "token": "../../etc/passwd"}, follow=True)
    assert "The uploaded file is no longer available; upload it again." in page.content.decode()
    assert Organisation.objects.count() == 0


def test_a_file_that_is_not_a_spreadsheet_is_refused_by_the_form(officer_client):
    page = upload(officer_client, "photo.png", b"\x89PNG\r\n")
    assert page.status_code == 200
    assert "photo.png is neither a CSV file nor an Excel workbook (.xlsx)." in page.content.decode()


def test_company_representative_may_not_import(client, user_factory, organisation_factory, make_csv):
    rep = user_factory(role="company_rep", organisation=organisation_factory())
    client.force_login(rep)
    assert client.get(URL).status_code == 403
    assert upload(client, "members.csv", make_csv([HEADER, ["X", "company", "A", "TH", ""]])).status_code == 403
    assert client.post(URL, {"confirm": "1", "token": "x"}).status_code == 403
    assert Organisation.objects.filter(external_id="X").count() == 0
    assert 'href="/organisations/import/"' not in client.get("/organisations/").content.decode()


def test_officer_sees_the_import_link(officer_client):
    assert 'href="/organisations/import/"' in officer_client.get("/organisations/").content.decode()


def test_preview_speaks_the_officers_language(client, user_factory, make_csv):
    client.force_login(user_factory(role="officer", language="ja"))
    page = upload(client, "会員.csv", make_csv([HEADER, ["JP-1", "企業", "小島プレス", "日本", ""], ["JP-2", "企業", "", "日本", ""]]))
    html = page.content.decode()
    assert "会員.csv には 1 件の問題があります。何も取り込まれていません。ファイルを直してもう一度アップロードしてください。" in html
    assert "<td>3</td><td>name</td><td></td><td>この列は必須ですが、セルが空です。</td>" in html
    page = upload(client, "会員.csv", make_csv([HEADER, ["JP-1", "企業", "小島プレス", "日本", "予知保全"]]))
    assert "会員.csv は取り込みできます。新規: 1 件、更新予定: 0 件、変更なし: 0 件。" in page.content.decode()
    assert "<td>新規</td>" in page.content.decode()
