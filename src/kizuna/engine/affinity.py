"""Affinity of a seeker–provider pair, decomposed into its parts, with reasons.

The score of a pair is a weighted sum of six parts, each in [0, 1] before weighting
(except the officer boost, which is whatever the officer gave):

- **concepts** — how much of what the seeker needs the provider offers: the seeker's
  needed concepts (listed technologies and concepts found in its description), each
  weighted by its rarity among the providers (IDF), normalised to sum 1; a concept
  the provider offers counts 1, a broader or narrower one `broader_credit`;
- **text** — cosine of the two descriptions' multilingual sentence vectors, rescaled so
  that `text_floor` and below count 0 and 1 counts 1;
- **industry** — 1 for the same industry group, `related_industry` when the provider
  offers a concept related to the seeker's group (or the other way round);
- **language** — 1 when the two share a working language;
- **geography** — 1 when the provider already serves a country the seeker targets
  (CLMV …), plus `same_area` when both are in the EEC or in the same region, capped at 1;
- **boost** — officers' boosts for given pairs.

Weights are configuration (`AffinityWeights`, loadable from a dict or JSON). The
total equals the sum of `Breakdown`'s parts exactly. Whole-matrix blocks
(`score_block`) feed the candidate graph; `score_edges` scores given pairs in
float64; `reasons` renders the pair's reasons as whole sentences in th, ja or en.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import numpy as np
from scipy import sparse

from kizuna.engine import messages
from kizuna.engine.profiles import Profile
from kizuna.engine.taxonomy import (
    Countries,
    IndustryGroups,
    Taxonomy,
    in_eec,
    phrase_key,
)
from kizuna.engine.text import LANGUAGES, detect_language, normalise

PARTS = ("concepts", "text", "industry", "language", "geography", "boost")


class AffinityConfigError(ValueError):
    """Weights that cannot be used; the message names the key and the value."""


@dataclass(frozen=True)
class AffinityWeights:
    concepts: float = 0.40
    text: float = 0.35
    industry: float = 0.10
    language: float = 0.05
    geography: float = 0.10
    boost: float = 1.0
    text_floor: float = 0.2
    broader_credit: float = 0.5
    related_industry: float = 0.5
    same_area: float = 0.5
    reason_text_min: float = 0.35  # text part (before weighting) above which a reason is given

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> AffinityWeights:
        known = {f.name for f in fields(cls)}
        values: dict[str, float] = {}
        for key, value in data.items():
            if key not in known:
                raise AffinityConfigError(f"unknown affinity weight {key!r}; known: {', '.join(sorted(known))}")
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise AffinityConfigError(f"affinity weight {key!r} must be a finite number, not {value!r}")
            if value < 0:
                raise AffinityConfigError(f"affinity weight {key!r} must not be negative, not {value!r}")
            values[key] = float(value)
        weights = cls(**values)
        if weights.text_floor >= 1:
            raise AffinityConfigError(f"affinity weight 'text_floor' must be below 1, not {weights.text_floor!r}")
        return weights

    @classmethod
    def from_json(cls, path: str | Path) -> AffinityWeights:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise AffinityConfigError(f"{path}: {exc}") from None
        if not isinstance(data, Mapping):
            raise AffinityConfigError(f"{path}: expected an object of weight name → number")
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class Breakdown:
    """The weighted parts of one pair's score; `total` is their sum."""

    concepts: float
    text: float
    industry: float
    language: float
    geography: float
    boost: float

    @property
    def total(self) -> float:
        return self.concepts + self.text + self.industry + self.language + self.geography + self.boost

    def as_dict(self) -> dict[str, float]:
        return {p: getattr(self, p) for p in PARTS} | {"total": self.total}


def resolve_technologies(values: Sequence[str], taxonomy: Taxonomy) -> tuple[list[str], list[str]]:
    """(concept codes, values not in the taxonomy) of a technologies cell."""
    codes: list[str] = []
    unknown: list[str] = []
    for v in values:
        code = taxonomy.lookup(v)
        if code is None:
            unknown.append(v)
        elif code not in codes:
            codes.append(code)
    return codes, unknown


LANGUAGE_NAMES = {
    "th": {"th": "ภาษาไทย", "ja": "タイ語", "en": "Thai"},
    "ja": {"th": "ภาษาญี่ปุ่น", "ja": "日本語", "en": "Japanese"},
    "en": {"th": "ภาษาอังกฤษ", "ja": "英語", "en": "English"},
}

