"""Views and exports of contact details, recorded in the audit log (PDPA / APPI:
who saw whose contact details, where, when).

Every place that shows or exports contact persons calls `contacts_accessed` once
with the people it shows; one ACCESS entry per person is written (buffered until
the request answers, see kizuna.audit.context).
"""

from __future__ import annotations

from collections.abc import Iterable

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from kizuna.audit import context

ACCESS = LogEntry.Action.ACCESS


def contacts_accessed(*, viewer, people: Iterable, via: str, where: str | None = None) -> int:
    """Record that `viewer` was shown (or exported) the contact details of `people`
    (ContactPerson rows), through `via` (what was open: "pairing 12", "organisation 5",
    "personal-data export"). `where` is "page", "api", "export" or "cli"; by default
    the current request's. Returns the number of entries recorded."""
    people = list(people)
    if not people:
        return 0
    content_type = ContentType.objects.get_for_model(people[0].__class__)
    actor = viewer if getattr(viewer, "is_authenticated", False) else None
    entries = []
    for person in people:
        data = {"via": via, "organisation_id": person.organisation_id}
        if where:
            data["where"] = where
        entries.append(LogEntry(
            content_type=content_type, object_pk=str(person.pk), object_id=person.pk,
            object_repr=str(person), action=ACCESS, changes={}, changes_text="",
            actor=actor, actor_email=(actor.email or None) if actor else None, additional_data=data,
        ))
    context.buffer(entries)
    return len(entries)
