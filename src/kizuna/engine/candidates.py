"""A sparse candidate graph: the best k providers of each seeker and the best k
seekers of each provider, from blocked matrix products.

Seekers are scored in blocks of `block` rows against all providers (memory B × M);
each block gives its rows' top k by `argpartition` and updates a running top k of
every provider's column. Only those N·k + M·k edges are kept, so everything after
the scoring pass (reasons, assignment, storage) grows with N·k, not N·M. Taking
candidates from both sides matters for assignment: with seekers' lists only, a
provider that is nobody's top choice has no edge, and its capacity is stranded.

`candidates_build` scores every pair (compute N·M) and is exact; `candidates_indexed`
(below) scores only the pairs reached through the concept inverted lists and the
clusters of a faiss inverted-file index of the text vectors, so its compute grows with N·k; with every cluster
probed it returns `candidates_build`'s graph.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import sparse


@dataclass(frozen=True)
class CandidateGraph:
    """Edges (seeker[i], provider[i]) with score[i], unique pairs, sorted by seeker
    then by descending score."""

    n_seekers: int
    n_providers: int
    seeker: np.ndarray  # int32[E]
    provider: np.ndarray  # int32[E]
    score: np.ndarray  # float64[E]

    @property
    def n_edges(self) -> int:
        return len(self.seeker)


def block_rows(n_providers: int, *, cells: int = 1 << 23) -> int:
    """Rows per block so that one block has about `cells` scores (32 MiB in float32)."""
    return int(min(4096, max(64, cells // max(n_providers, 1))))


def _top_rows(block: np.ndarray, k: int) -> np.ndarray:
    """Column indices of each row's k largest values (unordered)."""
    m = block.shape[1]
    if k >= m:
        return np.broadcast_to(np.arange(m), block.shape).copy()
    return np.argpartition(-block, k - 1, axis=1)[:, :k]


def candidates_build(
    score_block: Callable[[slice], np.ndarray],
    n_seekers: int,
    n_providers: int,
    *,
    k_seeker: int,
    k_provider: int = 0,
    block: int | None = None,
    rescore: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
) -> CandidateGraph:
    """Top `k_seeker` providers per seeker ∪ top `k_provider` seekers per provider.

    `score_block(rows)` returns the (B, M) scores of seekers `rows` (a slice);
    `rescore(s, p)`, if given, recomputes the kept edges' scores exactly (float64).
    """
    if block is None:
        block = block_rows(n_providers)
    ks = min(k_seeker, n_providers)
    kp = min(k_provider, n_seekers)
    s_parts, p_parts, v_parts = [], [], []
    col_best_val = np.full((kp, n_providers), -np.inf, dtype=np.float64) if kp else None
    col_best_row = np.full((kp, n_providers), -1, dtype=np.int64) if kp else None
    cols = np.arange(n_providers)
    for start in range(0, n_seekers, block):
        stop = min(n_seekers, start + block)
        scores = np.asarray(score_block(slice(start, stop)))
        if ks:
            top = _top_rows(scores, ks)
            rows = np.repeat(np.arange(start, stop), top.shape[1])
            s_parts.append(rows)
            p_parts.append(top.ravel())
            v_parts.append(np.take_along_axis(scores, top, axis=1).ravel())
        if kp:
            b = stop - start
            kb = min(kp, b)
            if kb < b:
                idx = np.argpartition(-scores, kb - 1, axis=0)[:kb]
            else:
                idx = np.broadcast_to(np.arange(b)[:, None], scores.shape).copy()
            vals = scores[idx, cols]
            all_val = np.concatenate([col_best_val, vals], axis=0)
            all_row = np.concatenate([col_best_row, idx + start], axis=0)
            keep = np.argpartition(-all_val, kp - 1, axis=0)[:kp]
            col_best_val = all_val[keep, cols]
            col_best_row = all_row[keep, cols]
    if kp:
        ok = col_best_row >= 0
        s_parts.append(col_best_row[ok])
        p_parts.append(np.broadcast_to(cols, col_best_row.shape)[ok])
        v_parts.append(col_best_val[ok])
    if s_parts:
        s = np.concatenate(s_parts).astype(np.int64)
        p = np.concatenate(p_parts).astype(np.int64)
        v = np.concatenate(v_parts).astype(np.float64)
    else:
        s = p = np.zeros(0, dtype=np.int64)
        v = np.zeros(0)
    key = s * max(n_providers, 1) + p
    key, first = np.unique(key, return_index=True)
    s, p, v = s[first], p[first], v[first]
    if rescore is not None and len(s):
        v = np.asarray(rescore(s, p), dtype=np.float64)
    order = np.lexsort((p, -v, s))
    return CandidateGraph(n_seekers, n_providers, s[order].astype(np.int32), p[order].astype(np.int32), v[order])


