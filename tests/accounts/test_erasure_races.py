"""Two officers approving the same erasure request at the same moment (#10): real
parallel transactions on PostgreSQL, one thread and connection each, lined up on
a barrier (as tests/mentoring/test_races.py). The person is erased once, with one
erasure entry in the audit log; the other officer is told it was already decided."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.db import connection

from kizuna.accounts.domain import personal_data as domain
from kizuna.accounts.enums import Role
from kizuna.accounts.models import ErasureRequest
from kizuna.organisations.models import ContactPerson

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # keeps the reference data
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="SQLite serialises every writing transaction (IMMEDIATE); the race needs PostgreSQL"),
]




def test_two_approvals_at_once_erase_once(user_factory, organisation_factory, race):
    filer = user_factory(username="filer", role=Role.OFFICER)
    officers = [user_factory(username=f"approver{i}", role=Role.OFFICER) for i in range(2)]
    org = organisation_factory()
    for trial in range(5):
        person = ContactPerson.objects.create(organisation=org, name=f"Person {trial}", email=f"p{trial}@example.org")
        person.consents.create(purpose="matching", granted=True)
        request = domain.erasure_request_file(subject=person, requested_by=filer)
        outcomes = race(*(
            lambda o=o, pk=request.pk: domain.erasure_request_approve(request=ErasureRequest.objects.get(pk=pk), actor=o)
            for o in officers
        ))
        kinds = sorted(kind for kind, _ in outcomes)
        assert kinds == ["error", "ok"], outcomes
        error = next(v for kind, v in outcomes if kind == "error")
        assert error.code == "erasure_request_decided"
        request.refresh_from_db()
        person.refresh_from_db()
        assert request.status == "approved" and request.decided_by in officers
        assert person.name == f"Erased person #{person.pk}"
        assert LogEntry.objects.filter(object_id=person.pk, content_type__model="contactperson",
                                       additional_data__event="erasure").count() == 1
        assert [c.granted for c in person.consents.all()] == [False]


def test_two_requests_filed_at_once_leave_one_waiting(user_factory, organisation_factory, race):
    officers = [user_factory(username=f"officer{i}", role=Role.OFFICER) for i in range(2)]
    person = ContactPerson.objects.create(organisation=organisation_factory(), name="Somsri")
    outcomes = race(*(lambda o=o: domain.erasure_request_file(subject=person, requested_by=o) for o in officers))
    assert sorted(kind for kind, _ in outcomes) == ["error", "ok"]
    assert next(v for kind, v in outcomes if kind == "error").code == "erasure_already_requested"
    assert ErasureRequest.objects.filter(contact=person).count() == 1
