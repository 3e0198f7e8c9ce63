"""Names every reader can read (#9, item 5): a Japanese reader sees a Thai partner by its
English name (never in Thai script in a title), a Thai reader sees a Japanese company by
its English name when it has no Thai one, and the name as written stands beside it where
space allows — on pages, in notifications and in the API alike."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kizuna.accounts.enums import Role
from kizuna.common.linebreaks import thai_unwrap_html
from kizuna.mentoring.models import Notification
from kizuna.mentoring.notifications import notify_pair_published

from .conftest import make_pairing

pytestmark = pytest.mark.django_db

THAI = re.compile(r"[\u0E00-\u0E7F]")
KANA_KANJI = re.compile(r"[\u3040-\u30FF\u4E00-\u9FFF]")
SIAM_TH = "บริษัท สยามพรีซิชั่นเพรส จำกัด"
SIAM_EN = "Siam Precision Press Co., Ltd."
HITACHI_JA = "株式会社日立製作所"
HITACHI_EN = "Hitachi, Ltd."


@pytest.fixture
def hitachi(organisation_factory):
    return organisation_factory(country_id="JP", name=HITACHI_JA, name_ja=HITACHI_JA, name_th="", name_en=HITACHI_EN,
                                description_language="ja")


@pytest.fixture
def siam(organisation_factory):
    return organisation_factory(country_id="TH", name=SIAM_TH, name_th=SIAM_TH, name_ja="", name_en=SIAM_EN,
                                description_language="th")


@pytest.fixture
def pair(bb_round, hitachi, siam):
    return make_pairing(bb_round, hitachi, siam, status="published", accepted_on=None)


@pytest.fixture
def tanaka(user_factory, hitachi):
    return user_factory(username="tanaka-h", role=Role.COMPANY_REP, organisation=hitachi, language="ja",
                        email="tanaka@hitachi.example")


@pytest.fixture
def nattaya(user_factory, siam):
    return user_factory(username="nattaya-s", role=Role.COMPANY_REP, organisation=siam, language="th",
                        email="nattaya@siam.example")


def _title_and_h1(html: str) -> str:
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    h1 = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    return title + "\n" + h1


def test_display_name_falls_back_to_english_not_to_a_script_the_reader_may_not_read(hitachi, siam):
    assert siam.display_name("ja") == SIAM_EN
    assert siam.display_name("th") == SIAM_TH
    assert hitachi.display_name("th") == HITACHI_EN
    assert hitachi.display_name("ja") == HITACHI_JA
    assert siam.display_name("ja", own=True) == f"{SIAM_EN} ({SIAM_TH})"
    assert siam.display_name("th", own=True) == SIAM_TH  # nothing to add


def test_japanese_reader_sees_the_thai_partner_in_latin_script_and_no_thai_in_the_title(client, pair, tanaka):
    client.force_login(tanaka)
    html = thai_unwrap_html(client.get(reverse("mentoring:pairing", args=[pair.pk])).content.decode())
    heading = _title_and_h1(html)
    assert not THAI.search(heading), heading
    assert SIAM_EN in heading and HITACHI_JA in heading
    assert f"{SIAM_EN} ({SIAM_TH})" in html  # the name as written beside it in the facts


def test_thai_reader_sees_a_japanese_company_by_its_english_name(client, pair, nattaya):
    client.force_login(nattaya)
    html = thai_unwrap_html(client.get(reverse("mentoring:pairing", args=[pair.pk])).content.decode())
    heading = _title_and_h1(html)
    assert not KANA_KANJI.search(heading), heading
    assert HITACHI_EN in heading
    pairs_html = thai_unwrap_html(client.get(reverse("mentoring:pairings")).content.decode())
    assert HITACHI_EN in pairs_html and HITACHI_JA not in pairs_html


def test_notifications_name_the_partner_in_a_script_the_recipient_reads(pair, tanaka, nattaya,
                                                                        django_capture_on_commit_callbacks):
    notify_pair_published([pair])
    to_mentor = Notification.objects.get(recipient=tanaka)
    to_mentee = Notification.objects.get(recipient=nattaya)
    assert SIAM_EN in to_mentor.subject and not THAI.search(to_mentor.subject + to_mentor.body)
    assert HITACHI_EN in to_mentee.subject and not KANA_KANJI.search(to_mentee.subject + to_mentee.body)


def test_api_gives_a_display_name_in_the_readers_language_beside_the_raw_names(client, pair, tanaka, siam):
    client.force_login(tanaka)
    org = client.get(f"/api/organisations/{siam.pk}/", HTTP_ACCEPT_LANGUAGE="ja").json()
    assert org["display_name"] == SIAM_EN
    assert org["name"] == SIAM_TH and org["name_en"] == SIAM_EN
    pairing = client.get(f"/api/mentoring/pairings/{pair.pk}/").json()
    assert pairing["mentee_name"] == SIAM_EN
    assert pairing["mentor_name"] == HITACHI_JA



def test_a_thai_decline_reason_and_plan_update_get_a_japanese_gist(client, pair, tanaka, nattaya):
    from django.utils import timezone

    from kizuna.mentoring.domain.plans import plan_create_for
    from kizuna.mentoring.models import PlanUpdate

    pair.mentee_reason = "เราต้องการระบบบำรุงรักษาเชิงพยากรณ์มากกว่า"
    pair.save(update_fields=["mentee_reason"])
    client.force_login(tanaka)
    html = thai_unwrap_html(client.get(reverse("mentoring:pairing", args=[pair.pk])).content.decode())
    assert "主な内容：予知保全" in html
    pair.status = "accepted"
    pair.save(update_fields=["status"])
    plan = plan_create_for(pairing=pair)
    PlanUpdate.objects.create(plan=plan, side="mentee", author=nattaya, text="ติดตั้งเซ็นเซอร์วัดการสั่นสะเทือนแล้ว",
                              created=timezone.now())
    html = thai_unwrap_html(client.get(reverse("mentoring:plan", args=[plan.pk])).content.decode())
    assert "主な内容：産業用センサー" in html


def test_outcome_figure_and_amounts_read_in_the_readers_language(client, plan, mentee_rep, mentor_rep):
    from kizuna.mentoring.models import Outcome

    Outcome.objects.create(plan=plan, productivity_name="Overall equipment effectiveness (OEE)", productivity_unit="%",
                           productivity_before="52.00", productivity_after="61.50", investment_thb="475000.00")
    client.force_login(mentee_rep)
    html = thai_unwrap_html(client.get(reverse("mentoring:plan", args=[plan.pk])).content.decode())
    assert "<dt>ประสิทธิผลโดยรวมของเครื่องจักร (OEE)</dt>" in html and "<dt>Overall" not in html
    assert "<dd>475,000</dd>" in html
    client.force_login(mentor_rep)
    assert "<dt>設備総合効率（OEE）</dt>" in thai_unwrap_html(client.get(reverse("mentoring:plan", args=[plan.pk])).content.decode())
