"""The audit log (#10): changes with who, what, when and the fields before and
after; views of contact details; searchable and downloadable by officers on the
page and in the API, and by nobody else."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kizuna.accounts.enums import Role
from kizuna.audit.context import acting
from kizuna.organisations.models import ContactPerson

pytestmark = pytest.mark.django_db

EDIT = {"name": "Siam Mould", "kind": "company", "country": "TH", "description": "Moulds",
        "description_language": "en", "registration_number": ""}


def entries(model: str, action: int):
    return list(LogEntry.objects.filter(content_type__model=model, action=action).order_by("pk"))


def test_page_edit_is_logged_with_actor_before_and_after(client, officer, organisation_factory):
    org = organisation_factory(name="Siam Mould Old", country_id="TH")
    client.force_login(officer)
    response = client.post(reverse("organisations:edit", args=[org.pk]), EDIT)
    assert response.status_code == 302, response.context["form"].errors
    [entry] = entries("organisation", LogEntry.Action.UPDATE)
    assert entry.actor == officer
    assert entry.changes["name"] == ["Siam Mould Old", "Siam Mould"]
    assert entry.additional_data["where"] == "page"
    assert entry.additional_data["path"] == f"/organisations/{org.pk}/edit/"
    assert entry.remote_addr == "127.0.0.1"


def test_api_basic_auth_change_names_the_api_user(client, user_factory, organisation_factory, settings):
    org = organisation_factory(name="Old name", country_id="TH")
    rep = user_factory(username="rep1", role=Role.COMPANY_REP, organisation=org)
    auth = "Basic " + base64.b64encode(b"rep1:correct horse battery").decode()
    response = client.patch(f"/api/organisations/{org.pk}/", {"name": "New name"},
                            content_type="application/json", HTTP_AUTHORIZATION=auth)
    assert response.status_code == 200, response.content
    [entry] = entries("organisation", LogEntry.Action.UPDATE)
    assert (entry.actor, entry.changes["name"], entry.additional_data["where"]) == (
        rep, ["Old name", "New name"], "api")


def test_role_change_is_logged_and_passwords_never(user_factory):
    admin = user_factory(username="admin1", role=Role.ADMINISTRATOR)
    user = user_factory(username="somchai", role=Role.COMPANY_REP)
    with acting(admin):
        user.role = Role.OFFICER
        user.set_password("another secret phrase")
        user.save()
    [entry] = entries("user", LogEntry.Action.UPDATE)
    assert entry.actor == admin and entry.additional_data["where"] == "cli"
    assert entry.changes == {"role": ["company_rep", "officer"]}
    assert not LogEntry.objects.filter(changes__has_key="password").exists()


def test_consent_withdrawal_is_logged(organisation_factory):
    person = ContactPerson.objects.create(organisation=organisation_factory(), name="Somsri")
    consent = person.consents.create(purpose="matching", granted=True)
    consent.granted = False
    consent.save()
    [entry] = entries("consent", LogEntry.Action.UPDATE)
    assert entry.changes == {"granted": ["True", "False"]}
    assert entry.object_repr.startswith("Somsri")


def test_organisation_page_records_the_contacts_it_shows(client, viewer, user_factory, organisation_factory):
    org = organisation_factory()
    ContactPerson.objects.create(organisation=org, name="Somsri", email="somsri@example.org")
    other = user_factory(username="other", role=Role.COMPANY_REP, organisation=organisation_factory())
    client.force_login(other)  # may not see the contacts: nothing shown, nothing recorded
    assert "Somsri" not in client.get(reverse("organisations:detail", args=[org.pk])).content.decode()
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()
    client.force_login(viewer)
    assert "Somsri" in client.get(reverse("organisations:detail", args=[org.pk])).content.decode()
    [entry] = LogEntry.objects.filter(action=LogEntry.Action.ACCESS)
    assert (entry.actor, entry.object_repr, entry.additional_data["via"]) == (viewer, "Somsri",
                                                                              f"organisation {org.pk}")


# ---------------------------------------------------------------- the page
@pytest.fixture
def logged(officer, user_factory, organisation_factory):
    """Two officers' changes on two days, and a view of a contact person."""
    other = user_factory(username="officer2", role=Role.OFFICER)
    with acting(officer):
        org = organisation_factory(name="Alpha Co")
        person = ContactPerson.objects.create(organisation=org, name='=HYPERLINK("http://evil.example","x")')
    with acting(other):
        beta = organisation_factory(name="Beta Co")
    LogEntry.objects.filter(object_repr="Beta Co").update(timestamp=timezone.now() - dt.timedelta(days=10))
    return {"org": org, "person": person, "beta": beta, "other": other}


