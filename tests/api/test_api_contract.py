"""What the OpenAPI schema says is what the API does (the findings of
tests/api/test_schema_fuzz.py as officer and company, issue #10 item 8): every
request the schema allows is accepted, every status the API answers is documented,
every body has the documented shape."""

from __future__ import annotations

import datetime as dt

import pytest

from kizuna.api.pagination import MAX_OFFSET

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    return client.get("/api/schema/", {"format": "json"}).json()


def _parameter(schema: dict, path: str, name: str, method: str = "get") -> dict:
    return next(p for p in schema["paths"][path][method]["parameters"] if p["name"] == name)["schema"]


def _response_schema(schema: dict, path: str, method: str, status: str) -> dict:
    content = schema["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]
    if "$ref" in content:
        return schema["components"]["schemas"][content["$ref"].rsplit("/", 1)[1]]
    return content


def test_the_schema_gives_the_bounds_of_limit_and_offset_that_the_lists_check(schema, client, officer):
    assert _parameter(schema, "/api/programmes/", "limit")["minimum"] == 1
    offset = _parameter(schema, "/api/programmes/", "offset")
    assert (offset["minimum"], offset["maximum"]) == (0, MAX_OFFSET)
    client.force_login(officer)
    assert client.get("/api/programmes/", {"limit": 1, "offset": MAX_OFFSET}).status_code == 200
    assert client.get("/api/programmes/", {"offset": MAX_OFFSET + 1}).status_code == 400


def test_an_organisation_without_industry_group_or_province_matches_the_schema(schema, client, officer,
                                                                                organisation_factory):
    organisation_factory(name="No Group Co.", industry_group=None, province=None)
    client.force_login(officer)
    row = client.get("/api/organisations/").json()["results"][0]
    assert (row["industry_group"], row["province"]) == (None, None)
    properties = schema["components"]["schemas"]["Organisation"]["properties"]
    assert properties["industry_group"]["nullable"] is True
    assert properties["province"]["nullable"] is True


def test_the_directory_filters_in_the_schema_are_the_codes_the_api_accepts(client, officer, organisation_factory):
    organisation_factory(country_id="JP", technologies=["iot"])
    schema = client.get("/api/schema/", {"format": "json"}).json()  # the choices of today's data
    client.force_login(officer)
    for name in ("kind", "country", "industry_group", "technology", "region"):
        values = _parameter(schema, "/api/organisations/", name)["enum"]
        assert len(values) > 1, name
        for value in values:
            assert client.get("/api/organisations/", {name: value}).status_code == 200, (name, value)
    assert "iot" in _parameter(schema, "/api/organisations/", "technology")["enum"]
    assert "JP" in _parameter(schema, "/api/organisations/", "country")["enum"]
    assert _parameter(schema, "/api/organisations/", "q")["maxLength"] == 200


def test_the_audit_filters_accept_every_period_the_schema_allows(schema, client, officer):
    client.force_login(officer)
    assert _parameter(schema, "/api/audit/entries/", "object_id")["minimum"] == 1
    assert "organisations.contactperson" in _parameter(schema, "/api/audit/entries/", "object_type")["enum"]
    for since, until in [(dt.date(2020, 5, 2), dt.date(2020, 5, 1)), (dt.date.min, dt.date.max)]:
        response = client.get("/api/audit/entries/", {"since": since.isoformat(), "until": until.isoformat()})
        assert response.status_code == 200, response.content
    backwards = client.get("/api/audit/entries/", {"since": "2020-05-02", "until": "2020-05-01"}).json()
    assert backwards["count"] == 0


def test_the_overdue_overview_documents_its_404_and_its_group_bounds(schema, client, officer):
    client.force_login(officer)
    assert "404" in schema["paths"]["/api/mentoring/overdue/"]["get"]["responses"]
    assert _parameter(schema, "/api/mentoring/overdue/", "group")["minimum"] == 1
    assert client.get("/api/mentoring/overdue/", {"programme": "no-such"}).status_code == 404
    response = client.get("/api/mentoring/overdue/", {"group": "-3"})
    assert response.status_code == 400
    assert "group" in response.json()


def test_the_text_versions_document_their_404(schema):
    for method in ("get", "post"):
        assert _response_schema(schema, "/api/text-versions/", method, "404")["required"] == ["detail"]


def test_marking_notifications_read_answers_what_the_schema_says(schema, client, officer):
    client.force_login(officer)
    body = client.post("/api/mentoring/notifications/read/").json()
    assert body == {"read": 0}
    assert _response_schema(schema, "/api/mentoring/notifications/read/", "post", "200")["required"] == ["read"]


def test_an_api_address_that_names_no_endpoint_answers_the_apis_json_404(client, officer, reference_data):
    client.force_login(officer)
    response = client.get("/api/technologies/iot/extra/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"code": "http_404", "detail": "Not found."}
    assert client.get("/api/no-such-thing/").json() == {"code": "http_404", "detail": "Not found."}
    assert client.get("/api/technologies/iot/").status_code == 200


def test_an_api_address_without_its_final_slash_is_still_redirected(client, officer):
    client.force_login(officer)
    response = client.get("/api/programmes")
    assert response.status_code == 301
    assert response["Location"].endswith("/api/programmes/")


def test_a_page_address_that_names_nothing_still_gets_the_sites_page(client, officer):
    client.force_login(officer)
    response = client.get("/organisations/no/such/page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_body_naming_a_record_that_does_not_exist_is_a_404_naming_the_field(schema, client, officer):
    client.force_login(officer)
    response = client.post("/api/mentoring/rounds/", {"programme": 987654}, content_type="application/json")
    assert response.status_code == 404, response.content
    assert list(response.json()) == ["detail", "programme"]
    assert "404" in schema["paths"]["/api/mentoring/rounds/"]["post"]["responses"]
    # a malformed value is still a 400
    response = client.post("/api/mentoring/rounds/", {"programme": "x"}, content_type="application/json")
    assert response.status_code == 400


def test_an_erasure_request_filed_twice_is_a_409_and_the_schema_asks_for_exactly_one_person(schema, client, officer,
                                                                                             organisation_factory):
    from kizuna.organisations.models import ContactPerson

    contact = ContactPerson.objects.create(organisation=organisation_factory(), name="Somsri", email="s@example.th")
    client.force_login(officer)
    first = client.post("/api/erasure-requests/", {"contact": contact.pk}, content_type="application/json")
    assert first.status_code == 201
    again = client.post("/api/erasure-requests/", {"contact": contact.pk}, content_type="application/json")
    assert (again.status_code, again.json()["code"]) == (409, "erasure_already_requested")
    operation = schema["paths"]["/api/erasure-requests/"]["post"]
    assert _response_schema(schema, "/api/erasure-requests/", "post", "409")["required"] == ["detail"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    subject = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]
    assert [schema["components"]["schemas"][s["$ref"].rsplit("/", 1)[1]]["required"] for s in subject["oneOf"]] == [
        ["contact"], ["user"]]


def test_the_schema_says_what_a_rounds_settings_may_hold(schema):
    body = schema["paths"]["/api/mentoring/rounds/"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    settings = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]["properties"]["settings"]
    properties = schema["components"]["schemas"][settings["$ref"].rsplit("/", 1)[1]]["properties"]
    assert properties["lo"]["minimum"] == 0
    assert properties["encoder"]["$ref"] or properties["encoder"]["enum"]
    weights = schema["components"]["schemas"][properties["weights"]["$ref"].rsplit("/", 1)[1]]["properties"]
    assert weights["hub_k"]["minimum"] == 1 and weights["text"]["minimum"] == 0


def test_the_participant_list_is_documented_as_the_file_it_is(schema):
    body = schema["paths"]["/api/mentoring/rounds/{id}/participants/import/"]["post"]["requestBody"]
    assert list(body["content"]) == ["multipart/form-data"]
    ref = body["content"]["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert schema["components"]["schemas"][ref]["properties"]["file"]["format"] == "binary"


@pytest.mark.parametrize("path", ["/api/mentoring/clmv-links/", "/api/mentoring/rounds/", "/api/erasure-requests/"])
def test_bodies_that_can_hold_null_or_objects_are_json_only(schema, path):
    assert list(schema["paths"][path]["post"]["requestBody"]["content"]) == ["application/json"]
