"""A published pair's status says whose answer it waits for (issue #9, item 6): the
mentor's, the SME's or both sides' for officers and viewers, "your answer" or "the
partner's answer" for the companies of the pair — on the pair page, the pair list,
the round page and in the API (`waiting_for`, `status_label`), in each reader's
language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kizuna.common.linebreaks import thai_unwrap_html
from kizuna.mentoring.domain.pairings import pairing_respond
from kizuna.mentoring.enums import Side

from .conftest import make_pairing

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(bb_round, mentor_org, mentee_org):
    """A published pair that neither side has answered yet."""
    return make_pairing(bb_round, mentor_org, mentee_org, status="published", accepted_on=None)


@pytest.fixture
def sme_accepted(waiting, mentee_rep):
    """The SME accepted; the mentor has not answered."""
    pairing_respond(pairing=waiting, side=Side.MENTEE, accept=True, actor=mentee_rep)
    waiting.refresh_from_db()
    return waiting


def _status_cell(page: str, start: str) -> str:
    """The text of the first element carrying `start` (its opening tag), up to its end tag."""
    at = page.index(start)
    return page[page.index(">", at) + 1:page.index("</", at)].strip()


def test_waiting_for_names_the_side_that_has_not_answered(waiting, mentee_rep, mentor_rep):
    assert waiting.waiting_for == "both"
    pairing_respond(pairing=waiting, side=Side.MENTEE, accept=True, actor=mentee_rep)
    assert waiting.waiting_for == "mentor"
    pairing_respond(pairing=waiting, side=Side.MENTOR, accept=True, actor=mentor_rep)
    assert waiting.waiting_for is None
    assert waiting.status_label() == "Accepted by both sides"


def test_waiting_for_the_sme_when_the_mentor_answered_first(waiting, mentor_rep):
    pairing_respond(pairing=waiting, side=Side.MENTOR, accept=True, actor=mentor_rep)
    assert waiting.waiting_for == "mentee"
    assert waiting.status_label() == "Waiting for the SME's answer"
    assert waiting.status_label(Side.MENTEE) == "Waiting for your answer"
    assert waiting.status_label(Side.MENTOR) == "Waiting for the partner's answer"


def test_a_declined_pair_waits_for_no_one(waiting, mentee_rep):
    pairing_respond(pairing=waiting, side=Side.MENTEE, accept=False, reason="ไม่พร้อม", actor=mentee_rep)
    assert waiting.waiting_for is None
    assert waiting.status_label(Side.MENTOR) == "Declined"


def test_officer_pages_say_the_mentor_is_waited_for_after_the_sme_accepted(client, officer, sme_accepted):
    client.force_login(officer)
    pair_page = thai_unwrap_html(client.get(reverse("mentoring:pairing", args=[sme_accepted.pk])).content.decode())
    assert _status_cell(pair_page, 'id="pair-status"') == "Waiting for the mentor&#x27;s answer"
    assert 'data-waiting-for="mentor"' in pair_page
    round_page = thai_unwrap_html(client.get(reverse("mentoring:round", args=[sme_accepted.round_id])).content.decode())
    assert _status_cell(round_page, 'class="pair-status"') == "Waiting for the mentor&#x27;s answer"
    pair_list = thai_unwrap_html(client.get(reverse("mentoring:pairings")).content.decode())
    assert _status_cell(pair_list, 'class="pair-status"') == "Waiting for the mentor&#x27;s answer"
    for page in (pair_page, round_page, pair_list):
        assert "waiting for both sides" not in page.lower()


def test_officer_reads_both_sides_before_anyone_answered(client, officer, waiting):
    client.force_login(officer)
    page = thai_unwrap_html(client.get(reverse("mentoring:pairing", args=[waiting.pk])).content.decode())
    assert _status_cell(page, 'id="pair-status"') == "Waiting for both sides&#x27; answers"


def test_thai_sme_reads_that_the_partner_is_waited_for(client, mentee_rep, sme_accepted):
    client.force_login(mentee_rep)  # works in Thai
    page = thai_unwrap_html(client.get(reverse("mentoring:pairing", args=[sme_accepted.pk])).content.decode())
    assert _status_cell(page, 'id="pair-status"') == "รอคำตอบจากอีกฝ่าย"
    listing = thai_unwrap_html(client.get(reverse("mentoring:pairings")).content.decode())
    assert _status_cell(listing, 'class="pair-status"') == "รอคำตอบจากอีกฝ่าย"


def test_japanese_mentor_reads_that_its_own_answer_is_waited_for(client, mentor_rep, sme_accepted):
    client.force_login(mentor_rep)  # works in Japanese
    page = thai_unwrap_html(client.get(reverse("mentoring:pairing", args=[sme_accepted.pk])).content.decode())
    assert _status_cell(page, 'id="pair-status"') == "貴社の回答待ち"
    listing = thai_unwrap_html(client.get(reverse("mentoring:pairings")).content.decode())
    assert _status_cell(listing, 'class="pair-status"') == "貴社の回答待ち"


def test_japanese_viewer_reads_the_mentor_is_waited_for(client, viewer, sme_accepted):
    client.force_login(viewer)
    page = thai_unwrap_html(client.get(reverse("mentoring:pairing", args=[sme_accepted.pk])).content.decode())
    assert _status_cell(page, 'id="pair-status"') == "メンターの回答待ち"


def test_company_reads_both_answers_are_awaited_before_anyone_answered(client, mentor_rep, waiting):
    client.force_login(mentor_rep)
    page = thai_unwrap_html(client.get(reverse("mentoring:pairing", args=[waiting.pk])).content.decode())
    assert _status_cell(page, 'id="pair-status"') == "貴社および相手先の回答待ち"


def test_api_says_who_is_waited_for_in_each_readers_language(client, officer, mentee_rep, mentor_rep, sme_accepted):
    url = f"/api/mentoring/pairings/{sme_accepted.pk}/"
    expected = {officer: "Waiting for the mentor's answer", mentee_rep: "รอคำตอบจากอีกฝ่าย",
                mentor_rep: "貴社の回答待ち"}
    for user, label in expected.items():
        client.force_login(user)
        data = client.get(url).json()
        assert (data["status"], data["waiting_for"], data["status_label"]) == ("published", "mentor", label)
    client.force_login(officer)
    listed = {p["id"]: p for p in client.get("/api/mentoring/pairings/").json()["results"]}
    assert listed[sme_accepted.pk]["waiting_for"] == "mentor"


def test_api_waiting_for_is_null_once_both_accepted(client, mentor_rep, sme_accepted):
    pairing_respond(pairing=sme_accepted, side=Side.MENTOR, accept=True, actor=mentor_rep)
    client.force_login(mentor_rep)
    data = client.get(f"/api/mentoring/pairings/{sme_accepted.pk}/").json()
    assert (data["status"], data["waiting_for"], data["status_label"]) == ("accepted", None, "双方が承諾")
