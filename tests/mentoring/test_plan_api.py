"""The plans API under /api/mentoring/: plans, milestones, updates with attachments,
outcome, the overdue list and CLMV links."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from kizuna.mentoring.models import CLMVLink, Outcome, PlanUpdate

API = "/api/mentoring"


@pytest.fixture
def api():
    return APIClient()


def as_user(api, user):
    api.force_authenticate(user)
    return api



def field_errors(response) -> dict[str, list[str]]:
    """The sentences of a domain error's 400 by field ({"code", "detail", "errors"})."""
    out: dict[str, list[str]] = {}
    for error in response.json()["errors"]:
        out.setdefault(error["field"], []).append(error["detail"])
    return out

def test_plans_list_shows_the_callers_plans_only(api, plan, mentor_rep, outsider, viewer):
    data = as_user(api, mentor_rep).get(f"{API}/plans/").json()
    assert [p["id"] for p in data["results"]] == [plan.pk]
    assert as_user(api, outsider).get(f"{API}/plans/").json()["results"] == []
    assert as_user(api, viewer).get(f"{API}/plans/").json()["count"] == 1


def test_plan_detail_has_goals_and_milestones(api, plan, mentee_rep):
    data = as_user(api, mentee_rep).get(f"{API}/plans/{plan.pk}/").json()
    assert data["goals"] == ["iot", "predictive_maintenance"]
    assert [(m["kind"], m["due"]) for m in data["milestones"]] == [
        ("kick_off", "2018-08-14"), ("assessment", "2018-10-17"), ("pilot", "2019-01-14"), ("evaluation", "2019-03-31"),
    ]
    assert data["outcome"] is None


def test_plan_detail_is_not_found_for_other_companies(api, plan, outsider):
    assert as_user(api, outsider).get(f"{API}/plans/{plan.pk}/").status_code == 404


def test_anonymous_callers_are_refused(api, plan):
    assert api.get(f"{API}/plans/").status_code == 403


def test_goals_endpoint(api, plan, mentor_rep):
    response = as_user(api, mentor_rep).post(f"{API}/plans/{plan.pk}/goals/", {"goals": ["erp"]}, format="json")
    assert response.status_code == 200
    assert response.json()["goals"] == ["erp"]
    response = api.post(f"{API}/plans/{plan.pk}/goals/", {"goals": ["nope"]}, format="json")
    sentence = "These are not technologies of the taxonomy: nope."
    assert (response.status_code, response.json()) == (400, {
        "code": "concepts_unknown", "detail": sentence,
        "errors": [{"code": "concepts_unknown", "detail": sentence, "field": "goals"}],
    })


def test_add_milestone_endpoint(api, plan, officer):
    response = as_user(api, officer).post(f"{API}/plans/{plan.pk}/milestones/",
                                          {"title": "Operator training", "due": "2018-12-01"}, format="json")
    assert response.status_code == 201
    assert (response.json()["title"], response.json()["order"]) == ("Operator training", 5)


def test_mark_milestone_done(api, plan, mentee_rep):
    m = plan.milestones.get(kind="kick_off")
    response = as_user(api, mentee_rep).post(f"{API}/milestones/{m.pk}/done/", {"done_on": "2018-08-13"},
                                             format="json")
    assert response.status_code == 200
    assert response.json()["done_on"] == "2018-08-13"


def test_mark_milestone_done_in_the_future_is_refused(api, plan, mentee_rep):
    m = plan.milestones.first()
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    response = as_user(api, mentee_rep).post(f"{API}/milestones/{m.pk}/done/", {"done_on": future}, format="json")
    assert (response.status_code, field_errors(response)) == (
        400, {"done_on": ["A milestone cannot be marked done on a date in the future."]},
    )


def test_mark_milestone_done_by_a_viewer_is_forbidden(api, plan, viewer):
    m = plan.milestones.first()
    assert as_user(api, viewer).post(f"{API}/milestones/{m.pk}/done/", {}, format="json").status_code == 403


def test_post_update_with_attachment(api, plan, mentor_rep, media_root):
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.7 report", content_type="application/pdf")
    response = as_user(api, mentor_rep).post(f"{API}/plans/{plan.pk}/updates/",
                                             {"text": "Assessment done", "attachment": upload}, format="multipart")
    assert response.status_code == 201
    body = response.json()
    assert (body["side"], body["author"], body["attachment_name"]) == ("mentor", "tanaka", "report.pdf")
    assert body["attachment_url"] == f"/mentoring/plans/{plan.pk}/updates/{body['id']}/attachment"
    listed = api.get(f"{API}/plans/{plan.pk}/updates/").json()
    assert [u["text"] for u in listed] == ["Assessment done"]


def test_post_update_with_a_bad_attachment(api, plan, mentor_rep, media_root):
    upload = SimpleUploadedFile("report.pdf", b"\x89PNG\r\n\x1a\n....")
    response = as_user(api, mentor_rep).post(f"{API}/plans/{plan.pk}/updates/",
                                             {"text": "x", "attachment": upload}, format="multipart")
    assert (response.status_code, field_errors(response)) == (
        400, {"attachment": ["The file report.pdf is not really a PDF file; attach the original document."]},
    )
    assert PlanUpdate.objects.count() == 0


def test_post_update_by_a_viewer_is_forbidden(api, plan, viewer):
    response = as_user(api, viewer).post(f"{API}/plans/{plan.pk}/updates/", {"text": "x"}, format="multipart")
    assert response.status_code == 403