def candidates_dense(score_block: Callable[[slice], np.ndarray], n_seekers: int, n_providers: int,
                     *, rescore: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None) -> CandidateGraph:
    """Every pair as an edge (for small problems, and as the reference)."""
    s = np.repeat(np.arange(n_seekers), n_providers)
    p = np.tile(np.arange(n_providers), n_seekers)
    if rescore is not None:
        v = np.asarray(rescore(s, p), dtype=np.float64)
    else:
        v = np.asarray(score_block(slice(0, n_seekers)), dtype=np.float64).ravel()
    order = np.lexsort((p, -v, s))
    return CandidateGraph(n_seekers, n_providers, s[order].astype(np.int32), p[order].astype(np.int32), v[order])


# ------------------------------------------------------------------ indexed candidates
#
# `candidates_build` scores every pair (compute N·M). `candidates_indexed` scores only
# the pairs that can plausibly be among the best, found through two indexes:
#
# - the sparse concept features: a seeker and a provider that share a needed/offered
#   concept (inverted lists of the needs and offers matrices); a list longer than
#   `posting_cap` keeps its best-weighted postings (for the seekers' lists, the
#   providers whose offer weighs most on that concept, and the other way round), so a
#   very common concept does not bring in everybody;
# - an inverted-file index on the text vectors, built with faiss (a maintained
#   library): its spherical k-means gives C ≈ √M clusters of the providers' vectors,
#   its flat inner-product index assigns every vector to a cluster and gives each
#   seeker its `nprobe` nearest centroids (benchmarks/bench_recommend.py measured it
#   against the hand-written k-means it replaces and against the exact graph). For the providers' own lists the
#   seekers' vectors are indexed the same way and each provider probes them.
#
# Each inverted list or cluster is a bucket (seekers × providers) scored as one dense
# sub-block with the model's own blocked scoring, so the float32 scores that choose
# the top k are the same arithmetic as the exact method's; every bucket hands over
# its rows' and columns' top k. Seekers (providers) that end with fewer than k
# distinct candidates are scored against the whole other side. The kept edges are
# rescored with `score_edges` (float64), as `candidates_build` does. Compute is
# Σ |bucket| ≈ N·nprobe·M/C + Σ_concepts |list|·cap: it grows with N·k, not N·M.


@dataclass(frozen=True)
class VectorIndex:
    """Spherical k-means clusters of unit vectors: `centroids` (C, d) unit rows;
    the members of cluster c are `order[starts[c]:starts[c + 1]]`."""

    centroids: np.ndarray
    order: np.ndarray
    starts: np.ndarray

    @property
    def n_clusters(self) -> int:
        return len(self.centroids)

    def members(self, c: int) -> np.ndarray:
        return self.order[self.starts[c]:self.starts[c + 1]]


