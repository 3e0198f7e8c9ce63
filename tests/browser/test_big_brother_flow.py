"""Big Brother end to end in headless Chromium: an officer runs a round (waits for
the progress to finish), locks one pair, re-runs, publishes; the SME accepts in
Thai, the mentor in Japanese; both then see each other's contact details; the SME
marks the first milestone of the plan done and the officer's programme overview
shows it."""

from __future__ import annotations

import pytest

from kizuna.accounts.enums import Role
from kizuna.mentoring.models import MatchingRound, MatchingRun, Pairing
from kizuna.organisations.models import Concept, ContactPerson
from kizuna.programmes.models import Participation, Programme

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PASSWORD = "correct horse battery"
NEEDS = (["predictive_maintenance"], ["robotics"], ["traceability"])


def sign_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:not(.langs) button[type=submit]")
    page.wait_for_url(f"{base}/")


def wait_for_run(page):
    page.wait_for_selector("#job-progress[data-status=done]", timeout=60000)
    page.wait_for_selector("#proposals")


@pytest.mark.django_db(transaction=True)
def test_officer_runs_locks_reruns_publishes_and_both_sides_accept(live_server, page, settings, user_factory,
                                                                   organisation_factory):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.KIZUNA_ROUND_WARM_VECTORS = False  # the round below uses the hashing encoder
    programme = Programme.objects.create(code="bb-2018", kind="mentoring", name_th="โครงการพี่ช่วยน้อง",
                                         name_ja="ビッグブラザー事業", name_en="Big Brother", year=2018)
    smes, mentors = [], []
    for i in range(3):
        sme = organisation_factory(name=f"SME {i + 1}", name_th=f"บริษัท น้อง {i + 1} จำกัด", country_id="TH",
                                   languages=["th"], description_language="th")
        sme.technologies_needed.set(Concept.objects.filter(code__in=NEEDS[i]))
        mentor = organisation_factory(name=f"Mentor {i + 1}", name_ja=f"メンター{i + 1}株式会社", country_id="JP",
                                      languages=["ja"], description_language="ja", technologies=NEEDS[i])
        Participation.objects.create(programme=programme, organisation=sme, role="mentee")
        Participation.objects.create(programme=programme, organisation=mentor, role="mentor")
        for person in (
            ContactPerson.objects.create(organisation=mentor, name=f"Tanaka {i + 1}", email=f"tanaka{i + 1}@mentor.example"),
            ContactPerson.objects.create(organisation=sme, name=f"Somchai {i + 1}", email=f"somchai{i + 1}@sme.example"),
        ):
            person.consents.create(purpose="matching", granted=True, source="test")
        smes.append(sme)
        mentors.append(mentor)
    user_factory(username="officer", role=Role.OFFICER, language="en", is_staff=True)
    user_factory(username="sme1", role=Role.COMPANY_REP, organisation=smes[0], language="th")
    user_factory(username="mentor1", role=Role.COMPANY_REP, organisation=mentors[0], language="ja")
    base = live_server.url

    # The officer opens a round, sets one mentor per SME, and runs it.
    sign_in(page, base, "officer")
    page.click("header nav a[href='/mentoring/rounds/']")
    page.select_option("select[name=programme]", str(programme.pk))
    page.click("button[name=open]")
    page.wait_for_selector("#save-participants")
    page.click("#save-participants")
    page.wait_for_selector("#start-run")
    rnd = MatchingRound.objects.get()
    page.goto(f"{base}/mentoring/rounds/{rnd.pk}/settings/")
    for name in ("lo", "hi", "capacity"):
        page.fill(f"input[name={name}]", "1")
    page.select_option("select[name=encoder]", "hash")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#start-run")
    page.click("#start-run")
    wait_for_run(page)
    assert page.locator("#pair-count").inner_text() == "3"

    # Lock SME 3's pair and re-run with minimal changes.
    row = page.locator("#proposals tbody tr", has_text="SME 3")
    row.locator("button.lock").click()
    page.wait_for_selector("#proposals tbody tr[data-decision=lock]")
    page.click("text=Back to the round")
    page.click("#start-run")
    wait_for_run(page)
    assert page.locator("#changed").inner_text() == "0"
    assert page.locator("#proposals tbody tr[data-decision=lock]").count() == 1
    second = MatchingRun.objects.get(number=2)
    assert second.proposals.get(mentee=smes[2]).locked is True

    # Publish: the preview says what goes to whom, and nothing is sent before the confirmation.
    page.click("#publish")
    page.wait_for_selector("#publish-counts")
    assert page.locator("#count-new").inner_text() == str(second.proposals.count())
    assert not Pairing.objects.exists()
    page.click("#confirm-publish")
    page.wait_for_selector("#pairings")
    assert page.locator("[data-round-status]").get_attribute("data-round-status") == "published"
    pairing = Pairing.objects.get(mentee=smes[0])
    assert pairing.mentor_id == mentors[0].pk

    # The SME accepts in Thai.
    sign_in(page, base, "sme1")
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.locator(".notifications-link .badge").inner_text() == "1"
    page.goto(f"{base}/mentoring/pairs/{pairing.pk}/")
    assert pairing.reasons["th"][0] in page.locator("#reasons").inner_text()
    assert "tanaka1@mentor.example" not in page.content()
    page.check("#respond input[name=accept][value='1']")
    page.click("#respond button[type=submit]")
    page.wait_for_selector("#pair-status")
    pairing.refresh_from_db()
    assert pairing.mentee_response == "accepted"

    # The mentor accepts in Japanese; both now see each other's contacts.
    sign_in(page, base, "mentor1")
    assert page.locator("html").get_attribute("lang") == "ja"
    page.goto(f"{base}/mentoring/pairs/{pairing.pk}/")
    assert pairing.reasons["ja"][0] in page.locator("#reasons").inner_text()
    page.check("#respond input[name=accept][value='1']")
    page.click("#respond button[type=submit]")
    page.wait_for_selector("#pair-status[data-status=accepted]")
    assert "somchai1@sme.example" in page.locator("#contacts").inner_text()
    pairing.refresh_from_db()
    assert pairing.status == "accepted"

    sign_in(page, base, "sme1")
    page.goto(f"{base}/mentoring/pairs/{pairing.pk}/")
    assert "tanaka1@mentor.example" in page.locator("#contacts").inner_text()

    # The accepted pair has a plan; the SME marks its first milestone done.
    plan = pairing.plan
    milestones = list(plan.milestones.order_by("order"))
    page.goto(f"{base}/mentoring/plans/{plan.pk}/")
    first_row = page.locator(f"#milestone-{milestones[0].pk}")
    first_row.locator("button[type=submit]").click()
    page.wait_for_selector(f"#milestone-{milestones[0].pk}.done")
    milestones[0].refresh_from_db()
    assert milestones[0].done_on is not None

    # The officer's programme overview counts it.
    sign_in(page, base, "officer")
    page.goto(f"{base}/mentoring/programmes/{programme.code}/")
    assert f"1 of {len(milestones)}" in page.locator("main").inner_text()
    assert page.locator("progress[aria-label='Milestones done']").get_attribute("value") == str(round(100 / len(milestones)))
