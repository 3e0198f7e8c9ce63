"""Which models the audit log follows (django-auditlog), and which of their fields.

Every create, change and delete of these models through `save()`/`delete()` writes
a log entry (who, what, when, the fields before and after) in the same
transaction. Fields that change on every save or hold large derived data are
left out; passwords are never logged."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.apps import apps

# (app label, model, options for auditlog.register)
FOLLOWED: list[tuple[str, str, dict]] = [
    ("organisations", "Organisation", {
        "exclude_fields": ["updated"],
        "m2m_fields": {"technologies_offered", "technologies_needed", "countries_served"},
    }),
    ("organisations", "ContactPerson", {"exclude_fields": ["updated"]}),
    ("organisations", "Consent", {"exclude_fields": ["recorded_at"]}),
    ("mentoring", "MatchingRound", {"exclude_fields": ["updated"]}),
    ("mentoring", "MatchingRun", {"include_fields": [
        "round", "number", "status", "requested_by", "started", "finished", "cancel_requested",
        "settings", "objective", "bound", "gap", "changed",
    ]}),
    ("mentoring", "Pairing", {"exclude_fields": ["updated", "reasons", "breakdown"]}),
    ("mentoring", "Plan", {"exclude_fields": ["updated"], "m2m_fields": {"goals"}}),
    ("mentoring", "Milestone", {"exclude_fields": ["submission_key"]}),
    ("mentoring", "PlanUpdate", {"exclude_fields": ["submission_key"]}),
    ("accounts", "User", {"exclude_fields": ["password", "last_login"]}),
    ("accounts", "ErasureRequest", {}),
]


def followed_models() -> list:
    return [apps.get_model(app, name) for app, name, _ in FOLLOWED]


def audit_register() -> None:
    """Register the followed models with auditlog (once, when the app starts)."""
    for app, name, options in FOLLOWED:
        model = apps.get_model(app, name)
        if not auditlog.contains(model):
            auditlog.register(model, **options)
