"""The shared taxonomy of technologies and industries, and free text mapped onto it.

A concept has a code (``predictive-maintenance``), a broader concept, and labels and
synonyms in Thai, Japanese and English. Free text is mapped onto concepts by phrase
matching on *tokens*, not on raw substrings:

1. every label and synonym is tokenised with the same tokeniser as the text
   (PyThaiNLP for Thai, SudachiPy mode C for Japanese, a word pattern for Latin);
2. a phrase becomes a key by joining its tokens — with a space between two Latin
   tokens and nothing between Thai or Japanese ones — after lower-casing and a light
   English plural folding (``sensors`` → ``sensor``);
3. the text's tokens are scanned with windows of 1…n tokens, each window joined the
   same way and looked up.

So a match must start and end on token boundaries of the text ("AI" never matches
inside "Thailand", "ロボット" not inside a longer compound that Sudachi keeps
whole), while a phrase that the tokeniser cuts differently inside (Thai compounds
split into two or three words) still matches, because only the joined key counts.
Multi-token synonyms ("predictive maintenance", "การบำรุงรักษาเชิงพยากรณ์",
"予知保全") are caught whole. Latin matching is case-insensitive; all text passes
through NFKC first, so full-width ``ＩｏＴ`` is ``IoT``.

The same `PhraseIndex` maps country names (and "CLMV") to ISO codes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kizuna.engine.text import LANGUAGES, normalise, tokenise

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_LATIN_TOKEN = re.compile(r"^[0-9a-z\u00c0-\u024f][0-9a-z\u00c0-\u024f'.\-]*$")
_MAX_WINDOW = 8


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used; the message names the file and the entry."""


def _fold(token: str) -> str:
    token = token.lower()
    if _LATIN_TOKEN.match(token) and len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        if token.endswith("ies") and len(token) > 4:
            return token[:-3] + "y"
        return token[:-1]
    return token


def _join(tokens: Sequence[str]) -> str:
    out: list[str] = []
    prev_latin = False
    for t in tokens:
        latin = bool(_LATIN_TOKEN.match(t))
        if out and latin and prev_latin:
            out.append(" ")
        out.append(t)
        prev_latin = latin
    return "".join(out)


@lru_cache(maxsize=65536)
def _folded_tokens(text: str) -> tuple[str, ...]:
    return tuple(_fold(t) for t in tokenise(text))


def phrase_key(phrase: str) -> str:
    """The lookup key of a phrase: its folded tokens joined as described above."""
    return _join(_folded_tokens(phrase))


_PAREN = re.compile(r"[(（]([^)）]*)[)）]")


def label_variants(label: str) -> list[str]:
    """A label and, for "Enterprise resource planning (ERP)", also "Enterprise
    resource planning" and "ERP": people write either."""
    label = normalise(label)
    if not label:
        return []
    out = [label]
    inner = [m.strip() for m in _PAREN.findall(label) if len(m.strip()) >= 2]
    outer = _PAREN.sub(" ", label).strip()
    if inner and outer:
        out.append(outer)
        out.extend(inner)
    return out


class PhraseIndex:
    """Phrases (in any of the three languages) → values, found in text by token windows."""

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()):
        self._keys: dict[str, list[str]] = {}
        self._max = 1
        for phrase, value in pairs:
            self.add(phrase, value)

    def add(self, phrase: str, value: str) -> None:
        tokens = _folded_tokens(phrase)
        if not tokens:
            return
        key = _join(tokens)
        values = self._keys.setdefault(key, [])
        if value not in values:
            values.append(value)
        self._max = min(_MAX_WINDOW, max(self._max, len(tokens)))

    def lookup(self, phrase: str) -> list[str]:
        """Values whose phrase is exactly `phrase` (after normalisation)."""
        return list(self._keys.get(phrase_key(phrase), ()))

    def find(self, text: str) -> list[str]:
        """Values of every phrase found in `text`, in order of first appearance.

        Where windows overlap, the longest phrase at a start position wins and the
        scan resumes after it, so "predictive maintenance" is not also read as
        "maintenance".
        """
        tokens = _folded_tokens(text or "")
        found: dict[str, None] = {}
        i = 0
        n = len(tokens)
        while i < n:
            best_len, best = 0, None
            for j in range(i + 1, min(n, i + self._max) + 1):
                hit = self._keys.get(_join(tokens[i:j]))
                if hit:
                    best_len, best = j - i, hit
            if best:
                for v in best:
                    found.setdefault(v, None)
                i += best_len
            else:
                i += 1
        return list(found)


