"""Speed of the matching-quality methods (#11): encoding with sentences, and scoring.

1. Encoding: CPU milliseconds per description (one BLAS thread, process time, so the
   figure does not depend on what else the shared machine runs) for the whole text
   and for its sentences, on the held-out set's descriptions (long, 4–7 sentences).
2. Scoring 2,000 seekers × 500 providers with every part on (sentences, feedback,
   hubness, industry gate): synthetic clustered 512-dimensional sentence vectors,
   5 sentences per profile; wall time of the population pass and of the whole block.

    /work/main/.venv/bin/python benchmarks/bench_quality_speed.py
"""

from __future__ import annotations

import csv
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("KIZUNA_ENCODER_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402

from kizuna.engine.affinity import AffinityModel, AffinityWeights  # noqa: E402
from kizuna.engine.encoder import TextEncoder  # noqa: E402
from kizuna.engine.profiles import Profile  # noqa: E402
from kizuna.engine.retrieval import SentenceVectors, sentence_vectors_encode  # noqa: E402
from kizuna.engine.taxonomy import taxonomy_load  # noqa: E402


def encoding() -> None:
    texts = []
    for name in ("seekers.csv", "providers.csv"):
        with (ROOT / "tests" / "data" / "eval" / "heldout" / name).open(encoding="utf-8") as f:
            texts.extend(r["description"] for r in csv.DictReader(f))
    enc = TextEncoder("use", lru_size=0)
    enc.encode(["warm-up"])
    t0 = time.process_time()
    enc.encode(texts)
    t1 = time.process_time()
    sv = sentence_vectors_encode(enc, texts)
    t2 = time.process_time()
    n = len(texts)
    print(f"encoding {n} descriptions ({len(sv.vectors)} sentences), CPU ms per description: "
          f"whole text {(t1 - t0) / n * 1000:.1f}, sentences {(t2 - t1) / n * 1000:.1f}, "
          f"both {(t2 - t0) / n * 1000:.1f}")


def clustered(n: int, rng: np.random.Generator, topics: np.ndarray) -> np.ndarray:
    v = topics[rng.integers(0, len(topics), n)] + rng.normal(scale=0.05, size=(n, topics.shape[1]))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def scoring(n_s: int = 2000, n_p: int = 500, per: int = 5) -> None:
    rng = np.random.default_rng(0)
    topics = rng.normal(size=(64, 512))
    tax = taxonomy_load()

    def side(n, prefix):
        profiles = [Profile(f"{prefix}{i}", industry_group=f"g{i % 20}",
                            technologies=tuple(rng.choice(tax.codes, 2))) for i in range(n)]
        sents = SentenceVectors(clustered(n * per, rng, topics), np.arange(n, dtype=np.int64) * per,
                                np.full(n, per, dtype=np.int64), tuple(() for _ in range(n)))
        return profiles, clustered(n, rng, topics), sents

    sp, sv, ss = side(n_s, "s")
    pp, pv, ps = side(n_p, "p")
    w = AffinityWeights(hubness=1.0)
    t0 = time.perf_counter()
    model = AffinityModel(sp, pp, taxonomy=tax, encoder=None, weights=w, seeker_vectors=sv, provider_vectors=pv,
                          seeker_sentences=ss, provider_sentences=ps)
    t1 = time.perf_counter()
    model.population()
    t2 = time.perf_counter()
    for start in range(0, n_s, 256):
        model.score_block(slice(start, min(start + 256, n_s)))
    t3 = time.perf_counter()
    print(f"scoring {n_s} × {n_p} ({per} sentences each), every part on: model {t1 - t0:.2f} s, "
          f"population pass {t2 - t1:.2f} s, all blocks {t3 - t2:.2f} s, total {t3 - t0:.2f} s")


if __name__ == "__main__":
    encoding()
    scoring()
