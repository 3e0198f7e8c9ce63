"""Methods from cross-lingual retrieval that `affinity` combines with the whole-text cosine.

- **Sentence-level matching** (`SentenceVectors`, `sentence_block`, `sentence_edges`):
  each seeker sentence against its best provider sentence, averaged over the seeker's
  sentences. A need stated in one sentence of a long description is then not drowned
  by sentences about the seeker's industry and products. A profile without text has
  one zero "sentence" (similarity 0); a profile given only a whole-text vector has
  that vector as its single sentence, so the part equals the whole-text cosine.
- **Hubness reduction** (`Population.hub_*`, CSLS): a provider whose description is
  close to everyone (a "hub") is pulled down by the mean cosine to its `k` nearest
  seekers of the same round, and a seeker likewise by its `k` nearest providers:
  csls = cos − strength · (r_s + r_p) / 2. The round itself is the reference.
- **Pseudo-relevance feedback** (`feedback_queries`, `Population.feedback`): the mean of the vectors of a
  seeker's `top` best providers (by whole-text cosine plus concept overlap) becomes a
  second query; a provider's similarity to it compares provider texts with provider
  texts — mostly in one language, sharper than the cross-language cosine.
- **Evidence** (`best_sentence_pairs`): the sentence pairs that matched best, with
  their cosines, for the reasons shown to people.

Every function is plain numpy on unit float32 vectors; nothing here knows profiles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kizuna.engine.text import detect_language
from kizuna.engine.text import sentences as split_sentences

# Floor of the sentence-level part per encoder: about the median of the mean best
# sentence cosine of unrelated pairs on the development set (a max over sentences sits
# higher than a whole-text cosine).
SENTENCE_FLOORS = {"use": 0.2, "e5": 0.78}


@dataclass(frozen=True)
class SentenceVectors:
    """The sentences of n profiles as one flat matrix: profile i owns rows
    starts[i] : starts[i] + counts[i] (at least one row each)."""

    vectors: np.ndarray  # (rows, d) float32, unit or zero
    starts: np.ndarray  # (n,) int64
    counts: np.ndarray  # (n,) int64, ≥ 1
    texts: tuple[tuple[str, ...], ...]  # the sentences; () for a profile without text

    @property
    def n(self) -> int:
        return len(self.starts)

    def take(self, profiles: slice) -> SentenceVectors:
        """The sentences of a contiguous range of profiles (a slice with step 1)."""
        starts, counts = self.starts[profiles], self.counts[profiles]
        if not len(starts):
            return SentenceVectors(self.vectors[:0], starts, counts, ())
        first, end = int(starts[0]), int(starts[-1] + counts[-1])
        return SentenceVectors(self.vectors[first:end], starts - first, counts, self.texts[profiles])

    @staticmethod
    def concatenate(parts: Sequence[SentenceVectors]) -> SentenceVectors:
        """The profiles of `parts` one after the other, as one SentenceVectors."""
        counts = np.concatenate([x.counts for x in parts])
        starts = np.zeros(len(counts), dtype=np.int64)
        np.cumsum(counts[:-1], out=starts[1:])
        return SentenceVectors(np.concatenate([x.vectors for x in parts], axis=0), starts, counts,
                               tuple(t for x in parts for t in x.texts))

    def rows_of(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(flat sentence rows of profiles idx in order, start of each profile in them)."""
        counts = self.counts[idx]
        offsets = np.zeros(len(idx), dtype=np.int64)
        np.cumsum(counts[:-1], out=offsets[1:])
        rows = np.repeat(self.starts[idx] - offsets, counts) + np.arange(int(counts.sum()))
        return rows, offsets


def sentence_vectors_from_whole(vectors: np.ndarray) -> SentenceVectors:
    """Each profile's whole-text vector as its only sentence."""
    n = len(vectors)
    return SentenceVectors(np.asarray(vectors, dtype=np.float32), np.arange(n, dtype=np.int64),
                           np.ones(n, dtype=np.int64), tuple(() for _ in range(n)))


