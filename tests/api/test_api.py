import pytest
from django.core.management import call_command


def test_openapi_schema_is_valid_and_has_no_warnings(tmp_path, db):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    assert "/api/organisations/" in text
    assert "/api/technologies/" in text


@pytest.mark.django_db
def test_api_needs_a_signed_in_user(client):
    assert client.get("/api/organisations/").status_code == 403


@pytest.mark.django_db
def test_api_lists_organisations_with_search_and_filters(client, user_factory, organisation_factory):
    client.force_login(user_factory())
    thai = organisation_factory(description="ผลิตแม่พิมพ์ฉีดพลาสติก", technologies=["iot"])
    organisation_factory(country_id="JP", description="金型の設計と製造")
    body = client.get("/api/organisations/", {"q": "แม่พิมพ์"}).json()
    assert body["count"] == 1
    assert body["results"][0]["external_id"] == thai.external_id
    assert body["results"][0]["technologies_offered"] == ["iot"]
    assert client.get("/api/organisations/", {"country": "JP"}).json()["count"] == 1


@pytest.mark.django_db
def test_technology_labels_follow_the_readers_language(client, user_factory):
    client.force_login(user_factory(language=""))
    body = client.get("/api/technologies/iot/", HTTP_ACCEPT_LANGUAGE="ja").json()
    assert body["label"] == body["label_ja"]
    assert body["code"] == "iot"


@pytest.mark.django_db
def test_api_says_which_filter_value_is_wrong(client, user_factory):
    client.force_login(user_factory())
    response = client.get("/api/organisations/", {"technology": "warp-drive"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "technology" in response.json()
    assert "warp-drive" in response.json()["technology"][0]["message"]
