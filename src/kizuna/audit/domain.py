"""Writes to the audit log beyond what django-auditlog records by itself: the
entry of an erasure, and the removal of an erased person's details from older
entries (their history stays: who did what, when; not what they were called)."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

ERASED = "[erased]"


def entries_erase_details(*, obj, fields: set[str], new_repr: str, old_name: str = "",
                          related: list | None = None) -> int:
    """In every entry about `obj`, replace the values of `fields` (before and after)
    with "[erased]", its name with `new_repr` and drop any stored copy of the row;
    in the entries about `related` rows (a contact's consents), replace `old_name` in
    their names. Returns the number of entries changed."""
    changed = 0
    content_type = ContentType.objects.get_for_model(obj.__class__)
    for entry in LogEntry.objects.filter(content_type=content_type, object_pk=str(obj.pk)):
        changes = entry.changes or {}
        for name in fields & set(changes):
            value = changes[name]
            changes[name] = [ERASED, ERASED] if isinstance(value, list) else ERASED
        entry.changes = changes
        entry.changes_text = ""
        entry.serialized_data = None
        entry.object_repr = new_repr
        entry.save(update_fields=["changes", "changes_text", "serialized_data", "object_repr"])
        changed += 1
    for row in related or []:
        ct = ContentType.objects.get_for_model(row.__class__)
        for entry in LogEntry.objects.filter(content_type=ct, object_pk=str(row.pk)):
            if old_name and old_name in entry.object_repr:
                entry.object_repr = entry.object_repr.replace(old_name, new_repr)
                entry.serialized_data = None
                entry.save(update_fields=["object_repr", "serialized_data"])
                changed += 1
    return changed


def actor_email_erase(*, user) -> int:
    """The entries `user` wrote keep them as actor (now anonymised) without their e-mail."""
    return LogEntry.objects.filter(actor=user).exclude(actor_email=None).update(actor_email=None)


def erasure_record(*, obj, fields: list[str], new_values: dict, erasure_request, approved_by) -> LogEntry:
    """The entry that says `obj` was erased, by whom and on whose request."""
    return LogEntry.objects.log_create(
        obj, force_log=True, action=LogEntry.Action.UPDATE,
        changes={name: [ERASED, str(new_values.get(name, ""))] for name in fields},
        actor=approved_by, actor_email=None,
        additional_data={"event": "erasure", "erasure_request": erasure_request.pk,
                         "requested_by": erasure_request.requested_by_id},
    )
