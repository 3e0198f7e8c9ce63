"""Ranking quality of recommendations against judged pairs: NDCG@k, recall@k and P@1.

Judgements are graded (2 highly relevant, 1 relevant, unlisted 0). NDCG uses the
gain 2^grade − 1 and the ideal ranking of all judged pairs of the seeker; recall@k is
the share of a seeker's relevant providers found in its top k; P@1 is 1 when the
first provider is relevant. All are averaged over the seekers that have at least one
relevant provider; `per_seeker` gives the values behind the averages (for a paired
bootstrap of two methods on the same seekers).

`subset` restricts the judgement to some pairs (e.g. those whose descriptions are in
different languages): the other relevant providers of the seeker are taken out of
its ranking, so a subset is measured as if only its pairs were relevant.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Quality:
    ndcg: float
    recall: float
    seekers: int  # seekers measured
    p_at_1: float = 0.0


def quality_at_k(
    scores: np.ndarray,
    relevance: Mapping[tuple[int, int], int],
    *,
    k: int = 5,
    subset: Callable[[int, int], bool] | None = None,
) -> Quality:
    """NDCG@k, recall@k and P@1 of the dense score matrix (seekers × providers)."""
    per = per_seeker(scores, relevance, k=k, subset=subset)
    if not len(per):
        return Quality(0.0, 0.0, 0)
    ndcg, recall, p1 = per.mean(axis=0)
    return Quality(float(ndcg), float(recall), len(per), float(p1))


def per_seeker(
    scores: np.ndarray,
    relevance: Mapping[tuple[int, int], int],
    *,
    k: int = 5,
    subset: Callable[[int, int], bool] | None = None,
) -> np.ndarray:
    """(seekers measured, 3): NDCG@k, recall@k and P@1 of each seeker with a relevant
    provider, in seeker order."""
    n_s, _ = scores.shape
    by_seeker: dict[int, dict[int, int]] = {}
    for (s, p), grade in relevance.items():
        if grade > 0:
            by_seeker.setdefault(s, {})[p] = grade
    rows: list[tuple[float, float, float]] = []
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    for s in range(n_s):
        rel = by_seeker.get(s, {})
        if subset is not None:
            kept = {p: g for p, g in rel.items() if subset(s, p)}
            hidden = set(rel) - set(kept)
            rel = kept
        else:
            hidden = set()
        if not rel:
            continue
        row = scores[s].astype(np.float64).copy()
        if hidden:
            row[list(hidden)] = -np.inf
        # deterministic: higher score first, then lower index
        order = np.lexsort((np.arange(len(row)), -row))[:k]
        gains = np.array([2.0 ** rel.get(int(p), 0) - 1.0 for p in order])
        ideal = np.sort(np.array([2.0**g - 1.0 for g in rel.values()]))[::-1][:k]
        dcg = float((gains * discounts[: len(gains)]).sum())
        idcg = float((ideal * discounts[: len(ideal)]).sum())
        found = sum(1 for p in order if int(p) in rel) / len(rel)
        rows.append((dcg / idcg, found, 1.0 if int(order[0]) in rel else 0.0))
    return np.array(rows, dtype=np.float64).reshape(len(rows), 3)
