"""What every Big Brother demo must satisfy, shared by the demo tests: the dates of
a programme's activity lie within its phases (and not after today)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kizuna.mentoring.models import (
    CLMVLink,
    LabelledDecision,
    MatchingRound,
    MatchingRun,
    Milestone,
    Notification,
    Outcome,
    Pairing,
    Plan,
    PlanUpdate,
)
from kizuna.programmes.models import Participation, Programme

# model, the path from it to its programme, the dated fields
DATED = (
    (MatchingRound, "programme", ("created", "updated", "published_at")),
    (MatchingRun, "round__programme", ("created", "started", "finished")),
    (Pairing, "round__programme", ("created", "updated", "published_at", "accepted_at")),
    (Plan, "pairing__round__programme", ("created", "updated", "completed_at")),
    (Milestone, "plan__pairing__round__programme", ("due", "done_on")),
    (PlanUpdate, "plan__pairing__round__programme", ("created",)),
    (Outcome, "plan__pairing__round__programme", ("created", "updated")),
    (LabelledDecision, "round__programme", ("created",)),
    (Notification, "pairing__round__programme", ("created", "read_at")),
    (CLMVLink, "programme", ("created", "updated")),
    (Participation, "programme", ("created",)),
)


def programme_period(programme: Programme) -> tuple[dt.date, dt.date]:
    phases = list(programme.phases.all())
    return min(p.starts for p in phases), max(p.ends for p in phases)


def activity_dates(programme: Programme) -> dict[str, list[dt.date]]:
    """Every date of `programme`'s activity, by "Model.field"."""
    out: dict[str, list[dt.date]] = {}
    for model, path, fields in DATED:
        for name in fields:
            values = model.objects.filter(**{path: programme}).exclude(**{f"{name}__isnull": True})
            out[f"{model.__name__}.{name}"] = [
                timezone.localdate(v) if isinstance(v, dt.datetime) else v
                for v in values.values_list(name, flat=True)
            ]
    return out


def dates_outside(programme: Programme, *, today: dt.date) -> dict[str, list]:
    """The activity dates of `programme` outside its phases, or in the future for
    what has happened (everything but due dates); empty when the dates are coherent."""
    first, last = programme_period(programme)
    bad = {}
    for key, days in activity_dates(programme).items():
        latest = last if key == "Milestone.due" else min(last, today)
        wrong = sorted({d for d in days if not first <= d <= latest})
        if wrong:
            bad[key] = wrong[:5]
    return bad
