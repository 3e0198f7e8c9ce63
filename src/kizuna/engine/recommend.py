"""The K best providers for each seeker and the K best seekers for each provider.

method="exact": both lists come from one pass of the blocked scoring
(`candidates_build` with k on both sides), so they are exact — the same as sorting the
dense N × M matrix — while memory stays at N·K + M·K edges plus one block; compute is
N·M. method="indexed": `candidates_indexed` scores only the pairs reached through the
concept inverted lists and the text-vector clusters, so compute grows with N·k (recall
against the exact lists is measured in benchmarks/bench_recommend.py). method="auto":
exact up to `AUTO_EXACT_CELLS` pairs (about 2,000 × 2,000, where it is cheap), indexed
above.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kizuna.engine.candidates import CandidateGraph, candidates_build, candidates_indexed

METHODS = ("exact", "indexed", "auto")
AUTO_EXACT_CELLS = 4_000_000


@dataclass(frozen=True)
class RankedPairs:
    """Pairs ranked per owner (the seeker, or the provider), rank 1 the best."""

    seeker: np.ndarray  # int32
    provider: np.ndarray  # int32
    rank: np.ndarray  # int32, from 1
    score: np.ndarray  # float64

    def __len__(self) -> int:
        return len(self.seeker)


@dataclass(frozen=True)
class Recommendations:
    for_seekers: RankedPairs  # grouped by seeker
    for_providers: RankedPairs  # grouped by provider
    graph: CandidateGraph


def rank_per_owner(graph: CandidateGraph, k: int, *, by: str = "seeker") -> RankedPairs:
    """The k best edges of each seeker (by="seeker") or provider (by="provider");
    ties go to the lower index on the other side, so the order is deterministic."""
    owner = graph.seeker if by == "seeker" else graph.provider
    other = graph.provider if by == "seeker" else graph.seeker
    order = np.lexsort((other, -graph.score, owner))
    owner_sorted = owner[order]
    starts = np.r_[0, np.flatnonzero(np.diff(owner_sorted)) + 1] if len(order) else np.zeros(0, dtype=np.int64)
    group_start = np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    rank = np.arange(len(order)) - group_start + 1
    keep = rank <= k
    sel = order[keep]
    return RankedPairs(graph.seeker[sel], graph.provider[sel], rank[keep].astype(np.int32), graph.score[sel])


class RecommendError(ValueError):
    """A recommendation request that cannot be served; the message names the argument."""


def recommend(model, k: int, *, k_provider: int | None = None, block: int | None = None,
              method: str = "auto", index: dict | None = None) -> Recommendations:
    """Top-k providers per seeker and top-k seekers per provider of an AffinityModel
    (or anything with score_block, score_edges, n_seekers and n_providers; "indexed"
    also needs the model's needs/offers matrices and text vectors).

    `method`: "exact", "indexed" or "auto" (see the module text); `index`: keyword
    arguments for `candidates_indexed` (n_clusters, nprobe, posting_cap, seed, stats)."""
    if method not in METHODS:
        raise RecommendError(f"recommend: unknown method {method!r}; use one of {', '.join(METHODS)}")
    kp = k if k_provider is None else k_provider
    if method == "auto":
        method = "exact" if model.n_seekers * model.n_providers <= AUTO_EXACT_CELLS else "indexed"
    if method == "indexed":
        graph = candidates_indexed(model, k_seeker=k, k_provider=kp, **(index or {}))
    else:
        graph = candidates_build(
            model.score_block, model.n_seekers, model.n_providers,
            k_seeker=k, k_provider=kp, block=block, rescore=model.score_edges,
        )
    return Recommendations(rank_per_owner(graph, k, by="seeker"), rank_per_owner(graph, kp, by="provider"), graph)