def test_audit_page_is_for_officers_only(client, officer, viewer, user_factory, logged):
    rep = user_factory(username="rep9", role=Role.COMPANY_REP)
    for user, status in ((rep, 403), (viewer, 403), (officer, 200)):
        client.force_login(user)
        assert client.get(reverse("audit:log")).status_code == status
        assert client.get("/api/audit/entries/").status_code == status


def test_audit_page_filters_by_actor_object_action_and_dates(client, officer, logged):
    client.force_login(officer)
    url = reverse("audit:log")
    rows = client.get(url, {"actor": "officer2"}).context["rows"]
    assert [r["object"] for r, _ in rows] == ["Beta Co"]
    rows = client.get(url, {"object_type": "organisations.organisation", "action": "create"}).context["rows"]
    assert sorted(r["object"] for r, _ in rows) == ["Alpha Co", "Beta Co"]
    rows = client.get(url, {"object_type": "organisations.contactperson",
                            "object_id": logged["person"].pk}).context["rows"]
    assert [r["action"] for r, _ in rows] == ["create"]
    today = timezone.localdate()
    rows = client.get(url, {"since": (today - dt.timedelta(days=11)).isoformat(),
                            "until": (today - dt.timedelta(days=9)).isoformat()}).context["rows"]
    assert [r["object"] for r, _ in rows] == ["Beta Co"]
    rows = client.get(url, {"object": "alpha"}).context["rows"]
    assert [r["object"] for r, _ in rows] == ["Alpha Co"]


def test_audit_page_refuses_bad_filters_naming_the_field(client, officer, logged):
    client.force_login(officer)
    response = client.get(reverse("audit:log"), {"since": "2026-13-45", "object_type": "nope"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"since", "object_type"}
    response = client.get(reverse("audit:log"), {"since": "2026-02-01", "until": "2026-01-01"})
    assert response.status_code == 400 and set(response.context["form"].errors) == {"until"}


def test_audit_csv_and_xlsx_exports_keep_formulas_as_text(client, officer, logged):
    client.force_login(officer)
    payload = '=HYPERLINK("http://evil.example","x")'
    response = client.get(reverse("audit:log"), {"format": "csv", "object_type": "organisations.contactperson"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    assert rows[0][:7] == ["Number", "When", "Who", "Action", "Kind of record", "Record number", "Record"]
    assert [(r[2], r[3], r[6]) for r in rows[1:]] == [("officer1", "created", "'" + payload)]
    response = client.get(reverse("audit:log"), {"format": "xlsx", "object_type": "organisations.contactperson"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet.cell(row=2, column=7)
    assert (cell.value, cell.data_type) == (payload, "s")


def test_audit_api_lists_filters_and_exports(client, officer, logged):
    client.force_login(officer)
    body = client.get("/api/audit/entries/", {"actor": "officer2"}).json()
    assert body["count"] == 1
    assert body["results"][0]["object"] == "Beta Co" and body["results"][0]["action"] == "create"
    bad = client.get("/api/audit/entries/", {"action": "steal", "object_id": "x"})
    assert bad.status_code == 400 and set(bad.json()) == {"action", "object_id"}
    export = client.get("/api/audit/entries/export/", {"file_format": "csv", "actor": "officer2"})
    assert export.status_code == 200 and export["Content-Type"] == "text/csv; charset=utf-8"
    assert len(list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))) == 2
    assert client.get("/api/audit/entries/export/", {"file_format": "pdf"}).status_code == 400