@dataclass(frozen=True)
class Concept:
    code: str
    domain: str
    broader: str | None
    labels: Mapping[str, str]
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


class Taxonomy:
    """Concepts by code, their labels, ancestors, and a phrase index over labels and synonyms."""

    def __init__(self, concepts: Sequence[Concept]):
        self.concepts: dict[str, Concept] = {c.code: c for c in concepts}
        self.codes: list[str] = [c.code for c in concepts]
        self.position: dict[str, int] = {c: i for i, c in enumerate(self.codes)}
        self._index: PhraseIndex | None = None

    def __contains__(self, code: object) -> bool:
        return code in self.concepts

    def __len__(self) -> int:
        return len(self.codes)

    def label(self, code: str, lang: str) -> str:
        concept = self.concepts.get(code)
        if concept is None:
            return code
        return concept.labels.get(lang) or concept.labels.get("en") or code

    def ancestors(self, code: str) -> list[str]:
        out: list[str] = []
        seen = {code}
        concept = self.concepts.get(code)
        while concept is not None and concept.broader and concept.broader not in seen:
            out.append(concept.broader)
            seen.add(concept.broader)
            concept = self.concepts.get(concept.broader)
        return out

    @property
    def index(self) -> PhraseIndex:
        if self._index is None:
            index = PhraseIndex()
            for c in self.concepts.values():
                index.add(c.code, c.code)
                index.add(c.code.replace("-", " ").replace("_", " "), c.code)
                for lang in LANGUAGES:
                    for phrase in (c.labels.get(lang, ""), *c.synonyms.get(lang, ())):
                        for part in label_variants(phrase):
                            index.add(part, c.code)
            self._index = index
        return self._index

    def lookup(self, value: str) -> str | None:
        """The concept that `value` names exactly (a code, label or synonym in any
        language), or None."""
        value = normalise(value)
        if value in self.concepts:
            return value
        if value.lower() in self.concepts:
            return value.lower()
        hits = self.index.lookup(value)
        return hits[0] if hits else None

    def concepts_in(self, text: str) -> list[str]:
        """Concepts named anywhere in `text`, in order of first appearance."""
        return self.index.find(text)


def _concept_from(entry: object, where: str) -> Concept:
    if not isinstance(entry, Mapping) or not isinstance(entry.get("code"), str) or not entry["code"]:
        raise TaxonomyError(f"{where}: each concept needs a non-empty 'code'")
    code = entry["code"]
    labels = entry.get("labels") or {}
    if not isinstance(labels, Mapping) or not any(labels.get(lang) for lang in LANGUAGES):
        raise TaxonomyError(f"{where}: concept {code!r} has no label in th, ja or en")
    synonyms = entry.get("synonyms") or {}
    if not isinstance(synonyms, Mapping):
        raise TaxonomyError(f"{where}: concept {code!r}: 'synonyms' must map a language to a list")
    return Concept(
        code=code,
        domain=str(entry.get("domain") or ""),
        broader=entry.get("broader") or None,
        labels={k: str(v) for k, v in labels.items() if v},
        synonyms={k: tuple(str(s) for s in (v or ())) for k, v in synonyms.items()},
    )


