"""Schemathesis explores every operation of the OpenAPI schema against the WSGI
application, as an anonymous visitor, an officer and a company representative:
no server error, every response conforms to the schema (status codes documented,
bodies and content types as declared), valid requests accepted and invalid ones
rejected.

Bounded (a few examples per operation; about a minute per role) and derandomised
in CI (the `ci` Hypothesis profile of tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.core.failures import FailureGroup

from kizuna.accounts.enums import Role

# transactional: each request commits or rolls back on its own, as in production; inside
# one test transaction a request that fails in the database (PostgreSQL) would abort it
# for every later request
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"
MAX_EXAMPLES = int(os.environ.get("KIZUNA_FUZZ_EXAMPLES", "8"))


@pytest.fixture
def fuzz_world(settings, monkeypatch, reference_data, user_factory, organisation_factory):
    """A published programme with one accepted pair and its plan, an officer and the
    mentee's representative, so that object endpoints find something to act on."""
    from django.utils import timezone

    from kizuna.mentoring.domain.plans import plan_create_for
    from kizuna.mentoring.models import MatchingRound, Pairing
    from kizuna.organisations.models import ContactPerson
    from kizuna.programmes.models import Programme

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # the fuzz sends hundreds of requests a minute: throttling (documented as 429, and
    # tested in test_api_limits.py) would answer most of them before validation does
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute", "user": "100000/minute"})
    # the same for the sign-in lockout (tested in tests/accounts/test_sign_in_protection.py):
    # schemathesis probes each operation with wrong basic-auth credentials
    # ("SCHEMATHESIS-INVALID-VALUE"), all from 127.0.0.1, so after five probes the address
    # would be locked out and every later request, the signed-in role's too, answered 429
    settings.AXES_FAILURE_LIMIT = 100_000
    programme = Programme.objects.create(code="fuzz", kind="mentoring", year=2018, name_th="ทดสอบ",
                                         name_ja="試験", name_en="Fuzz")
    round_ = MatchingRound.objects.create(programme=programme, number=1, status="published")
    mentor = organisation_factory(country_id="JP", name="Kaze Sensors")
    mentee = organisation_factory(country_id="TH", name="Siam Press Parts")
    ContactPerson.objects.create(organisation=mentor, name="Kenji Tanaka", email="k@example.jp")
    pairing = Pairing.objects.create(round=round_, mentor=mentor, mentee=mentee, status="accepted",
                                     mentor_response="accepted", mentee_response="accepted",
                                     accepted_at=timezone.make_aware(dt.datetime(2018, 7, 20, 10)))
    plan_create_for(pairing=pairing)
    user_factory(username="fuzz-officer", role=Role.OFFICER, is_staff=True)
    user_factory(username="fuzz-company", role=Role.COMPANY_REP, organisation=mentee)


def fuzz_failures(auth: tuple[str, str] | None) -> list[str]:
    """Every distinct failure schemathesis finds, one line each: operation, check, status."""
    from kizuna.site.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    found: set[str] = set()
    only = os.environ.get("KIZUNA_FUZZ_ONLY", "")
    for result in schema.get_all_operations():
        if only and only not in result.ok().label:
            continue
        _explore(result.ok(), auth, found)()
    return sorted(found)


def _explore(operation, auth: tuple[str, str] | None, found: set[str]):
    @hypothesis_settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
                         suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def explore(case):
        try:
            if auth is None:
                case.call_and_validate()
            else:
                case.call_and_validate(auth=auth)
        except FailureGroup as group:
            for failure in group.exceptions:
                first_line = (failure.message or "").strip().splitlines()[:1]
                found.add(f"{operation.label}: {failure.title}: {''.join(first_line)[:160]}")

    return explore


# Still found as officer (issue #10 item 8): POST rounds/{id}/participants/import/ refuses
# with a 400 the file schemathesis makes up (random bytes are no participant list, and
# a schema cannot say what a spreadsheet must hold); answering it needs the import to
# become a job whose problems are read afterwards, as the page's organisation import is.
OFFICER = pytest.mark.xfail(reason="participants/import refuses made-up files; see above", strict=False)


@pytest.mark.parametrize("role", ["anonymous", pytest.param("officer", marks=OFFICER), "company"])
def test_schemathesis_finds_no_server_error_and_no_schema_violation(role, fuzz_world):
    auth = None if role == "anonymous" else (f"fuzz-{role}", PASSWORD)
    failures = fuzz_failures(auth)
    assert failures == [], f"{len(failures)} failures as {role}:\n" + "\n".join(failures)
