"""Reading the audit log: the officers' search (page, API, export) and the entries
about one person (personal-data export, erasure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kizuna.audit.registry import followed_models

ACTIONS = {
    "create": LogEntry.Action.CREATE,
    "update": LogEntry.Action.UPDATE,
    "delete": LogEntry.Action.DELETE,
    "access": LogEntry.Action.ACCESS,
}
ACTION_LABELS = {
    LogEntry.Action.CREATE: _("created"),
    LogEntry.Action.UPDATE: _("changed"),
    LogEntry.Action.DELETE: _("deleted"),
    LogEntry.Action.ACCESS: _("viewed"),
}


def object_types() -> dict[str, type]:
    """"app_label.model" -> model, for every model the log follows."""
    return {m._meta.label_lower: m for m in followed_models()}


@dataclass(frozen=True)
class EntryFilter:
    actor: str = ""          # part of a user name or e-mail
    object_type: str = ""    # "organisations.contactperson"
    object_id: int | None = None
    object: str = ""         # part of what the object was called
    action: str = ""         # a key of ACTIONS
    since: dt.date | None = None
    until: dt.date | None = None  # inclusive


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def entries_search(f: EntryFilter) -> QuerySet[LogEntry]:
    """The entries matching every given filter, newest first."""
    qs = LogEntry.objects.select_related("actor", "content_type")
    if f.actor:
        qs = qs.filter(Q(actor__username__icontains=f.actor) | Q(actor_email__icontains=f.actor))
    if f.object_type:
        model = object_types()[f.object_type]
        qs = qs.filter(content_type=ContentType.objects.get_for_model(model))
    if f.object_id is not None:
        qs = qs.filter(object_id=f.object_id)
    if f.object:
        qs = qs.filter(object_repr__icontains=f.object)
    if f.action:
        qs = qs.filter(action=ACTIONS[f.action])
    # the first and the last days a date can name bound nothing (and the start of the day
    # after the last, or that of the first in UTC, is no datetime)
    if f.since and f.since > dt.date.min + dt.timedelta(days=1):
        qs = qs.filter(timestamp__gte=_day_start(f.since))
    if f.until and f.until < dt.date.max - dt.timedelta(days=1):
        qs = qs.filter(timestamp__lt=_day_start(f.until + dt.timedelta(days=1)))
    return qs.order_by("-timestamp", "-pk")


def entries_about(instances) -> QuerySet[LogEntry]:
    """Every entry about any of `instances` (model rows of any followed type, and
    contact persons' views), oldest first."""
    query = Q(pk__in=[])
    for obj in instances:
        query |= Q(content_type=ContentType.objects.get_for_model(obj.__class__), object_pk=str(obj.pk))
    return LogEntry.objects.filter(query).select_related("actor", "content_type").order_by("timestamp", "pk")


def entries_by(user) -> QuerySet[LogEntry]:
    """Every entry of what `user` did, oldest first."""
    return LogEntry.objects.filter(actor=user).select_related("actor", "content_type").order_by("timestamp", "pk")


def entry_row(entry: LogEntry) -> dict:
    """One entry as plain data (page, API and export read the same)."""
    data = entry.additional_data or {}
    return {
        "id": entry.pk,
        "timestamp": entry.timestamp,
        "actor": entry.actor.username if entry.actor_id else "",
        "actor_email": entry.actor_email or "",
        "action": next(k for k, v in ACTIONS.items() if v == entry.action),
        "object_type": entry.content_type.app_label + "." + entry.content_type.model,
        "object_id": entry.object_id,
        "object": entry.object_repr,
        "changes": entry.changes_dict if entry.action != LogEntry.Action.ACCESS else {},
        "where": data.get("where", ""),
        "via": data.get("via", ""),
        "path": data.get("path", ""),
        "remote_addr": entry.remote_addr or "",
    }
