"""API lists answer bad parameters with a 400 that names them, never a 500, and
never more than the maximum page size."""

import pytest

from kizuna.api.pagination import MAX_PAGE_SIZE

pytestmark = pytest.mark.django_db
LISTS = ["/api/organisations/", "/api/technologies/", "/api/programmes/"]


@pytest.fixture
def api(client, user_factory):
    client.force_login(user_factory())
    return client


@pytest.mark.parametrize("url", LISTS)
def test_a_huge_limit_is_cut_to_the_maximum_page_size(api, url):
    response = api.get(url, {"limit": "99999999999999999999"})
    assert response.status_code == 200
    assert len(response.json()["results"]) <= MAX_PAGE_SIZE


def test_the_technology_list_gives_at_most_the_maximum_page_size(api, monkeypatch):
    from kizuna.api.pagination import BoundedLimitOffsetPagination

    monkeypatch.setattr(BoundedLimitOffsetPagination, "max_limit", 40)
    body = api.get("/api/technologies/", {"limit": "100000"}).json()
    assert body["count"] > 40
    assert len(body["results"]) == 40
    assert "limit=40" in body["next"] and "offset=40" in body["next"]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"limit": "ten"}, "limit must be a whole number of at least 1, not “ten”."),
        ({"limit": "0"}, "limit must be a whole number of at least 1, not “0”."),
        ({"limit": "-5"}, "limit must be a whole number of at least 1, not “-5”."),
        ({"offset": "99999999999999999999"},
         "offset must be a whole number from 0 to 1000000000, not “99999999999999999999”."),
        ({"offset": "1e3"}, "offset must be a whole number from 0 to 1000000000, not “1e3”."),
    ],
)
def test_a_bad_page_parameter_is_a_400_naming_it(api, url, params, message):
    response = api.get(url, params)
    assert response.status_code == 400
    assert response.json() == {next(iter(params)): [message]}


def test_a_thousand_word_search_is_a_400_naming_q(api):
    response = api.get("/api/organisations/", {"q": " ".join(f"w{n}" for n in range(1000))})
    assert response.status_code == 400
    assert response.json() == {
        "q": [{"message": "Search for at most 200 characters; this search has 4889.", "code": "max_length"}]
    }


def test_the_api_is_throttled_per_user(api, monkeypatch):
    from django.core.cache import cache
    from rest_framework.throttling import SimpleRateThrottle

    # the rates are read when DRF's throttle class is defined: patch them there
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "3/minute"})
    cache.clear()
    try:
        statuses = [api.get("/api/programmes/").status_code for _ in range(4)]
    finally:
        cache.clear()
    assert statuses == [200, 200, 200, 429]
