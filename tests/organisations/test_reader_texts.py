"""Free texts for readers who do not read their language (#9, item 4): a gist from the
taxonomy concepts in the reader's language, the author's version in the reader's
language where given, and the page form and API that let authors give one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kizuna.accounts.enums import Role
from kizuna.common.errors import DomainError
from kizuna.engine.gist import text_gist
from kizuna.engine.taxonomy import taxonomy_load
from kizuna.organisations.domain import text_version_save
from kizuna.organisations.models import TextVersion
from kizuna.organisations.queries import reader_text

pytestmark = pytest.mark.django_db

THAI_DESCRIPTION = "โรงงานของเราต้องการระบบบำรุงรักษาเชิงพยากรณ์และเซ็นเซอร์วัดการสั่นสะเทือน"


@pytest.fixture
def siam(organisation_factory):
    return organisation_factory(country_id="TH", name="สยามพาร์ท", name_en="Siam Parts", description=THAI_DESCRIPTION,
                                description_language="th")


@pytest.fixture
def siam_rep(user_factory, siam):
    return user_factory(username="siam-rep", role=Role.COMPANY_REP, organisation=siam, language="th")


@pytest.fixture
def japanese_reader(user_factory, organisation_factory):
    return user_factory(username="ja-reader", role=Role.COMPANY_REP, organisation=organisation_factory(country_id="JP"),
                        language="ja")


def test_gist_names_the_taxonomy_concepts_in_the_readers_language():
    taxonomy = taxonomy_load()
    assert text_gist(THAI_DESCRIPTION, taxonomy, "ja") == "主な内容：予知保全と産業用センサー"
    assert text_gist(THAI_DESCRIPTION, taxonomy, "en") == "About: Predictive maintenance and Industrial sensors."
    assert text_gist("ขอบคุณมากครับ", taxonomy, "ja") == ""


def test_reader_of_another_language_gets_a_gist_and_the_author_reader_nothing(siam):
    for_ja = reader_text(siam, "description", "ja")
    assert for_ja.foreign and for_ja.gist == "主な内容：予知保全と産業用センサー" and for_ja.version == ""
    for_th = reader_text(siam, "description", "th")
    assert not for_th.foreign and for_th.gist == ""


def test_the_authors_version_replaces_the_gist_for_its_language(siam, siam_rep):
    text_version_save(record=siam, field="description", language="ja", text="予知保全を導入したい工場です。", actor=siam_rep)
    for_ja = reader_text(siam, "description", "ja")
    assert (for_ja.version, for_ja.gist) == ("予知保全を導入したい工場です。", "")
    assert reader_text(siam, "description", "en").gist.startswith("About: ")
    text_version_save(record=siam, field="description", language="ja", text="", actor=siam_rep)  # removes it
    assert not TextVersion.objects.exists()


def test_versions_are_refused_in_the_originals_language_and_from_others(siam, siam_rep, japanese_reader):
    with pytest.raises(DomainError) as refused:
        text_version_save(record=siam, field="description", language="th", text="x", actor=siam_rep)
    assert refused.value.code == "text_version_same_language" and refused.value.problems[0].field == "language"
    with pytest.raises(DomainError) as refused:
        text_version_save(record=siam, field="description", language="xx", text="x", actor=siam_rep)
    assert refused.value.code == "text_version_language"
    with pytest.raises(DomainError) as refused:
        text_version_save(record=siam, field="description", language="ja", text="x", actor=japanese_reader)
    assert refused.value.code == "text_version_forbidden"
    assert not TextVersion.objects.exists()


def test_profile_page_shows_the_gist_then_the_version_given_through_the_page_form(client, siam, siam_rep, japanese_reader):
    url = reverse("organisations:detail", args=[siam.pk])
    client.force_login(japanese_reader)
    html = client.get(url).content.decode()
    assert "主な内容：予知保全と産業用センサー" in html
    assert 'name="model"' not in html  # no form for someone who may not write it
    client.force_login(siam_rep)
    assert 'value="organisations.organisation"' in client.get(url).content.decode()
    response = client.post(reverse("organisations:text-version"), {
        "model": "organisations.organisation", "pk": siam.pk, "field": "description", "language": "ja",
        "text": "予知保全を導入したい工場です。", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    client.force_login(japanese_reader)
    html = client.get(url).content.decode()
    assert "予知保全を導入したい工場です。" in html and "主な内容" not in html


def test_api_reads_and_writes_versions(client, siam, siam_rep, japanese_reader):
    target = {"model": "organisations.organisation", "pk": siam.pk, "field": "description"}
    client.force_login(japanese_reader)
    body = client.get("/api/text-versions/", target, HTTP_ACCEPT_LANGUAGE="ja").json()
    assert body["language"] == "th" and body["gist"] == "主な内容：予知保全と産業用センサー"
    refused = client.post("/api/text-versions/", {**target, "language": "ja", "text": "x"}, content_type="application/json")
    assert refused.status_code == 403
    client.force_login(siam_rep)
    made = client.post("/api/text-versions/", {**target, "language": "en", "text": "We need predictive maintenance."},
                       content_type="application/json")
    assert made.status_code == 201 and made.json()["versions"] == {"en": "We need predictive maintenance."}
    same = client.post("/api/text-versions/", {**target, "language": "th", "text": "x"}, content_type="application/json")
    assert same.status_code == 409 and same.json()["code"] == "text_version_same_language"
