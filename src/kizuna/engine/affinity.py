"""Affinity of a seeker–provider pair, decomposed into its parts, with reasons.

The score of a pair is a weighted sum of eight parts, each in [0, 1] before weighting
(except the officer boost, which is whatever the officer gave):

- **concepts** — what the seeker needs against what the provider offers: the cosine of
  two vectors over the taxonomy (and free-text technologies), the seeker's needed
  concepts (listed technologies and concepts found in its description) and the
  provider's offered ones, each weighted by its rarity among the providers (IDF); a
  concept found only in the description of a profile that lists others counts
  `described_credit`; a provider's broader, narrower or sibling concept counts
  `broader_credit` of an exact one;
- **text** — cosine of the two descriptions' multilingual sentence vectors, rescaled so
  that `text_floor` and below count 0 and 1 counts 1 (each encoder has its own floor,
  about the cosine of unrelated texts: 0.1 for USE, 0.75 for e5); with `hubness` > 0
  the cosine first loses `hubness` × the mean of the two sides' hub scores (CSLS: the
  mean cosine of each to its `hub_k` nearest on the other side in this round);
- **sentences** — each seeker sentence against its best provider sentence, averaged
  (`retrieval.sentence_block`), rescaled from its own floor (`SENTENCE_FLOORS`);
- **feedback** — pseudo-relevance feedback: the cosine of the provider to the mean
  vector of the seeker's `feedback_top` best providers (by cosine plus concepts),
  rescaled from the text floor;
- **industry** — 1 for the same industry group, `related_industry` when the provider
  offers a concept related to the seeker's group (or the other way round); with
  `industry_gate` > 0 it is multiplied by min(1, need / industry_gate), where need is
  the largest of the concepts, text and sentences parts (unweighted): sharing an
  industry then lifts only a provider whose offer already meets the need;
- **language** — 1 when the two share a working language;
- **geography** — 1 when the provider already serves a country the seeker targets
  (CLMV …), plus `same_area` when both are in the EEC (as `regions` knows its
  provinces) or in the same region, capped at 1;
- **boost** — officers' boosts for given pairs.

Combination rule: every similarity part is first normalised to [0, 1] by its own
floor (the similarity of unrelated texts for that kind of comparison) and 1, so parts
with different spreads become comparable; the total is then the weighted sum
Σ weight_part × part (+ boost), where the industry part has already been gated by the
need (above). Nothing else is combined: no product, no maximum, no learnt
non-linearity, so each part's share of a score is its weighted value in `Breakdown`.

Weights are configuration (`AffinityWeights`, loadable from a dict or JSON, kept with
a round). The defaults — text 0.50, feedback 0.15, concepts 0.05, every other part 0 —
were searched on the development set only (tests/data/eval); the held-out set
(tests/data/eval/heldout) decides only whether a part may weigh at all: a part whose
addition does not raise held-out NDCG@5 is 0 by default (sentences and industry, so
far). `benchmarks/eval_quality.py --choose` prints the search and the ablation;
docs/matching.md the figures. The total equals the sum of `Breakdown`'s parts
exactly; `Breakdown.evidence` holds the sentence pairs that matched best, which the
model computes whenever it was built with `evidence=True`, whatever the sentences
part weighs, or on demand for the pairs asked about with `evidence_encoder` (a run's
proposed pairs). A block computes only the parts that weigh (`score_block`), and
the feedback queries come from the blocks themselves: only hubness makes a separate
population pass. Whole-matrix blocks (`score_block`) feed the candidate graph;
`score_edges` scores given pairs in float64; `reasons` renders the pair's reasons as
whole sentences in th, ja or en.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from kizuna.engine import messages
from kizuna.engine.affinity_messages import LANGUAGE_NAMES, render_list
from kizuna.engine.profiles import Profile
from kizuna.engine.reference import Reference, Regions
from kizuna.engine.retrieval import (
    SENTENCE_FLOORS,
    Population,
    SentencePair,
    SentenceVectors,
    best_sentence_pairs,
    feedback_queries,
    floor_scale,
    population_gather,
    sentence_block,
    sentence_edges,
    sentence_vectors_encode,
    sentence_vectors_from_whole,
)
from kizuna.engine.taxonomy import Countries, IndustryGroups, Taxonomy, phrase_key
from kizuna.engine.text import LANGUAGES, detect_language, normalise
from kizuna.engine.weights import PARTS, AffinityConfigError, AffinityWeights, Breakdown


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
    listed: list[set[int]]  # … of which the profile lists itself (technologies)
    group: list[int]  # industry group column or -1
    languages: list[tuple[str, ...]]
    desc_language: list[str]
    markets: list[list[str]]
    eec: np.ndarray  # bool
    region: list[int]  # region column or -1
    vectors: np.ndarray  # (n, d) float32 unit rows, zero for no text
    sentences: SentenceVectors


class AffinityModel:
    """Features of both sides and the affinity of any pair.

    `encoder`: a TextEncoder, the name of one ("use", "e5"), or None for no text part.
    `seeker_vectors` / `provider_vectors`: precomputed unit vectors instead of encoding;
    `seeker_sentences` / `provider_sentences`: precomputed sentence vectors (without
    them, precomputed whole-text vectors serve as each profile's only sentence).
    `evidence`: encode the descriptions' sentences for `evidence` (and the evidence
    reasons) even when no score part needs them (`sentence_floor`: the sentence part's
    floor when the encoder is not given; None: the encoder's own, SENTENCE_FLOORS); without it, and with neither the
    sentences part nor the industry gate weighed, only whole texts are encoded.
    `evidence_encoder`: evidence on demand instead, for a model without sentence vectors
    of its own: the sentences of a profile are encoded only when a pair's evidence is
    asked for (`evidence_prepare` encodes those of many pairs in one call), so a run
    encodes the sentences of the descriptions in its proposed pairs, not of every
    description it scores.
    `boosts`: {(seeker_id, provider_id): value} from officers.
    `regions`: the provinces and which of them are in the EEC (None: nobody is).
    """

    def __init__(
        self,
        seekers: Sequence[Profile],
        providers: Sequence[Profile],
        *,
        taxonomy: Taxonomy,
        groups: IndustryGroups | None = None,
        countries: Countries | None = None,
        regions: Regions | None = None,
        encoder: object = "use",
        weights: AffinityWeights | None = None,
        boosts: Mapping[tuple[str, str], float] | None = None,
        seeker_vectors: np.ndarray | None = None,
        provider_vectors: np.ndarray | None = None,
        seeker_sentences: SentenceVectors | None = None,
        provider_sentences: SentenceVectors | None = None,
        evidence: bool = False,
        sentence_floor: float | None = None,
        evidence_encoder: object = None,
    ):
        self.taxonomy = taxonomy
        self.groups = groups
        self.countries = countries
        self.regions = regions
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
        self.encodes_sentences = encoder is not None and (evidence or self.weights.uses_sentences)
        floor = self.weights.text_floor
        self.text_floor = float(floor if floor is not None else getattr(encoder, "floor", 0.1))
        self.sentence_floor = (sentence_floor if sentence_floor is not None
                               else SENTENCE_FLOORS.get(getattr(encoder, "name", ""), self.text_floor))
        self.s = self._side(seekers, seeker_vectors, seeker_sentences)
        self.p = self._side(providers, provider_vectors, provider_sentences)
        self._population: Population | None = None
        # evidence on demand: one profile's SentenceVectors per seeker / provider asked about
        self._evidence_encoder = None if seeker_sentences is not None or self.encodes_sentences else evidence_encoder
        self._evidence_s: dict[int, SentenceVectors] = {}
        self._evidence_p: dict[int, SentenceVectors] = {}
        # feedback queries per seeker, gathered by the scoring blocks as they go (no population pass)
        self._feedback: np.ndarray | None = None
        self._feedback_done: np.ndarray | None = None
        self._build_matrices()
        self.boosts: dict[tuple[int, int], float] = {}
        s_pos = {sid: i for i, sid in enumerate(self.seeker_ids)}
        p_pos = {pid: i for i, pid in enumerate(self.provider_ids)}
        for (sid, pid), value in (boosts or {}).items():
            if sid in s_pos and pid in p_pos and value:
                self.boosts[(s_pos[sid], p_pos[pid])] = float(value)

    @classmethod
    def from_reference(cls, seekers: Sequence[Profile], providers: Sequence[Profile], reference: Reference,
                       **options) -> AffinityModel:
        """A model that looks everything up in `reference` (taxonomy, industry groups,
        countries, regions); `options` as for the constructor (encoder, weights …)."""
        return cls(seekers, providers, taxonomy=reference.taxonomy, groups=reference.groups,
                   countries=reference.countries, regions=reference.regions, **options)

    # ---------------------------------------------------------------- features
    def _column(self, key: str, label: str) -> int:
        col = self.columns.get(key)
        if col is None:
            col = self.columns[key] = len(self.column_labels)
            self.column_labels.append(label)
        return col

    def _concepts_of(self, profile: Profile) -> tuple[list[int], set[int]]:
        """Concept columns of a profile, and those among them that it lists itself
        (the rest come from its description)."""
        cols: dict[int, None] = {}
        codes, unknown = resolve_technologies(profile.technologies, self.taxonomy)
        for code in codes:
            cols.setdefault(self.columns[code], None)
        for value in unknown:
            cols.setdefault(self._column("free:" + phrase_key(value), normalise(value)), None)
            for code in self.taxonomy.concepts_in(value):
                cols.setdefault(self.columns[code], None)
        listed = set(cols)
        if profile.description:
            for code in self.taxonomy.concepts_in(profile.description):
                cols.setdefault(self.columns[code], None)
        return list(cols), listed

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

    def _side(self, profiles: Sequence[Profile], vectors: np.ndarray | None,
              sentences: SentenceVectors | None) -> _Side:
        profiles = list(profiles)
        if sentences is None and vectors is None and self.encodes_sentences:
            sentences = sentence_vectors_encode(self.encoder, [p.description for p in profiles])
        concepts = [self._concepts_of(p) for p in profiles]
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
        if sentences is not None and sentences.n != len(profiles):
            raise AffinityConfigError(f"sentence vectors of {sentences.n} profiles given for {len(profiles)} profiles")
        return _Side(
            profiles=profiles,
            direct=[c for c, _ in concepts],
            listed=[listed for _, listed in concepts],
            group=[self._group_of(p.industry_group) for p in profiles],
            languages=langs,
            desc_language=desc_lang,
            markets=[self._markets_of(p) for p in profiles],
            eec=np.array([self.regions is not None and self.regions.in_eec(p.region) for p in profiles], dtype=bool),
            region=[self._region_cols.setdefault(normalise(p.region).lower(), len(self._region_cols)) if p.region else -1 for p in profiles],
            vectors=vectors,
            sentences=sentences if sentences is not None else sentence_vectors_from_whole(vectors),
        )

    def _build_matrices(self) -> None:
        w = self.weights
        ncol = len(self.column_labels)
        tax = self.taxonomy
        # broader, narrower and sibling taxonomy concepts of each concept column
        near: dict[int, set[int]] = {}
        children: dict[str, list[int]] = {}
        for code in tax.codes:
            c = tax.position[code]
            for a in tax.ancestors(code):
                if a in tax.position:
                    near.setdefault(c, set()).add(tax.position[a])
                    near.setdefault(tax.position[a], set()).add(c)
            parent = tax.concepts[code].broader
            if parent:
                children.setdefault(parent, []).append(c)
        for kids in children.values():
            for c in kids:
                near.setdefault(c, set()).update(k for k in kids if k != c)
        self._near = near
        def base(cols: list[int], listed: set[int]) -> dict[int, float]:
            # concepts only found in the description count less when the profile lists some itself
            return {c: 1.0 if (c in listed or not listed) else w.described_credit for c in cols}

        p_rows, p_credit = [], []
        for cols, listed in zip(self.p.direct, self.p.listed, strict=True):
            vals = base(cols, listed)
            for c in cols:
                for n in near.get(c, ()):
                    if vals.get(n, 0.0) < w.broader_credit * vals[c]:
                        vals[n] = w.broader_credit * vals[c]
            p_rows.append(list(vals))
            p_credit.append(list(vals.values()))
        s_credit = [list(base(cols, listed).values()) for cols, listed in zip(self.s.direct, self.s.listed, strict=True)]
        self.offers_direct = _one_hot(self.p.direct, ncol)
        df = np.asarray((self.offers_direct > 0).sum(axis=0)).ravel()
        m = len(self.p.profiles)
        self.idf = np.log((1.0 + m) / (1.0 + df)) + 1.0

        def unit_rows(rows: list[list[int]], credit: list[list[float]] | None) -> sparse.csr_matrix:
            vals = []
            for i, cols in enumerate(rows):
                v = self.idf[cols] * (np.asarray(credit[i]) if credit is not None else 1.0) if cols else np.zeros(0)
                norm = float(np.sqrt((v * v).sum()))
                vals.append(list(v / norm) if norm > 0 else [])
            return _one_hot(rows, ncol, vals)

        # TF-IDF cosine: both sides idf-weighted and of unit length, so a provider
        # offering everything does not match everyone.
        self.offers = unit_rows(p_rows, p_credit)  # n_p × C
        self.needs = unit_rows(self.s.direct, s_credit)  # n_s × C
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
        """Rescale cosines in place: the floor and below → 0, 1 → 1."""
        return floor_scale(cos, self.text_floor)

    def _block_tables(self) -> None:
        """Dense, small tables for the blocked scoring (built once, on first use):
        the block pass then costs two matrix products and a few gathers per block."""
        if getattr(self, "_tables", None) is not None:
            return
        ncol, m = self.offers.shape[1], self.n_providers
        t: dict[str, object] = {}
        # concepts: sparse needs × dense offers while the dense side stays small
        dense = ncol * m <= 32_000_000
        t["offers_T64"] = self.offers.T.toarray() if dense else None
        t["offers_T"] = t["offers_T64"].astype(np.float32) if dense else None
        gs = np.asarray(self.s.group, dtype=np.int64)
        gp = np.asarray(self.p.group, dtype=np.int64)
        ng = max(len(self._group_cols), 1)
        inv = {v: k for k, v in self._group_cols.items()}
        rows = [[self.taxonomy.position[c] for c in (self.groups.related(inv[g]) if self.groups else ()) if c in self.taxonomy.position] for g in range(ng) if g in inv]
        rows += [[] for _ in range(ng - len(rows))]
        related = _one_hot(rows, ncol)  # group × concept
        t["group_offers"] = (related @ self.offers_direct.T).toarray() > 0  # group × provider
        t["needs_group"] = (self.needs_direct @ related.T).toarray() > 0  # seeker × group
        t["gs"], t["gp"] = gs, gp
        t["s_lang"], t["p_lang"] = self.s_lang.toarray().astype(np.float32), self.p_lang.toarray().astype(np.float32)
        t["s_markets"] = self.s_markets.toarray().astype(np.float32)
        t["p_markets"] = self.p_markets.toarray().astype(np.float32)
        t["rs"] = np.asarray(self.s.region, dtype=np.int64)
        t["rp"] = np.asarray(self.p.region, dtype=np.int64)
        self._tables = t

    def _concepts_block(self, rows: np.ndarray | slice, c: np.ndarray | slice) -> np.ndarray:
        t = self._tables
        if t["offers_T"] is not None:
            offers_t = t["offers_T"] if isinstance(c, slice) else t["offers_T"][:, c]
            concepts = np.asarray(self.needs[rows].astype(np.float32) @ offers_t)
        else:
            offers = self.offers if isinstance(c, slice) else self.offers[c]
            concepts = (self.needs[rows] @ offers.T).toarray().astype(np.float32)
        return np.minimum(concepts, 1.0, out=concepts)

    def population(self) -> Population:
        """Hub scores and feedback queries of this round (one blocked pass, on first use).
        Only hubness needs it: without hubness, feedback queries come from the scoring
        blocks themselves (`_feedback_of`)."""
        if self._population is None:
            self._block_tables()
            w = self.weights
            self._population = population_gather(
                self.s.vectors, self.p.vectors, k=int(w.hub_k), top=int(w.feedback_top),
                extra=lambda rows: self._concepts_block(rows, slice(None)))
        return self._population

    def _feedback_keep(self, si: np.ndarray, cos: np.ndarray, concepts: np.ndarray) -> None:
        """Keep the feedback queries of seekers `si` from their whole-text cosines and
        concept parts against every provider (before any rescaling)."""
        if self._feedback is None:
            self._feedback = np.zeros((self.n_seekers, self.p.vectors.shape[1]), dtype=np.float32)
            self._feedback_done = np.zeros(self.n_seekers, dtype=bool)
        self._feedback[si] = feedback_queries(cos + concepts, self.p.vectors, int(self.weights.feedback_top))
        self._feedback_done[si] = True

    def _feedback_of(self, si: np.ndarray) -> np.ndarray:
        """Feedback queries of seekers `si`: from the population pass when hubness made
        one, else those the scoring blocks kept; a seeker no block has scored yet gets its
        own row of scores here (a row's query depends only on that row, so every route
        gives the same vectors)."""
        if self._population is not None:
            return self._population.feedback[si]
        missing = si if self._feedback_done is None else si[~self._feedback_done[si]]
        if len(missing):
            self._block_tables()
            missing = np.unique(missing)
            for start in range(0, len(missing), 512):
                rows = missing[start:start + 512]
                cos = np.asarray(self.s.vectors[rows] @ self.p.vectors.T, dtype=np.float32)
                self._feedback_keep(rows, cos, self._concepts_block(rows, slice(None)))
        return self._feedback[si]

    def _similarities(self, cos: np.ndarray, si: np.ndarray, pj: np.ndarray, *, block: bool) -> dict[str, np.ndarray]:
        """text, sentences and feedback parts (unweighted, normalised) from the whole-text
        cosines `cos` of seekers `si` × providers `pj` (block) or of pairs (si[i], pj[i])."""
        w = self.weights
        if w.hubness:
            pop = self.population()
            hs, hp = pop.hub_seeker[si], pop.hub_provider[pj]
            hub = (hs[:, None] + hp[None, :]) if block else (hs + hp)
            cos -= cos.dtype.type(0.5 * w.hubness) * hub.astype(cos.dtype)
        zeros = np.zeros_like(cos)
        sentences = zeros
        if w.uses_sentences:
            raw = (sentence_block if block else sentence_edges)(self.s.sentences, self.p.sentences, si, pj)
            sentences = floor_scale(raw.astype(cos.dtype), self.sentence_floor)
        feedback = zeros
        if w.feedback:
            q, v = self._feedback_of(si), self.p.vectors[pj]
            raw = (q @ v.T) if block else np.einsum("ij,ij->i", q, v, dtype=np.float64)
            feedback = floor_scale(raw.astype(cos.dtype), self.text_floor)
        return {"text": self._text(cos), "sentences": sentences, "feedback": feedback}

    def _gate(self, industry: np.ndarray, concepts: np.ndarray, sims: dict[str, np.ndarray]) -> np.ndarray:
        """The industry part, lifted only as far as the offer meets the need."""
        gate = self.weights.industry_gate
        if not gate:
            return industry
        need = np.maximum(np.maximum(concepts, sims["text"]), sims["sentences"])
        with np.errstate(over="ignore"):  # a tiny gate: any need counts fully
            return industry * np.minimum(need.astype(np.float64) / gate, 1.0).astype(industry.dtype)

    def parts_block(self, rows: np.ndarray | slice, cols: np.ndarray | None = None, *,
                    only: Collection[str] | None = None) -> dict[str, np.ndarray]:
        """Unweighted parts (float32) for seekers `rows` against every provider, (B, M)
        each — or against providers `cols` only (an index array), (B, len(cols)).
        `only`: compute the industry, language and geography parts only if named there
        (the others always come: the gate and the feedback choice need them)."""
        self._block_tables()
        t = self._tables
        w = self.weights
        c = slice(None) if cols is None else np.asarray(cols, dtype=np.int64)
        concepts = self._concepts_block(rows, c)
        si = np.arange(self.n_seekers)[rows]
        cos = np.asarray(self.s.vectors[rows] @ self.p.vectors[c].T, dtype=np.float32)
        if (w.feedback and cols is None and not w.hubness  # the block holds these seekers' feedback choice
                and (self._feedback_done is None or not self._feedback_done[si].all())):
            self._feedback_keep(si, cos, concepts)
        sims = self._similarities(cos, si, np.arange(self.n_providers)[c], block=True)
        out = {"concepts": concepts, **sims}
        if only is None or "industry" in only:
            out["industry"] = self._industry_block(rows, c, cols is None, concepts, sims)
        if only is None or "language" in only:
            out["language"] = ((t["s_lang"][rows] @ t["p_lang"][c].T) > 0).astype(np.float32)
        if only is None or "geography" in only:
            markets = ((t["s_markets"][rows] @ t["p_markets"][c].T) > 0).astype(np.float32)
            rs, rp = t["rs"][rows], t["rp"][c]
            area = (self.s.eec[rows][:, None] & self.p.eec[c][None, :]) | ((rs[:, None] == rp[None, :]) & (rs[:, None] >= 0))
            out["geography"] = np.minimum(np.float32(1.0), markets + np.float32(w.same_area) * area)
        return out

    def _industry_block(self, rows, c, every_provider: bool, concepts: np.ndarray,
                        sims: dict[str, np.ndarray]) -> np.ndarray:
        t = self._tables
        gs, gp = t["gs"][rows], t["gp"][c]
        same = (gs[:, None] == gp[None, :]) & (gs[:, None] >= 0)
        rel = np.where((gs >= 0)[:, None], (t["group_offers"] if every_provider else t["group_offers"][:, c])[np.maximum(gs, 0)], False)
        rel |= np.where((gp >= 0)[None, :], t["needs_group"][rows][:, np.maximum(gp, 0)], False)
        return self._gate(np.maximum(same, np.float32(self.weights.related_industry) * rel, dtype=np.float32), concepts, sims)

    def score_block(self, rows: np.ndarray | slice, dtype: type = np.float32, *,
                    cols: np.ndarray | None = None) -> np.ndarray:
        """Total affinity of seekers `rows` against every provider, (B, M), or against
        providers `cols` only (an index array), (B, len(cols))."""
        w = self.weights
        # a part that weighs 0 adds nothing: it is not computed (the default weighs no industry,
        # language or geography, and the gated industry part costs a third of a block)
        parts = self.parts_block(rows, cols, only=[name for name in PARTS if getattr(w, name)])
        total = np.zeros(parts["concepts"].shape, dtype=dtype)
        for name, values in parts.items():
            weight = getattr(w, name)
            if weight:
                total += dtype(weight) * values if dtype is np.float32 else weight * values.astype(dtype)
        if self.boosts and w.boost:
            idx = np.arange(self.n_seekers)[rows]
            where = {int(s): i for i, s in enumerate(idx)}
            col_of = None if cols is None else {int(p): j for j, p in enumerate(np.asarray(cols))}
            for (s, p), value in self.boosts.items():
                i = where.get(s)
                j = p if col_of is None else col_of.get(p)
                if i is not None and j is not None:
                    total[i, j] += w.boost * value
        return total

    def _concepts_edges(self, s: np.ndarray, p: np.ndarray) -> np.ndarray:
        """Cosine of needs[s] and offers[p] per edge, in float64, without forming
        sparse row products: each edge gathers the seeker's few needed concepts."""
        needs = self.needs
        counts = np.diff(needs.indptr)[s]
        total = int(counts.sum())
        if total == 0:
            return np.zeros(len(s))
        edge = np.repeat(np.arange(len(s)), counts)
        offset = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        at = needs.indptr[s][edge] + offset
        cols, vals = needs.indices[at], needs.data[at]
        offers_t = self._tables["offers_T64"]
        if offers_t is not None:
            got = offers_t[cols, p[edge]]
        else:
            got = np.asarray(self.offers[p[edge], cols]).ravel()
        return np.bincount(edge, weights=vals * got, minlength=len(s))

    def parts_edges(self, s: np.ndarray, p: np.ndarray) -> dict[str, np.ndarray]:
        """Weighted parts (float64) of the pairs (s[i], p[i])."""
        self._block_tables()
        t = self._tables
        w = self.weights
        s = np.atleast_1d(np.asarray(s, dtype=np.int64))
        p = np.atleast_1d(np.asarray(p, dtype=np.int64))
        concepts = np.minimum(self._concepts_edges(s, p), 1.0)
        cos = np.einsum("ij,ij->i", self.s.vectors[s], self.p.vectors[p], dtype=np.float64) if len(s) else np.zeros(0)
        sims = self._similarities(cos, s, p, block=False)
        gs, gp = t["gs"][s], t["gp"][p]
        same = (gs == gp) & (gs >= 0)
        rel = ((gs >= 0) & t["group_offers"][np.maximum(gs, 0), p]) | ((gp >= 0) & t["needs_group"][s, np.maximum(gp, 0)])
        industry = self._gate(np.maximum(same.astype(np.float64), w.related_industry * rel), concepts, sims)
        language = ((t["s_lang"][s] * t["p_lang"][p]).sum(axis=1) > 0).astype(np.float64)
        markets = ((t["s_markets"][s] * t["p_markets"][p]).sum(axis=1) > 0).astype(np.float64)
        rs, rp = t["rs"][s], t["rp"][p]
        area = (self.s.eec[s] & self.p.eec[p]) | ((rs == rp) & (rs >= 0))
        geography = np.minimum(1.0, markets + w.same_area * area)
        boost = np.zeros(len(s))
        if self.boosts:
            boost = np.array([self.boosts.get((int(a), int(b)), 0.0) for a, b in zip(s, p, strict=True)], dtype=np.float64)
        raw = {"concepts": concepts, **sims, "industry": industry, "language": language,
               "geography": geography, "boost": boost}
        return {name: getattr(w, name) * values for name, values in raw.items()}

    def score_edges(self, s: np.ndarray, p: np.ndarray, *, chunk: int = 65536) -> np.ndarray:
        """Total affinity (float64) of the pairs (s[i], p[i]), in chunks of edges."""
        s = np.atleast_1d(np.asarray(s, dtype=np.int64))
        p = np.atleast_1d(np.asarray(p, dtype=np.int64))
        total = np.zeros(len(s), dtype=np.float64)
        for start in range(0, len(s), chunk):
            parts = self.parts_edges(s[start:start + chunk], p[start:start + chunk])
            for name in PARTS:
                total[start:start + chunk] += parts[name]
        return total

    def breakdown(self, s: int, p: int) -> Breakdown:
        parts = self.parts_edges(np.array([s]), np.array([p]))
        return Breakdown(**{name: float(parts[name][0]) for name in PARTS}, evidence=tuple(self.evidence(s, p)))

    def evidence_prepare(self, s: Sequence[int], p: Sequence[int]) -> None:
        """Encode, in one encoder call, the sentences of seekers `s` and providers `p` not
        encoded yet, for the evidence of pairs among them (a no-op without
        `evidence_encoder`)."""
        if self._evidence_encoder is None:
            return
        need_s = sorted({int(i) for i in np.ravel(s)} - self._evidence_s.keys())
        need_p = sorted({int(j) for j in np.ravel(p)} - self._evidence_p.keys())
        if not need_s and not need_p:
            return
        texts = [self.s.profiles[i].description for i in need_s] + [self.p.profiles[j].description for j in need_p]
        got = sentence_vectors_encode(self._evidence_encoder, texts)
        for k, i in enumerate(need_s):
            self._evidence_s[i] = got.take(slice(k, k + 1))
        for k, j in enumerate(need_p, start=len(need_s)):
            self._evidence_p[j] = got.take(slice(k, k + 1))

    def evidence(self, s: int, p: int, n: int = 2) -> list[SentencePair]:
        """The seeker's `n` sentences that match the provider best, each with the provider's
        sentence closest to it (each in its own language), best first; [] when the model
        has no sentences (no encoder, or whole-text vectors only: see `evidence`)."""
        if self._evidence_encoder is not None:
            self.evidence_prepare([s], [p])
            return best_sentence_pairs(self._evidence_s[int(s)], self._evidence_p[int(p)], 0, 0, n)
        return best_sentence_pairs(self.s.sentences, self.p.sentences, s, p, n)

    # ---------------------------------------------------------------- reasons
    def _label(self, col: int, lang: str) -> str:
        key = self.column_labels[col]
        return self.taxonomy.label(key, lang) if key in self.taxonomy else key

    def _region_name(self, region: str, lang: str) -> str:
        """A region value as the reader names it (a province in the reader's language)."""
        return self.regions.name(region, lang) if self.regions is not None else region

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
        by_rarity = lambda cols: sorted(cols, key=lambda c: (-self.idf[c], c))  # noqa: E731
        # what the seeker lists as needs, and what both only describe
        needed = by_rarity((self.s.listed[s] or needs) & offers)
        common = by_rarity((needs & offers) - set(needed))
        if needed and w.concepts:
            labels = [self._label(c, lang) for c in needed[:3]]
            out.append((parts["concepts"][0], messages.render("affinity.shared_concepts", lang, concepts=render_list(labels, lang), **names)))
        if common and w.concepts:
            labels = [self._label(c, lang) for c in common[:3]]
            out.append((parts["concepts"][0] * 0.5, messages.render("affinity.both_work_on", lang, concepts=render_list(labels, lang))))
        if not needed and not common and parts["concepts"][0] > 0:
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
        elif text_raw >= w.reason_text_related:
            out.append((0.0, messages.render("affinity.text_related", lang)))  # a weak reason: last
        if w.text or w.sentences:
            # the sentence pairs that matched best, quoted each in its own language, after the text reason
            strength = (parts["text"][0] + parts["sentences"][0]) * 0.99
            for pair in self.evidence(s, p):
                if pair.similarity >= w.evidence_min:
                    out.append((strength, messages.render("affinity.evidence", lang, need=pair.seeker_sentence,
                                                          offer=pair.provider_sentence, **names)))
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
                out.append((geo * 0.5, messages.render("affinity.same_region", lang, region=self._region_name(sp.region, lang))))
        if parts["boost"][0] > 0:
            out.append((parts["boost"][0], messages.render("affinity.boost", lang)))
        if not out:
            return [messages.render("affinity.nothing_in_common", lang)]
        out.sort(key=lambda t: -t[0])  # stable: equal weights keep the order above
        return [sentence for _, sentence in out]
