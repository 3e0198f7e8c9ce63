"""Domain functions of technology-transfer plans: creation, goals, milestones,
updates with attachments, outcome and completion."""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kizuna.mentoring.domain import plans as plans_domain
from kizuna.mentoring.domain.errors import MentoringError
from kizuna.mentoring.domain.plans import (
    milestone_add,
    milestone_mark_done,
    outcome_record,
    plan_create_for,
    plan_goals_set,
    plan_update_post,
)
from kizuna.mentoring.models import Milestone, Outcome, Plan, PlanUpdate

from .conftest import make_pairing, problems_by_field

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def office_file(member: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(member, "<x/>")
    return out.getvalue()


def errors_of(exc_info) -> dict:
    return problems_by_field(exc_info.value)


# ------------------------------------------------------------------ creation
def test_plan_create_for_sets_shared_technologies_as_goals(plan):
    assert sorted(plan.goals.values_list("code", flat=True)) == ["iot", "predictive_maintenance"]


def test_plan_create_for_spreads_default_milestones_over_the_transfer_phase(plan):
    rows = list(plan.milestones.values_list("kind", "due", "done_on"))
    assert rows == [
        ("kick_off", dt.date(2018, 8, 14), None),
        ("assessment", dt.date(2018, 10, 17), None),
        ("pilot", dt.date(2019, 1, 14), None),
        ("evaluation", dt.date(2019, 3, 31), None),
    ]


def test_plan_create_for_is_idempotent(pairing):
    first = plan_create_for(pairing=pairing)
    again = plan_create_for(pairing=pairing)
    assert again.pk == first.pk
    assert Plan.objects.count() == 1
    assert Milestone.objects.count() == 4


def test_plan_create_for_skips_a_phase_that_ends_too_soon(bb_round, mentor_org, mentee_org):
    pairing = make_pairing(bb_round, mentor_org, mentee_org, accepted_on=dt.date(2018, 7, 10))
    plan = plan_create_for(pairing=pairing)
    dues = list(plan.milestones.values_list("due", flat=True))
    assert dues[0] == dt.date(2018, 7, 16) + dt.timedelta(days=round(258 * 0.1))
    assert dues[-1] == dt.date(2019, 3, 31)


def test_plan_create_for_without_phases_uses_240_days(bb_round, mentor_org, mentee_org):
    bb_round.programme.phases.all().delete()
    pairing = make_pairing(bb_round, mentor_org, mentee_org, accepted_on=dt.date(2020, 1, 1))
    plan = plan_create_for(pairing=pairing)
    assert list(plan.milestones.values_list("due", flat=True)) == [
        dt.date(2020, 1, 25), dt.date(2020, 3, 25), dt.date(2020, 6, 17), dt.date(2020, 8, 28),
    ]


def test_plan_create_for_refuses_a_pair_not_accepted(bb_round, mentor_org, mentee_org):
    pairing = make_pairing(bb_round, mentor_org, mentee_org, status="published", accepted_on=None)
    with pytest.raises(MentoringError) as exc:
        plan_create_for(pairing=pairing)
    assert errors_of(exc) == {
        "pairing": ["A technology-transfer plan is made only for a pair that both sides have accepted."]
    }
    assert Plan.objects.count() == 0


# --------------------------------------------------------------------- goals
def test_goals_can_be_replaced_by_either_side(plan, mentee_rep):
    plan_goals_set(plan=plan, concepts=["erp", "iot"], actor=mentee_rep)
    assert sorted(plan.goals.values_list("code", flat=True)) == ["erp", "iot"]


def test_goals_reject_unknown_codes(plan, mentor_rep):
    with pytest.raises(MentoringError) as exc:
        plan_goals_set(plan=plan, concepts=["iot", "warp_drive"], actor=mentor_rep)
    assert errors_of(exc) == {"goals": ["These are not technologies of the taxonomy: warp_drive."]}


@pytest.mark.parametrize("who", ["outsider", "viewer"])
def test_goals_cannot_be_changed_by_outsiders_or_ministry_viewers(client, plan, who, request):
    user = request.getfixturevalue(who)
    assert not user.has_perm("mentoring.change_plan", plan)
    client.force_login(user)
    assert client.post(reverse("mentoring:plan-goals", args=[plan.pk]), {"goals": []}).status_code == 403
    assert sorted(plan.goals.values_list("code", flat=True)) == ["iot", "predictive_maintenance"]


# ---------------------------------------------------------------- milestones
def test_milestone_mark_done_records_date_and_person(plan, mentor_rep):
    m = plan.milestones.get(kind="kick_off")
    milestone_mark_done(milestone=m, actor=mentor_rep, done_on=dt.date(2018, 8, 10))
    m.refresh_from_db()
    assert (m.done_on, m.done_by_id) == (dt.date(2018, 8, 10), mentor_rep.pk)


def test_milestone_cannot_be_done_in_the_future(plan, mentor_rep):
    m = plan.milestones.first()
    with pytest.raises(MentoringError) as exc:
        milestone_mark_done(milestone=m, actor=mentor_rep, done_on=dt.date.today() + dt.timedelta(days=3))
    assert errors_of(exc) == {"done_on": ["A milestone cannot be marked done on a date in the future."]}


def test_milestone_add_needs_a_title(plan, officer):
    with pytest.raises(MentoringError) as exc:
        milestone_add(plan=plan, actor=officer, title="  ", due=dt.date(2018, 12, 1))
    assert errors_of(exc) == {"title": ["Give the milestone a title."]}


def test_milestone_add_appends_after_the_defaults(plan, officer):
    m = milestone_add(plan=plan, actor=officer, title="Operator training", due=dt.date(2018, 12, 1))
    assert (m.order, m.kind, m.display_title()) == (5, "other", "Operator training")


def test_milestone_mark_done_by_outsider_is_refused(client, plan, outsider):
    m = plan.milestones.first()
    client.force_login(outsider)
    url = reverse("mentoring:plan-milestone-done", args=[plan.pk, m.pk])
    assert client.post(url, {"done_on": "2018-08-01"}).status_code == 403
    m.refresh_from_db()
    assert m.done_on is None


# ------------------------------------------------------------------- updates
def test_updates_record_the_side_of_the_author(plan, mentor_rep, mentee_rep, officer):
    plan_update_post(plan=plan, actor=mentor_rep, text="キックオフ完了")
    plan_update_post(plan=plan, actor=mentee_rep, text="ติดตั้งเซนเซอร์แล้ว")
    plan_update_post(plan=plan, actor=officer, text="Visited the site.")
    assert sorted(PlanUpdate.objects.values_list("side", flat=True)) == ["mentee", "mentor", "officer"]


def test_update_needs_text(plan, mentor_rep):
    with pytest.raises(MentoringError) as exc:
        plan_update_post(plan=plan, actor=mentor_rep, text=" ")
    assert errors_of(exc) == {"text": ["Write what has happened since the last update."]}


def test_update_attachment_is_stored_under_media_plans(plan, mentee_rep, media_root):
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    update = plan_update_post(plan=plan, actor=mentee_rep, text="Assessment report", attachment=upload)
    stored = Path(update.attachment.path)
    assert stored.parent == Path(media_root) / "plans" / str(plan.pk)
    assert stored.read_bytes() == PDF
    assert update.attachment_name == "report.pdf"


@pytest.mark.parametrize(
    ("name", "member"), [("results.xlsx", "xl/workbook.xml"), ("minutes.docx", "word/document.xml"),
                         ("slides.pptx", "ppt/presentation.xml")],
)
def test_update_accepts_office_files(plan, mentor_rep, media_root, name, member):
    upload = SimpleUploadedFile(name, office_file(member))
    update = plan_update_post(plan=plan, actor=mentor_rep, text="Attached", attachment=upload)
    assert update.attachment_name == name


def test_update_accepts_png_and_jpeg(plan, mentor_rep, media_root):
    plan_update_post(plan=plan, actor=mentor_rep, text="Photo", attachment=SimpleUploadedFile("line.png", PNG))
    plan_update_post(plan=plan, actor=mentor_rep, text="Photo",
                     attachment=SimpleUploadedFile("line.JPG", b"\xff\xd8\xff\xe0" + b"0" * 20))
    assert PlanUpdate.objects.count() == 2


def test_update_attachment_over_10_mb_is_refused(plan, mentor_rep, media_root):
    big = SimpleUploadedFile("scan.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(MentoringError) as exc:
        plan_update_post(plan=plan, actor=mentor_rep, text="Scan", attachment=big)
    assert errors_of(exc) == {"attachment": ["The file scan.pdf is 10.0 MB; an attachment can be at most 10 MB."]}
    assert PlanUpdate.objects.count() == 0


def test_update_attachment_of_another_type_is_refused(plan, mentor_rep, media_root):
    with pytest.raises(MentoringError) as exc:
        plan_update_post(plan=plan, actor=mentor_rep, text="Tool",
                         attachment=SimpleUploadedFile("setup.exe", b"MZ\x90\x00"))
    assert errors_of(exc) == {
        "attachment": ["The file setup.exe is not of an accepted type: attach a PDF, PNG, JPEG, XLSX, DOCX or PPTX file."]
    }


def test_update_attachment_whose_content_does_not_match_its_name_is_refused(plan, mentor_rep, media_root):
    with pytest.raises(MentoringError) as exc:
        plan_update_post(plan=plan, actor=mentor_rep, text="Report",
                         attachment=SimpleUploadedFile("report.pdf", PNG))
    assert errors_of(exc) == {
        "attachment": ["The file report.pdf is not really a PDF file; attach the original document."]
    }


def test_update_docx_that_is_another_zip_is_refused(plan, mentor_rep, media_root):
    with pytest.raises(MentoringError) as exc:
        plan_update_post(plan=plan, actor=mentor_rep, text="Minutes",
                         attachment=SimpleUploadedFile("minutes.docx", office_file("xl/workbook.xml")))
    assert errors_of(exc) == {
        "attachment": ["The file minutes.docx is not really a DOCX file; attach the original document."]
    }


def test_update_with_missing_text_and_bad_file_reports_both(plan, mentor_rep, media_root):
    with pytest.raises(MentoringError) as exc:
        plan_update_post(plan=plan, actor=mentor_rep, text="", attachment=SimpleUploadedFile("a.txt", b"hi"))
    assert set(errors_of(exc)) == {"text", "attachment"}


# ------------------------------------------------------------------- outcome
OUTCOME = {
    "technologies": ["iot", "predictive_maintenance"],
    "productivity_name": "Unplanned downtime",
    "productivity_unit": "hours/month",
    "productivity_before": "42.5",
    "productivity_after": "12",
    "investment_thb": "450000",
    "jobs_created": 2,
    "jobs_retained": 35,
}


def test_outcome_record_saves_every_figure(plan, mentee_rep):
    outcome = outcome_record(plan=plan, actor=mentee_rep, **OUTCOME)
    outcome.refresh_from_db()
    assert sorted(outcome.technologies.values_list("code", flat=True)) == ["iot", "predictive_maintenance"]
    assert (str(outcome.productivity_before), str(outcome.productivity_after)) == ("42.50", "12.00")
    assert (outcome.productivity_name, outcome.productivity_unit) == ("Unplanned downtime", "hours/month")
    assert (str(outcome.investment_thb), outcome.jobs_created, outcome.jobs_retained) == ("450000.00", 2, 35)


def test_outcome_record_again_replaces_the_record(plan, mentee_rep):
    outcome_record(plan=plan, actor=mentee_rep, **OUTCOME)
    outcome_record(plan=plan, actor=mentee_rep, **{**OUTCOME, "jobs_created": 5})
    assert Outcome.objects.get().jobs_created == 5


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"investment_thb": "-1"}, {"investment_thb": ["The investment cannot be negative."]}),
        ({"jobs_created": -2}, {"jobs_created": ["The number of jobs created cannot be negative."]}),
        ({"jobs_retained": -1}, {"jobs_retained": ["The number of jobs retained cannot be negative."]}),
        ({"jobs_retained": "1.5"}, {"jobs_retained": ["A number of jobs is a whole number."]}),
        ({"productivity_before": "-3"}, {"productivity_before": ["The productivity figure before cannot be negative."]}),
        ({"productivity_after": "-3"}, {"productivity_after": ["The productivity figure after cannot be negative."]}),
        ({"productivity_after": None},
         {"productivity_after": ["Give the productivity figure both before and after, or neither."]}),
        ({"productivity_before": ""},
         {"productivity_before": ["Give the productivity figure both before and after, or neither."]}),
        ({"productivity_unit": ""},
         {"productivity_name": ["Name the productivity figure and its unit (for example: defect rate, %)."]}),
        ({"investment_thb": "lots"}, {"investment_thb": ["Enter a number."]}),
        ({"technologies": ["iot", "teleportation"]},
         {"technologies": ["These are not technologies of the taxonomy: teleportation."]}),
    ],
)
def test_outcome_record_refuses_bad_figures(plan, mentee_rep, change, errors):
    with pytest.raises(MentoringError) as exc:
        outcome_record(plan=plan, actor=mentee_rep, **{**OUTCOME, **change})
    assert errors_of(exc) == errors
    assert Outcome.objects.count() == 0


