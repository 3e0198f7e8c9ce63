"""`kizuna demo` as a whole, for Big Brother: the dashboard's cards count what the
data holds, and the dates of both rounds are coherent (#9 item 14)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kizuna.mentoring.demo import CURRENT_PUBLISHED_DAYS_AGO
from kizuna.mentoring.queries.plans import programme_progress
from kizuna.programmes.models import Participation, Programme

from .demo_checks import activity_dates, dates_outside


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the notices, sent once the demo is committed
        call_command("demo", encoder="none", stdout=io.StringIO())


def current_code() -> str:
    return f"big-brother-{(timezone.localdate() - dt.timedelta(days=CURRENT_PUBLISHED_DAYS_AGO)).year}"


def test_dashboard_cards_count_what_the_data_holds_and_the_dates_are_coherent(demo, client):
    """#9 item 14: the cards' figures are the participants counted from the data
    (the summaries state no count that could disagree), the same as the programme
    page's; the 2018 round's activity lies in 2018-2019 and the current round's
    in this year's programme, with overdue milestones."""
    client.login(username="viewer", password="viewer-kizuna-2561")
    response = client.get(reverse("dashboard"))
    html = response.content.decode()
    assert "ビッグブラザー" in html
    summaries = {s.programme.code: s for s in response.context["programmes"]}
    today = timezone.localdate()
    for code in ("big-brother-2018", current_code()):
        programme = Programme.objects.get(code=code)
        card = [n for _label, n in summaries[code].counts]  # mentors, then mentees
        roles = Participation.objects.filter(programme=programme)
        progress = programme_progress(programme, today=today)
        assert card == [roles.filter(role="mentor").count(), roles.filter(role="mentee").count()]
        assert card == [progress.mentors, progress.mentees]
        assert summaries[code].total == roles.count()
        for n in card:
            assert f"<dd>{n}</dd>" in html
        for lang in ("th", "ja", "en"):  # no figure in a summary but a year
            assert not [n for n in re.findall(r"\d+", programme.summary(lang)) if len(n) != 4], programme.summary(lang)
        assert dates_outside(programme, today=today) == {}
    # 60 Japanese mentors and 33 Thai SMEs, plus the Thai SME that mentors a
    # Vietnamese company (one more mentor and one more mentee)
    assert ([n for _label, n in summaries["big-brother-2018"].counts], summaries["big-brother-2018"].total) == (
        [61, 34], 95)
    years = {d.year for days in activity_dates(Programme.objects.get(code="big-brother-2018")).values() for d in days}
    assert years == {2018, 2019}
    assert programme_progress(Programme.objects.get(code=current_code()), today=today).milestones_overdue > 0
