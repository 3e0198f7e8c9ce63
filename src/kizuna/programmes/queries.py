from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from kizuna.programmes.enums import ParticipationRole
from kizuna.programmes.models import Participation, Programme


@dataclass
class ProgrammeSummary:
    programme: Programme
    counts: list[tuple[str, int]]  # (role label, count) in role order
    total: int


def programme_overview() -> list[ProgrammeSummary]:
    """Every programme with how many organisations take part in each role (two queries)."""
    programmes = list(Programme.objects.order_by("year", "code"))
    rows = Participation.objects.values("programme_id", "role").annotate(n=Count("id"))
    by_programme: dict[int, dict[str, int]] = {}
    for row in rows:
        by_programme.setdefault(row["programme_id"], {})[row["role"]] = row["n"]
    out = []
    for p in programmes:
        counts = by_programme.get(p.pk, {})
        out.append(
            ProgrammeSummary(
                programme=p,
                counts=[(role.label, counts[role.value]) for role in ParticipationRole if counts.get(role.value)],
                total=sum(counts.values()),
            )
        )
    return out


@dataclass
class ProgrammeDetail:
    programme: Programme
    phases: list  # Phase, in order
    agencies: list  # Organisation, by name
    counts: list[tuple[str, str, int]]  # (role value, role label, count) in role order
    total: int


def programme_detail(code: str) -> ProgrammeDetail:
    """One programme with its phases, owning agencies and how many organisations take
    part in each role (four queries); Programme.DoesNotExist if there is none."""
    programme = Programme.objects.get(code=code)
    rows = Participation.objects.filter(programme=programme).values("role").annotate(n=Count("id"))
    counts = {row["role"]: row["n"] for row in rows}
    return ProgrammeDetail(
        programme=programme,
        phases=list(programme.phases.order_by("order")),
        agencies=list(programme.agencies.select_related("country").order_by("name")),
        counts=[(role.value, role.label, counts[role.value]) for role in ParticipationRole if counts.get(role.value)],
        total=sum(counts.values()),
    )