def test_outcome_without_productivity_figures_is_fine(plan, officer):
    outcome = outcome_record(plan=plan, actor=officer, technologies=["iot"], investment_thb=0, jobs_created=0)
    assert (outcome.productivity_before, outcome.productivity_after, outcome.jobs_created) == (None, None, 0)


def test_outcome_cannot_be_recorded_by_a_ministry_viewer(client, plan, viewer):
    client.force_login(viewer)
    assert client.post(reverse("mentoring:plan-outcome", args=[plan.pk]), {"jobs_created": "1"}).status_code == 403
    assert Outcome.objects.count() == 0


# ---------------------------------------------------------------- completion
def test_all_milestones_done_complete_the_plan_and_pair_without_an_outcome(plan, mentor_rep, mentee_rep):
    """#9 item 14: a plan whose milestones are all done no longer stays "in progress"
    because no outcome was recorded; it is completed on the day its last milestone was done."""
    milestones = list(plan.milestones.all())
    for m in milestones[:-1]:
        milestone_mark_done(milestone=m, actor=mentor_rep, done_on=m.due)
    plan.refresh_from_db()
    assert plan.completed_at is None
    assert plan.pairing.status == "accepted"
    milestone_mark_done(milestone=milestones[-1], actor=mentee_rep, done_on=dt.date(2019, 3, 30))
    plan.refresh_from_db()
    plan.pairing.refresh_from_db()
    assert Outcome.objects.filter(plan=plan).count() == 0
    assert timezone.localdate(plan.completed_at) == dt.date(2019, 3, 30)
    assert plan.pairing.status == "completed"


