"""Fixtures of the Big Brother tests: a mentoring programme with phases, an accepted
pair (Japanese mentor, Thai SME) with its representatives, and its plan."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kizuna.accounts.enums import Role

ACCEPTED_ON = dt.date(2018, 7, 20)


@pytest.fixture
def bb_programme(db):
    from kizuna.programmes.models import Phase, Programme

    programme = Programme.objects.create(
        code="bb-test", kind="mentoring", year=2018, name_th="พี่ช่วยน้อง ทดสอบ", name_ja="ビッグブラザー試験",
        name_en="Big Brother test",
    )
    for order, (name, starts, ends) in enumerate(
        [("Matching", dt.date(2018, 6, 1), dt.date(2018, 7, 15)),
         ("Technology transfer", dt.date(2018, 7, 16), dt.date(2019, 3, 31)),
         ("Onward to CLMV", dt.date(2019, 4, 1), dt.date(2019, 12, 31))], start=1,
    ):
        Phase.objects.create(programme=programme, order=order, name_th=name, name_ja=name, name_en=name,
                             starts=starts, ends=ends)
    return programme


@pytest.fixture
def bb_round(bb_programme):
    from kizuna.mentoring.models import MatchingRound

    return MatchingRound.objects.create(programme=bb_programme, number=1, status="published")


def make_org(organisation_factory, *, country: str, name: str, name_th: str = "", name_ja: str = "",
             offered=(), needed=(), group: str | None = None):
    from kizuna.organisations.models import Concept, IndustryGroup

    org = organisation_factory(country_id=country, name=name, name_th=name_th, name_ja=name_ja, name_en=name)
    if offered:
        org.technologies_offered.set(Concept.objects.filter(code__in=offered))
    if needed:
        org.technologies_needed.set(Concept.objects.filter(code__in=needed))
    if group:
        org.industry_group = IndustryGroup.objects.get(code=group)
        org.save(update_fields=["industry_group"])
    return org


def make_pairing(round_, mentor, mentee, *, status="accepted", accepted_on=ACCEPTED_ON):
    from kizuna.mentoring.models import Pairing

    return Pairing.objects.create(
        round=round_, mentor=mentor, mentee=mentee, status=status,
        mentor_response="accepted" if status != "published" else "pending",
        mentee_response="accepted" if status != "published" else "pending",
        accepted_at=timezone.make_aware(dt.datetime.combine(accepted_on, dt.time(10))) if accepted_on else None,
    )


@pytest.fixture
def mentor_org(organisation_factory):
    return make_org(organisation_factory, country="JP", name="Kaze Sensors", name_ja="風センサー株式会社", name_th="คาเซ่ เซนเซอร์",
                    offered=("iot", "machine_monitoring", "predictive_maintenance", "digital_twin"))


@pytest.fixture
def mentee_org(organisation_factory):
    return make_org(organisation_factory, country="TH", name="Siam Press Parts", name_th="สยามเพรสพาร์ท", name_ja="サイアム・プレス・パーツ",
                    needed=("iot", "predictive_maintenance", "erp"), group="auto_parts")


@pytest.fixture
def pairing(bb_round, mentor_org, mentee_org):
    return make_pairing(bb_round, mentor_org, mentee_org)


@pytest.fixture
def plan(pairing):
    from kizuna.mentoring.plans_domain import plan_create_for

    return plan_create_for(pairing=pairing)


@pytest.fixture
def mentor_rep(user_factory, mentor_org):
    return user_factory(username="tanaka", role=Role.COMPANY_REP, organisation=mentor_org, language="ja",
                        first_name="Kenji", last_name="Tanaka")


@pytest.fixture
def mentee_rep(user_factory, mentee_org):
    return user_factory(username="nattaya", role=Role.COMPANY_REP, organisation=mentee_org, language="th",
                        first_name="Nattaya", last_name="Chaiyaporn")


@pytest.fixture
def outsider(user_factory, organisation_factory):
    return user_factory(username="outsider", role=Role.COMPANY_REP, organisation=organisation_factory())


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_unless_a_test_says_otherwise():
    """Requests made by earlier tests leave their reader's language active in the thread."""
    from django.utils import translation

    with translation.override("en"):
        yield
