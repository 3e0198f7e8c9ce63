"""A person's data on request (#10, PDPA / APPI): export as JSON and a readable
page, for officers and for a user themselves; erasure filed by the person or an
officer, approved by another officer, anonymising the personal fields while the
history stays; the same through the API and the command."""

from __future__ import annotations

import json

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.urls import reverse

from kizuna.accounts.enums import Role
from kizuna.accounts.models import ErasureRequest, User
from kizuna.audit.context import acting
from kizuna.organisations.models import ContactPerson

pytestmark = pytest.mark.django_db


@pytest.fixture
def somsri(organisation_factory, officer):
    with acting(officer):
        person = ContactPerson.objects.create(organisation=organisation_factory(name="Siam Parts"), name="Somsri Jaidee",
                                              title="Manager", email="somsri@example.org", phone="+66 2 123 4567")
        person.consents.create(purpose="matching", granted=True, source="import")
        person.consents.create(purpose="programme", granted=True, source="import")
        person.title = "Director"
        person.save()
    return person


@pytest.fixture
def officer2(user_factory):
    return user_factory(username="officer2", role=Role.OFFICER)


@pytest.fixture
def somchai(user_factory, organisation_factory):
    return user_factory(username="somchai", first_name="Somchai", last_name="Dee", email="somchai@example.org",
                        role=Role.COMPANY_REP, organisation=organisation_factory())


def test_officer_exports_a_contact_person_as_json_and_page(client, officer, somsri):
    client.force_login(officer)
    response = client.get(reverse("accounts:personal-data-person", args=["contact", somsri.pk]), {"format": "json"})
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.json"')
    data = json.loads(response.content)
    assert data["profile"]["email"] == "somsri@example.org" and data["profile"]["position"] == "Director"
    assert [(c["purpose"], c["granted"]) for c in data["consents"]] == [("matching", True), ("programme", True)]
    assert [(e["action"], e["object"]) for e in data["audit"]][:2] == [("create", "Somsri Jaidee"),
                                                                       ("create", "Somsri Jaidee · Showing contact details to matched partners")]
    assert next(e for e in data["audit"] if e["action"] == "update")["changes"] == {"title": ["Manager", "Director"]}
    page = client.get(reverse("accounts:personal-data-person", args=["contact", somsri.pk])).content.decode()
    assert "Somsri Jaidee" in page and "+66 2 123 4567" in page and "Director" in page
    # each export is itself in the audit log
    exports = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, additional_data__via="personal-data export")
    assert [(e.actor, e.object_repr) for e in exports] == [(officer, "Somsri Jaidee")] * 2


def test_a_user_exports_their_own_data_and_no_one_elses(client, somchai, somsri, officer):
    from kizuna.mentoring.models import Notification

    Notification.objects.create(recipient=somchai, kind="pair_published", subject="A new pair")
    client.force_login(somchai)
    data = client.get(reverse("accounts:personal-data-export"), {"format": "json"}).json()
    assert (data["kind"], data["profile"]["username"], data["profile"]["email"]) == ("user", "somchai",
                                                                                     "somchai@example.org")
    assert [n["subject"] for n in data["notifications"]] == ["A new pair"]
    assert client.get(reverse("accounts:personal-data-person", args=["contact", somsri.pk])).status_code == 403
    assert client.get(reverse("accounts:personal-data-person", args=["user", officer.pk])).status_code == 403
    assert client.get("/api/personal-data/me/").json()["profile"]["username"] == "somchai"
    assert client.get(f"/api/personal-data/user/{officer.pk}/").status_code == 403


def test_user_with_the_same_email_as_a_contact_record_sees_it(client, somchai, organisation_factory):
    ContactPerson.objects.create(organisation=organisation_factory(), name="Somchai D.", email="SOMCHAI@example.org")
    client.force_login(somchai)
    data = client.get(reverse("accounts:personal-data-export"), {"format": "json"}).json()
    assert [c["name"] for c in data["contact_records"]] == ["Somchai D."]


