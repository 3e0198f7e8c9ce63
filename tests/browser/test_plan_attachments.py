"""#9 item 4: a plan update's PDF and PNG, uploaded through the plan page in
Chromium, are reached through the links the page shows: downloaded (PDF) or shown
(PNG) for the pair's companies and officers, with the right headers, and refused
to everyone else."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from kizuna.accounts.enums import Role
from kizuna.mentoring.domain.plans import plan_create_for
from kizuna.mentoring.models import MatchingRound, Pairing, PlanUpdate
from kizuna.programmes.models import Programme

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PASSWORD = "correct horse battery"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = bytes.fromhex(  # a 1x1 red pixel
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cf"
    "c0000003010100c9fe92ef0000000049454e44ae426082"
)


def sign_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:not(.langs) button[type=submit]")
    page.wait_for_url(f"{base}/")


def links_on_the_plan_page(page, base, plan) -> dict[str, str]:
    page.goto(f"{base}/mentoring/plans/{plan.pk}/")
    return {a.inner_text(): a.get_attribute("href") for a in page.locator("ol.timeline a").all()}


@pytest.mark.django_db(transaction=True)
def test_attachment_links_on_the_plan_page_work_for_the_pair_only(live_server, page, settings, tmp_path,
                                                                   user_factory, organisation_factory):
    settings.MEDIA_ROOT = tmp_path / "media"
    programme = Programme.objects.create(code="bb-files", kind="mentoring", name_th="พี่ช่วยน้อง", name_ja="ビッグブラザー",
                                         name_en="Big Brother", year=2018)
    round_ = MatchingRound.objects.create(programme=programme, number=1, status="published")
    mentor = organisation_factory(name="Kaze Sensors", country_id="JP")
    mentee = organisation_factory(name="Siam Press Parts", country_id="TH")
    pairing = Pairing.objects.create(round=round_, mentor=mentor, mentee=mentee, status="accepted",
                                     mentor_response="accepted", mentee_response="accepted",
                                     accepted_at=timezone.make_aware(dt.datetime(2018, 7, 10, 10)))
    plan = plan_create_for(pairing=pairing)
    user_factory(username="mentor1", role=Role.COMPANY_REP, organisation=mentor, language="en")
    user_factory(username="sme1", role=Role.COMPANY_REP, organisation=mentee, language="th")
    user_factory(username="officer", role=Role.OFFICER, language="en", is_staff=True)
    user_factory(username="outsider", role=Role.COMPANY_REP, organisation=organisation_factory(), language="en")
    user_factory(username="viewer", role=Role.MINISTRY_VIEWER, language="ja")
    base = live_server.url

    # The mentor posts two updates through the page, with a PDF and with a PNG.
    sign_in(page, base, "mentor1")
    for text, name, mime, body in (("Assessment report", "assessment report.pdf", "application/pdf", PDF),
                                   ("Sensor placement", "line-3.png", "image/png", PNG)):
        page.goto(f"{base}/mentoring/plans/{plan.pk}/")
        page.fill("textarea[name=text]", text)
        page.set_input_files("input[name=attachment]", files=[{"name": name, "mimeType": mime, "buffer": body}])
        page.click("form[enctype='multipart/form-data'] button[type=submit]")
        page.wait_for_selector(f"text={text}")
    assert PlanUpdate.objects.filter(plan=plan).exclude(attachment="").count() == 2

    links = links_on_the_plan_page(page, base, plan)
    assert set(links) == {"assessment report.pdf", "line-3.png"}
    assert not any("/media/" in href for href in links.values())

    # Clicking the PDF's link downloads it, under its uploaded name.
    with page.expect_download() as download:
        page.click("ol.timeline a:text('assessment report.pdf')")
    assert download.value.suggested_filename == "assessment report.pdf"
    assert Path(download.value.path()).read_bytes() == PDF

    def fetch(href):
        return page.request.get(f"{base}{href}", max_redirects=0)

    pdf, png = fetch(links["assessment report.pdf"]), fetch(links["line-3.png"])
    assert (pdf.status, pdf.body(), pdf.headers["content-type"]) == (200, PDF, "application/pdf")
    assert pdf.headers["content-disposition"].startswith("attachment;")
    assert (png.status, png.body(), png.headers["content-type"]) == (200, PNG, "image/png")
    assert png.headers["content-disposition"].startswith("inline;")
    for response in (pdf, png):
        assert response.headers["x-content-type-options"] == "nosniff"
    # the picture opens in the browser and is drawn
    page.goto(f"{base}{links['line-3.png']}")
    assert page.evaluate("document.images.length === 1 && document.images[0].naturalWidth === 1")

    # The SME and the officer reach the same links from their plan page.
    for username in ("sme1", "officer"):
        sign_in(page, base, username)
        assert links_on_the_plan_page(page, base, plan) == links
        assert [fetch(href).status for href in links.values()] == [200, 200]

    # A ministry viewer reads the plan but gets no link, and the file is refused;
    # another company may not even see the plan.
    sign_in(page, base, "viewer")
    assert links_on_the_plan_page(page, base, plan) == {}
    assert "line-3.png" in page.locator("ol.timeline").inner_text()
    assert [fetch(href).status for href in links.values()] == [403, 403]
    sign_in(page, base, "outsider")
    assert fetch(f"/mentoring/plans/{plan.pk}/").status == 403
    assert [fetch(href).status for href in links.values()] == [403, 403]
    # signed out: to the sign-in page, never the file
    page.context.clear_cookies()
    assert all(fetch(href).status == 302 for href in links.values())
