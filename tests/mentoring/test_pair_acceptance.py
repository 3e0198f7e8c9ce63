"""Each side's answer to a published pair, the re-run offered after a decline, and
the rule that hides a partner's contact details until both sides accept (page and API)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kizuna.common.linebreaks import thai_unwrap_html
from kizuna.mentoring.domain import pairings as pairings_domain
from kizuna.mentoring.domain import rounds as rounds_domain
from kizuna.mentoring.domain import runs as runs_domain
from kizuna.mentoring.domain.errors import MentoringError
from kizuna.mentoring.enums import DecisionKind, PairingStatus, Response, RunStatus, Side
from kizuna.mentoring.models import Notification, PairDecision, Pairing
from kizuna.organisations.demo import demo_contacts_create
from kizuna.organisations.models import ContactPerson

from .conftest import ONE_EACH, pairs_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world, django_capture_on_commit_callbacks):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    with django_capture_on_commit_callbacks(execute=True):  # the notices go out after the commit
        pairings_domain.round_publish(round=rnd, run=run, actor=world.officer)
    return Pairing.objects.get(round=rnd, mentee=world.mentees[0])


def test_both_sides_accepting_makes_the_pair_accepted(world, published, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pairings_domain.pairing_respond(pairing=published, side=Side.MENTEE, accept=True, actor=world.mentee_rep)
    published.refresh_from_db()
    assert (published.status, published.mentee_response, published.contacts_visible) == (
        PairingStatus.PUBLISHED, Response.ACCEPTED, False)
    with django_capture_on_commit_callbacks(execute=True):
        pairings_domain.pairing_respond(pairing=published, side=Side.MENTOR, accept=True, actor=world.mentor_rep)
    published.refresh_from_db()
    assert published.status == PairingStatus.ACCEPTED
    assert published.accepted_at is not None
    assert published.contacts_visible is True
    assert published.plan.milestones.count() > 0  # the plans helper's plan_create_for ran
    kinds = list(Notification.objects.filter(recipient=world.mentee_rep).order_by("pk").values_list("kind", flat=True))
    assert kinds == ["pair_published", "pair_accepted"]


def test_answering_twice_is_refused(world, published):
    pairings_domain.pairing_respond(pairing=published, side=Side.MENTEE, accept=True, actor=world.mentee_rep)
    with pytest.raises(MentoringError):
        pairings_domain.pairing_respond(pairing=published, side=Side.MENTEE, accept=False, reason="x", actor=world.mentee_rep)


def test_declining_needs_a_reason(world, published):
    with pytest.raises(MentoringError):
        pairings_domain.pairing_respond(pairing=published, side=Side.MENTOR, accept=False, reason=" ", actor=world.mentor_rep)


def test_decline_frees_capacity_and_the_rerun_keeps_every_other_published_pair(
    world, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pairings_domain.pairing_respond(pairing=published, side=Side.MENTOR, accept=False,
                                        reason="No engineers free this year", actor=world.mentor_rep)
    published.refresh_from_db()
    assert published.status == PairingStatus.DECLINED
    assert published.mentor_reason == "No engineers free this year"
    officer_note = Notification.objects.get(recipient=world.officer)
    assert officer_note.url == reverse("mentoring:round", args=[published.round_id])
    # widen the round so that SME 1 can get another mentor
    rnd = published.round
    rnd.participants.filter(side="mentor").update(capacity=2)
    run = pairings_domain.rerun_for_declined(pairing=published, actor=world.officer)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    decisions = {(d.mentee.name, d.mentor.name): d.kind for d in PairDecision.objects.select_related("mentor", "mentee")}
    assert decisions[("SME 1", "Mentor 1")] == DecisionKind.FORBID
    assert decisions[("SME 2", "Mentor 2")] == DecisionKind.LOCK
    assert decisions[("SME 3", "Mentor 3")] == DecisionKind.LOCK
    pairs = pairs_of(run)
    assert {("SME 2", "Mentor 2"), ("SME 3", "Mentor 3")} <= pairs
    assert ("SME 1", "Mentor 1") not in pairs
    assert len([p for p in pairs if p[0] == "SME 1"]) == 1
    # publishing the re-run adds only the new pair
    new = pairings_domain.round_publish(round=rnd, run=run, actor=world.officer)
    assert [(p.mentee.name, p.mentor.name in ("Mentor 2", "Mentor 3")) for p in new] == [("SME 1", True)]
    assert rnd.pairings.count() == 4


def test_the_round_page_offers_a_rerun_for_a_declined_pair(client, world, published):
    pairings_domain.pairing_respond(pairing=published, side=Side.MENTEE, accept=False, reason="ไม่สะดวก", actor=world.mentee_rep)
    client.force_login(world.officer)
    page = thai_unwrap_html(client.get(reverse("mentoring:round", args=[published.round_id])).content.decode())
    assert reverse("mentoring:pairing_rerun", args=[published.pk]) in page


# ---------------------------------------------------------------------------
# Contact visibility: one predicate, page and API


def _contact_email(pairing, side):
    org = pairing.mentor if side == "mentor" else pairing.mentee
    return org.contacts.get().email


def test_page_hides_the_partners_contacts_until_both_accept(client, world, published):
    url = reverse("mentoring:pairing", args=[published.pk])
    client.force_login(world.mentee_rep)
    mentor_contact = _contact_email(published, "mentor")
    assert mentor_contact not in thai_unwrap_html(client.get(url).content.decode())
    pairings_domain.pairing_respond(pairing=published, side=Side.MENTEE, accept=True, actor=world.mentee_rep)
    assert mentor_contact not in thai_unwrap_html(client.get(url).content.decode())
    pairings_domain.pairing_respond(pairing=published, side=Side.MENTOR, accept=True, actor=world.mentor_rep)
    body = thai_unwrap_html(client.get(url).content.decode())
    assert mentor_contact in body
    assert "mentor1@example.org" in body  # the representative's e-mail


def test_api_hides_the_partners_contacts_until_both_accept(client, world, published):
    url = f"/api/mentoring/pairings/{published.pk}/"
    client.force_login(world.mentor_rep)
    data = client.get(url).json()
    assert data["contacts"] is None
    assert _contact_email(published, "mentee") not in str(data)
    pairings_domain.pairing_respond(pairing=published, side=Side.MENTEE, accept=True, actor=world.mentee_rep)
    assert client.get(url).json()["contacts"] is None
    pairings_domain.pairing_respond(pairing=published, side=Side.MENTOR, accept=True, actor=world.mentor_rep)
    data = client.get(url).json()
    assert data["contacts"]["mentee"]["people"][0]["email"] == _contact_email(published, "mentee")
    assert data["contacts"]["mentee"]["representatives"] == ["sme1@example.org"]


def test_sme_accepts_on_the_page_in_thai_and_sees_reasons_in_thai(client, world, published):
    client.force_login(world.mentee_rep)
    url = reverse("mentoring:pairing", args=[published.pk])
    body = thai_unwrap_html(client.get(url).content.decode())
    assert published.reasons["th"][0] in body
    assert published.reasons["en"][0] not in body
    response = client.post(url, {"accept": "1", "reason": ""})
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.mentee_response == Response.ACCEPTED


def test_api_respond_records_the_mentors_decline(client, world, published):
    client.force_login(world.mentor_rep)
    response = client.post(f"/api/mentoring/pairings/{published.pk}/respond/",
                           {"accept": False, "reason": "人手不足のため"}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "declined"
    assert response.json()["mentor_reason"] == "人手不足のため"


def _accept_both(world, pairing):
    pairings_domain.pairing_respond(pairing=pairing, side=Side.MENTEE, accept=True, actor=world.mentee_rep)
    pairings_domain.pairing_respond(pairing=pairing, side=Side.MENTOR, accept=True, actor=world.mentor_rep)


def test_page_and_api_show_a_company_only_its_partners_contacts(client, world, published):
    _accept_both(world, published)
    client.force_login(world.mentor_rep)
    page = thai_unwrap_html(client.get(reverse("mentoring:pairing", args=[published.pk])).content.decode())
    api = client.get(f"/api/mentoring/pairings/{published.pk}/").json()["contacts"]
    mentee_contact, mentor_contact = _contact_email(published, "mentee"), _contact_email(published, "mentor")
    assert (mentee_contact in page, mentor_contact in page) == (True, False)
    assert list(api) == ["mentee"]
    assert [p["email"] for p in api["mentee"]["people"]] == [mentee_contact]
    assert api["mentee"]["representatives"] == ["sme1@example.org"]
    assert "sme1@example.org" in page


def test_page_and_api_show_officers_both_companies_contacts(client, world, published):
    client.force_login(world.officer)
    page = thai_unwrap_html(client.get(reverse("mentoring:pairing", args=[published.pk])).content.decode())
    api = client.get(f"/api/mentoring/pairings/{published.pk}/").json()["contacts"]
    assert list(api) == ["mentor", "mentee"]
    for side in ("mentor", "mentee"):
        assert [p["email"] for p in api[side]["people"]] == [_contact_email(published, side)]
        assert _contact_email(published, side) in page
    assert (api["mentor"]["representatives"], api["mentee"]["representatives"]) == (
        ["mentor1@example.org"], ["sme1@example.org"],
    )


def test_page_and_api_hide_a_partners_contact_who_withdrew_consent_for_matching(client, world, published):
    _accept_both(world, published)
    mentee_contact = published.mentee.contacts.get()
    mentee_contact.consents.filter(purpose="matching").update(granted=False)
    client.force_login(world.mentor_rep)
    page = thai_unwrap_html(client.get(reverse("mentoring:pairing", args=[published.pk])).content.decode())
    api = client.get(f"/api/mentoring/pairings/{published.pk}/").json()["contacts"]
    assert mentee_contact.email not in page
    assert api["mentee"]["people"] == []
    assert api["mentee"]["representatives"] == ["sme1@example.org"]


def test_officers_still_see_a_contact_without_consent_for_matching(client, world, published):
    mentee_contact = published.mentee.contacts.get()
    mentee_contact.consents.all().delete()
    client.force_login(world.officer)
    api = client.get(f"/api/mentoring/pairings/{published.pk}/").json()["contacts"]
    assert [p["email"] for p in api["mentee"]["people"]] == [mentee_contact.email]


# ---------------------------------------------------------------------------
# #9 item 3: the demo's contact persons, shown in full on the page and in the API


def _demo_people(world, published):
    """The demo's two people for each organisation of `published`; the mentee's
    second person did not consent to being shown to matched partners."""
    ContactPerson.objects.filter(organisation__in=[published.mentor, published.mentee]).delete()
    demo_contacts_create([published.mentee, published.mentor])
    withheld = published.mentee.contacts.order_by("pk")[1]
    withheld.consents.filter(purpose="matching").update(granted=False)
    shown = published.mentee.contacts.order_by("pk")[0]
    shown.consents.filter(purpose="matching").update(granted=True)
    return shown, withheld


def test_partner_sees_the_demo_people_with_name_role_email_phone_and_languages(client, world, published):
    shown, withheld = _demo_people(world, published)
    assert shown.name_en and shown.title and shown.phone and shown.languages  # the demo fills them
    _accept_both(world, published)
    client.force_login(world.mentor_rep)  # a Japanese reader of a Thai person
    page = thai_unwrap_html(client.get(reverse("mentoring:pairing", args=[published.pk])).content.decode())
    api = client.get(f"/api/mentoring/pairings/{published.pk}/").json()["contacts"]
    assert f"{shown.name_en} ({shown.name})" in page
    for text in (shown.title, shown.email, shown.phone, "タイ語"):
        assert text in page
    assert withheld.name not in page and withheld.email not in page
    assert api["mentee"]["people"] == [{
        "name": shown.name, "name_en": shown.name_en, "title": shown.title, "email": shown.email,
        "phone": shown.phone, "language": "th", "languages": shown.languages,
    }]
    client.force_login(world.mentee_rep)  # a Thai reader: the Japanese mentor's people
    page = thai_unwrap_html(client.get(reverse("mentoring:pairing", args=[published.pk])).content.decode())
    mentor_people = list(published.mentor.contacts.consenting("matching").order_by("pk"))
    assert mentor_people and all(f"{p.name_en} ({p.name})" in page for p in mentor_people)


def test_officer_sees_every_person_and_which_the_partner_does_not_see(client, world, published):
    shown, withheld = _demo_people(world, published)
    client.force_login(world.officer)
    page = thai_unwrap_html(client.get(reverse("mentoring:pairing", args=[published.pk])).content.decode())
    assert shown.email in page and withheld.email in page
    assert page.count('class="muted withheld"') == len(
        [p for p in ContactPerson.objects.filter(organisation__in=[published.mentor, published.mentee])
         if not p.has_consent("matching")])


# ---------------------------------------------------------------------------
# #9 item 14: the answer form only for who may answer


@pytest.mark.parametrize(("who", "form"), [
    ("officer", False), ("viewer", False), ("mentee_rep", True), ("mentor_rep", True), ("answered", False),
])
def test_answer_form_only_for_a_side_that_has_not_answered(client, world, published, viewer, who, form):
    if who == "answered":
        pairings_domain.pairing_respond(pairing=published, side=Side.MENTEE, accept=True, actor=world.mentee_rep)
    user = {"officer": world.officer, "viewer": viewer, "mentee_rep": world.mentee_rep,
            "mentor_rep": world.mentor_rep, "answered": world.mentee_rep}[who]
    client.force_login(user)
    url = reverse("mentoring:pairing", args=[published.pk])
    page = thai_unwrap_html(client.get(url).content.decode())
    assert ('id="respond"' in page) is form
    assert ('name="accept"' in page) is form
    if not form:
        before = Pairing.objects.get(pk=published.pk)
        assert client.post(url, {"accept": "1", "reason": ""}).status_code == 403
        after = Pairing.objects.get(pk=published.pk)
        assert (after.mentor_response, after.mentee_response) == (before.mentor_response, before.mentee_response)