def sentence_vectors_encode(encoder, texts: Sequence[str]) -> SentenceVectors:
    """Sentence vectors of `texts` through `encoder` (anything with encode(list) → unit
    rows), all sentences in one call so the model batches them."""
    split = [tuple(split_sentences(t)) for t in texts]
    flat = [s for ss in split for s in ss]
    encoded = encoder.encode(flat) if flat else None
    counts = np.array([max(len(ss), 1) for ss in split], dtype=np.int64)
    starts = np.zeros(len(split), dtype=np.int64)
    np.cumsum(counts[:-1], out=starts[1:])
    dim = encoded.shape[1] if encoded is not None else int(getattr(encoder, "dim", 1))
    vectors = np.zeros((int(counts.sum()), dim), dtype=np.float32)
    at = 0
    for i, ss in enumerate(split):
        if ss:
            vectors[starts[i]:starts[i] + len(ss)] = encoded[at:at + len(ss)]
            at += len(ss)
    return SentenceVectors(vectors, starts, counts, tuple(split))


def sentence_block(seekers: SentenceVectors, providers: SentenceVectors,
                   rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """(len(rows), len(cols)) float32: for each seeker, the mean over its sentences of
    the best cosine with any sentence of the provider."""
    s_rows, s_off = seekers.rows_of(rows)
    p_rows, p_off = providers.rows_of(cols)
    sim = seekers.vectors[s_rows] @ providers.vectors[p_rows].T  # seeker sentences × provider sentences
    best = np.maximum.reduceat(sim, p_off, axis=1)  # seeker sentences × providers
    total = np.add.reduceat(best, s_off, axis=0)
    return (total / seekers.counts[rows][:, None]).astype(np.float32)


def sentence_edges(seekers: SentenceVectors, providers: SentenceVectors,
                   s: np.ndarray, p: np.ndarray, *, chunk: int = 200_000) -> np.ndarray:
    """sentence_block for the pairs (s[i], p[i]) only, float64, in chunks of sentence pairs."""
    out = np.zeros(len(s))
    if not len(s):
        return out
    a, b = seekers.counts[s], providers.counts[p]
    if int(a.max()) == 1 and int(b.max()) == 1:  # whole-text vectors only: a plain cosine
        return np.einsum("ij,ij->i", seekers.vectors[seekers.starts[s]], providers.vectors[providers.starts[p]],
                         dtype=np.float64)
    pairs = a * b
    bounds = np.searchsorted(np.cumsum(pairs), np.arange(chunk, int(pairs.sum()) + chunk, chunk), side="right")
    lo = 0
    for hi in np.unique(np.minimum(np.maximum(bounds, 1), len(s))):
        e = np.arange(lo, hi)
        if not len(e):
            continue
        ea, eb = a[e], b[e]
        n_pairs = ea * eb
        edge = np.repeat(np.arange(len(e)), n_pairs)  # local edge of each sentence pair
        k = np.arange(int(n_pairs.sum())) - np.repeat(np.cumsum(n_pairs) - n_pairs, n_pairs)
        i = seekers.starts[s[e]][edge] + k // eb[edge]  # seeker sentence row
        j = providers.starts[p[e]][edge] + k % eb[edge]  # provider sentence row
        cos = np.einsum("ij,ij->i", seekers.vectors[i], providers.vectors[j], dtype=np.float64)
        # best provider sentence per (edge, seeker sentence), then the mean per edge
        group = np.repeat(np.arange(int(ea.sum())), np.repeat(eb, ea))
        best = np.full(int(ea.sum()), -np.inf)
        np.maximum.at(best, group, cos)
        out[e] = np.bincount(np.repeat(np.arange(len(e)), ea), weights=best, minlength=len(e)) / ea
        lo = hi
    return out


@dataclass(frozen=True)
class SentencePair:
    """One piece of evidence: a seeker sentence and the provider sentence closest to it."""

    seeker_sentence: str
    provider_sentence: str
    similarity: float
    seeker_index: int  # position of the sentence in the seeker's description
    provider_index: int
    seeker_language: str = ""  # th, ja or en: the script each sentence is written in
    provider_language: str = ""

    def as_dict(self) -> dict[str, str | float]:
        """Plain data as stored with a proposed pair and served by the API."""
        return {"seeker_sentence": self.seeker_sentence, "seeker_language": self.seeker_language,
                "provider_sentence": self.provider_sentence, "provider_language": self.provider_language,
                "similarity": round(self.similarity, 4)}


def best_sentence_pairs(seekers: SentenceVectors, providers: SentenceVectors, s: int, p: int,
                        n: int = 2) -> list[SentencePair]:
    """The `n` seeker sentences that match the provider best, each with its best provider
    sentence, highest cosine first (distinct seeker sentences); [] without sentences."""
    st, pt = seekers.texts[s], providers.texts[p]
    if not st or not pt:
        return []
    a = seekers.vectors[seekers.starts[s]:seekers.starts[s] + len(st)]
    b = providers.vectors[providers.starts[p]:providers.starts[p] + len(pt)]
    sim = np.asarray(a @ b.T, dtype=np.float64)
    best_j = sim.argmax(axis=1)
    best = sim[np.arange(len(st)), best_j]
    order = np.lexsort((np.arange(len(st)), -best))[:n]
    return [SentencePair(st[i], pt[best_j[i]], float(best[i]), int(i), int(best_j[i]),
                         detect_language(st[i]), detect_language(pt[best_j[i]])) for i in order]


@dataclass(frozen=True)
class Population:
    """Statistics of one round's whole-text cosines, gathered in one blocked pass.

    hub_seeker[i]: mean cosine of seeker i to its k nearest providers; hub_provider[j]
    likewise to its k nearest seekers (CSLS). feedback[i]: the mean vector of seeker
    i's `top` best providers by cosine + concept overlap (pseudo-relevance feedback)."""

    hub_seeker: np.ndarray  # (n_s,) float32
    hub_provider: np.ndarray  # (n_p,) float32
    feedback: np.ndarray  # (n_s, d) float32


def population_gather(seeker_vectors: np.ndarray, provider_vectors: np.ndarray, *, k: int, top: int,
                      extra=None, block: int = 512) -> Population:
    """One pass over seekers × providers in blocks of rows. `extra(rows)`, if given,
    returns a (B, M) float32 score added to the cosine when choosing the feedback
    providers (the concept overlap)."""
    n_s, n_p = len(seeker_vectors), len(provider_vectors)
    d = provider_vectors.shape[1]
    hub_s = np.zeros(n_s, dtype=np.float32)
    feedback = np.zeros((n_s, d), dtype=np.float32)
    if n_s == 0 or n_p == 0:
        return Population(hub_s, np.zeros(n_p, dtype=np.float32), feedback)
    ks, kp, top = min(k, n_p), min(k, n_s), min(top, n_p)
    best_p = np.full((0, n_p), -np.inf, dtype=np.float32)  # running k largest per provider
    for start in range(0, n_s, block):
        rows = slice(start, min(start + block, n_s))
        cos = np.asarray(seeker_vectors[rows] @ provider_vectors.T, dtype=np.float32)
        hub_s[rows] = -np.partition(-cos, ks - 1, axis=1)[:, :ks].mean(axis=1)
        stacked = np.concatenate([best_p, cos], axis=0)
        best_p = -np.partition(-stacked, kp - 1, axis=0)[:kp] if len(stacked) > kp else stacked
        feedback[rows] = feedback_queries(cos if extra is None else cos + extra(rows), provider_vectors, top)
    return Population(hub_s, best_p.mean(axis=0).astype(np.float32), feedback)


def feedback_queries(base: np.ndarray, provider_vectors: np.ndarray, top: int) -> np.ndarray:
    """(B, d) float32: the mean vector of each row's `top` best providers by `base`
    ((B, M) cosine + concept overlap against every provider). The one rule of the
    feedback query, whether one population pass gathers it (`population_gather`) or
    the scoring blocks do as they go (`AffinityModel.parts_block`): a row's query
    depends only on that row's scores, so both give the same vectors."""
    top = min(top, base.shape[1])
    if top == 0:
        return np.zeros((len(base), provider_vectors.shape[1]), dtype=np.float32)
    chosen = np.argpartition(-base, top - 1, axis=1)[:, :top]
    return provider_vectors[chosen].mean(axis=1)


def floor_scale(values: np.ndarray, floor: float) -> np.ndarray:
    """Rescale similarities in place: `floor` and below → 0, 1 → 1 (the normalisation
    applied to every similarity part before the weighted sum)."""
    values -= values.dtype.type(floor)
    values *= values.dtype.type(1.0 / (1.0 - floor))
    return np.clip(values, 0.0, 1.0, out=values)