def test_erasure_of_a_contact_person_filed_and_approved_by_two_officers(client, officer, officer2, somsri):
    client.force_login(officer)
    response = client.post(reverse("accounts:erasure-file", args=["contact", somsri.pk]), {"reason": "asked by phone"})
    assert response.status_code == 302
    request = ErasureRequest.objects.get()
    # the officer who filed it may not approve it
    page = client.post(reverse("accounts:erasure-approve", args=[request.pk]), follow=True).content.decode()
    assert "Another officer must approve this erasure request: you filed it yourself." in page
    request.refresh_from_db()
    assert request.status == "pending"
    client.force_login(officer2)
    client.post(reverse("accounts:erasure-approve", args=[request.pk]))
    request.refresh_from_db()
    somsri.refresh_from_db()
    assert (request.status, request.decided_by) == ("approved", officer2)
    assert (somsri.name, somsri.title, somsri.email, somsri.phone) == (f"Erased person #{somsri.pk}", "", "", "")
    assert [c.granted for c in somsri.consents.all()] == [False, False]
    # the history stays, without the old details
    about = LogEntry.objects.filter(content_type__model="contactperson", object_id=somsri.pk).order_by("pk")
    assert len(about) == 3  # created, changed, erased
    text = json.dumps([[e.object_repr, e.changes, e.serialized_data] for e in LogEntry.objects.all()])
    for secret in ("Somsri", "somsri@example.org", "123 4567", "Director", "Manager"):
        assert secret not in text
    erasure = about.last()
    assert erasure.actor == officer2 and erasure.additional_data["event"] == "erasure"
    assert erasure.changes["name"] == ["[erased]", f"Erased person #{somsri.pk}"]
    # asking again is refused with the reason
    client.force_login(officer)
    response = client.post(reverse("accounts:erasure-file", args=["contact", somsri.pk]), follow=True)
    assert "was already erased on" in response.content.decode()
    assert ErasureRequest.objects.count() == 1


def test_a_user_asks_for_erasure_and_an_officer_approves(client, somchai, officer):
    client.force_login(somchai)
    client.post(reverse("accounts:erasure-file", args=["user", somchai.pk]), {"reason": "leaving"})
    request = ErasureRequest.objects.get()
    assert (request.user, request.requested_by) == (somchai, somchai)
    # a company representative cannot approve, not even their own request
    assert client.post(reverse("accounts:erasure-approve", args=[request.pk])).status_code == 403
    client.force_login(officer)
    client.post(reverse("accounts:erasure-approve", args=[request.pk]))
    somchai.refresh_from_db()
    assert (somchai.username, somchai.first_name, somchai.last_name, somchai.email, somchai.is_active) == (
        f"erased-{somchai.pk}", f"Erased person #{somchai.pk}", "", "", False)
    assert not somchai.has_usable_password()
    assert not client.login(username="somchai", password="correct horse battery")
    assert User.objects.filter(pk=somchai.pk).exists()  # kept: pairs and plans still point at it


def test_api_files_approves_and_refuses_requests(client, officer, officer2, somsri, somchai):
    client.force_login(officer)
    response = client.post("/api/erasure-requests/", {"contact": somsri.pk, "reason": "e-mail of 3 March"},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    number = response.json()["id"]
    again = client.post("/api/erasure-requests/", {"contact": somsri.pk}, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "erasure_already_requested"
    mine = client.post(f"/api/erasure-requests/{number}/approve/")
    assert mine.status_code == 400 and mine.json()["code"] == "erasure_approver_is_requester"
    client.force_login(officer2)
    assert client.post(f"/api/erasure-requests/{number}/approve/").json()["status"] == "approved"
    twice = client.post(f"/api/erasure-requests/{number}/approve/")
    assert twice.status_code == 409 and twice.json()["code"] == "erasure_request_decided"
    # a user may file for themselves only; an officer refuses with a note
    client.force_login(somchai)
    assert client.post("/api/erasure-requests/", {"user": officer.pk},
                       content_type="application/json").status_code == 403
    filed = client.post("/api/erasure-requests/", {"user": somchai.pk}, content_type="application/json").json()
    assert [r["id"] for r in client.get("/api/erasure-requests/").json()["results"]] == [filed["id"]]
    client.force_login(officer)
    refused = client.post(f"/api/erasure-requests/{filed['id']}/refuse/", {"note": "open plan"},
                          content_type="application/json").json()
    assert (refused["status"], refused["decision_note"]) == ("refused", "open plan")


def test_command_exports_and_erases(tmp_path, officer, officer2, somsri, capsys):
    out = tmp_path / "somsri.json"
    call_command("personal-data", "export", "--contact", str(somsri.pk), "--by", "officer1", "--out", str(out))
    assert json.loads(out.read_text())["profile"]["name"] == "Somsri Jaidee"
    with pytest.raises(CommandError, match="two different officers"):
        call_command("personal-data", "erase", "--contact", str(somsri.pk), "--requested-by", "officer1",
                     "--approved-by", "officer1")
    call_command("personal-data", "erase", "--contact", str(somsri.pk), "--requested-by", "officer1",
                 "--approved-by", "officer2", "--reason", "letter")
    somsri.refresh_from_db()
    assert somsri.name == f"Erased person #{somsri.pk}"
    entry = LogEntry.objects.filter(additional_data__event="erasure").get()
    assert (entry.actor, entry.additional_data["where"]) == (officer2, "cli")
    with pytest.raises(CommandError, match="already erased"):
        call_command("personal-data", "erase", "--contact", str(somsri.pk), "--requested-by", "officer1",
                     "--approved-by", "officer2")