REASONS = messages.register(
    {
        "affinity.shared_concepts": {
            "en": "%(seeker)s needs %(concepts)s, which %(provider)s offers.",
            "th": "%(seeker)s ต้องการ%(concepts)s ซึ่ง %(provider)s มีให้",
            "ja": "%(seeker)sが求める%(concepts)sを%(provider)sが提供しています。",
        },
        "affinity.close_concepts": {
            "en": "%(provider)s offers %(offer)s, close to the %(need)s that %(seeker)s needs.",
            "th": "%(provider)s มี%(offer)s ซึ่งใกล้เคียงกับ%(need)s ที่ %(seeker)s ต้องการ",
            "ja": "%(provider)sは、%(seeker)sが求める%(need)sに近い%(offer)sを提供しています。",
        },
        "affinity.text_same_language": {
            "en": "Their descriptions are close in meaning.",
            "th": "คำอธิบายของทั้งสองฝ่ายมีความหมายใกล้เคียงกัน",
            "ja": "双方の説明文の内容が近いです。",
        },
        "affinity.text_cross_language": {
            "en": "Their descriptions, one in %(lang_a)s and one in %(lang_b)s, are close in meaning.",
            "th": "คำอธิบายของทั้งสองฝ่าย ซึ่งเขียนเป็น%(lang_a)sและ%(lang_b)s มีความหมายใกล้เคียงกัน",
            "ja": "%(lang_a)sと%(lang_b)sで書かれた双方の説明文の内容が近いです。",
        },
        "affinity.same_industry": {
            "en": "Both belong to the %(group)s industry group.",
            "th": "ทั้งสองฝ่ายอยู่ในกลุ่มอุตสาหกรรม%(group)s",
            "ja": "双方とも%(group)sの業種グループに属しています。",
        },
        "affinity.related_industry": {
            "en": "What %(provider)s offers suits the %(group)s industry group of %(seeker)s.",
            "th": "สิ่งที่ %(provider)s มีให้เหมาะกับกลุ่มอุตสาหกรรม%(group)sของ %(seeker)s",
            "ja": "%(provider)sの提供内容は、%(seeker)sの業種グループ（%(group)s）に適しています。",
        },
        "affinity.shared_language": {
            "en": "Both can work in %(language)s.",
            "th": "ทั้งสองฝ่ายสื่อสารเป็น%(language)sได้",
            "ja": "双方とも%(language)sで仕事ができます。",
        },
        "affinity.shared_markets": {
            "en": "%(provider)s already serves %(countries)s, where %(seeker)s plans to do business.",
            "th": "%(provider)s ให้บริการใน%(countries)sอยู่แล้ว ซึ่งเป็นตลาดที่ %(seeker)s วางแผนจะขยายไป",
            "ja": "%(provider)sはすでに%(countries)sで事業を行っており、%(seeker)sもそこへの展開を計画しています。",
        },
        "affinity.both_eec": {
            "en": "Both are located in the Eastern Economic Corridor (EEC).",
            "th": "ทั้งสองฝ่ายตั้งอยู่ในเขตพัฒนาพิเศษภาคตะวันออก (EEC)",
            "ja": "双方とも東部経済回廊（EEC）に拠点があります。",
        },
        "affinity.same_region": {
            "en": "Both are based in %(region)s.",
            "th": "ทั้งสองฝ่ายตั้งอยู่ที่%(region)s",
            "ja": "双方とも%(region)sに拠点があります。",
        },
        "affinity.boost": {
            "en": "A programme officer recommended this pair.",
            "th": "เจ้าหน้าที่โครงการแนะนำคู่นี้",
            "ja": "プログラム担当者がこの組み合わせを推薦しています。",
        },
        "affinity.nothing_in_common": {
            "en": "The two have little in common; the pair is proposed only to use the available places.",
            "th": "ทั้งสองฝ่ายมีจุดร่วมน้อย คู่นี้ถูกเสนอเพื่อใช้ที่ว่างที่มีอยู่เท่านั้น",
            "ja": "双方の共通点は少なく、空き枠を活かすためだけに提案された組み合わせです。",
        },
        # Lists of names (ICU-style list patterns, so no sentence is glued from parts).
        "list.pair": {"en": "%(a)s and %(b)s", "th": "%(a)sและ%(b)s", "ja": "%(a)sと%(b)s"},
        "list.start": {"en": "%(a)s, %(b)s", "th": "%(a)s %(b)s", "ja": "%(a)s、%(b)s"},
        "list.end": {"en": "%(a)s and %(b)s", "th": "%(a)s และ%(b)s", "ja": "%(a)s、%(b)s"},
    }
)


