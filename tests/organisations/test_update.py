"""One organisation_update for the edit page and the API: same rules, same saved
fields, and the save and the re-index succeed or fail together."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.urls import reverse

from kizuna.accounts.enums import Role
from kizuna.organisations.domain import EDITABLE_FIELDS, organisation_update
from kizuna.organisations.models import Organisation, SearchTerm
from kizuna.organisations.queries import organisation_directory

# The fields both interfaces let a representative change, with the same values.
CHANGES = {
    "name": "Siam Mould",
    "name_th": "สยามโมลด์",
    "name_ja": "サイアム金型",
    "name_en": "Siam Mould",
    "languages": ["th", "en"],
    "region_text": "",
    "size": "small",
    "website": "https://siam-mould.example",
    "description": "ผลิตแม่พิมพ์ฉีดพลาสติก",
    "description_language": "th",
    "founded": 1998,
}


def _terms(org) -> set[str]:
    """The organisation's search terms but its own external id."""
    terms = set(SearchTerm.objects.filter(organisation=org).values_list("term", flat=True))
    return terms - {org.external_id}


def _saved(org) -> dict:
    org.refresh_from_db()
    return model_to_dict(org, fields=EDITABLE_FIELDS)


@pytest.fixture
def rep_of(user_factory):
    def make(org):
        return user_factory(role=Role.COMPANY_REP, organisation=org)

    return make


@pytest.mark.django_db
def test_edit_page_and_api_save_the_same_fields_and_search_terms(client, organisation_factory, rep_of):
    by_page = organisation_factory(name="Old Name", country_id="TH")
    by_api = organisation_factory(name="Old Name", country_id="TH")

    client.force_login(rep_of(by_page))
    form_data = {**CHANGES, "kind": "company", "country": "TH"}
    response = client.post(reverse("organisations:edit", args=[by_page.pk]), form_data)
    assert response.status_code == 302, response.context["form"].errors

    client.force_login(rep_of(by_api))
    response = client.patch(f"/api/organisations/{by_api.pk}/", CHANGES, content_type="application/json")
    assert response.status_code == 200, response.json()

    assert _saved(by_page) == _saved(by_api)
    assert _saved(by_api)["languages"] == ["th", "en"]
    assert _saved(by_api)["founded"] == 1998
    assert _terms(by_page) == _terms(by_api)
    assert "แม่พิมพ์" in _terms(by_api)
    assert "old" not in _terms(by_api)


@pytest.mark.django_db
def test_a_failing_reindex_undoes_the_edit_page_save(client, organisation_factory, rep_of):
    org = organisation_factory(name="Old Name", country_id="TH")
    client.force_login(rep_of(org))
    form_data = {**CHANGES, "kind": "company", "country": "TH"}
    with mock.patch("kizuna.organisations.domain.organisations_index", side_effect=RuntimeError("index down")):
        with pytest.raises(RuntimeError, match="index down"):
            client.post(reverse("organisations:edit", args=[org.pk]), form_data)
    org.refresh_from_db()
    assert (org.name, org.description, org.website) == ("Old Name", "", "")
    assert "old" in _terms(org)


@pytest.mark.django_db
def test_a_failing_reindex_undoes_the_api_save(client, organisation_factory, rep_of):
    org = organisation_factory(name="Old Name", country_id="TH")
    client.force_login(rep_of(org))
    with mock.patch("kizuna.organisations.domain.organisations_index", side_effect=RuntimeError("index down")):
        with pytest.raises(RuntimeError, match="index down"):
            client.patch(f"/api/organisations/{org.pk}/", CHANGES, content_type="application/json")
    org.refresh_from_db()
    assert (org.name, org.description, org.website) == ("Old Name", "", "")
    assert "old" in _terms(org)


@pytest.mark.django_db
def test_update_refuses_a_representative_of_another_organisation(organisation_factory, rep_of):
    org, other = organisation_factory(name="Old Name"), organisation_factory()
    with pytest.raises(PermissionDenied):
        organisation_update(organisation=org, actor=rep_of(other), data={"name": "Taken Over"})
    assert Organisation.objects.get(pk=org.pk).name == "Old Name"


@pytest.mark.django_db
def test_update_rejects_a_wrong_check_digit_by_field_and_writes_nothing(officer, organisation_factory):
    org = organisation_factory(name="Old Name", country_id="JP")
    with pytest.raises(ValidationError) as raised:
        organisation_update(
            organisation=org, actor=officer, data={"name": "New Name", "registration_number": "8010001008844"}
        )
    assert raised.value.message_dict == {
        "registration_number": [
            "The check digit of this Japanese corporate number is wrong: the first digit should be 7."
        ]
    }
    assert Organisation.objects.get(pk=org.pk).name == "Old Name"


@pytest.mark.django_db
def test_api_answers_a_broken_model_rule_with_the_field_and_reason(client, organisation_factory, rep_of):
    # A number stored before the check-digit rule existed: the API, like the page,
    # says which field stops the save instead of failing with a server error.
    org = organisation_factory(country_id="JP", registration_number="8010001008844")
    client.force_login(rep_of(org))
    response = client.patch(
        f"/api/organisations/{org.pk}/", {"website": "https://new.example"}, content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json() == {
        "registration_number": [
            "The check digit of this Japanese corporate number is wrong: the first digit should be 7."
        ]
    }
    org.refresh_from_db()
    assert org.website == ""


@pytest.mark.django_db
def test_update_names_a_field_that_is_not_editable(officer, organisation_factory):
    org = organisation_factory()
    with pytest.raises(ValueError, match="external_id"):
        organisation_update(organisation=org, actor=officer, data={"external_id": "stolen"})


@pytest.mark.django_db
def test_directory_finds_the_organisation_by_its_new_name_after_an_update(officer, organisation_factory):
    org = organisation_factory(name="Old Name")
    organisation_update(organisation=org, actor=officer, data={"name_ja": "サイアム金型"})
    assert list(organisation_directory(query="金型")) == [org]
