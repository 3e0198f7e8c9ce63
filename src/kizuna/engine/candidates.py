"""A sparse candidate graph: the best k providers of each seeker and the best k
seekers of each provider, from blocked matrix products.

Seekers are scored in blocks of `block` rows against all providers (memory B × M);
each block gives its rows' top k by `argpartition` and updates a running top k of
every provider's column. Only those N·k + M·k edges are kept, so everything after
the scoring pass (reasons, assignment, storage) grows with N·k, not N·M. Taking
candidates from both sides matters for assignment: with seekers' lists only, a
provider that is nobody's top choice has no edge, and its capacity is stranded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


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