def test_outcome_recorded_after_completion_keeps_the_plan_completed(plan, officer):
    for m in plan.milestones.all():
        milestone_mark_done(milestone=m, actor=officer, done_on=m.due)
    assert plans_domain.plan_complete_if_ready(plan=plan)
    completed_at = Plan.objects.get(pk=plan.pk).completed_at
    outcome_record(plan=plan, actor=officer, **OUTCOME)
    plan.pairing.refresh_from_db()
    assert plan.pairing.status == "completed"
    assert Plan.objects.get(pk=plan.pk).completed_at == completed_at


def test_a_plan_without_milestones_is_not_completed(plan, officer):
    plan.milestones.all().delete()
    assert not plans_domain.plan_complete_if_ready(plan=plan)


def test_a_completed_plan_takes_no_new_milestone(plan, officer):
    for m in plan.milestones.all():
        milestone_mark_done(milestone=m, actor=officer, done_on=m.due)
    outcome_record(plan=plan, actor=officer, **OUTCOME)
    plan.refresh_from_db()
    with pytest.raises(MentoringError) as exc:
        milestone_add(plan=plan, actor=officer, title="More", due=dt.date(2019, 5, 1))
    assert errors_of(exc) == {"plan": ["This plan is completed; its milestones can no longer change."]}


