"""#9 item 9: every programme card on the dashboard leads to the programme's page
(Columbus and Flex Campus included), which shows its description, phases, agencies,
participants and, where its app exists, the way into it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kizuna.accounts.enums import Role
from kizuna.common.linebreaks import thai_unwrap_html
from kizuna.programmes.models import Participation, Phase, Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes(organisation_factory):
    bb = Programme.objects.create(code="big-brother-2018", kind="mentoring", year=2018, name_th="พี่ช่วยน้อง",
                                  name_ja="ビッグブラザー", name_en="Big Brother", summary_en="Mentoring summary",
                                  summary_th="สรุปโครงการพี่ช่วยน้อง")
    columbus = Programme.objects.create(code="columbus-2018", kind="startup_matching", year=2018,
                                        name_th="โคลัมบัส", name_ja="コロンバス", name_en="Columbus",
                                        summary_en="A committee selects 30 Thai startups.")
    flex = Programme.objects.create(code="flex-campus-2018", kind="training", year=2018, name_th="เฟล็กซ์",
                                    name_ja="フレックス", name_en="Flex Campus", summary_en="Engineers for Industry 4.0.")
    agency = organisation_factory(name="Board of Investment", kind="agency")
    columbus.agencies.set([agency])
    Phase.objects.create(programme=columbus, order=1, name_th="รับสมัคร", name_ja="募集", name_en="Applications",
                         starts=dt.date(2018, 5, 1), ends=dt.date(2018, 6, 30))
    Phase.objects.create(programme=columbus, order=2, name_th="คัดเลือก", name_ja="選考", name_en="Committee selection")
    for _ in range(3):
        Participation.objects.create(programme=columbus, organisation=organisation_factory(kind="startup"),
                                     role="startup")
    Participation.objects.create(programme=columbus, organisation=organisation_factory(kind="investor"),
                                 role="investor")
    return bb, columbus, flex


@pytest.fixture
def rep_client(client, user_factory):
    client.force_login(user_factory(username="rep", role=Role.COMPANY_REP, language="en"))
    return client


def test_every_dashboard_card_links_to_a_programme_page_that_exists(rep_client, programmes):
    page = rep_client.get(reverse("dashboard")).content.decode()
    for programme in programmes:
        url = reverse("programmes:detail", args=[programme.code])
        assert f'href="{url}"' in page
        assert rep_client.get(url).status_code == 200


def test_columbus_page_shows_description_phases_agencies_and_participants(rep_client, programmes):
    _, columbus, _ = programmes
    page = rep_client.get(reverse("programmes:detail", args=[columbus.code])).content.decode()
    assert "A committee selects 30 Thai startups." in page
    assert page.index("Applications") < page.index("Committee selection")
    assert "Board of Investment" in page
    assert '<dd data-role="startup">3</dd>' in page and '<dd data-role="investor">1</dd>' in page
    assert '<dd id="participants-total">4</dd>' in page
    assert 'id="programme-app-coming"' in page and 'id="programme-app"' not in page


def test_big_brother_page_leads_to_the_mentoring_app(rep_client, programmes):
    bb, _, _ = programmes
    page = rep_client.get(reverse("programmes:detail", args=[bb.code])).content.decode()
    assert f'id="programme-app" href="{reverse("mentoring:programme", args=[bb.code])}"' in page


def test_programme_page_in_thai_shows_the_thai_summary_and_buddhist_era_year(client, user_factory, programmes):
    client.force_login(user_factory(username="th", role=Role.COMPANY_REP, language="th"))
    page = thai_unwrap_html(client.get(reverse("programmes:detail", args=["big-brother-2018"])).content.decode())
    assert "สรุปโครงการพี่ช่วยน้อง" in page and "2561" in page


def test_unknown_programme_is_not_found_and_signing_in_is_required(client, rep_client, programmes):
    assert rep_client.get(reverse("programmes:detail", args=["nope"])).status_code == 404
    client.logout()
    assert client.get(reverse("programmes:detail", args=["columbus-2018"])).status_code == 302


def test_programme_page_query_count_does_not_grow_with_agencies_and_phases(rep_client, programmes,
                                                                          organisation_factory):
    _, columbus, _ = programmes
    url = reverse("programmes:detail", args=["columbus-2018"])
    rep_client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert rep_client.get(url).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    columbus.agencies.add(organisation_factory(kind="agency"), organisation_factory(kind="agency"))
    Phase.objects.create(programme=columbus, order=3, name_th="จับคู่", name_ja="マッチング", name_en="Matching")
    assert count() == few
