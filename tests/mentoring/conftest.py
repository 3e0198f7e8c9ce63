"""Fixtures of the round tests: a small Big Brother programme whose best pairs are
obvious (each SME needs exactly what one mentor offers), tasks run immediately,
and the fast hashing encoder unless a test asks for the real one."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kizuna.accounts.enums import Role
from kizuna.organisations.models import Concept, ContactPerson, IndustryGroup, Organisation
from kizuna.programmes.models import Participation, Programme


@pytest.fixture(autouse=True)
def immediate_tasks(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DATA_DIR = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    programme: Programme
    mentors: list[Organisation]  # M1 predictive maintenance, M2 robotics, M3 traceability
    mentees: list[Organisation]  # S1 needs predictive maintenance, S2 robotics, S3 traceability
    officer: object
    mentee_rep: object  # represents S1, works in Thai
    mentor_rep: object  # represents M1, works in Japanese


NEEDS = (["predictive_maintenance", "condition_monitoring"], ["robotics", "cobots"], ["traceability", "rfid"])
DESCRIPTIONS_TH = (
    "โรงงานชิ้นส่วนยานยนต์ต้องการระบบบำรุงรักษาเชิงพยากรณ์",
    "โรงงานพลาสติกต้องการหุ่นยนต์ในสายการผลิต",
    "ผู้ผลิตอาหารต้องการระบบตรวจสอบย้อนกลับ",
)
DESCRIPTIONS_JA = (
    "IoTによる予知保全を中小企業に導入しています。",
    "協働ロボットの導入支援を行っています。",
    "RFIDを使ったトレーサビリティのシステムを提供しています。",
)


def make_org(factory, name: str, *, country: str, lang: str, offers=(), needs=(), group: str = "", description=""):
    org = factory(name=name, country_id=country, languages=[lang], description=description,
                  description_language=lang, technologies=list(offers))
    if needs:
        org.technologies_needed.set(Concept.objects.filter(code__in=needs))
    if group:
        org.industry_group = IndustryGroup.objects.get(code=group)
        org.save(update_fields=["industry_group"])
    return org


@pytest.fixture
def world(db, organisation_factory, user_factory, officer) -> World:
    programme = Programme.objects.create(code="bb-test", kind="mentoring", name_th="พี่ช่วยน้อง", name_ja="ビッグブラザー",
                                         name_en="Big Brother", year=2018)
    groups = ("auto_parts", "plastics", "food")
    mentees = [make_org(organisation_factory, f"SME {i + 1}", country="TH", lang="th", needs=NEEDS[i], group=groups[i],
                        description=DESCRIPTIONS_TH[i]) for i in range(3)]
    mentors = [make_org(organisation_factory, f"Mentor {i + 1}", country="JP", lang="ja", offers=NEEDS[i],
                        description=DESCRIPTIONS_JA[i]) for i in range(3)]
    for org in mentees:
        Participation.objects.create(programme=programme, organisation=org, role="mentee")
    for org in mentors:
        Participation.objects.create(programme=programme, organisation=org, role="mentor")
    for org in mentees + mentors:
        ContactPerson.objects.create(organisation=org, name=f"Contact of {org.name}", email=f"contact{org.pk}@example.org",
                                     phone="+66 2 000 0000", language="th" if org.country_id == "TH" else "ja")
    mentee_rep = user_factory(username="sme1", role=Role.COMPANY_REP, organisation=mentees[0], language="th",
                              email="sme1@example.org")
    mentor_rep = user_factory(username="mentor1", role=Role.COMPANY_REP, organisation=mentors[0], language="ja",
                              email="mentor1@example.org")
    return World(programme, mentors, mentees, officer, mentee_rep, mentor_rep)


ONE_EACH = {"lo": 1, "hi": 1, "capacity": 1, "encoder": "hash"}


def pairs_of(run) -> set[tuple[str, str]]:
    """(SME name, mentor name) of a run's proposals."""
    return {(p.mentee.name, p.mentor.name) for p in run.proposals.select_related("mentor", "mentee")}