@pytest.mark.parametrize(
    ("uploaded", "kept"),
    [
        ("x" * 194 + ".html.pdf", "x" * 194 + ".h.pdf"),
        ("x" * 194 + ".svg.pdf", "x" * 194 + ".s.pdf"),
        ("รายงานการประเมิน" * 20 + ".pdf", ("รายงานการประเมิน" * 20)[:196] + ".pdf"),
        ("../../etc/report.pdf", "report.pdf"),
        ("C:\\Users\\somchai\\report\x00.pdf", "report.pdf"),
    ],
)
def test_update_attachment_is_checked_on_the_name_kept_and_stored_under_a_random_name(
    plan, mentor_rep, media_root, uploaded, kept
):
    update = plan_update_post(plan=plan, actor=mentor_rep, text="Report", attachment=SimpleUploadedFile(uploaded, PDF))
    assert (update.attachment_name, len(update.attachment_name) <= 200) == (kept, True)
    stored = Path(update.attachment.path)
    assert stored.parent == Path(media_root) / "plans" / str(plan.pk)
    assert stored.suffix == ".pdf" and len(stored.stem) == 32 and stored.read_bytes() == PDF


def test_update_attachment_whose_long_name_ends_in_html_is_refused(plan, mentor_rep, media_root):
    with pytest.raises(MentoringError) as refused:
        plan_update_post(plan=plan, actor=mentor_rep, text="x",
                         attachment=SimpleUploadedFile("x" * 194 + ".pdf.html", PDF))
    assert refused.value.code == "attachment_type"
    assert PlanUpdate.objects.count() == 0


