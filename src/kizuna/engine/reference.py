"""The reference data that scoring reads, passed in by the caller as one `Reference`.

Taxonomy, industry groups (with the concepts related to each), countries and Thai
provinces (with their region and whether they belong to the Eastern Economic
Corridor) are data that officers edit in the admin. The web side builds a
`Reference` from the database for every run (organisations.reference), so an edit
changes the next run's scores; the command line and the tests build it from the
JSON files shipped in kizuna/data (`reference_shipped`). Nothing in the engine
knows a province or a group by name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kizuna.engine.taxonomy import (
    DATA_DIR,
    Countries,
    IndustryGroups,
    PhraseIndex,
    Taxonomy,
    TaxonomyError,
    _read_json,
    countries_load,
    industry_groups_load,
    label_variants,
    taxonomy_load,
)
from kizuna.engine.text import LANGUAGES

# Names of the corridor itself (not of a province): a region written as "EEC".
EEC_NAMES = ("EEC", "EECi", "Eastern Economic Corridor", "อีอีซี", "ระเบียงเศรษฐกิจพิเศษภาคตะวันออก", "東部経済回廊")
_EEC = "\ue000eec"  # the index value of the corridor's own names (cannot be a province code)
# "チョンブリー県" is also written "チョンブリー"; "จังหวัดชลบุรี" also "ชลบุรี".
_JA_SUFFIX = re.compile(r"(県|都|府)$")
_TH_PREFIX = re.compile(r"^จังหวัด\s*")


@dataclass(frozen=True)
class Province:
    code: str  # ISO 3166-2, "TH-21"
    labels: Mapping[str, str]
    region: str = ""  # "east", "bangkok", …
    eec: bool = False
    synonyms: tuple[str, ...] = ()  # other spellings ("Chon Buri")


def _name_variants(name: str) -> list[str]:
    out = []
    for part in label_variants(name):
        out.append(part)
        for short in (_JA_SUFFIX.sub("", part), _TH_PREFIX.sub("", part)):
            if short and short != part:
                out.append(short)
    return out


class Regions:
    """Provinces by code, and a phrase index that finds them (and the EEC) in a
    region value in any of the three languages."""

    def __init__(self, provinces: Sequence[Province]):
        self.provinces: dict[str, Province] = {p.code: p for p in provinces}
        self._index = PhraseIndex()
        for p in provinces:
            self._index.add(p.code, p.code)
            for name in (*(p.labels.get(lang, "") for lang in LANGUAGES), *p.synonyms):
                for variant in _name_variants(name):
                    self._index.add(variant, p.code)
        for name in EEC_NAMES:
            self._index.add(name, _EEC)

    def __len__(self) -> int:
        return len(self.provinces)

    def province_of(self, text: str) -> str | None:
        """The code of the first province named in `text`, or None."""
        return next((v for v in self._index.find(text or "") if v != _EEC), None)

    def name(self, text: str, lang: str) -> str:
        """`text` (a region value in any language) as a reader of `lang` names it: the
        label in `lang` of the province it names ("Samut Prakan" → "สมุทรปราการ",
        "サムットプラーカーン県"), else the text as written."""
        code = self.province_of(text) if text else None
        if code is None:
            return text or ""
        labels = self.provinces[code].labels
        return labels.get(lang) or labels.get("en") or text

    def region_of(self, text: str) -> str:
        """The region ("east" …) of the province named in `text`, or ""."""
        code = self.province_of(text)
        return self.provinces[code].region if code else ""

    def in_eec(self, text: str) -> bool:
        """Whether a region value or a text names the EEC or one of its provinces."""
        if not text:
            return False
        return any(v == _EEC or self.provinces[v].eec for v in self._index.find(text))


def regions_from_dict(data: Mapping, *, source: str = "provinces") -> Regions:
    rows = data.get("provinces") if isinstance(data, Mapping) else None
    if not isinstance(rows, list):
        raise TaxonomyError(f"{source}: expected an object with a 'provinces' list")
    out = []
    for i, row in enumerate(rows):
        if not isinstance(row, Mapping) or not row.get("code"):
            raise TaxonomyError(f"{source}: province {i + 1} needs a non-empty 'code'")
        out.append(Province(
            code=str(row["code"]),
            labels={k: str(v) for k, v in (row.get("labels") or {}).items() if v},
            region=str(row.get("region") or ""),
            eec=bool(row.get("eec")),
            synonyms=tuple(str(s) for s in row.get("synonyms") or ()),
        ))
    return Regions(out)


@lru_cache(maxsize=4)
def regions_load(path: str | Path | None = None) -> Regions:
    """The provinces from `path` (default: the file shipped in kizuna/data), loaded once."""
    path = Path(path) if path else DATA_DIR / "provinces.json"
    return regions_from_dict(_read_json(path), source=str(path))


@dataclass(frozen=True)
class Reference:
    """Everything scoring looks up: what the engine is given, never what it assumes."""

    taxonomy: Taxonomy
    groups: IndustryGroups
    countries: Countries
    regions: Regions


def reference_shipped() -> Reference:
    """The reference data of the JSON files shipped in kizuna/data (each file is read
    once per process): for the command line, the benchmarks and the tests."""
    return Reference(taxonomy_load(), industry_groups_load(), countries_load(), regions_load())
