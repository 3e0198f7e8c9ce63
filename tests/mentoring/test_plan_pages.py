"""Plan pages: who sees and changes what, htmx milestone rows, forms with the domain's errors."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from kizuna.common.linebreaks import thai_unwrap_html
from kizuna.mentoring.domain import plans as plans_domain
from kizuna.mentoring.models import Outcome, PlanUpdate


def in_language(user, text: str) -> str:
    """`text` as the interface shows it to `user` (their saved language)."""
    with translation.override(user.language or "en"):
        return str(translation.gettext(text))


def page(client, user, plan):
    client.force_login(user)
    return client.get(reverse("mentoring:plan", args=[plan.pk]))


@pytest.mark.parametrize("who", ["mentor_rep", "mentee_rep", "officer", "viewer"])
def test_plan_page_is_open_to_both_sides_officers_and_viewers(client, plan, who, request):
    user = request.getfixturevalue(who)
    response = page(client, user, plan)
    assert response.status_code == 200
    html = thai_unwrap_html(response.content.decode())
    assert in_language(user, "Kick-off meeting") in html
    assert 'data-code="iot"' in html


def test_plan_page_is_closed_to_other_companies(client, plan, outsider):
    assert page(client, outsider, plan).status_code == 403


def test_plan_page_asks_anonymous_visitors_to_sign_in(client, plan):
    response = client.get(reverse("mentoring:plan", args=[plan.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_ministry_viewer_sees_no_forms(client, plan, viewer):
    html = thai_unwrap_html(page(client, viewer, plan).content.decode())
    assert reverse("mentoring:plan-update", args=[plan.pk]) not in html
    assert "Mark done" not in html


def test_ministry_viewer_cannot_post_an_update(client, plan, viewer):
    client.force_login(viewer)
    response = client.post(reverse("mentoring:plan-update", args=[plan.pk]), {"text": "hello"})
    assert response.status_code == 403
    assert PlanUpdate.objects.count() == 0


def test_plan_page_shows_due_dates_in_buddhist_era_for_thai_readers(client, plan, mentee_rep):
    html = thai_unwrap_html(page(client, mentee_rep, plan).content.decode())
    assert "14 สิงหาคม 2561" in html


def test_plan_page_shows_due_dates_in_japanese_style(client, plan, mentor_rep):
    html = thai_unwrap_html(page(client, mentor_rep, plan).content.decode())
    assert "2018年8月14日" in html


def test_mark_done_with_htmx_answers_the_row(client, plan, mentee_rep):
    m = plan.milestones.get(kind="kick_off")
    client.force_login(mentee_rep)
    response = client.post(reverse("mentoring:plan-milestone-done", args=[plan.pk, m.pk]),
                           {"done_on": "2018-08-13"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = thai_unwrap_html(response.content.decode())
    assert html.startswith(f'<tr id="milestone-{m.pk}"')
    assert "13 สิงหาคม 2561" in html
    m.refresh_from_db()
    assert m.done_on == dt.date(2018, 8, 13)


def test_the_last_milestone_done_shows_the_plan_completed(client, plan, mentee_rep):
    """#9 item 14: the plan page and the plan list say "completed" once every
    milestone is done; with htmx, the page reloads to show it."""
    client.force_login(mentee_rep)
    *first, last = plan.milestones.order_by("order")
    for m in first:
        client.post(reverse("mentoring:plan-milestone-done", args=[plan.pk, m.pk]), {"done_on": "2018-08-13"})
    response = client.post(reverse("mentoring:plan-milestone-done", args=[plan.pk, last.pk]),
                           {"done_on": "2019-03-29"}, HTTP_HX_REQUEST="true")
    assert (response.status_code, response.get("HX-Refresh")) == (200, "true")
    html = thai_unwrap_html(client.get(reverse("mentoring:plan", args=[plan.pk])).content.decode())
    completed = in_language(mentee_rep, "Completed on %(date)s") % {"date": "29 มีนาคม 2562"}
    assert completed in html
    assert in_language(mentee_rep, "Plan completed") in html  # the pair's status
    listing = thai_unwrap_html(client.get(reverse("mentoring:plans")).content.decode())
    assert in_language(mentee_rep, "Completed") in listing


def test_mark_done_accepts_a_buddhist_era_date(client, plan, mentee_rep):
    m = plan.milestones.get(kind="kick_off")
    client.force_login(mentee_rep)
    client.post(reverse("mentoring:plan-milestone-done", args=[plan.pk, m.pk]), {"done_on": "13/08/2561"})
    m.refresh_from_db()
    assert m.done_on == dt.date(2018, 8, 13)


def test_mark_done_in_the_future_shows_the_error_in_the_row(client, plan, mentor_rep):
    m = plan.milestones.first()
    client.force_login(mentor_rep)
    future = (dt.date.today() + dt.timedelta(days=5)).isoformat()
    response = client.post(reverse("mentoring:plan-milestone-done", args=[plan.pk, m.pk]), {"done_on": future},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    expected = in_language(mentor_rep, "A milestone cannot be marked done on a date in the future.")
    assert expected in thai_unwrap_html(response.content.decode())
    assert expected != "A milestone cannot be marked done on a date in the future."  # shown in Japanese


def test_mark_done_of_another_plans_milestone_is_not_found(client, plan, mentor_rep, bb_round, organisation_factory):
    from kizuna.mentoring.domain.plans import plan_create_for

    from .conftest import make_org, make_pairing

    other = plan_create_for(pairing=make_pairing(bb_round, make_org(organisation_factory, country="JP", name="X"),
                                                 make_org(organisation_factory, country="TH", name="Y")))
    client.force_login(mentor_rep)
    response = client.post(reverse("mentoring:plan-milestone-done", args=[plan.pk, other.milestones.first().pk]))
    assert response.status_code == 404


def test_post_update_with_attachment(client, plan, mentor_rep, media_root):
    client.force_login(mentor_rep)
    upload = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes")
    response = client.post(reverse("mentoring:plan-update", args=[plan.pk]), {"text": "Kick-off done",
                                                                               "attachment": upload})
    assert response.status_code == 302
    update = PlanUpdate.objects.get()
    assert (update.side, update.attachment_name) == ("mentor", "minutes.pdf")
    download = reverse("mentoring:plan-attachment", args=[plan.pk, update.pk])
    html = thai_unwrap_html(client.get(reverse("mentoring:plan", args=[plan.pk])).content.decode())
    assert "Kick-off done" in html and download in html and "/media/" not in html
    assert re.fullmatch(rf"plans/{plan.pk}/[0-9a-f]{{32}}\.pdf", update.attachment.name)  # not guessable
    response = client.get(download)
    assert (response.status_code, b"".join(response.streaming_content)) == (200, b"%PDF-1.4 minutes")
    assert (response["Content-Type"], response["Content-Disposition"], response["X-Content-Type-Options"]) == (
        "application/pdf", 'attachment; filename="minutes.pdf"', "nosniff")


def test_attachments_are_served_to_the_pair_and_officers_only(client, plan, mentor_rep, mentee_rep, officer,
                                                              outsider, viewer, media_root):
    update = plans_domain.plan_update_post(plan=plan, actor=mentor_rep, text="Drawings",
                                           attachment=SimpleUploadedFile("drawing.png", b"\x89PNG\r\n\x1a\nIHDR"))
    download = reverse("mentoring:plan-attachment", args=[plan.pk, update.pk])
    statuses = {}
    for user in (mentor_rep, mentee_rep, officer, outsider, viewer):
        client.force_login(user)
        response = client.get(download)
        statuses[user.username] = response.status_code
        if response.streaming:  # read to the end, which the test client closes without closing the
            b"".join(response.streaming_content)  # database connection (close() would, on PostgreSQL)
    assert statuses == {mentor_rep.username: 200, mentee_rep.username: 200, officer.username: 200,
                        outsider.username: 403, viewer.username: 403}
    client.force_login(mentor_rep)
    picture = client.get(download)
    assert b"".join(picture.streaming_content).startswith(b"\x89PNG")
    assert (picture["Content-Type"], picture["Content-Disposition"]) == ("image/png", 'inline; filename="drawing.png"')
    api = client.get(f"/api/mentoring/plans/{plan.pk}/updates/").json()
    assert [(u["attachment_name"], u["attachment_url"]) for u in api] == [("drawing.png", download)]


def test_post_update_with_a_bad_file_shows_the_message(client, plan, mentor_rep, media_root):
    client.force_login(mentor_rep)
    response = client.post(reverse("mentoring:plan-update", args=[plan.pk]),
                           {"text": "x", "attachment": SimpleUploadedFile("virus.exe", b"MZ")})
    assert response.status_code == 400
    expected = in_language(
        mentor_rep, "The file %(name)s is not of an accepted type: attach a PDF, PNG, JPEG, XLSX, DOCX or PPTX file."
    ) % {"name": "virus.exe"}
    assert "virus.exe" in expected and "PDF" in expected
    assert expected in thai_unwrap_html(response.content.decode())


def test_outcome_form_shows_the_domain_errors_on_their_fields(client, plan, mentee_rep):
    client.force_login(mentee_rep)
    response = client.post(reverse("mentoring:plan-outcome", args=[plan.pk]),
                           {"productivity_before": "3", "investment_thb": "-5"})
    assert response.status_code == 400
    form = response.context["outcome_form"]
    assert form.errors == {
        "productivity_after": [in_language(mentee_rep, "Give the productivity figure both before and after, or neither.")],
        "investment_thb": [in_language(mentee_rep, "The investment cannot be negative.")],
    }
    assert form.errors["investment_thb"] == ["เงินลงทุนต้องไม่ติดลบ"]
    assert Outcome.objects.count() == 0


def test_outcome_form_records_the_outcome(client, plan, mentee_rep):
    from kizuna.organisations.models import Concept

    client.force_login(mentee_rep)
    iot = Concept.objects.get(code="iot")
    response = client.post(reverse("mentoring:plan-outcome", args=[plan.pk]), {
        "technologies": [iot.pk], "productivity_name": "Scrap rate", "productivity_unit": "%",
        "productivity_before": "4.5", "productivity_after": "2.1", "investment_thb": "300000",
        "jobs_created": "1", "jobs_retained": "20",
    })
    assert response.status_code == 302
    assert Outcome.objects.get().jobs_retained == 20


def test_goals_form_replaces_the_goals(client, plan, mentor_rep):
    from kizuna.organisations.models import Concept

    client.force_login(mentor_rep)
    ids = list(Concept.objects.filter(code__in=["erp", "digital_twin"]).values_list("pk", flat=True))
    client.post(reverse("mentoring:plan-goals", args=[plan.pk]), {"goals": ids})
    assert sorted(plan.goals.values_list("code", flat=True)) == ["digital_twin", "erp"]


def test_milestone_add_form(client, plan, officer):
    client.force_login(officer)
    response = client.post(reverse("mentoring:plan-milestone-add", args=[plan.pk]),
                           {"title": "Operator training", "due": "2018-12-01"})
    assert response.status_code == 302
    assert plan.milestones.count() == 5


def test_plan_list_shows_only_the_users_plans(client, plan, mentor_rep, outsider):
    client.force_login(mentor_rep)
    assert list(client.get(reverse("mentoring:plans")).context["plans"]) == [plan]
    client.force_login(outsider)
    assert list(client.get(reverse("mentoring:plans")).context["plans"]) == []


def _list_queries(client, user) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user)
    client.get(reverse("mentoring:plans"))
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("mentoring:plans"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_plan_list_query_count_does_not_grow_with_plans(client, plan, officer, bb_round, organisation_factory):
    from kizuna.mentoring.domain.plans import plan_create_for

    from .conftest import make_org, make_pairing

    one = _list_queries(client, officer)
    for n in (2, 3):
        plan_create_for(pairing=make_pairing(bb_round, make_org(organisation_factory, country="JP", name=f"M{n}"),
                                             make_org(organisation_factory, country="TH", name=f"S{n}")))
    three = _list_queries(client, officer)
    assert len(client.get(reverse("mentoring:plans")).context["plans"]) == 3
    assert one == three == 4  # session, user, the header's unread-notifications count, the plans


def test_plan_page_query_count_does_not_grow_with_updates(client, plan, mentor_rep):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kizuna.mentoring.domain.plans import plan_update_post

    def count():
        client.force_login(mentor_rep)
        client.get(reverse("mentoring:plan", args=[plan.pk]))
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("mentoring:plan", args=[plan.pk]))
        return len(ctx.captured_queries)

    plan_update_post(plan=plan, actor=mentor_rep, text="one")
    one = count()
    plan_update_post(plan=plan, actor=mentor_rep, text="two")
    plan_update_post(plan=plan, actor=mentor_rep, text="three")
    assert count() == one