def render_list(items: Sequence[str], lang: str) -> str:
    """"A", "A and B", "A, B and C" in the reader's language."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return messages.render("list.pair", lang, a=items[0], b=items[1])
    head = items[0]
    for item in items[1:-1]:
        head = messages.render("list.start", lang, a=head, b=item)
    return messages.render("list.end", lang, a=head, b=items[-1])


def _one_hot(rows: Sequence[Sequence[int]], ncols: int, values: Sequence[Sequence[float]] | None = None) -> sparse.csr_matrix:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=indptr[1:])
    indices = np.fromiter((c for r in rows for c in r), dtype=np.int64, count=int(indptr[-1]))
    if values is None:
        data = np.ones(len(indices), dtype=np.float64)
    else:
        data = np.fromiter((v for r in values for v in r), dtype=np.float64, count=int(indptr[-1]))
    m = sparse.csr_matrix((data, indices, indptr), shape=(len(rows), max(ncols, 1)))
    m.sum_duplicates()
    return m


@dataclass
class _Side:
    profiles: list[Profile]
    direct: list[list[int]]  # concept columns per profile
    group: list[int]  # industry group column or -1
    languages: list[tuple[str, ...]]
    desc_language: list[str]
    markets: list[list[str]]
    eec: np.ndarray  # bool
    region: list[int]  # region column or -1
    vectors: np.ndarray  # (n, d) float32 unit rows, zero for no text


class AffinityModel:
    """Features of both sides and the affinity of any pair.

    `encoder`: a TextEncoder, the name of one ("use", "e5"), or None for no text part.
    `seeker_vectors` / `provider_vectors`: precomputed unit vectors instead of encoding.
    `boosts`: {(seeker_id, provider_id): value} from officers.
    """

    def __init__(
        self,
        seekers: Sequence[Profile],
        providers: Sequence[Profile],
        *,
        taxonomy: Taxonomy,
        groups: IndustryGroups | None = None,
        countries: Countries | None = None,
        encoder: object = "use",
        weights: AffinityWeights | None = None,
        boosts: Mapping[tuple[str, str], float] | None = None,
        seeker_vectors: np.ndarray | None = None,
        provider_vectors: np.ndarray | None = None,
    ):
        self.taxonomy = taxonomy
        self.groups = groups
        self.countries = countries
        self.weights = weights or AffinityWeights()
        self.seeker_ids = [p.id for p in seekers]
        self.provider_ids = [p.id for p in providers]
        self.columns: dict[str, int] = dict(taxonomy.position)
        self.column_labels: list[str] = list(taxonomy.codes)
        self._group_cols: dict[str, int] = {}
        self._region_cols: dict[str, int] = {}
        if isinstance(encoder, str):
            from kizuna.engine.encoder import encoder_get

            encoder = encoder_get(encoder)
        self.encoder = encoder
        self.s = self._side(seekers, seeker_vectors)
        self.p = self._side(providers, provider_vectors)
        self._build_matrices()
        self.boosts: dict[tuple[int, int], float] = {}
        s_pos = {sid: i for i, sid in enumerate(self.seeker_ids)}
        p_pos = {pid: i for i, pid in enumerate(self.provider_ids)}
        for (sid, pid), value in (boosts or {}).items():
            if sid in s_pos and pid in p_pos and value:
                self.boosts[(s_pos[sid], p_pos[pid])] = float(value)

    # ---------------------------------------------------------------- features
    def _column(self, key: str, label: str) -> int:
        col = self.columns.get(key)
        if col is None:
            col = self.columns[key] = len(self.column_labels)
            self.column_labels.append(label)
        return col

    def _concepts_of(self, profile: Profile) -> list[int]:
        cols: dict[int, None] = {}
        codes, unknown = resolve_technologies(profile.technologies, self.taxonomy)
        for code in codes:
            cols.setdefault(self.columns[code], None)
        for value in unknown:
            cols.setdefault(self._column("free:" + phrase_key(value), normalise(value)), None)
            for code in self.taxonomy.concepts_in(value):
                cols.setdefault(self.columns[code], None)
        if profile.description:
            for code in self.taxonomy.concepts_in(profile.description):
                cols.setdefault(self.columns[code], None)
        return list(cols)

    def _group_of(self, value: str) -> int:
        if not value:
            return -1
        code = self.groups.lookup(value) if self.groups else None
        key = code or "free:" + phrase_key(value)
        return self._group_cols.setdefault(key, len(self._group_cols))

    def _markets_of(self, profile: Profile) -> list[str]:
        out: dict[str, None] = {}
        if self.countries is not None:
            for value in profile.markets:
                for c in self.countries.lookup(value):
                    out.setdefault(c, None)
            if profile.description:
                for c in self.countries.find(profile.description):
                    out.setdefault(c, None)
        else:
            for value in profile.markets:
                out.setdefault(value.upper(), None)
        own = profile.country.upper()
        return [c for c in out if c != own]

    def _side(self, profiles: Sequence[Profile], vectors: np.ndarray | None) -> _Side:
        profiles = list(profiles)
        desc_lang = [detect_language(p.description, default="") for p in profiles]
        langs = [p.languages or ((dl,) if dl else ()) for p, dl in zip(profiles, desc_lang, strict=True)]
        if vectors is None:
            if self.encoder is None:
                vectors = np.zeros((len(profiles), 1), dtype=np.float32)
            else:
                vectors = self.encoder.encode([p.description for p in profiles])
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.shape[0] != len(profiles):
            raise AffinityConfigError(f"{vectors.shape[0]} vectors given for {len(profiles)} profiles")
        return _Side(
            profiles=profiles,
            direct=[self._concepts_of(p) for p in profiles],
            group=[self._group_of(p.industry_group) for p in profiles],
            languages=langs,
            desc_language=desc_lang,
            markets=[self._markets_of(p) for p in profiles],
            eec=np.array([in_eec(p.region) for p in profiles], dtype=bool),
            region=[self._region_cols.setdefault(normalise(p.region).lower(), len(self._region_cols)) if p.region else -1 for p in profiles],
            vectors=vectors,
        )

    def _build_matrices(self) -> None:
        w = self.weights
        ncol = len(self.column_labels)
        tax = self.taxonomy
        # broader and narrower taxonomy concepts of each concept column
        near: dict[int, set[int]] = {}
        for code in tax.codes:
            c = tax.position[code]
            for a in tax.ancestors(code):
                if a in tax.position:
                    near.setdefault(c, set()).add(tax.position[a])
                    near.setdefault(tax.position[a], set()).add(c)
        self._near = near
        p_rows, p_vals = [], []
        for cols in self.p.direct:
            vals = {c: 1.0 for c in cols}
            for c in cols:
                for n in near.get(c, ()):
                    vals.setdefault(n, w.broader_credit)
            p_rows.append(list(vals))
            p_vals.append(list(vals.values()))
        self.offers = _one_hot(p_rows, ncol, p_vals)  # n_p × C, 1 or broader_credit
        self.offers_direct = _one_hot(self.p.direct, ncol)
        df = np.asarray((self.offers > 0).sum(axis=0)).ravel()
        m = len(self.p.profiles)
        self.idf = np.log((1.0 + m) / (1.0 + df)) + 1.0
        s_vals = []
        for cols in self.s.direct:
            weights = self.idf[cols] if cols else np.zeros(0)
            total = weights.sum()
            s_vals.append(list(weights / total) if total > 0 else [])
        self.needs = _one_hot(self.s.direct, ncol, s_vals)  # n_s × C, rows sum to 1
        self.needs_direct = _one_hot(self.s.direct, ncol)
        # industry
        ng = len(self._group_cols)
        self.s_group = _one_hot([[g] if g >= 0 else [] for g in self.s.group], ng)
        self.p_group = _one_hot([[g] if g >= 0 else [] for g in self.p.group], ng)
        inv_groups = {v: k for k, v in self._group_cols.items()}

        def related_cols(g: int) -> list[int]:
            if g < 0 or self.groups is None:
                return []
            return [tax.position[c] for c in self.groups.related(inv_groups[g]) if c in tax.position]

        self.s_related = _one_hot([related_cols(g) for g in self.s.group], ncol)
        self.p_related = _one_hot([related_cols(g) for g in self.p.group], ncol)
        # language and geography
        self.s_lang = _one_hot([[LANGUAGES.index(x) for x in ls] for ls in self.s.languages], 3)
        self.p_lang = _one_hot([[LANGUAGES.index(x) for x in ls] for ls in self.p.languages], 3)
        market_cols: dict[str, int] = {}
        s_m = [[market_cols.setdefault(c, len(market_cols)) for c in ms] for ms in self.s.markets]
        p_m = [[market_cols.setdefault(c, len(market_cols)) for c in ms] for ms in self.p.markets]
        self.s_markets = _one_hot(s_m, len(market_cols))
        self.p_markets = _one_hot(p_m, len(market_cols))
        nr = len(self._region_cols)
        self.s_region = _one_hot([[r] if r >= 0 else [] for r in self.s.region], nr)
        self.p_region = _one_hot([[r] if r >= 0 else [] for r in self.p.region], nr)

    @property
    def n_seekers(self) -> int:
        return len(self.seeker_ids)

    @property
    def n_providers(self) -> int:
        return len(self.provider_ids)

    # ---------------------------------------------------------------- scoring
    def _text(self, cos: np.ndarray) -> np.ndarray:
        floor = self.weights.text_floor
        return np.clip((cos - floor) / (1.0 - floor), 0.0, 1.0)

    def parts_block(self, rows: np.ndarray | slice) -> dict[str, np.ndarray]:
        """Unweighted parts for seekers `rows` against every provider, (B, M) each."""
        w = self.weights
        concepts = (self.needs[rows] @ self.offers.T).toarray()
        np.minimum(concepts, 1.0, out=concepts)
        text = self._text(self.s.vectors[rows] @ self.p.vectors.T)
        same = (self.s_group[rows] @ self.p_group.T).toarray() > 0
        rel = ((self.s_related[rows] @ self.offers_direct.T) + (self.needs_direct[rows] @ self.p_related.T)).toarray() > 0
        industry = np.maximum(same.astype(np.float64), w.related_industry * rel)
        language = ((self.s_lang[rows] @ self.p_lang.T).toarray() > 0).astype(np.float64)
        markets = ((self.s_markets[rows] @ self.p_markets.T).toarray() > 0).astype(np.float64)
        area = np.logical_or(
            self.s.eec[rows][:, None] & self.p.eec[None, :],
            (self.s_region[rows] @ self.p_region.T).toarray() > 0,
        )
        geography = np.minimum(1.0, markets + w.same_area * area)
        return {"concepts": concepts, "text": text, "industry": industry, "language": language, "geography": geography}

    def score_block(self, rows: np.ndarray | slice, dtype: type = np.float32) -> np.ndarray:
        """Total affinity of seekers `rows` against every provider, (B, M)."""
        w = self.weights
        parts = self.parts_block(rows)
        total = np.zeros(parts["concepts"].shape, dtype=dtype)
        for name, values in parts.items():
            weight = getattr(w, name)
            if weight:
                total += (weight * values).astype(dtype, copy=False)
        if self.boosts and w.boost:
            idx = np.arange(self.n_seekers)[rows]
            where = {int(s): i for i, s in enumerate(idx)}
            for (s, p), value in self.boosts.items():
                i = where.get(s)
                if i is not None:
                    total[i, p] += w.boost * value
        return total

    def parts_edges(self, s: np.ndarray, p: np.ndarray) -> dict[str, np.ndarray]:
        """Weighted parts (float64) of the pairs (s[i], p[i])."""
        w = self.weights
        s = np.asarray(s, dtype=np.int64)
        p = np.asarray(p, dtype=np.int64)

        def rowdot(a: sparse.csr_matrix, b: sparse.csr_matrix) -> np.ndarray:
            return np.asarray(a[s].multiply(b[p]).sum(axis=1)).ravel()

        concepts = np.minimum(rowdot(self.needs, self.offers), 1.0)
        cos = np.einsum("ij,ij->i", self.s.vectors[s], self.p.vectors[p], dtype=np.float64) if len(s) else np.zeros(0)
        text = self._text(cos)
        same = rowdot(self.s_group, self.p_group) > 0
        rel = (rowdot(self.s_related, self.offers_direct) + rowdot(self.needs_direct, self.p_related)) > 0
        industry = np.maximum(same.astype(np.float64), w.related_industry * rel)
        language = (rowdot(self.s_lang, self.p_lang) > 0).astype(np.float64)
        markets = (rowdot(self.s_markets, self.p_markets) > 0).astype(np.float64)
        area = (self.s.eec[s] & self.p.eec[p]) | (rowdot(self.s_region, self.p_region) > 0)
        geography = np.minimum(1.0, markets + w.same_area * area)
        boost = np.array([self.boosts.get((int(a), int(b)), 0.0) for a, b in zip(s, p, strict=True)], dtype=np.float64)
        raw = {"concepts": concepts, "text": text, "industry": industry, "language": language,
               "geography": geography, "boost": boost}
        return {name: getattr(w, name) * values for name, values in raw.items()}

    def score_edges(self, s: np.ndarray, p: np.ndarray) -> np.ndarray:
        parts = self.parts_edges(s, p)
        total = np.zeros(len(np.atleast_1d(s)), dtype=np.float64)
        for name in PARTS:
            total = total + parts[name]
        return total

    def breakdown(self, s: int, p: int) -> Breakdown:
        parts = self.parts_edges(np.array([s]), np.array([p]))
        return Breakdown(**{name: float(parts[name][0]) for name in PARTS})

    # ---------------------------------------------------------------- reasons
    def _label(self, col: int, lang: str) -> str:
        key = self.column_labels[col]
        return self.taxonomy.label(key, lang) if key in self.taxonomy else key

    def reasons(self, s: int, p: int, lang: str) -> list[str]:
        """The pair's reasons as whole sentences in `lang`, strongest first."""
        if lang not in LANGUAGES:
            raise messages.MessageError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
        w = self.weights
        parts = self.parts_edges(np.array([s]), np.array([p]))
        sp, pp = self.s.profiles[s], self.p.profiles[p]
        names = {"seeker": sp.display_name, "provider": pp.display_name}
        out: list[tuple[float, str]] = []

        needs = set(self.s.direct[s])
        offers = set(self.p.direct[p])
        shared = sorted(needs & offers, key=lambda c: -self.idf[c])
        if shared and w.concepts:
            labels = [self._label(c, lang) for c in shared[:3]]
            out.append((parts["concepts"][0], messages.render("affinity.shared_concepts", lang, concepts=render_list(labels, lang), **names)))
        elif parts["concepts"][0] > 0:
            for need in sorted(needs, key=lambda c: -self.idf[c]):
                close = [o for o in offers if o in self._near.get(need, ())]
                if close:
                    out.append((parts["concepts"][0], messages.render(
                        "affinity.close_concepts", lang, offer=self._label(close[0], lang),
                        need=self._label(need, lang), **names)))
                    break
        text_raw = parts["text"][0] / w.text if w.text else 0.0
        if text_raw >= w.reason_text_min:
            la, lb = self.s.desc_language[s], self.p.desc_language[p]
            if la and lb and la != lb:
                sentence = messages.render("affinity.text_cross_language", lang,
                                           lang_a=LANGUAGE_NAMES[la][lang], lang_b=LANGUAGE_NAMES[lb][lang])
            else:
                sentence = messages.render("affinity.text_same_language", lang)
            out.append((parts["text"][0], sentence))
        if parts["industry"][0] > 0:
            g = self.s.group[s]
            inv = {v: k for k, v in self._group_cols.items()}
            gkey = inv.get(g, "")
            label = self.groups.label(gkey, lang) if self.groups and gkey in self.groups else gkey.removeprefix("free:")
            if g >= 0 and g == self.p.group[p]:
                out.append((parts["industry"][0], messages.render("affinity.same_industry", lang, group=label)))
            elif g >= 0:
                out.append((parts["industry"][0], messages.render("affinity.related_industry", lang, group=label, **names)))
        if parts["language"][0] > 0:
            common = [x for x in LANGUAGES if x in self.s.languages[s] and x in self.p.languages[p]]
            language = render_list([LANGUAGE_NAMES[x][lang] for x in common], lang)
            out.append((parts["language"][0], messages.render("affinity.shared_language", lang, language=language)))
        if parts["geography"][0] > 0:
            common = [c for c in self.p.markets[p] if c in self.s.markets[s]]
            geo = parts["geography"][0]
            if common:
                names_ = [self.countries.name(c, lang) if self.countries else c for c in common[:4]]
                out.append((geo, messages.render("affinity.shared_markets", lang, countries=render_list(names_, lang), **names)))
            if self.s.eec[s] and self.p.eec[p]:
                out.append((geo * 0.5, messages.render("affinity.both_eec", lang)))
            elif sp.region and normalise(sp.region).lower() == normalise(pp.region).lower():
                out.append((geo * 0.5, messages.render("affinity.same_region", lang, region=sp.region)))
        if parts["boost"][0] > 0:
            out.append((parts["boost"][0], messages.render("affinity.boost", lang)))
        if not out:
            return [messages.render("affinity.nothing_in_common", lang)]
        out.sort(key=lambda t: -t[0])
        return [sentence for _, sentence in out]
