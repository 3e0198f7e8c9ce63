"""Match strength: what a company sees instead of a pair's score (#9).

A score such as 0.370 means nothing to a company, so companies see one to five stars
with a word ("very strong", "strong", "good", "fair", "weak"); officers see the same
and, beside it, the score with its scale. `score_strength` is the one mapping, used by
the pages and the API alike.

Thresholds (scores with the default weights, whose scale is 0 to 0.70 since #11 left
text 0.50, feedback 0.15 and concepts 0.05; the officer's boost is left out: it is a
decision, not a fit). Chosen on the development set (tests/data/eval, 2,400 judged pairs):

| stars | word        | from  | why (development set)                                                   |
| ----- | ----------- | ----- | ----------------------------------------------------------------------- |
| 5     | very strong | 0.35  | every pair from here addresses the SME's stated problem (grade 2)       |
| 4     | strong      | 0.26  | 83 % address the problem, 91 % are useful; 70 % of grade-2 pairs reach it |
| 3     | good        | 0.18  | 96 % of grade-2 pairs reach it; a third of the partial (grade 1) ones   |
| 2     | fair        | 0.09  | the top tenth of unrelated pairs (their 90th percentile is 0.094)       |
| 1     | weak        | below |                                                                         |

`benchmarks/strength_calibration.py` prints these figures. On the blind held-out set
(only reported, never tuned on): from 0.35, 78 % address the problem and 97 % are
useful; from 0.26, 51 % and 68 % (its unrelated pairs score higher: their 90th
percentile is 0.19, so "good" and "fair" say less there). With other weights (a preset,
fitted weights) the score's scale changes: the score is first brought to the default
scale (score × 0.70 / the weights' scale), so "strong" keeps its meaning whatever the
round's weights.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from kizuna.engine.weights import PARTS, AffinityConfigError, AffinityWeights

# (lowest score on the default scale, stars, code, word), strongest first
STRENGTH_LEVELS: tuple[tuple[float, int, str, Promise], ...] = (
    (0.35, 5, "very_strong", pgettext_lazy("match strength", "very strong")),
    (0.26, 4, "strong", pgettext_lazy("match strength", "strong")),
    (0.18, 3, "good", pgettext_lazy("match strength", "good")),
    (0.09, 2, "fair", pgettext_lazy("match strength", "fair")),
    (float("-inf"), 1, "weak", pgettext_lazy("match strength", "weak")),
)
SCORED_PARTS = tuple(p for p in PARTS if p != "boost")


def weights_scale(weights: dict | None) -> float:
    """The highest score the weights can give without a boost: the sum of the
    scored parts' weights (each part is between 0 and 1 before weighting)."""
    try:
        w = AffinityWeights.from_dict(weights or {})
    except AffinityConfigError:
        w = AffinityWeights()
    return float(sum(getattr(w, p) for p in SCORED_PARTS))


DEFAULT_SCALE = weights_scale(None)  # 0.70


@dataclass(frozen=True)
class Strength:
    stars: int  # 1 to 5
    code: str  # very_strong, strong, good, fair, weak
    label: Promise  # the word, in the reader's language

    def __str__(self) -> str:
        return str(self.label)

    def as_dict(self) -> dict:
        return {"stars": self.stars, "code": self.code, "label": str(self.label)}


def score_strength(score: float | None, *, boost: float = 0.0, scale: float = DEFAULT_SCALE) -> Strength:
    """The strength of a pair whose score is `score` (of which `boost` came from an
    officer), for weights whose scale is `scale` (see `weights_scale`)."""
    value = (score or 0.0) - (boost or 0.0)
    if scale > 0:
        value = value * DEFAULT_SCALE / scale
    for low, stars, code, label in STRENGTH_LEVELS:
        if value >= low:
            return Strength(stars, code, label)
    raise AssertionError("the last level takes every score")  # pragma: no cover


def pair_strength(pair, *, settings: dict | None = None) -> Strength:
    """The strength of a proposal or published pair: its score without the boost,
    on the scale of the weights of the run that proposed it (`settings`: that run's
    settings when the caller has them, else read from `pair.run`)."""
    if settings is None:
        run = getattr(pair, "run", None)
        settings = run.settings if run is not None else {}
    boost = (pair.breakdown or {}).get("boost") or 0.0
    return score_strength(pair.score, boost=boost, scale=weights_scale((settings or {}).get("weights")))
