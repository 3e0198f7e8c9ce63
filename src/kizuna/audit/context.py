"""Who is acting, and from where, for every audit entry written meanwhile.

Pages and the API run inside `AuditMiddleware`, which makes the request current:
an entry's actor is the request's user as it is when the entry is written (so
that the API's own authentication counts), its address the client's (as the
sign-in lockout reads it), and `where` is "page" or "api". Commands and tasks
name their actor with `acting(user, where="cli")`. Entries written with no
context at all (a migration, a shell) have no actor and `where` "system".

Views of contact details are buffered during a request and written in one
statement when its answer is ready (`flush`), so that a list of a hundred pairs
costs one insert, not a hundred.
"""

from __future__ import annotations

import contextlib
import contextvars
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.db.models.signals import pre_save


@dataclass
class AuditContext:
    request: object | None = None
    actor: object | None = None
    where: str = "system"
    pending: list = field(default_factory=list)  # access entries not yet written

    def current_actor(self):
        user = self.actor
        if user is None and self.request is not None:
            user = getattr(self.request, "user", None)
        if user is None or not getattr(user, "is_authenticated", False):
            return None
        return getattr(user, "_wrapped", user)  # a lazy request.user: the user itself

    def remote_addr(self) -> str | None:
        if self.request is None:
            return None
        from axes.helpers import get_client_ip_address

        return get_client_ip_address(self.request) or None

    def path(self) -> str:
        return getattr(self.request, "path", "") if self.request is not None else ""


_context: contextvars.ContextVar[AuditContext | None] = contextvars.ContextVar("kizuna_audit", default=None)


def current() -> AuditContext:
    return _context.get() or AuditContext()


def where_of(request) -> str:
    return "api" if request.path.startswith("/api/") else "page"


@contextlib.contextmanager
def acting(actor, *, where: str = "cli"):
    """Entries written inside are by `actor`, from `where` (a command: "cli")."""
    token = _context.set(AuditContext(actor=actor, where=where))
    try:
        yield
    finally:
        flush()
        _context.reset(token)


@contextlib.contextmanager
def in_request(request):
    token = _context.set(AuditContext(request=request, where=where_of(request)))
    try:
        yield
    finally:
        _context.reset(token)


def fill(entry: LogEntry) -> LogEntry:
    """Give `entry` the actor, address and place of the current context, where unset."""
    ctx = current()
    if entry.actor_id is None:
        actor = ctx.current_actor()
        if actor is not None:
            entry.actor = actor
            entry.actor_email = actor.email or None
    if entry.remote_addr is None:
        entry.remote_addr = ctx.remote_addr()
    data = dict(entry.additional_data or {})
    data.setdefault("where", ctx.where)
    if ctx.path():
        data.setdefault("path", ctx.path())
    entry.additional_data = data
    return entry


def _fill_on_save(sender, instance: LogEntry, **kwargs) -> None:
    if instance._state.adding:
        fill(instance)


def connect() -> None:
    pre_save.connect(_fill_on_save, sender=LogEntry, dispatch_uid="kizuna_audit_fill")


def buffer(entries: list[LogEntry]) -> None:
    """Write `entries` when the request answers (at once outside a request)."""
    ctx = _context.get()
    if ctx is None:
        LogEntry.objects.bulk_create([fill(e) for e in entries])
        return
    ctx.pending.extend(fill(e) for e in entries)


def flush() -> None:
    ctx = _context.get()
    if ctx is not None and ctx.pending:
        pending, ctx.pending = ctx.pending, []
        LogEntry.objects.bulk_create(pending)
