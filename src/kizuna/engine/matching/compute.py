"""The affinity pipeline: encode the descriptions, score every pair in blocks, keep
the best `k` candidates of each seeker and each provider, then assign and explain
(`assign`). Imported on first use of `match_compute`: it needs scipy, which a run
on given scores does not."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from kizuna.engine.affinity import AffinityModel
from kizuna.engine.candidates import candidates_build
from kizuna.engine.matching.assign import (
    PROVIDER,
    SEEKER,
    MatchInput,
    MatchOptions,
    MatchResult,
    Pair,
    _assign,
    _token,
    match_input_check,
)
from kizuna.engine.matching.progress import (
    ENCODING,
    SCORING,
    Progress,
    Tracker,
    never_cancelled,
    no_progress,
)
from kizuna.engine.reference import Reference
from kizuna.engine.retrieval import SENTENCE_FLOORS, SentenceVectors, sentence_vectors_encode
from kizuna.engine.weights import PARTS, AffinityWeights

SCORING_BLOCK = 256  # seekers scored per block (one progress step each)


class _ExplainingModel(AffinityModel):
    """AffinityModel whose single-pair parts come from one vectorised pass over the
    chosen pairs, so reasons in three languages cost no further scoring."""

    _parts_cache: dict[tuple[int, int], dict[str, np.ndarray]] | None = None

    def breakdowns(self, s: np.ndarray, p: np.ndarray) -> list[dict[str, float]]:
        self.evidence_prepare(s, p)  # the proposed pairs' sentences, in one encoder call
        parts = self.parts_edges(s, p) if len(s) else {name: np.zeros(0) for name in PARTS}
        self._parts_cache = {
            (int(a), int(b)): {name: parts[name][i : i + 1] for name in parts}
            for i, (a, b) in enumerate(zip(s, p, strict=True))
        }
        return [{name: round(float(parts[name][i]), 6) for name in PARTS} for i in range(len(s))]

    def parts_edges(self, s, p):
        if self._parts_cache is not None and np.size(s) == 1:
            hit = self._parts_cache.get((int(np.ravel(s)[0]), int(np.ravel(p)[0])))
            if hit is not None:
                return hit
        return super().parts_edges(s, p)

    def evidence_plain(self, s: int, p: int) -> list[dict[str, str | float]]:
        """The pair's evidence as plain data, best first: {seeker_sentence, seeker_language,
        provider_sentence, provider_language, similarity} (SentencePair.as_dict)."""
        return [e.as_dict() for e in self.evidence(s, p)]


def _encode(encoder, texts: list[str], step: Callable[[int, int], None], chunk: int = 256) -> np.ndarray | None:
    if encoder is None:
        return None
    parts = []
    for start in range(0, len(texts), chunk):
        parts.append(np.asarray(encoder.encode(texts[start : start + chunk]), dtype=np.float32))
        step(min(start + chunk, len(texts)), len(texts))
    if not parts:
        return np.zeros((0, int(getattr(encoder, "dim", 1))), dtype=np.float32)
    return np.concatenate(parts, axis=0)


def _encode_sentences(encoder, texts: list[str], step: Callable[[int, int], None],
                      chunk: int = 256) -> SentenceVectors:
    """Sentence vectors of `texts`, in chunks of descriptions (one progress step each)."""
    parts = []
    for start in range(0, len(texts), chunk):
        parts.append(sentence_vectors_encode(encoder, texts[start : start + chunk]))
        step(min(start + chunk, len(texts)), len(texts))
    return SentenceVectors.concatenate(parts) if parts else sentence_vectors_encode(encoder, [])


def match_compute(
    inputs: MatchInput,
    *,
    reference: Reference,
    weights: AffinityWeights | None = None,
    encoder=None,
    options: MatchOptions | None = None,
    locked: Sequence[Pair] = (),
    forbidden: Sequence[Pair] = (),
    previous: Sequence[Pair] = (),
    progress: Progress = no_progress,
    cancelled: Callable[[], bool] = never_cancelled,
) -> MatchResult:
    """Score, assign and explain the pairs of one run.

    Candidates: the best `options.k` providers of each seeker and seekers of each
    provider, plus the locked and previous pairs. `encoder`: anything with
    `encode(texts)` (engine.encoder), or None for no text part. Raises
    MatchCancelled when `cancelled()` turns true, AssignmentInfeasible when no
    assignment meets the constraints. Sentences are encoded only when the weights
    use them (sentences part, industry gate) — then before scoring, for every
    description — or when `options.evidence` asks for the proposed pairs' evidence —
    then after the assignment, for the descriptions of the proposed pairs only."""
    options = options or MatchOptions()
    # pairs that can never be proposed (one organisation with itself, pairs that already
    # exist) score -inf, so that the candidates are taken among the possible ones
    blocked = sorted(match_input_check(inputs, locked=locked, previous=previous) | set(inputs.existing))
    blocked_s = np.array([s for s, _ in blocked], dtype=np.int64)
    blocked_p = np.array([p for _, p in blocked], dtype=np.int64)
    stats: dict = {"seekers": len(inputs.seekers), "providers": len(inputs.providers)}
    track = Tracker(progress, cancelled, stats)
    weights = weights or AffinityWeights()
    if weights.text_floor is None and encoder is not None:  # the model gets vectors, not the encoder
        weights = replace(weights, text_floor=getattr(encoder, "floor", None))
    n_s, n_p = len(inputs.seekers), len(inputs.providers)
    seekers, providers = list(inputs.seekers), list(inputs.providers)
    if inputs.seeker_names is not None and inputs.provider_names is not None:
        seekers = [replace(p, name=_token(SEEKER, i)) for i, p in enumerate(seekers)]
        providers = [replace(p, name=_token(PROVIDER, j)) for j, p in enumerate(providers)]

    track.stage(ENCODING, f"0/{n_s + n_p}")
    texts = [p.description for p in seekers] + [p.description for p in providers]
    with_sentences = encoder is not None and weights.uses_sentences
    total = len(texts) * (2 if with_sentences else 1)  # whole texts, then their sentences
    vectors = _encode(encoder, texts, lambda done, _: track.step(ENCODING, done, total))
    sentences = None
    if with_sentences:
        sentences = _encode_sentences(encoder, texts, lambda done, _: track.step(ENCODING, len(texts) + done, total))
    track.lap(ENCODING)

    track.stage(SCORING, f"0/{n_s}")
    model = _ExplainingModel.from_reference(
        seekers, providers, reference, encoder=None, weights=weights,
        seeker_vectors=None if vectors is None else vectors[:n_s],
        provider_vectors=None if vectors is None else vectors[n_s:],
        seeker_sentences=None if sentences is None else sentences.take(slice(0, n_s)),
        provider_sentences=None if sentences is None else sentences.take(slice(n_s, n_s + n_p)),
        sentence_floor=SENTENCE_FLOORS.get(getattr(encoder, "name", ""), weights.text_floor),
        evidence_encoder=encoder if options.evidence and not with_sentences else None,
    )

    def score_block(rows: slice) -> np.ndarray:
        track.step(SCORING, rows.stop, n_s)
        scores = model.score_block(rows)
        first, last = np.searchsorted(blocked_s, [rows.start, rows.stop])
        if last > first:
            scores = np.array(scores, copy=True)
            scores[blocked_s[first:last] - rows.start, blocked_p[first:last]] = -np.inf
        return scores

    graph = candidates_build(score_block, n_s, n_p, k_seeker=options.k, k_provider=options.k,
                             block=SCORING_BLOCK, rescore=model.score_edges)
    return _assign(inputs, graph.seeker, graph.provider, graph.score, rescore=model.score_edges,
                   breakdowns=model.breakdowns, reasons=model.reasons, options=options, locked=locked,
                   forbidden=forbidden, previous=previous, track=track, scoring=True,
                   evidence=model.evidence_plain if options.evidence else None)