def taxonomy_from_dict(data: Mapping, *, source: str = "taxonomy") -> Taxonomy:
    concepts = data.get("concepts") if isinstance(data, Mapping) else None
    if not isinstance(concepts, list):
        raise TaxonomyError(f"{source}: expected an object with a 'concepts' list")
    out = [_concept_from(e, f"{source}: concept {i + 1}") for i, e in enumerate(concepts)]
    seen: set[str] = set()
    for c in out:
        if c.code in seen:
            raise TaxonomyError(f"{source}: concept code {c.code!r} appears twice")
        seen.add(c.code)
    for c in out:
        if c.broader and c.broader not in seen:
            raise TaxonomyError(f"{source}: concept {c.code!r} has unknown broader concept {c.broader!r}")
    return Taxonomy(out)


def _read_json(path: Path) -> Mapping:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TaxonomyError(f"{path}: file not found") from None
    except json.JSONDecodeError as exc:
        raise TaxonomyError(f"{path}: line {exc.lineno}, column {exc.colno}: {exc.msg}") from None


@lru_cache(maxsize=4)
def taxonomy_load(path: str | Path | None = None) -> Taxonomy:
    """The taxonomy from `path` (default: the one shipped in kizuna/data), loaded once."""
    path = Path(path) if path else DATA_DIR / "taxonomy.json"
    return taxonomy_from_dict(_read_json(path), source=str(path))


@dataclass(frozen=True)
class IndustryGroup:
    code: str
    labels: Mapping[str, str]
    related_concepts: tuple[str, ...] = ()


class IndustryGroups:
    def __init__(self, groups: Sequence[IndustryGroup]):
        self.groups = {g.code: g for g in groups}
        self._index = PhraseIndex()
        for g in groups:
            self._index.add(g.code, g.code)
            for text in g.labels.values():
                self._index.add(text, g.code)

    def __contains__(self, code: object) -> bool:
        return code in self.groups

    def label(self, code: str, lang: str) -> str:
        g = self.groups.get(code)
        if g is None:
            return code
        return g.labels.get(lang) or g.labels.get("en") or code

    def lookup(self, value: str) -> str | None:
        value = normalise(value)
        if value in self.groups:
            return value
        hits = self._index.lookup(value)
        return hits[0] if hits else None

    def related(self, code: str) -> tuple[str, ...]:
        g = self.groups.get(code)
        return g.related_concepts if g else ()


def industry_groups_from_dict(data: Mapping, *, source: str = "industry_groups") -> IndustryGroups:
    groups = data.get("groups") if isinstance(data, Mapping) else None
    if not isinstance(groups, list):
        raise TaxonomyError(f"{source}: expected an object with a 'groups' list")
    out = []
    for i, g in enumerate(groups):
        if not isinstance(g, Mapping) or not g.get("code"):
            raise TaxonomyError(f"{source}: group {i + 1} needs a non-empty 'code'")
        out.append(
            IndustryGroup(
                code=str(g["code"]),
                labels={k: str(v) for k, v in (g.get("labels") or {}).items() if v},
                related_concepts=tuple(g.get("related_concepts") or ()),
            )
        )
    return IndustryGroups(out)


@lru_cache(maxsize=4)
def industry_groups_load(path: str | Path | None = None) -> IndustryGroups:
    path = Path(path) if path else DATA_DIR / "industry_groups.json"
    return industry_groups_from_dict(_read_json(path), source=str(path))