def vector_index_build(vectors: np.ndarray, *, n_clusters: int | None = None, iterations: int = 20,
                       sample: int | None = None, seed: int = 0) -> VectorIndex:
    """Cluster `vectors` (n, d) into `n_clusters` (default ⌈√n⌉) with faiss's spherical
    k-means (`iterations` rounds on at most `sample` rows, default 256 per cluster),
    then put every row in its nearest centroid (a faiss inner-product search).
    Deterministic for a seed and a number of threads."""
    import faiss  # imported here: only the indexed method needs it

    x = np.ascontiguousarray(vectors, dtype=np.float32)
    n = len(x)
    if n == 0:
        return VectorIndex(np.zeros((0, x.shape[1] if x.ndim == 2 else 1), dtype=np.float32),
                           np.zeros(0, dtype=np.int64), np.zeros(1, dtype=np.int64))
    c = max(1, int(min(n, n_clusters if n_clusters is not None else math.ceil(math.sqrt(n)))))
    per_centroid = max(1, (sample if sample is not None else 256 * c) // c)
    kmeans = faiss.Kmeans(x.shape[1], c, niter=iterations, spherical=True, seed=seed + 1,
                          max_points_per_centroid=per_centroid, min_points_per_centroid=1)
    kmeans.train(x)
    centroids = np.ascontiguousarray(kmeans.centroids, dtype=np.float32)
    assign = _nearest(centroids, x, 1)[:, 0]
    order = np.argsort(assign, kind="stable")
    starts = np.searchsorted(assign[order], np.arange(c + 1))
    return VectorIndex(centroids, order, starts)


def _nearest(centroids: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    """(Q, k) indices of each query's k nearest centroids by inner product (faiss flat index)."""
    import faiss

    flat = faiss.IndexFlatIP(centroids.shape[1])
    flat.add(centroids)
    _, idx = flat.search(np.ascontiguousarray(queries, dtype=np.float32), k)
    return idx.astype(np.int64)


def vector_index_probe(index: VectorIndex, queries: np.ndarray, nprobe: int) -> np.ndarray:
    """(Q, nprobe) clusters nearest to each query (all of them when nprobe ≥ C)."""
    c = index.n_clusters
    q = np.asarray(queries, dtype=np.float32)
    if nprobe >= c:
        return np.broadcast_to(np.arange(c), (len(q), c)).copy()
    return _nearest(index.centroids, q, nprobe)


def _groups_of(probes: np.ndarray, n_groups: int) -> list[np.ndarray]:
    """For each group g, the (sorted) queries whose probe list holds g."""
    q = np.repeat(np.arange(len(probes)), probes.shape[1])
    g = probes.ravel()
    order = np.lexsort((q, g))
    starts = np.searchsorted(g[order], np.arange(n_groups + 1))
    return [q[order[starts[i]:starts[i + 1]]] for i in range(n_groups)]


def _posting_buckets(needs: sparse.csr_matrix, offers: sparse.csr_matrix, cap: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Buckets from the concept inverted lists: for every concept with both a seeker
    and a provider, (its seekers × its `cap` best-weighted providers) and (its `cap`
    best-weighted seekers × its providers) — one bucket when both lists are short."""
    s_lists = needs.T.tocsr()
    p_lists = offers.T.tocsr()
    n_cols = min(s_lists.shape[0], p_lists.shape[0])

    def best(lists: sparse.csr_matrix, col: int) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = lists.indptr[col], lists.indptr[col + 1]
        idx, w = lists.indices[lo:hi], lists.data[lo:hi]
        keep = idx[w > 0]
        if len(keep) <= cap:
            return np.sort(keep), np.sort(keep)
        w = w[w > 0]
        top = np.lexsort((keep, -w))[:cap]  # heaviest first, ties to the lower index
        return np.sort(keep), np.sort(keep[top])

    buckets = []
    for col in range(n_cols):
        s_all, s_top = best(s_lists, col)
        p_all, p_top = best(p_lists, col)
        if not len(s_all) or not len(p_all):
            continue
        if len(s_all) == len(s_top) and len(p_all) == len(p_top):
            buckets.append((s_all, p_all))
        else:
            buckets.append((s_all, p_top))
            buckets.append((s_top, p_all))
    return buckets


def _bucket_edges(model, rows: np.ndarray, cols: np.ndarray, ks: int, kp: int, cells: int,
                  out_s: list, out_p: list) -> int:
    """Score bucket rows × cols in row chunks; append each row's top ks to `out_s` and
    each column's top kp (per chunk) to `out_p` as (seeker, provider, float32 score).
    Returns the cells scored."""
    if not len(rows) or not len(cols):
        return 0
    step = max(1, cells // max(len(cols), 1))
    for start in range(0, len(rows), step):
        r = rows[start:start + step]
        scores = np.asarray(model.score_block(r, cols=cols), dtype=np.float32)
        if ks:
            top = _top_rows(scores, min(ks, len(cols)))
            out_s.append((np.repeat(r, top.shape[1]), cols[top.ravel()], np.take_along_axis(scores, top, axis=1).ravel()))
        if kp:
            kb = min(kp, len(r))
            if kb < len(r):
                idx = np.argpartition(-scores, kb - 1, axis=0)[:kb]
            else:
                idx = np.broadcast_to(np.arange(len(r))[:, None], scores.shape)
            out_p.append((r[idx.ravel()], np.broadcast_to(cols, idx.shape).ravel(),
                          np.take_along_axis(scores, idx, axis=0).ravel()))
    return len(rows) * len(cols)


def _descending_key(score: np.ndarray) -> np.ndarray:
    """uint32 keys whose ascending order is `score`'s (float32) descending order."""
    bits = np.ascontiguousarray(score, dtype=np.float32).view(np.uint32)
    ascending = np.where(bits >> 31 == 1, ~bits, bits | np.uint32(1 << 31))
    return (~ascending).astype(np.int64)


def _top_per_owner(owner: np.ndarray, score: np.ndarray, k: int) -> np.ndarray:
    """Positions of each owner's k best edges; equal scores keep the input order
    (one stable sort of owner·2³² + descending score key)."""
    key = (owner.astype(np.int64) << 32) | _descending_key(score)
    order = np.argsort(key, kind="stable")
    o = owner[order]
    starts = np.r_[0, np.flatnonzero(np.diff(o)) + 1] if len(o) else np.zeros(0, dtype=np.int64)
    rank = np.arange(len(o)) - np.repeat(starts, np.diff(np.r_[starts, len(o)]))
    return order[rank < k]


def _owners(rng: slice | None, n: int) -> np.ndarray:
    return np.arange(n) if rng is None else np.arange(n)[rng]


def _inside(values: np.ndarray, owners: np.ndarray, n: int) -> np.ndarray:
    if len(owners) == n:
        return values
    mask = np.zeros(n, dtype=bool)
    mask[owners] = True
    return values[mask[values]]


@dataclass(frozen=True)
class CandidateChunk:
    """A chunk's share of a candidate graph, for `candidates_merge`: `for_seekers` holds
    the complete lists of the chunk's seekers; `for_providers` candidates for the
    providers' lists (an indexed chunk's complete lists of its providers, or an exact
    chunk's best seekers of every provider among its own rows). Scores are float64."""

    for_seekers: CandidateGraph
    for_providers: CandidateGraph


def candidates_indexed(
    model,
    *,
    k_seeker: int,
    k_provider: int = 0,
    n_clusters: int | None = None,
    nprobe: int | None = None,
    posting_cap: int = 64,
    iterations: int = 20,
    seed: int = 0,
    cells: int = 1 << 22,
    stats: dict | None = None,
    index_build: Callable[..., VectorIndex] | None = None,
) -> CandidateGraph:
    """Top `k_seeker` providers per seeker ∪ top `k_provider` seekers per provider of
    an AffinityModel, scoring only the pairs reached through the concept inverted lists
    and the text-vector clusters (see above), with `n_clusters` (default ⌈√side⌉) per
    side and `nprobe` probed clusters (default max(4, ⌈C/32⌉)). With nprobe ≥ C every pair is
    scored and the result has `candidates_build`'s scores. `stats`, if given, receives the
    counts (cells scored, buckets, seekers and providers that fell back to exact);
    `index_build` replaces `vector_index_build` (the benchmark passes its reference)."""
    chunk = _indexed_lists(model, k_seeker=k_seeker, k_provider=k_provider, n_clusters=n_clusters, nprobe=nprobe,
                           posting_cap=posting_cap, iterations=iterations, seed=seed, cells=cells, stats=stats,
                           index_build=index_build)
    return _union([chunk.for_seekers, chunk.for_providers], model.n_seekers, model.n_providers)


def _indexed_lists(model, *, k_seeker: int, k_provider: int, n_clusters: int | None, nprobe: int | None,
                   posting_cap: int, iterations: int, seed: int, cells: int, stats: dict | None,
                   index_build: Callable[..., VectorIndex] | None, seekers: slice | None = None,
                   providers: slice | None = None) -> CandidateChunk:
    """The lists of `seekers` and of `providers` (all when None). A seeker's candidates
    depend on that seeker alone (its probed clusters, its concepts' lists, its boosts),
    and a provider's on that provider alone, so lists computed in chunks are the lists
    computed at once."""
    n_s, n_p = model.n_seekers, model.n_providers
    ks, kp = min(k_seeker, n_p), min(k_provider, n_s)
    own_s, own_p = _owners(seekers, n_s), _owners(providers, n_p)
    clock = [time.perf_counter()]
    phases: dict[str, float] = {}

    def lap(name: str) -> None:
        now = time.perf_counter()
        phases[name] = phases.get(name, 0.0) + now - clock[0]
        clock[0] = now

    edges_s: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    edges_p: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    scored = 0
    # (rows, cols, k for the rows' lists, k for the columns' lists)
    buckets: list[tuple[np.ndarray, np.ndarray, int, int]] = []
    if n_s and n_p and (ks or kp):
        build = index_build or vector_index_build
        # text: the chunk's seekers probe the providers' clusters (for their own lists),
        # the chunk's providers probe the seekers' clusters (for theirs)
        for k, side_vectors, queries_of, seeker_side in ((ks, model.p.vectors, own_s, True),
                                                         (kp, model.s.vectors, own_p, False)):
            if not k or not len(queries_of):
                continue
            index = _index_of(model, "p" if seeker_side else "s", side_vectors, build, n_clusters=n_clusters,
                              iterations=iterations, seed=seed)
            probe = nprobe if nprobe is not None else max(4, math.ceil(index.n_clusters / 32))
            other = model.s.vectors if seeker_side else model.p.vectors
            groups = _groups_of(vector_index_probe(index, other[queries_of], probe), index.n_clusters)
            for c, queries in enumerate(groups):
                members = index.members(c)
                if len(queries) and len(members):
                    q = queries_of[queries]
                    buckets.append((q, members, ks, 0) if seeker_side else (members, q, 0, kp))
        # concepts: the inverted lists of needs and offers
        for rows, cols in _posting_buckets(model.needs, model.offers, posting_cap):
            mine_s, mine_p = _inside(rows, own_s, n_s), _inside(cols, own_p, n_p)
            if len(mine_s) == len(rows) and len(mine_p) == len(cols):
                buckets.append((rows, cols, ks, kp))
            else:
                buckets += [(mine_s, cols, ks, 0), (rows, mine_p, 0, kp)]
    lap("index")
    for rows, cols, k_rows, k_cols in buckets:
        scored += _bucket_edges(model, rows, cols, k_rows, k_cols, cells, edges_s, edges_p)
    lap("buckets")
    # officers' boosts: always candidates
    boosts = getattr(model, "boosts", None) or {}
    if boosts and getattr(model.weights, "boost", 0):
        bs = np.array([s for s, _ in boosts], dtype=np.int64)
        bp = np.array([p for _, p in boosts], dtype=np.int64)
        boosted = (bs, bp, model.score_edges(bs, bp).astype(np.float32))
        edges_s.append(boosted)
        edges_p.append(boosted)
    s1, p1, v1 = _merge(edges_s, n_p)
    s2, p2, v2 = _merge(edges_p, n_p)
    lap("merge")
    # fall back to the whole other side where a list has too few candidates
    few_s = own_s[np.bincount(s1, minlength=n_s)[own_s] < ks] if ks else np.zeros(0, dtype=np.int64)
    few_p = own_p[np.bincount(p2, minlength=n_p)[own_p] < kp] if kp else np.zeros(0, dtype=np.int64)
    extra_s: list = [(s1, p1, v1)]
    extra_p: list = [(s2, p2, v2)]
    scored += _bucket_edges(model, few_s, np.arange(n_p), ks, 0, cells, extra_s, extra_p)
    scored += _bucket_edges(model, np.arange(n_s), few_p, 0, kp, cells, extra_s, extra_p)
    if len(extra_s) > 1:
        s1, p1, v1 = _merge(extra_s, n_p)
    if len(extra_p) > 1:
        s2, p2, v2 = _merge(extra_p, n_p)
    lap("fallback")
    # _merge leaves the edges sorted by (seeker, provider): stable sorts break ties
    # to the lower index on the other side
    mine = np.isin(s1, own_s)
    sel_s = _top_per_owner(s1[mine], v1[mine], ks) if ks else np.zeros(0, dtype=np.int64)
    s1, p1 = s1[mine][sel_s], p1[mine][sel_s]
    mine = np.isin(p2, own_p)
    sel_p = _top_per_owner(p2[mine], v2[mine], kp) if kp else np.zeros(0, dtype=np.int64)
    s2, p2 = s2[mine][sel_p], p2[mine][sel_p]
    lap("select")
    out = CandidateChunk(_graph(model, s1, p1), _graph(model, s2, p2))
    lap("rescore")
    if stats is not None:
        stats.update(cells=scored, buckets=len(buckets), fallback_seekers=len(few_s),
                     fallback_providers=len(few_p), merged=len(v1) + len(v2),
                     edges=out.for_seekers.n_edges + out.for_providers.n_edges, seconds=phases)
    return out


def _index_of(model, side: str, vectors: np.ndarray, build: Callable[..., VectorIndex], **options) -> VectorIndex:
    """The index of one side's vectors, built once per model and options (the chunks
    of one job that run in the same process share it)."""
    cache = model.__dict__.setdefault("_vector_indexes", {}) if hasattr(model, "__dict__") else {}
    key = (side, build, tuple(sorted(options.items())))
    if key not in cache:
        cache[key] = build(vectors, **options)
    return cache[key]


def _graph(model, s: np.ndarray, p: np.ndarray) -> CandidateGraph:
    """The edges (s, p), rescored exactly (float64) and sorted."""
    score = np.asarray(model.score_edges(s, p), dtype=np.float64) if len(s) else np.zeros(0)
    order = np.lexsort((p, -score, s))
    return CandidateGraph(model.n_seekers, model.n_providers, s[order].astype(np.int32), p[order].astype(np.int32),
                          score[order])


def _union(graphs: list[CandidateGraph], n_seekers: int, n_providers: int) -> CandidateGraph:
    """Every edge of `graphs` once, sorted by seeker, then descending score."""
    s = np.concatenate([g.seeker for g in graphs]).astype(np.int64) if graphs else np.zeros(0, dtype=np.int64)
    p = np.concatenate([g.provider for g in graphs]).astype(np.int64) if graphs else np.zeros(0, dtype=np.int64)
    v = np.concatenate([g.score for g in graphs]) if graphs else np.zeros(0)
    _, first = np.unique(s * max(n_providers, 1) + p, return_index=True)
    s, p, v = s[first], p[first], v[first]
    order = np.lexsort((p, -v, s))
    return CandidateGraph(n_seekers, n_providers, s[order].astype(np.int32), p[order].astype(np.int32), v[order])


def candidates_chunk(model, *, method: str, k_seeker: int, k_provider: int = 0, seekers: slice | None = None,
                     providers: slice | None = None, index: dict | None = None) -> CandidateChunk:
    """One chunk of the candidate graph, for workers that share the work:
    method="exact" scores the rows `seekers` against every provider (`providers` is
    not used: every provider keeps its best seekers among these rows);
    method="indexed" makes the lists of `seekers` and of `providers` as
    `candidates_indexed` does (`index`: its keyword arguments). `candidates_merge`
    unites the chunks into the graph that one process would make."""
    n_s, n_p = model.n_seekers, model.n_providers
    ks, kp = min(k_seeker, n_p), min(k_provider, n_s)
    if method == "indexed":
        opts = {"n_clusters": None, "nprobe": None, "posting_cap": 64, "iterations": 20, "seed": 0,
                "cells": 1 << 22, "stats": None, "index_build": None, **(index or {})}
        return _indexed_lists(model, k_seeker=ks, k_provider=kp, seekers=seekers, providers=providers, **opts)
    rows = _owners(seekers, n_s)
    lo = int(rows[0]) if len(rows) else 0
    graph = candidates_build(lambda r: model.score_block(slice(lo + r.start, lo + r.stop)), len(rows), n_p,
                             k_seeker=ks, k_provider=kp,
                             rescore=lambda s, p: model.score_edges(s + lo, p))
    s, p, v = graph.seeker.astype(np.int64) + lo, graph.provider.astype(np.int64), graph.score
    by_s = _top_per_owner(s, v, ks) if ks else np.zeros(0, dtype=np.int64)
    by_p = _top_per_owner(p, v, kp) if kp else np.zeros(0, dtype=np.int64)
    return CandidateChunk(_graph(model, s[by_s], p[by_s]), _graph(model, s[by_p], p[by_p]))


def candidates_merge(chunks: list[CandidateChunk], *, k_provider: int) -> CandidateGraph:
    """The candidate graph of `chunks` (from `candidates_chunk`, one per range of seekers
    or providers): every seeker's list, and each provider's best `k_provider` seekers
    among the chunks' candidates for it."""
    first = chunks[0].for_seekers
    n_s, n_p = first.n_seekers, first.n_providers
    cand = _union([c.for_providers for c in chunks], n_s, n_p)
    kp = min(k_provider, n_s)
    keep = _top_per_owner(cand.provider, cand.score, kp) if kp else np.zeros(0, dtype=np.int64)
    kept = CandidateGraph(n_s, n_p, cand.seeker[keep], cand.provider[keep], cand.score[keep])
    return _union([*(c.for_seekers for c in chunks), kept], n_s, n_p)


def _merge(edges: list[tuple[np.ndarray, np.ndarray, np.ndarray]], n_providers: int):
    """Concatenated edges with each pair once (pairs scored twice agree)."""
    if not edges:
        z = np.zeros(0, dtype=np.int64)
        return z, z, np.zeros(0, dtype=np.float32)
    s = np.concatenate([e[0] for e in edges]).astype(np.int64)
    p = np.concatenate([e[1] for e in edges]).astype(np.int64)
    v = np.concatenate([e[2] for e in edges]).astype(np.float32)
    _, first = np.unique(s * max(n_providers, 1) + p, return_index=True)
    return s[first], p[first], v[first]
