"""Profiles of the two sides of a match (seekers: SMEs, startups, papers; providers:
mentors, partners, reviewers) as plain data.

Values are kept as a person wrote them (technologies by code or by label in any
language, or free text); `affinity` resolves them against the taxonomy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kizuna.engine.text import LANGUAGES


@dataclass(frozen=True)
class Profile:
    id: str
    name: str = ""
    country: str = ""  # ISO 3166 alpha-2
    languages: tuple[str, ...] = ()  # working languages (th, ja, en); empty: detected from the description
    industry_group: str = ""  # a code from industry_groups.json, a label, or free text
    technologies: tuple[str, ...] = ()  # codes, labels or free text; needs for a seeker, offers for a provider
    description: str = ""
    region: str = ""  # province or area (EEC)
    markets: tuple[str, ...] = ()  # ISO codes or names: countries served (provider) or targeted (seeker)
    capacity: int | None = None

    @property
    def display_name(self) -> str:
        return self.name or self.id


def split_list(value: str | None) -> tuple[str, ...]:
    """`a; b;c` → ("a", "b", "c"); also accepts commas and the ideographic comma."""
    if not value:
        return ()
    for sep in ("、", "，", ","):
        value = value.replace(sep, ";")
    return tuple(v.strip() for v in value.split(";") if v.strip())


def profile_from_row(row: Mapping[str, object]) -> Profile:
    """A Profile from a mapping of column → cell (missing and empty cells allowed).

    Validation with located messages is the caller's job (the CLI checks each cell);
    this only shapes the values. The industry is read from `industry_group` (a code or
    label) or, when that column is absent or empty, from a free-text `industry`.
    """

    def text(col: str) -> str:
        v = row.get(col)
        return "" if v is None else str(v).strip()

    langs = tuple(v.lower() for v in split_list(text("language")) if v.lower() in LANGUAGES)
    cap = text("capacity")
    return Profile(
        id=text("id"),
        name=text("name"),
        country=text("country").upper(),
        languages=langs,
        industry_group=text("industry_group") or text("industry"),
        technologies=split_list(text("technologies")),
        description=text("description"),
        region=text("region"),
        markets=split_list(text("markets")),
        capacity=int(float(cap)) if cap else None,
    )
