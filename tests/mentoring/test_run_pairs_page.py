"""The proposed pairs of a run's page: 50 a page in score order, filters by the
SME's industry group and by a word of either company's name (Thai, Japanese),
other orders, the htmx list fragment, and decisions that return to the same page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kizuna.mentoring.enums import DecisionKind, RunStatus
from kizuna.mentoring.models import (
    MatchingRound,
    MatchingRun,
    PairDecision,
    Proposal,
    RoundParticipant,
)
from kizuna.organisations.models import IndustryGroup

pytestmark = pytest.mark.django_db

N_SMES = 55


@pytest.fixture
def officer_client(client, world):
    client.force_login(world.officer)
    return client


@pytest.fixture
def big_run(world, organisation_factory) -> MatchingRun:
    """A finished run of 55 pairs. SME i scores 0.9 - i/100 and is named so that
    name order differs from score order; every fifth SME is in the food group;
    even SMEs go to the Osaka mentor, odd ones to the Chiang Mai mentor."""
    rnd = MatchingRound.objects.create(programme=world.programme, number=1)
    run = MatchingRun.objects.create(round=rnd, number=1, status=RunStatus.DONE, objective=12.5, bound=12.5, gap=0.0)
    osaka = organisation_factory(name="Osaka Seimitsu", name_ja="大阪精密工業株式会社", country_id="JP")
    chiang_mai = organisation_factory(name="Lanna Mentor", name_th="ล้านนา เมนเทอร์", country_id="JP")
    for mentor in (osaka, chiang_mai):
        RoundParticipant.objects.create(round=rnd, organisation=mentor, side="mentor")
    food = IndustryGroup.objects.get(code="food")
    for i in range(N_SMES):
        sme = organisation_factory(name=f"SME {(i * 7) % N_SMES:02d}", country_id="TH",
                                   name_th="บริษัท สยามโลหะการ จำกัด" if i == 3 else "")
        if i % 5 == 0:
            sme.industry_group = food
            sme.save(update_fields=["industry_group"])
        RoundParticipant.objects.create(round=rnd, organisation=sme, side="mentee")
        Proposal.objects.create(run=run, mentee=sme, mentor=osaka if i % 2 == 0 else chiang_mai,
                                score=round(0.9 - i / 100, 2), reasons={"en": [f"reason {i}"]})
    return run


def _rows(response) -> list[tuple[str, str, float]]:
    return [(r.proposal.mentee.name, r.proposal.mentor.name, r.proposal.score) for r in response.context["rows"]]


def _url(run) -> str:
    return reverse("mentoring:run", args=[run.pk])


def test_second_page_shows_the_next_pairs_in_score_order_and_totals_count_all(officer_client, big_run):
    first = officer_client.get(_url(big_run))
    second = officer_client.get(_url(big_run), {"page": 2})
    assert [score for *_, score in _rows(first)] == [round(0.9 - i / 100, 2) for i in range(50)]
    assert [score for *_, score in _rows(second)] == [0.4, 0.39, 0.38, 0.37, 0.36]
    assert _rows(second)[0][0] == f"SME {(50 * 7) % N_SMES:02d}"
    body = second.content.decode()
    assert '<dd id="pair-count">55</dd>' in body
    assert "Page 2 of 2" in body and 'rel="prev"' in body and 'rel="next"' not in body


def test_filter_by_industry_group_keeps_only_that_groups_smes_and_totals_count_all(officer_client, big_run):
    response = officer_client.get(_url(big_run), {"group": "food"})
    assert [score for *_, score in _rows(response)] == [round(0.9 - i / 100, 2) for i in range(0, N_SMES, 5)]
    assert response.context["page"].paginator.count == 11
    assert '<dd id="pair-count">55</dd>' in response.content.decode()


def test_page_links_keep_the_filters(officer_client, big_run):
    body = officer_client.get(_url(big_run), {"q": "SME", "sort": "mentor"}).content.decode()
    assert 'href="?q=SME&amp;sort=mentor&amp;page=2"' in body


def test_search_finds_a_word_of_the_smes_thai_name(officer_client, big_run):
    response = officer_client.get(_url(big_run), {"q": "สยามโลหะ"})
    assert _rows(response) == [(f"SME {21:02d}", "Lanna Mentor", 0.87)]


def test_search_finds_a_word_of_the_mentors_japanese_name(officer_client, big_run):
    response = officer_client.get(_url(big_run), {"q": "精密"})
    rows = _rows(response)
    assert response.context["page"].paginator.count == 28
    assert {mentor for _, mentor, _ in rows} == {"Osaka Seimitsu"}
    assert rows[0][2] == 0.9 and rows[1][2] == 0.88


def test_search_needs_every_word(officer_client, big_run):
    response = officer_client.get(_url(big_run), {"q": "精密 สยามโลหะ"})
    assert response.context["page"].paginator.count == 0
    assert "No pair matches these filters." in response.content.decode()


def test_sort_by_sme_name_and_by_mentor_name(officer_client, big_run):
    by_sme = _rows(officer_client.get(_url(big_run), {"sort": "sme"}))
    assert [name for name, *_ in by_sme[:3]] == ["SME 00", "SME 01", "SME 02"]
    by_mentor = _rows(officer_client.get(_url(big_run), {"sort": "mentor", "page": 2}))
    # 27 Lanna pairs come first (highest score first), then the Osaka pairs
    assert [mentor for _, mentor, _ in by_mentor] == ["Osaka Seimitsu"] * 5
    assert [score for *_, score in by_mentor] == [0.44, 0.42, 0.4, 0.38, 0.36]


def test_htmx_request_returns_only_the_list(officer_client, big_run):
    response = officer_client.get(_url(big_run), {"group": "food"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert [t.name for t in response.templates][0] == "mentoring/round_run_pairs.html"
    assert "<html" not in body and 'id="totals"' not in body and 'id="pair-filters"' not in body
    assert 'id="proposals"' in body and "11 pairs match these filters." in body
    assert response["Vary"].count("HX-Request") == 1


def test_full_page_has_the_htmx_filter_form(officer_client, big_run):
    body = officer_client.get(_url(big_run)).content.decode()
    assert f'hx-get="{_url(big_run)}" hx-target="#pairs" hx-push-url="true"' in body
    assert '<div id="pairs">' in body


def test_lock_returns_to_the_same_page_and_filters_and_shows_the_decision(officer_client, big_run):
    proposal = big_run.proposals.get(score=0.36)
    back = "group=&q=SME&sort=score&page=2&next=https://evil.example/"
    response = officer_client.post(reverse("mentoring:pair_decide", args=[big_run.pk]),
                                   {"proposal": proposal.pk, "action": "lock", "back": back})
    assert response["Location"] == _url(big_run) + "?q=SME&sort=score&page=2"
    assert PairDecision.objects.get().kind == DecisionKind.LOCK
    page = officer_client.get(response["Location"])
    assert [(r.proposal.score, r.decision) for r in page.context["rows"]][-1] == (0.36, "lock")
    assert 'name="back" value="q=SME&amp;sort=score&amp;page=2"' in page.content.decode()


def test_swap_returns_to_the_same_page_and_filters(officer_client, big_run):
    a, b = big_run.proposals.get(score=0.9), big_run.proposals.get(score=0.89)
    response = officer_client.post(reverse("mentoring:pair_swap", args=[big_run.pk]),
                                   {"swap": [a.pk, b.pk], "back": "sort=sme&page=1"})
    assert response["Location"] == _url(big_run) + "?sort=sme&page=1"
    assert PairDecision.objects.filter(kind=DecisionKind.LOCK).count() == 2
    bad = officer_client.post(reverse("mentoring:pair_swap", args=[big_run.pk]), {"swap": [a.pk], "back": "q=x"})
    assert parse_qs(urlsplit(bad["Location"]).query) == {"q": ["x"]}


def test_a_full_page_and_a_short_page_take_the_same_number_of_queries(officer_client, big_run):
    def count(params) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert officer_client.get(_url(big_run), params).status_code == 200
        return len(ctx.captured_queries)

    count({})  # warm the session
    assert count({"page": 1}) == count({"page": 2})
    assert count({"page": 1, "q": "SME", "group": "food"}) == count({"page": 2})
