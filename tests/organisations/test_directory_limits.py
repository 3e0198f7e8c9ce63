"""No server error from any search or page parameter; the whole directory as a file
and registration numbers only for the roles that need them."""

import pytest
from django.urls import reverse

from kizuna.accounts.enums import Role

pytestmark = pytest.mark.django_db
THOUSAND_WORDS = " ".join(f"word{n}" for n in range(1000))
THIRTEEN_WORDS = " ".join(f"w{n}" for n in range(13))


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def test_a_thousand_word_search_on_the_directory_is_a_400_that_says_why(officer_client, organisation_factory):
    organisation_factory()
    response = officer_client.get(reverse("organisations:directory"), {"q": THOUSAND_WORDS})
    assert response.status_code == 400
    assert "Search for at most 200 characters; this search has 7889." in response.content.decode()
    assert response.context["page"].paginator.count == 0


def test_thirteen_words_are_refused_and_twelve_are_searched(officer_client):
    response = officer_client.get(reverse("organisations:directory"), {"q": THIRTEEN_WORDS})
    assert response.status_code == 400
    assert "Search for at most 12 words; this search has 13." in response.content.decode()
    twelve = " ".join(f"w{n}" for n in range(12))
    assert officer_client.get(reverse("organisations:directory"), {"q": twelve}).status_code == 200


def test_a_refused_search_through_htmx_shows_the_reason_in_the_results(officer_client):
    response = officer_client.get(reverse("organisations:directory"), {"q": THIRTEEN_WORDS}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Search for at most 12 words; this search has 13." in response.content.decode()


def test_a_thousand_word_search_on_the_export_is_a_400(officer_client):
    response = officer_client.get(reverse("organisations:export"), {"q": THOUSAND_WORDS, "format": "csv"})
    assert response.status_code == 400
    assert response.content.decode() == "Search for at most 200 characters; this search has 7889."


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.TRAINEE, Role.TRAINING_COORDINATOR, Role.COMPANY_REP])
def test_only_officers_and_ministry_viewers_export_the_directory(client, user_factory, role):
    client.force_login(user_factory(username=f"u-{role}", role=role))
    assert client.get(reverse("organisations:export"), {"format": "csv"}).status_code == 403
    assert 'name="format" value="csv"' not in client.get(reverse("organisations:directory")).content.decode()


@pytest.mark.parametrize("role", [Role.OFFICER, Role.MINISTRY_VIEWER, Role.ADMINISTRATOR])
def test_officers_ministry_viewers_and_administrators_export_the_directory(client, user_factory, role):
    client.force_login(user_factory(username=f"u-{role}", role=role))
    assert client.get(reverse("organisations:export"), {"format": "csv"}).status_code == 200


def test_registration_numbers_show_to_the_own_representative_and_not_to_others(client, user_factory, organisation_factory, thai_id):
    org = organisation_factory(registration_number=thai_id(4))
    other = organisation_factory(registration_number=thai_id(5))
    client.force_login(user_factory(username="rep", role=Role.COMPANY_REP, organisation=org))
    assert thai_id(4) in client.get(reverse("organisations:detail", args=[org.pk])).content.decode()
    assert thai_id(5) not in client.get(reverse("organisations:detail", args=[other.pk])).content.decode()
    numbers = {o["external_id"]: o["registration_number"] for o in client.get("/api/organisations/").json()["results"]}
    assert numbers == {org.external_id: thai_id(4), other.external_id: None}


def test_a_reviewer_sees_no_registration_number_and_a_ministry_viewer_does(client, user_factory, organisation_factory, thai_id):
    org = organisation_factory(registration_number=thai_id(6))
    client.force_login(user_factory(username="rev", role=Role.REVIEWER))
    assert thai_id(6) not in client.get(reverse("organisations:detail", args=[org.pk])).content.decode()
    assert client.get(f"/api/organisations/{org.pk}/").json()["registration_number"] is None
    client.force_login(user_factory(username="min", role=Role.MINISTRY_VIEWER))
    assert client.get(f"/api/organisations/{org.pk}/").json()["registration_number"] == thai_id(6)
