"""Who was shown whose contact details on a pair's page and in the API is in the
audit log (#10): one entry per person shown, with the viewer, the pair, where
and when; nothing when nothing was shown."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.urls import reverse

from kizuna.audit.queries import EntryFilter, entries_search
from kizuna.organisations.models import ContactPerson


def contact(org, name, *, consents=("matching",)):
    person = ContactPerson.objects.create(organisation=org, name=name, email=f"{name.lower()}@example.org")
    for purpose in consents:
        person.consents.create(purpose=purpose, granted=True, source="test")
    return person


def accesses():
    return [(e.actor.username if e.actor else None, e.object_repr, e.additional_data["where"],
             e.additional_data["via"]) for e in entries_search(EntryFilter(action="access")).order_by("pk")]


def test_pair_page_records_each_partner_contact_shown_to_a_company(client, pairing, mentor_org, mentee_org,
                                                                  mentor_rep):
    contact(mentee_org, "Somsri")
    contact(mentee_org, "Hidden", consents=())  # not shown to partners, so not recorded
    contact(mentor_org, "Own")  # the company's own contact: not shown on the partner's side
    client.force_login(mentor_rep)
    response = client.get(reverse("mentoring:pairing", args=[pairing.pk]))
    assert response.status_code == 200 and "Somsri" in response.content.decode()
    assert accesses() == [("tanaka", "Somsri", "page", f"pairing {pairing.pk}")]
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS)
    assert entry.additional_data["path"] == f"/mentoring/pairs/{pairing.pk}/"
    assert entry.remote_addr == "127.0.0.1"
    assert entry.additional_data["organisation_id"] == mentee_org.pk


def test_pair_api_records_contacts_shown_to_an_officer(client, pairing, mentor_org, mentee_org, officer):
    contact(mentor_org, "Kenji")
    contact(mentee_org, "Somsri", consents=())  # officers see every contact: recorded too
    client.force_login(officer)
    response = client.get(f"/api/mentoring/pairings/{pairing.pk}/")
    assert response.status_code == 200
    assert sorted(accesses()) == [("officer1", "Kenji", "api", f"pairing {pairing.pk}"),
                                  ("officer1", "Somsri", "api", f"pairing {pairing.pk}")]


def test_pair_list_api_records_contacts_of_every_pair_in_one_insert(client, pairing, mentor_org, mentee_org,
                                                                   officer, django_assert_max_num_queries):
    contact(mentor_org, "Kenji")
    client.force_login(officer)
    client.get("/api/mentoring/pairings/")
    assert accesses() == [("officer1", "Kenji", "api", f"pairing {pairing.pk}")]


def test_nothing_is_recorded_while_contacts_are_hidden(client, pairing, mentor_org, mentee_org, mentee_rep):
    pairing.status = "published"
    pairing.mentor_response = pairing.mentee_response = "pending"
    pairing.save()
    contact(mentor_org, "Kenji")
    client.force_login(mentee_rep)
    assert client.get(reverse("mentoring:pairing", args=[pairing.pk])).status_code == 200
    assert accesses() == []
