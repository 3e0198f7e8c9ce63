"""Where the match strength's thresholds come from (mentoring/strength.py, #9).

For the judged development set (tests/data/eval: 40 SMEs x 60 providers, 113 judged
pairs, the rest irrelevant) and, only reported, the blind held-out set, with the
default weights and the multilingual sentence encoder: the score distribution of
pairs judged grade 2 (addresses the stated problem), grade 1 (partial) and 0; then,
for each strength, how many pairs reach it and which share of them is judged relevant.

    /work/main/.venv/bin/python benchmarks/strength_calibration.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import numpy as np  # noqa: E402
from eval_quality import Judged  # noqa: E402

from kizuna.engine.weights import AffinityWeights  # noqa: E402

# the thresholds of mentoring/strength.py (that module needs Django settings to import)
LEVELS = ((0.35, "very strong"), (0.26, "strong"), (0.18, "good"), (0.09, "fair"))
QUANTILES = (10, 25, 50, 75, 90)


def main() -> None:
    weights = AffinityWeights()
    for name in ("development", "held-out"):
        judged = Judged(name)
        scores = judged.scores(weights)
        grades = np.zeros(scores.shape, dtype=int)
        for (s, p), grade in judged.relevance.items():
            grades[s, p] = grade
        print(f"== {name} set ({scores.shape[0]} SMEs x {scores.shape[1]} providers)")
        for grade in (2, 1, 0):
            x = scores[grades == grade]
            q = " ".join(f"p{k}={v:.3f}" for k, v in zip(QUANTILES, np.percentile(x, QUANTILES), strict=True))
            print(f"  grade {grade}: {len(x):5d} pairs  {q}")
        for low, word in LEVELS:
            reach = scores >= low
            print(f"  {word:12s} (>= {low:.2f}): {int(reach.sum()):4d} pairs, {np.mean(grades[reach] == 2):.0%} grade 2, "
                  f"{np.mean(grades[reach] >= 1):.0%} relevant; reached by {np.mean(scores[grades == 2] >= low):.0%} "
                  f"of grade-2 and {np.mean(scores[grades == 1] >= low):.0%} of grade-1 pairs")


if __name__ == "__main__":
    main()