# Country groups that people write instead of the countries.
COUNTRY_GROUPS = {"CLMV": ("KH", "LA", "MM", "VN"), "ASEAN": ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN")}
_COUNTRY_GROUP_NAMES = {
    "CLMV": ("CLMV", "กลุ่มประเทศ CLMV", "CLMV諸国"),
    "ASEAN": ("ASEAN", "อาเซียน", "ASEAN諸国", "東南アジア諸国連合"),
}
# Fallback names of the countries the programmes deal with most, used when
# countries.json is not available or lacks labels.
_COUNTRY_NAMES = {
    "TH": ("Thailand", "ไทย", "ประเทศไทย", "タイ"),
    "JP": ("Japan", "ญี่ปุ่น", "ประเทศญี่ปุ่น", "日本"),
    "VN": ("Vietnam", "Viet Nam", "เวียดนาม", "ベトナム"),
    "KH": ("Cambodia", "กัมพูชา", "カンボジア"),
    "LA": ("Laos", "Lao PDR", "ลาว", "สปป.ลาว", "ラオス"),
    "MM": ("Myanmar", "เมียนมา", "พม่า", "ミャンマー"),
    "MY": ("Malaysia", "มาเลเซีย", "マレーシア"),
    "ID": ("Indonesia", "อินโดนีเซีย", "インドネシア"),
    "PH": ("Philippines", "ฟิลิปปินส์", "フィリピン"),
    "SG": ("Singapore", "สิงคโปร์", "シンガポール"),
    "CN": ("China", "จีน", "中国"),
    "IN": ("India", "อินเดีย", "インド"),
    "US": ("United States", "USA", "สหรัฐอเมริกา", "アメリカ", "米国"),
}


class Countries:
    """ISO 3166 codes, names in three languages, and a phrase index to find them in text."""

    def __init__(self, names: Mapping[str, Mapping[str, str]], aliases: Mapping[str, Sequence[str]] = ()):
        self.names = dict(names)
        self._index = PhraseIndex()
        for code, labels in self.names.items():
            for text in labels.values():
                self._index.add(text, code)
        for code, texts in dict(aliases).items():
            for text in texts:
                self._index.add(text, code)
        for group, texts in _COUNTRY_GROUP_NAMES.items():
            for text in texts:
                self._index.add(text, group)

    def name(self, code: str, lang: str) -> str:
        labels = self.names.get(code) or {}
        return labels.get(lang) or labels.get("en") or code

    def _expand(self, values: Iterable[str]) -> list[str]:
        out: dict[str, None] = {}
        for v in values:
            for c in COUNTRY_GROUPS.get(v, (v,)):
                out.setdefault(c, None)
        return list(out)

    def lookup(self, value: str) -> list[str]:
        """ISO codes that `value` names: an ISO code, a country name, or a group (CLMV)."""
        value = normalise(value).strip()
        if value.upper() in COUNTRY_GROUPS:
            return list(COUNTRY_GROUPS[value.upper()])
        if len(value) == 2 and value.isalpha() and value.isascii():
            return [value.upper()]
        return self._expand(self._index.lookup(value))

    def find(self, text: str) -> list[str]:
        return self._expand(self._index.find(text))


def _country_names_from(data: object) -> dict[str, dict[str, str]]:
    rows = data.get("countries") if isinstance(data, Mapping) else data
    names: dict[str, dict[str, str]] = {}
    if isinstance(rows, list):
        for row in rows:
            if isinstance(row, Mapping):
                code = row.get("code") or row.get("iso") or row.get("alpha2")
                labels = row.get("labels") or row.get("names") or {}
                if isinstance(code, str) and isinstance(labels, Mapping):
                    names[code.upper()] = {k: str(v) for k, v in labels.items() if v}
    return names


@lru_cache(maxsize=4)
def countries_load(path: str | Path | None = None) -> Countries:
    """Countries from kizuna/data/countries.json where it exists, with built-in
    names for the programme's own countries as a fallback."""
    path = Path(path) if path else DATA_DIR / "countries.json"
    return countries_build(_country_names_from(_read_json(path)) if path.exists() else {})


def countries_build(names: Mapping[str, Mapping[str, str]]) -> Countries:
    """Countries from code → {language: name} (the file's or the database's rows),
    with the built-in names of the programme's own countries as aliases and as the
    labels a row lacks."""
    from kizuna.engine.text import detect_language

    merged = {code: dict(labels) for code, labels in names.items()}
    for code, texts in _COUNTRY_NAMES.items():
        labels = merged.setdefault(code, {})
        for text in texts:
            labels.setdefault(detect_language(text), text)
    return Countries(merged, aliases=_COUNTRY_NAMES)