def test_record_outcome(api, plan, mentee_rep):
    response = as_user(api, mentee_rep).post(f"{API}/plans/{plan.pk}/outcome/", {
        "technologies": ["iot"], "productivity_name": "Scrap rate", "productivity_unit": "%",
        "productivity_before": "4.5", "productivity_after": "2.0", "investment_thb": "250000",
        "jobs_created": 1, "jobs_retained": 18,
    }, format="json")
    assert response.status_code == 200
    assert response.json() == {
        "technologies": ["iot"], "productivity_name": "Scrap rate", "productivity_label": "Scrap rate", "productivity_unit": "%",
        "productivity_before": "4.50", "productivity_after": "2.00", "investment_thb": "250000.00",
        "jobs_created": 1, "jobs_retained": 18,
    }
    assert api.get(f"{API}/plans/{plan.pk}/").json()["outcome"]["jobs_retained"] == 18


def test_record_outcome_with_bad_figures(api, plan, mentee_rep):
    response = as_user(api, mentee_rep).post(f"{API}/plans/{plan.pk}/outcome/",
                                             {"productivity_after": "3", "jobs_created": -1}, format="json")
    assert (response.status_code, field_errors(response)) == (400, {
        "jobs_created": ["The number of jobs created cannot be negative."],
        "productivity_before": ["Give the productivity figure both before and after, or neither."],
    })
    assert Outcome.objects.count() == 0


def test_overdue_list(api, plan, officer, mentor_rep):
    response = as_user(api, officer).get(f"{API}/overdue/")
    assert response.status_code == 200
    rows = response.json()
    assert [(r["title"], r["due"], r["industry_group"]) for r in rows] == [
        ("Kick-off meeting", "2018-08-14", "auto_parts"), ("On-site assessment", "2018-10-17", "auto_parts"),
        ("Pilot installation", "2019-01-14", "auto_parts"), ("Evaluation", "2019-03-31", "auto_parts"),
    ]
    assert rows[0]["days_overdue"] > rows[-1]["days_overdue"]
    assert [r["title"] for r in api.get(f"{API}/overdue/", {"sort": "days"}).json()][0] == "Evaluation"
    assert api.get(f"{API}/overdue/", {"group": "x"}).status_code == 400
    assert as_user(api, mentor_rep).get(f"{API}/overdue/").status_code == 403


def test_create_clmv_link(api, plan, officer, mentee_org, organisation_factory, bb_programme):
    from kizuna.mentoring.domain.plans import milestone_mark_done, outcome_record

    from .conftest import make_org

    for m in plan.milestones.all():
        milestone_mark_done(milestone=m, actor=officer, done_on=m.due)
    outcome_record(plan=plan, actor=officer, technologies=["iot"])
    cambodia = make_org(organisation_factory, country="KH", name="Phnom Penh Garments")
    singapore = make_org(organisation_factory, country="SG", name="Lion City Robotics")
    as_user(api, officer)
    response = api.post(f"{API}/clmv-links/", {"programme": bb_programme.code, "mentor": mentee_org.pk,
                                               "mentee": singapore.pk}, format="json")
    assert (response.status_code, field_errors(response)) == (409, {
        "mentee": ["Lion City Robotics is in Singapore, which is not a CLMV country (Cambodia, Laos, Myanmar or Vietnam)."]
    })
    response = api.post(f"{API}/clmv-links/", {"programme": bb_programme.code, "mentor": mentee_org.pk,
                                               "mentee": cambodia.pk}, format="json")
    assert response.status_code == 201
    link = CLMVLink.objects.get()
    assert response.json()["learned_from"] == link.learned_from_id == plan.pairing.mentor_id
    assert [r["id"] for r in api.get(f"{API}/clmv-links/").json()["results"]] == [link.pk]


def test_create_clmv_link_is_for_officers(api, plan, mentee_rep, mentee_org, bb_programme, organisation_factory):
    from .conftest import make_org

    laos = make_org(organisation_factory, country="LA", name="Vientiane Agro")
    response = as_user(api, mentee_rep).post(f"{API}/clmv-links/", {
        "programme": bb_programme.code, "mentor": mentee_org.pk, "mentee": laos.pk}, format="json")
    assert response.status_code == 403


def test_a_request_sent_again_with_its_idempotency_key_creates_nothing_twice(api, plan, mentor_rep):
    client = as_user(api, mentor_rep)
    key = "6f1c2a52-3b1e-4c4e-9d55-0a4b7b3f9a10"
    bodies = [client.post(f"{API}/plans/{plan.pk}/milestones/", {"title": "Training", "due": "2018-12-01"},
                          format="json", HTTP_IDEMPOTENCY_KEY=key).json() for _ in range(2)]
    assert bodies[0] == bodies[1] and plan.milestones.filter(title="Training").count() == 1
    updates = [client.post(f"{API}/plans/{plan.pk}/updates/", {"text": "Kick-off done"}, format="json",
                           HTTP_IDEMPOTENCY_KEY="0b9a7c1e-52a4-4d0b-8f3e-1c2d3e4f5a6b").json()["id"] for _ in range(2)]
    assert updates[0] == updates[1] and plan.updates.count() == 1
    bad = client.post(f"{API}/plans/{plan.pk}/milestones/", {"title": "Again", "due": "2018-12-01"}, format="json",
                      HTTP_IDEMPOTENCY_KEY="twice")
    assert (bad.status_code, bad.json()) == (
        400, {"Idempotency-Key": ["The Idempotency-Key header must be a UUID, not 'twice'."]})


def test_the_schema_documents_the_idempotency_key_header(api, officer):
    schema = json.loads(as_user(api, officer).get("/api/schema/", {"format": "json"}).content)
    operation = schema["paths"]["/api/mentoring/plans/{id}/milestones/"]["post"]
    assert [(p["name"], p["in"]) for p in operation["parameters"] if p["in"] == "header"] == [("Idempotency-Key", "header")]