def test_a_plan_takes_at_most_its_limit_of_attachments(plan, mentor_rep, media_root, monkeypatch):
    monkeypatch.setattr(plans_domain, "MAX_ATTACHMENTS_PER_PLAN", 2)
    for i in range(2):
        plan_update_post(plan=plan, actor=mentor_rep, text=f"Report {i}", attachment=SimpleUploadedFile("r.pdf", PDF))
    with pytest.raises(MentoringError) as refused:
        plan_update_post(plan=plan, actor=mentor_rep, text="Third", attachment=SimpleUploadedFile("r.pdf", PDF))
    assert (refused.value.code, refused.value.messages) == (
        "attachment_count", ["A plan holds at most 2 attachments; this plan has reached the limit."])
    plan_update_post(plan=plan, actor=mentor_rep, text="Text only is still welcome")
    assert PlanUpdate.objects.count() == 3


def test_the_same_submission_key_adds_one_milestone_and_one_update(plan, mentor_rep, media_root):
    key_m, key_u = uuid.uuid4(), uuid.uuid4()
    first = plans_domain.milestone_add(plan=plan, actor=mentor_rep, title="Training", due=dt.date(2018, 12, 1),
                                       submission_key=key_m)
    again = plans_domain.milestone_add(plan=plan, actor=mentor_rep, title="Training", due=dt.date(2018, 12, 1),
                                       submission_key=key_m)
    update = plan_update_post(plan=plan, actor=mentor_rep, text="Done", submission_key=key_u)
    assert plan_update_post(plan=plan, actor=mentor_rep, text="Done", submission_key=key_u) == update
    assert again == first
    assert list(plan.milestones.filter(title="Training").values_list("order", flat=True)) == [5]
    assert PlanUpdate.objects.count() == 1


def test_a_submission_key_of_another_plan_is_refused(plan, mentor_rep, media_root):
    key = uuid.uuid4()
    plans_domain.milestone_add(plan=plan, actor=mentor_rep, title="Training", due=dt.date(2018, 12, 1),
                               submission_key=key)
    other = plans_domain.plan_create_for(pairing=make_pairing(plan.pairing.round, plan.pairing.mentee,
                                                              plan.pairing.mentor))
    with pytest.raises(MentoringError) as refused:
        plans_domain.milestone_add(plan=other, actor=None, title="Training", due=dt.date(2018, 12, 1),
                                   submission_key=key)
    assert refused.value.problems[0].field == "submission_key"
