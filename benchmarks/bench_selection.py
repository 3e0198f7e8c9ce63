"""Applicant selection benchmark: N of M with quotas in three dimensions, exact.

    /work/main/.venv/bin/python benchmarks/bench_selection.py

Generated calls: each applicant has a sector (11 FTI industry groups), a country and a
region, and 3 reviews with two weighted categories. Quotas: at least 1 per sector, at most
60% Thai, at least 10% from CLMV countries, at most 40% from one region. Printed: time,
total score against the top-N without quotas (an upper bound on the total), and the quota
counts. Timing is reported, never asserted.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

SRC = Path(__file__).resolve().parents[1] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from kizuna.engine.selection import Applicant, Quota, Review, select  # noqa: E402

SECTORS = [f"FTI-{i:02d}" for i in range(1, 12)]
COUNTRIES = ["TH", "JP", "VN", "KH", "LA", "MM", "SG"]
REGIONS = ["EEC", "Bangkok", "North", "Northeast", "South"]


def make(m: int, seed: int):
    rng = np.random.default_rng(seed)
    apps, reviews = [], []
    for i in range(m):
        cats = {
            "sector": SECTORS[min(int(rng.exponential(3.0)), 10)],
            "country": str(rng.choice(COUNTRIES, p=[0.6, 0.2, 0.06, 0.04, 0.03, 0.03, 0.04])),
            "region": str(rng.choice(REGIONS, p=[0.45, 0.3, 0.1, 0.1, 0.05])),
        }
        apps.append(Applicant(f"A{i:05d}", f"Applicant {i}", cats))
        quality = rng.normal(3.0, 0.7)
        for r in range(3):
            novelty = float(np.clip(np.round(quality + rng.normal(0, 0.6)), 1, 5))
            fit = float(np.clip(np.round(quality + rng.normal(0, 0.6)), 1, 5))
            reviews.append(Review(apps[-1].id, f"R{r}", {"novelty": novelty, "fit": fit}))
    return apps, reviews


def quotas(n: int):
    qs = [Quota("sector", s, min=1) for s in SECTORS]
    qs.append(Quota("country", "TH", max=int(0.6 * n)))
    for c in ("VN", "KH", "LA", "MM"):
        qs.append(Quota("country", c, min=max(1, n // 40)))
    qs += [Quota("region", r, max=int(0.4 * n)) for r in REGIONS]
    return qs


def main() -> int:
    import scipy.optimize  # noqa: F401  (import cost outside the timings)

    print(f"{'N of M':>14} {'seconds':>8} {'total':>10} {'top-N total':>11} {'ratio':>7}  counts")
    weights = {"novelty": 2.0, "fit": 1.0}
    for n, m, seed in ((30, 300, 1), (100, 2_000, 2), (300, 20_000, 3)):
        apps, reviews = make(m, seed)
        t = time.perf_counter()
        sel = select(apps, reviews, n=n, quotas=quotas(n), category_weights=weights)
        seconds = time.perf_counter() - t
        free = select(apps, reviews, n=n, category_weights=weights)
        by = {a.id: a.categories for a in apps}
        th = sum(by[a]["country"] == "TH" for a in sel.selected)
        sectors = len({by[a]["sector"] for a in sel.selected})
        top_region = Counter(by[a]["region"] for a in sel.selected).most_common(1)[0]
        print(
            f"{f'{n} of {m}':>14} {seconds:8.2f} {sel.total_score:10.3f} {free.total_score:11.3f} "
            f"{sel.total_score / free.total_score:7.4f}  TH {th}/{int(0.6 * n)} max, sectors {sectors}/11, "
            f"largest region {top_region[0]} {top_region[1]}/{int(0.4 * n)} max"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
