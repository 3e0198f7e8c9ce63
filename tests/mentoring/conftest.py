"""Fixtures of the Big Brother tests: a mentoring programme with phases, an accepted
pair (Japanese mentor, Thai SME) with its representatives, and its plan (plans);
a small programme whose best pairs are obvious, run with immediate tasks and the
fast hashing encoder (rounds)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from kizuna.accounts.enums import Role
from kizuna.engine.weights import AffinityWeights
from kizuna.organisations.models import Concept, ContactPerson, IndustryGroup, Organisation
from kizuna.programmes.models import Participation, Programme

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
    from kizuna.mentoring.domain.plans import plan_create_for

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
def _english_unless_a_test_says_otherwise():
    """Start every test in English: a request in an earlier test (the saved-language
    middleware activates the user's language) must not leak into domain messages."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.KIZUNA_ROUND_WARM_VECTORS = False


@pytest.fixture(autouse=True)
def _english_unless_a_test_says_otherwise():
    """Requests made by earlier tests leave their reader's language active in the thread."""
    from django.utils import translation

    with translation.override("en"):
        yield


# ---------------------------------------------------------------------------
# Matching rounds


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


def make_round_org(factory, name: str, *, country: str, lang: str, offers=(), needs=(), group: str = "", description=""):
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
    mentees = [make_round_org(organisation_factory, f"SME {i + 1}", country="TH", lang="th", needs=NEEDS[i], group=groups[i],
                        description=DESCRIPTIONS_TH[i]) for i in range(3)]
    mentors = [make_round_org(organisation_factory, f"Mentor {i + 1}", country="JP", lang="ja", offers=NEEDS[i],
                        description=DESCRIPTIONS_JA[i]) for i in range(3)]
    for org in mentees:
        Participation.objects.create(programme=programme, organisation=org, role="mentee")
    for org in mentors:
        Participation.objects.create(programme=programme, organisation=org, role="mentor")
    for org in mentees + mentors:
        contact = ContactPerson.objects.create(
            organisation=org, name=f"Contact of {org.name}", email=f"contact{org.pk}@example.org",
            phone="+66 2 000 0000", language="th" if org.country_id == "TH" else "ja")
        for purpose in ("matching", "programme"):
            contact.consents.create(purpose=purpose, granted=True, source="test")
    mentee_rep = user_factory(username="sme1", role=Role.COMPANY_REP, organisation=mentees[0], language="th",
                              email="sme1@example.org")
    mentor_rep = user_factory(username="mentor1", role=Role.COMPANY_REP, organisation=mentors[0], language="ja",
                              email="mentor1@example.org")
    return World(programme, mentors, mentees, officer, mentee_rep, mentor_rep)


ONE_EACH = {"lo": 1, "hi": 1, "capacity": 1, "encoder": "hash"}


def pairs_of(run) -> set[tuple[str, str]]:
    """(SME name, mentor name) of a run's proposals."""
    return {(p.mentee.name, p.mentor.name) for p in run.proposals.select_related("mentor", "mentee")}


def problems_by_field(error) -> dict[str | None, list[str]]:
    """A domain error's sentences by the field they are about (None: the whole input)."""
    out: dict[str | None, list[str]] = {}
    for problem in error.problems:
        out.setdefault(problem.field, []).append(problem.message)
    return out


# ---------------------------------------------------------------------------
# Labelled decisions

AFFINITY_DEFAULTS = AffinityWeights().to_dict()


def decisions_store(round_, mentors, mentees, decisions) -> None:
    """Synthetic decisions as the platform keeps them: weighted breakdown (no officer boost) and the weights of the time
    (a round that weighed all five parts, industry, language and geography too, which the defaults leave at 0)."""
    from kizuna.mentoring.models import LabelledDecision

    weights = {**AFFINITY_DEFAULTS, "industry": 0.05, "language": 0.05, "geography": 0.05}

    LabelledDecision.objects.bulk_create([
        LabelledDecision(round=round_, mentor=mentors[i % len(mentors)], mentee=mentees[d.seeker],
                         kind="lock" if d.label > 0 else "forbid",
                         label=d.label, breakdown={**{n: v * weights[n] for n, v in d.parts.items()}, "boost": 0.0}, weights=weights)
        for i, d in enumerate(decisions)
    ])
