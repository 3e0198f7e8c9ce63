"""Evidence in every reason (#11): a run stores, with each proposed pair, the sentence
pairs that matched best (the SME's sentence and the mentor's, each in its own
language); publishing copies them to the pair; the run page, the pair page (in Thai
and Japanese too) and the API show them without encoding anything again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kizuna.common.linebreaks import thai_unwrap_html
from kizuna.mentoring.domain import pairings as pairings_domain
from kizuna.mentoring.domain import rounds as rounds_domain
from kizuna.mentoring.domain import runs as runs_domain
from kizuna.mentoring.models import Pairing, Proposal

from .conftest import DESCRIPTIONS_JA, DESCRIPTIONS_TH, ONE_EACH

pytestmark = pytest.mark.django_db

KEYS = {"seeker_sentence", "seeker_language", "provider_sentence", "provider_language", "similarity"}


@pytest.fixture
def run(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    return runs_domain.run_start(round=rnd, actor=world.officer)


def _expected(proposal) -> dict:
    """The one-sentence descriptions of the world: each side's only sentence, Thai and Japanese."""
    return {"seeker_sentence": proposal.mentee.description, "seeker_language": "th",
            "provider_sentence": proposal.mentor.description, "provider_language": "ja"}


def test_a_run_stores_each_proposals_best_sentence_pairs_in_their_own_languages(run):
    proposals = list(run.proposals.select_related("mentor", "mentee"))
    assert len(proposals) == 3
    for p in proposals:
        assert len(p.evidence) == 1  # one sentence on each side: one pair
        (e,) = p.evidence
        assert set(e) == KEYS
        assert {k: e[k] for k in KEYS - {"similarity"}} == _expected(p)
        assert -1.0 <= e["similarity"] <= 1.0
    assert {p.evidence[0]["seeker_sentence"] for p in proposals} == set(DESCRIPTIONS_TH)
    assert {p.evidence[0]["provider_sentence"] for p in proposals} == set(DESCRIPTIONS_JA)


def test_a_run_with_several_sentences_quotes_the_two_seeker_sentences_that_matched_best(world):
    sme, mentor = world.mentees[0], world.mentors[0]
    sme.description = "We make car parts in Rayong. Predictive maintenance with vibration sensors is what we need. เราส่งออกไปเวียดนาม"
    sme.save(update_fields=["description"])
    mentor.description = "当社は東京の会社です。Predictive maintenance with vibration sensors for small factories."
    mentor.save(update_fields=["description"])
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    evidence = Proposal.objects.get(run=run, mentee=sme, mentor=mentor).evidence
    assert len(evidence) == 2
    assert evidence[0]["seeker_sentence"] == "Predictive maintenance with vibration sensors is what we need."
    assert (evidence[1]["seeker_sentence"], evidence[1]["seeker_language"]) in {
        ("We make car parts in Rayong.", "en"), ("เราส่งออกไปเวียดนาม", "th")}
    assert evidence[0]["provider_sentence"] == "Predictive maintenance with vibration sensors for small factories."
    assert (evidence[0]["seeker_language"], evidence[0]["provider_language"]) == ("en", "en")
    assert evidence[0]["similarity"] > evidence[1]["similarity"]


@pytest.mark.parametrize(("lang", "title"), [("en", "Sentences that matched best"), ("th", "ประโยคที่ตรงกันมากที่สุด"),
                                              ("ja", "最もよく一致した文")])
def test_run_page_quotes_each_sentence_with_its_lang_attribute(client, world, run, lang, title):
    world.officer.language = lang
    world.officer.save()
    client.force_login(world.officer)
    body = thai_unwrap_html(client.get(reverse("mentoring:run", args=[run.pk])).content.decode())
    assert body.count(title) == 3  # one block per proposal
    for p in run.proposals.select_related("mentor", "mentee"):
        assert f'<dd class="seeker-sentence" lang="th">{p.mentee.description}</dd>' in body
        assert f'<dd class="provider-sentence" lang="ja">{p.mentor.description}</dd>' in body


def test_run_page_without_stored_evidence_shows_no_empty_block(client, world, run):
    run.proposals.update(evidence=[])
    client.force_login(world.officer)
    body = thai_unwrap_html(client.get(reverse("mentoring:run", args=[run.pk])).content.decode())
    assert "Sentences that matched best" not in body and 'class="evidence"' not in body


def test_published_pair_page_shows_the_evidence_to_the_sme_in_thai_and_the_mentor_in_japanese(
        client, world, run, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pairings_domain.round_publish(round=run.round, run=run, actor=world.officer)
    pairing = Pairing.objects.select_related("mentor", "mentee").get(round=run.round, mentee=world.mentees[0])
    proposal = run.proposals.get(mentee=pairing.mentee, mentor=pairing.mentor)
    assert pairing.evidence == proposal.evidence != []
    url = reverse("mentoring:pairing", args=[pairing.pk])
    for user, title in ((world.mentee_rep, "ประโยคที่ตรงกันมากที่สุด"), (world.mentor_rep, "最もよく一致した文")):
        client.force_login(user)
        body = thai_unwrap_html(client.get(url).content.decode())
        assert title in body
        assert f'<dd class="seeker-sentence" lang="th">{pairing.mentee.description}</dd>' in body
        assert f'<dd class="provider-sentence" lang="ja">{pairing.mentor.description}</dd>' in body


def test_api_serves_the_evidence_of_proposals_and_of_published_pairs(client, world, run):
    client.force_login(world.officer)
    proposals = client.get(f"/api/mentoring/runs/{run.pk}/proposals/").json()
    stored = {p.pk: p.evidence for p in run.proposals.all()}
    assert len(proposals) == 3
    for p in proposals:
        assert p["evidence"] == stored[p["id"]]
        assert set(p["evidence"][0]) == KEYS
        assert (p["evidence"][0]["seeker_language"], p["evidence"][0]["provider_language"]) == ("th", "ja")
    token = client.get(f"/api/mentoring/runs/{run.pk}/publish-preview/").json()["confirm"]
    answer = client.post(f"/api/mentoring/runs/{run.pk}/publish/", {"confirm": token}, content_type="application/json")
    assert answer.json()["published"] == 3
    pairing = Pairing.objects.get(round=run.round, mentee=world.mentees[0])
    data = client.get(f"/api/mentoring/pairings/{pairing.pk}/").json()
    assert data["evidence"] == pairing.evidence == stored[run.proposals.get(mentee=pairing.mentee, mentor=pairing.mentor).pk]


def test_api_schema_describes_the_evidence_fields(client, world):
    client.force_login(world.officer)
    schema = thai_unwrap_html(client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode())
    assert "Evidence" in schema
    for key in KEYS:
        assert key in schema
