"""Proposals that can exist and rounds that know the programme's history (issue #9):
an SME that also mentors a CLMV company is never its own mentor and mentors only
CLMV companies unless an officer opens it to all; pairs of earlier rounds are never
proposed again and count against each side's limits (or only stay out, as the
round's setting says); publishing shows what goes to whom and asks for a
confirmation; the latest publication can be withdrawn until someone answers."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from kizuna.mentoring.adapters import round_input_load
from kizuna.mentoring.domain import pairings as pairings_domain
from kizuna.mentoring.domain import rounds as rounds_domain
from kizuna.mentoring.domain import runs as runs_domain
from kizuna.mentoring.domain.clmv_links import clmv_link_create
from kizuna.mentoring.domain.errors import MentoringError
from kizuna.mentoring.enums import PairingStatus, RoundStatus, Side
from kizuna.mentoring.models import Notification, PairDecision, Pairing, Plan, Proposal
from kizuna.mentoring.queries.pairings import publish_preview
from kizuna.organisations.models import Concept

from .conftest import ONE_EACH, make_round_org

TWO_EACH = {"lo": 1, "hi": 2, "capacity": 2, "encoder": "hash"}


@pytest.fixture
def officer_client(client, world):
    client.force_login(world.officer)
    return client


@pytest.fixture
def clmv_world(world, organisation_factory):
    """Round 1: SME 1 completed its plan with Mentor 1 and now mentors a Vietnamese
    company (a CLMV link), so it takes part as a mentor too; as a mentor it offers
    exactly what it needs as an SME (paired with itself it would score best)."""
    rnd1 = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    sme1 = world.mentees[0]
    done = Pairing.objects.create(round=rnd1, mentor=world.mentors[0], mentee=sme1, status=PairingStatus.COMPLETED,
                                  mentor_response="accepted", mentee_response="accepted")
    Plan.objects.create(pairing=done, completed_at=timezone.now())
    vietnamese = make_round_org(organisation_factory, "Dong Nai Precision", country="VN", lang="en",
                                needs=["predictive_maintenance"], description="Predictive maintenance for presses.")
    clmv_link_create(mentor=sme1, mentee=vietnamese, programme=world.programme, actor=world.officer)
    sme1.technologies_offered.set(Concept.objects.filter(code__in=["predictive_maintenance", "condition_monitoring",
                                                                   "robotics", "traceability"]))
    sme1.description = "โรงงานชิ้นส่วนยานยนต์ต้องการระบบบำรุงรักษาเชิงพยากรณ์"
    sme1.save()
    rnd2 = rounds_domain.round_open(programme=world.programme, actor=world.officer,
                                    settings={**TWO_EACH, "capacity": 3})
    return rnd2, sme1, vietnamese


def proposals(run) -> set[tuple[str, str]]:
    return {(p.mentor.name, p.mentee.name) for p in Proposal.objects.filter(run=run).select_related("mentor", "mentee")}


# ---------------------------------------------------------------------------
# Proposals that can exist


def test_an_sme_that_also_mentors_a_clmv_company_is_never_its_own_mentor_nor_a_thai_smes(clmv_world, world):
    rnd2, sme1, vietnamese = clmv_world
    assert set(rnd2.participants.filter(organisation=sme1).values_list("side", flat=True)) == {"mentor", "mentee"}
    run = runs_domain.run_start(round=rnd2, actor=world.officer)
    run.refresh_from_db()
    assert run.status == "done", run.error
    pairs = proposals(run)
    assert ("SME 1", "SME 1") not in pairs
    assert {mentee for mentor, mentee in pairs if mentor == "SME 1"} <= {"Dong Nai Precision"}
    assert ("Mentor 1", "SME 1") not in pairs  # their plan is done: a pair is never proposed twice


def test_the_round_input_names_each_organisation_and_forbids_a_clmv_mentor_the_thai_smes(clmv_world):
    rnd2, sme1, vietnamese = clmv_world
    rows = round_input_load(rnd2)
    s1, p1 = rows.seeker_orgs.index(sme1.pk), rows.provider_orgs.index(sme1.pk)
    assert rows.inputs.self_pairs() == {(s1, p1)}
    thai = {i for i, oid in enumerate(rows.seeker_orgs) if oid != vietnamese.pk}
    assert set(rows.forbidden) == {(i, p1) for i in thai}


def test_an_officer_opens_a_clmv_mentor_to_every_sme_on_the_participants_page_and_in_the_api(
        clmv_world, officer_client):
    rnd2, sme1, vietnamese = clmv_world
    page = officer_client.get(reverse("mentoring:round_participants", args=[rnd2.pk]))
    mentor_row = rnd2.participants.get(organisation=sme1, side=Side.MENTOR)
    assert f'name="open_to_all_{mentor_row.pk}"' in page.content.decode()
    form = {f"included_{p.pk}": "on" for p in rnd2.participants.all()}
    officer_client.post(reverse("mentoring:round_participants", args=[rnd2.pk]),
                        {**form, f"open_to_all_{mentor_row.pk}": "on"})
    mentor_row.refresh_from_db()
    assert mentor_row.open_to_all is True
    assert round_input_load(rnd2).forbidden == []
    api = officer_client.patch(f"/api/mentoring/rounds/{rnd2.pk}/participants/",
                               [{"id": mentor_row.pk, "open_to_all": False}], content_type="application/json")
    assert api.status_code == 200
    assert [r["open_to_all"] for r in api.json() if r["id"] == mentor_row.pk] == [False]
    assert round_input_load(rnd2).forbidden != []


def test_locking_a_pair_of_one_organisation_with_itself_is_refused_in_three_languages(clmv_world, world):
    rnd2, sme1, vietnamese = clmv_world
    with pytest.raises(MentoringError) as refused:
        runs_domain.pair_lock(round=rnd2, mentor=sme1, mentee=sme1, actor=world.officer)
    assert refused.value.code == "pair_self"
    assert str(refused.value) == "SME 1 cannot be paired with itself; choose a different mentor or SME."
    for lang, start in (("th", "SME 1 ไม่สามารถจับคู่กับตนเองได้"), ("ja", "SME 1を自社と組み合わせることはできません")):
        with translation.override(lang):
            assert refused.value.messages[0].startswith(start)
    with pytest.raises(MentoringError) as clmv_only:
        runs_domain.pair_lock(round=rnd2, mentor=sme1, mentee=world.mentees[1], actor=world.officer)
    assert clmv_only.value.code == "pair_clmv_only"
    with pytest.raises(MentoringError) as wrong_side:
        runs_domain.pair_lock(round=rnd2, mentor=vietnamese, mentee=world.mentees[1], actor=world.officer)
    assert wrong_side.value.code == "pair_not_mentor"
    with pytest.raises(MentoringError) as twice:
        runs_domain.pair_lock(round=rnd2, mentor=world.mentors[0], mentee=sme1, actor=world.officer)
    assert twice.value.code == "pair_exists"
    assert not PairDecision.objects.filter(round=rnd2).exists()


def test_the_database_refuses_a_pair_of_one_organisation_with_itself(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    org = world.mentees[0]
    for model, extra in ((Pairing, {"round": rnd}), (PairDecision, {"round": rnd, "kind": "lock"})):
        with pytest.raises(IntegrityError), transaction.atomic():
            model.objects.create(mentor=org, mentee=org, **extra)


# ---------------------------------------------------------------------------
# Rounds know the programme's history


def first_round_published(world, *, accept_first=True):
    """Round 1 published (S1–M1, S2–M2, S3–M3); S1–M1 accepted by both (a plan runs)."""
    rnd1 = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run1 = runs_domain.run_start(round=rnd1, actor=world.officer)
    published = pairings_domain.round_publish(round=rnd1, run=run1, actor=world.officer)
    assert len(published) == 3
    if accept_first:
        first = next(p for p in published if p.mentee_id == world.mentees[0].pk)
        for side in (Side.MENTEE, Side.MENTOR):
            pairings_domain.pairing_respond(pairing=first, side=side, accept=True, actor=None)
    return rnd1, run1


def per_org(run, field: str) -> dict[int, int]:
    counts: dict[int, int] = {}
    for oid in Proposal.objects.filter(run=run).values_list(field, flat=True):
        counts[oid] = counts.get(oid, 0) + 1
    return counts


def test_a_second_round_counts_the_first_rounds_pairs_against_each_limit_and_never_reproposes_them(world):
    rnd1, run1 = first_round_published(world)
    earlier = set(Pairing.objects.filter(round=rnd1).values_list("mentor_id", "mentee_id"))
    rnd2 = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=TWO_EACH)
    assert rnd2.effective_settings()["earlier_pairs"] == "count"
    assert [a.tolist() for a in round_input_load(rnd2).inputs.limits()] == [[0, 0, 0], [1, 1, 1], [1, 1, 1]]
    run2 = runs_domain.run_start(round=rnd2, actor=world.officer)
    run2.refresh_from_db()
    assert run2.status == "done", run2.error
    chosen = set(Proposal.objects.filter(run=run2).values_list("mentor_id", "mentee_id"))
    assert chosen and not chosen & earlier
    # what each already holds (one pair each from round 1) and what round 2 proposes: at most 2
    assert max(per_org(run2, "mentee_id").values()) <= 1
    assert max(per_org(run2, "mentor_id").values()) <= 1


def test_a_round_set_to_keep_earlier_pairs_out_gives_each_its_full_limits_but_never_reproposes(world, officer_client):
    rnd1, run1 = first_round_published(world)
    earlier = set(Pairing.objects.filter(round=rnd1).values_list("mentor_id", "mentee_id"))
    rnd2 = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=TWO_EACH)
    api = officer_client.patch(f"/api/mentoring/rounds/{rnd2.pk}/settings/", {"earlier_pairs": "keep_out"},
                               content_type="application/json")
    assert (api.status_code, api.json()["earlier_pairs"]) == (200, "keep_out")
    rnd2.refresh_from_db()
    assert [a.tolist() for a in round_input_load(rnd2).inputs.limits()] == [[1, 1, 1], [2, 2, 2], [2, 2, 2]]
    run2 = runs_domain.run_start(round=rnd2, actor=world.officer)
    assert not set(Proposal.objects.filter(run=run2).values_list("mentor_id", "mentee_id")) & earlier
    bad = officer_client.patch(f"/api/mentoring/rounds/{rnd2.pk}/settings/", {"earlier_pairs": "ignore"},
                               content_type="application/json")
    assert (bad.status_code, bad.json()["code"]) == (400, "earlier_pairs_unknown")


def test_the_settings_page_offers_both_choices_for_earlier_pairs(world, officer_client):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    page = officer_client.get(reverse("mentoring:round_settings", args=[rnd.pk])).content.decode()
    assert 'value="count"' in page and 'value="keep_out"' in page


# ---------------------------------------------------------------------------
# Publishing: preview, confirmation, undo


def test_publishing_from_the_page_shows_what_goes_to_whom_and_needs_the_confirmation(
        world, officer_client, django_capture_on_commit_callbacks):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    url = reverse("mentoring:run_publish", args=[run.pk])
    page = officer_client.get(url)
    html = page.content.decode()
    assert page.context["counts"] == {"pairs": 3, "new": 3, "known": 0, "known_in_round": 0, "known_earlier": 0,
                                      "not_allowed": 0, "companies": 6, "mentors": 3, "mentees": 3}
    assert 'id="count-new">3<' in html and 'id="count-companies">6<' in html
    unconfirmed = officer_client.post(url, follow=True)
    assert not Pairing.objects.filter(round=rnd).exists() and not mail.outbox
    assert "Publishing needs a confirmation" in unconfirmed.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = officer_client.post(url, {"confirm": page.context["preview"].token})
    assert done.status_code == 302
    assert Pairing.objects.filter(round=rnd).count() == 3
    sent = len(mail.outbox)
    assert sent == 4 + 2 + 2  # every company's contact, and both representatives
    # a double click: nothing more is published or sent
    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(url, {"confirm": page.context["preview"].token})
    assert (Pairing.objects.filter(round=rnd).count(), len(mail.outbox)) == (3, sent)
    again = officer_client.get(url)
    assert again.context["counts"]["known_in_round"] == 3 and again.context["counts"]["new"] == 0


def test_a_confirmation_of_an_outdated_preview_publishes_nothing(world):
    rnd1, run1 = first_round_published(world, accept_first=False)
    pairings_domain.round_unpublish(round=rnd1, actor=world.officer)
    with pytest.raises(MentoringError) as refused:
        pairings_domain.round_publish(round=rnd1, run=run1, actor=world.officer, confirm="0123456789abcdef0123")
    assert refused.value.code == "publish_preview_changed"
    assert not Pairing.objects.filter(round=rnd1).exists()


def test_the_api_previews_then_publishes_with_the_confirmation_and_a_second_round_keeps_known_pairs_out(
        world, officer_client):
    rnd1, run1 = first_round_published(world)
    rnd2 = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=TWO_EACH)
    run2 = runs_domain.run_start(round=rnd2, actor=world.officer)
    # a proposal left from before the fix re-proposes a pair of round 1: the preview keeps it out
    old = Pairing.objects.filter(round=rnd1).first()
    Proposal.objects.create(run=run2, mentor=old.mentor, mentee=old.mentee, score=0.9)
    preview = officer_client.get(f"/api/mentoring/runs/{run2.pk}/publish-preview/").json()
    counts = preview["counts"]
    assert counts["known_earlier"] == 1 and counts["new"] == counts["pairs"] - 1
    assert {(r["mentor"], r["mentee"]) for r in preview["known_earlier"]} == {(old.mentor_id, old.mentee_id)}
    wrong = officer_client.post(f"/api/mentoring/runs/{run2.pk}/publish/", {"confirm": "stale"},
                                content_type="application/json")
    assert (wrong.status_code, wrong.json()["code"]) == (400, "publish_preview_changed")
    ok = officer_client.post(f"/api/mentoring/runs/{run2.pk}/publish/", {"confirm": preview["confirm"]},
                             content_type="application/json")
    assert ok.json()["published"] == counts["new"]
    assert Pairing.objects.filter(round=rnd2, mentor=old.mentor, mentee=old.mentee).count() == 0


def test_an_officer_withdraws_the_publication_before_anyone_answers_and_each_side_is_told_once(
        world, officer_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rnd1, run1 = first_round_published(world, accept_first=False)
    published_notices = Notification.objects.filter(kind="pair_published").count()
    assert published_notices == 2
    mail.outbox.clear()
    rnd1.refresh_from_db()
    publication = rnd1.published_at.isoformat()
    page = officer_client.get(reverse("mentoring:round", args=[rnd1.pk])).content.decode()
    assert 'id="unpublish"' in page and publication in page
    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(reverse("mentoring:round_unpublish", args=[rnd1.pk]), {"publication": publication})
    rnd1.refresh_from_db()
    assert (rnd1.status, rnd1.published_at, Pairing.objects.filter(round=rnd1).count()) == (
        RoundStatus.PROPOSED, None, 0)
    assert Proposal.objects.filter(run=run1).count() == 3  # back to proposals
    assert Notification.objects.filter(kind="pair_published").count() == 0  # the notices in the site are withdrawn
    withdrawn = Notification.objects.filter(kind="pair_withdrawn")
    assert sorted(withdrawn.values_list("recipient__username", flat=True)) == ["mentor1", "sme1"]
    assert withdrawn.get(recipient=world.mentee_rep).subject.startswith("ข้อเสนอให้")  # in the reader's language
    sent = len(mail.outbox)
    assert sent == 4 + 2 + 2  # the same people the publication went to
    # the same click again: nothing more is withdrawn or sent
    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(reverse("mentoring:round_unpublish", args=[rnd1.pk]), {"publication": publication})
    assert (Notification.objects.filter(kind="pair_withdrawn").count(), len(mail.outbox)) == (2, sent)
    api = officer_client.post(f"/api/mentoring/rounds/{rnd1.pk}/unpublish/")
    assert (api.status_code, api.json()["code"]) == (400, "unpublish_nothing")


def test_the_publication_cannot_be_withdrawn_once_a_company_answered(world, officer_client):
    rnd1, run1 = first_round_published(world, accept_first=False)
    answered = Pairing.objects.filter(round=rnd1, mentee=world.mentees[1]).get()
    pairings_domain.pairing_respond(pairing=answered, side=Side.MENTOR, accept=True, actor=None)
    response = officer_client.post(f"/api/mentoring/rounds/{rnd1.pk}/unpublish/")
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "The publication can no longer be undone: Mentor 2 has already answered its pair. Pairs that have an answer "
        "can only be declined or re-matched one by one.")
    assert Pairing.objects.filter(round=rnd1).count() == 3


def test_an_answer_to_a_withdrawn_pair_is_refused_clearly(world):
    rnd1, run1 = first_round_published(world, accept_first=False)
    pairing = Pairing.objects.filter(round=rnd1).first()
    pairings_domain.round_unpublish(round=rnd1, actor=world.officer)
    with pytest.raises(MentoringError) as refused:
        pairings_domain.pairing_respond(pairing=pairing, side=Side.MENTEE, accept=True, actor=None)
    assert refused.value.code == "pairing_withdrawn"


def test_the_preview_query_names_the_companies_each_once(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    preview = publish_preview(rnd, run)
    assert sorted((o.name, side, n) for o, side, n in preview.companies) == sorted(
        [(f"SME {i}", "mentee", 1) for i in (1, 2, 3)] + [(f"Mentor {i}", "mentor", 1) for i in (1, 2, 3)])
