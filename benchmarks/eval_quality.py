"""Matching quality on the development set and on the blind held-out set.

For both sets (tests/data/eval: development, 40 × 60, used to choose the default
weights; tests/data/eval/heldout: 80 × 60, written blind and never tuned on), the
top-5 providers per seeker from the default affinity are judged:

1. NDCG@5, recall@5 and P@1, overall and for cross-language and same-language pairs,
   of the default scoring and of text-only cosine (the plain cosine of the two
   descriptions' vectors), with the paired bootstrap 95% interval of their NDCG@5
   difference (seekers resampled, 2,000 draws, fixed seed);
2. each method measured alone on top of text-only cosine (sentences, hubness,
   pseudo-relevance feedback, concepts, industry);
3. the ablation: NDCG@5 with each part (and each method) of the default removed in
   turn, next to the default — on both sets; the held-out column is the report,
   the development column is what the defaults were chosen on;
4. the ablation table of the parts with a non-zero default weight: NDCG@5 with and
   without the part on both sets, the paired bootstrap 95% interval of the difference,
   and whether the part earns its weight (it must improve the held-out figure);
5. with --choose: how the defaults are chosen. The weights are searched on a grid on
   the development set only (text fixed at 0.5: only the ratios matter); a part whose
   removal does not lower the held-out NDCG@5 is then left out (weight 0, the rule of
   issue #11), and the remaining weights are searched again on the development set,
   until every weighted part improves the held-out figure. The held-out set thus
   decides only whether a part is in or out, never its weight.

    /work/main/.venv/bin/python benchmarks/eval_quality.py [--choose]     (or: make eval)
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402

from kizuna.engine.affinity import AffinityModel  # noqa: E402
from kizuna.engine.encoder import encoder_get  # noqa: E402
from kizuna.engine.profiles import profile_from_row  # noqa: E402
from kizuna.engine.quality import per_seeker, quality_at_k  # noqa: E402
from kizuna.engine.reference import regions_load  # noqa: E402
from kizuna.engine.taxonomy import countries_load, industry_groups_load, taxonomy_load  # noqa: E402
from kizuna.engine.text import detect_language  # noqa: E402
from kizuna.engine.weights import PARTS, AffinityWeights  # noqa: E402

EVAL = ROOT / "tests" / "data" / "eval"
SETS = {"development": EVAL, "held-out": EVAL / "heldout"}
SCORED = tuple(p for p in PARTS if p != "boost")
ONLY = dict.fromkeys(SCORED, 0.0) | {"hubness": 0.0, "industry_gate": 0.0}
# The plain cosine: a floor of -1 maps [-1, 1] onto [0, 1] without clipping (no ties).
TEXT_ONLY = ONLY | {"text": 1.0, "text_floor": -1.0}
METHODS = ("sentences", "feedback", "concepts", "industry")
DRAWS = 2000
# the parts a default may weigh, and the grid their weights are searched on (development set only)
CANDIDATES = ("concepts", "text", "sentences", "feedback", "industry")
GRID = {"concepts": (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4), "text": (0.5,), "sentences": (0.0, 0.1, 0.2, 0.3, 0.5),
        "feedback": (0.0, 0.05, 0.1, 0.15, 0.25, 0.35), "industry": (0.0, 0.05, 0.1)}


def eval_set(name: str = "development"):
    """(seekers, providers, {(seeker index, provider index): grade}) of a judged set."""
    folder = SETS[name]

    def read(file):
        with (folder / file).open(encoding="utf-8") as f:
            return list(csv.DictReader(f))

    seekers = [profile_from_row(r) for r in read("seekers.csv")]
    providers = [profile_from_row(r) for r in read("providers.csv")]
    s_pos = {p.id: i for i, p in enumerate(seekers)}
    p_pos = {p.id: i for i, p in enumerate(providers)}
    relevance = {(s_pos[r["seeker_id"]], p_pos[r["provider_id"]]): int(r["grade"]) for r in read("relevance.csv")}
    return seekers, providers, relevance


def variants(weights: AffinityWeights) -> dict[str, AffinityWeights]:
    """The default, text-only cosine, each method alone on text-only cosine, and the
    default with each part or method removed."""
    out = {"default": weights, "text-only cosine": replace(weights, **TEXT_ONLY)}
    for method in METHODS:
        out[f"cosine + {method}"] = replace(weights, **TEXT_ONLY | {"text": weights.text, "text_floor": None,
                                                                       method: getattr(weights, method) or 0.2})
    out["cosine + hubness"] = replace(weights, **TEXT_ONLY | {"hubness": weights.hubness or 1.0})
    for part in SCORED:
        if getattr(weights, part):
            out[f"without {part}"] = replace(weights, **{part: 0.0})
    if weights.hubness:
        out["without hubness"] = replace(weights, hubness=0.0)
    if weights.industry_gate and weights.industry:
        out["without industry gate"] = replace(weights, industry_gate=0.0)
    return out


class Judged:
    """One judged set with its vectors encoded once; `scores(weights)` is the dense matrix."""

    def __init__(self, name: str, encoder: str = "use"):
        self.name = name
        self.seekers, self.providers, self.relevance = eval_set(name)
        self.context = {"taxonomy": taxonomy_load(), "groups": industry_groups_load(), "countries": countries_load(),
                        "regions": regions_load()}
        self.encoder = encoder_get(encoder)
        s_lang = [detect_language(p.description) for p in self.seekers]
        p_lang = [detect_language(p.description) for p in self.providers]
        self.subsets = {"all": None,
                        "cross-language": lambda s, p: s_lang[s] != p_lang[p],
                        "same-language": lambda s, p: s_lang[s] == p_lang[p]}
        # sentences encoded once for every variant, whether or not the default weighs them
        base = AffinityModel(self.seekers, self.providers, encoder=self.encoder, evidence=True, **self.context)
        self._vectors = {"seeker_vectors": base.s.vectors, "provider_vectors": base.p.vectors,
                         "seeker_sentences": base.s.sentences, "provider_sentences": base.p.sentences}

    def model(self, weights: AffinityWeights) -> AffinityModel:
        return AffinityModel(self.seekers, self.providers, encoder=self.encoder, weights=weights,
                             **self.context, **self._vectors)

    def scores(self, weights: AffinityWeights) -> np.ndarray:
        model = self.model(weights)
        return model.score_block(slice(0, model.n_seekers), dtype=np.float64)

    def quality(self, weights: AffinityWeights):
        scores = self.scores(weights)
        return {name: quality_at_k(scores, self.relevance, subset=f) for name, f in self.subsets.items()}

    def bootstrap(self, a: AffinityWeights, b: AffinityWeights, *, seed: int = 0) -> tuple[float, float, float]:
        """Mean NDCG@5 difference a − b and its paired bootstrap 95% interval."""
        da = per_seeker(self.scores(a), self.relevance)[:, 0]
        db = per_seeker(self.scores(b), self.relevance)[:, 0]
        return paired_bootstrap(da - db, seed=seed)

    def parts(self, weights: AffinityWeights) -> dict[str, np.ndarray]:
        """Unweighted parts of every pair (float64), for the weights' gate, floors and
        feedback depth: a default's scores are then Σ weight × part (`combined`)."""
        key = (weights.industry_gate, weights.feedback_top, weights.hub_k, weights.hubness, weights.text_floor)
        cached = getattr(self, "_parts", {}).get(key)
        if cached is None:
            model = self.model(replace(weights, **dict.fromkeys(CANDIDATES, 1.0)))
            cached = {k: v.astype(np.float64) for k, v in model.parts_block(slice(0, model.n_seekers)).items()}
            self._parts = getattr(self, "_parts", {}) | {key: cached}
        return cached

    def combined(self, weights: AffinityWeights) -> np.ndarray:
        """The default's dense scores as Σ weight × part (equal to `scores` without boosts)."""
        parts = self.parts(weights)
        return sum((getattr(weights, p) * parts[p] for p in CANDIDATES if getattr(weights, p)),
                   np.zeros_like(parts["text"]))

    def ndcg(self, weights: AffinityWeights) -> np.ndarray:
        """NDCG@5 of each seeker with a relevant provider, in seeker order."""
        return per_seeker(self.combined(weights), self.relevance)[:, 0]


def paired_bootstrap(diff: np.ndarray, *, seed: int = 0) -> tuple[float, float, float]:
    """Mean of per-seeker differences and its bootstrap 95% interval (seekers resampled)."""
    rng = np.random.default_rng(seed)
    means = diff[rng.integers(0, len(diff), size=(DRAWS, len(diff)))].mean(axis=1)
    lo, hi = np.percentile(means, [2.5, 97.5])
    return float(diff.mean()), float(lo), float(hi)


def ablation(judged: dict[str, Judged], weights: AffinityWeights) -> list[dict]:
    """For each part with a non-zero weight: NDCG@5 with and without it on each set,
    the paired bootstrap interval of with − without, and whether it earns its weight
    (it improves the held-out figure)."""
    rows = []
    for part in CANDIDATES:
        if not getattr(weights, part):
            continue
        row: dict = {"part": part, "weight": getattr(weights, part)}
        for name, j in judged.items():
            with_, without = j.ndcg(weights), j.ndcg(replace(weights, **{part: 0.0}))
            row[name] = (float(with_.mean()), float(without.mean()), *paired_bootstrap(with_ - without))
        row["earns"] = row["held-out"][2] > 0 if "held-out" in row else None
        rows.append(row)
    return rows


def ablation_print(judged: dict[str, Judged], weights: AffinityWeights) -> list[dict]:
    rows = ablation(judged, weights)
    print(f"{'part':10} {'weight':>6} " + " | ".join(f"{name + ': with  without  gain [95% interval]':>44}"
                                                   for name in judged) + " | earns its weight")
    for row in rows:
        cells = [f"{row[n][0]:7.3f} {row[n][1]:7.3f} {row[n][2]:+7.3f} [{row[n][3]:+.3f}, {row[n][4]:+.3f}]"
                 for n in judged]
        verdict = {True: "yes", False: "NO (must be 0)", None: "-"}[row["earns"]]
        print(f"{row['part']:10} {row['weight']:6.2f} " + " | ".join(f"{c:>44}" for c in cells) + f" | {verdict}")
    return rows


def grid_search(dev: Judged, base: AffinityWeights, allowed: set[str]) -> tuple[AffinityWeights, float]:
    """The weights of `allowed` parts (the others 0) with the best development NDCG@5;
    ties go to the smaller total weight (fewer, lighter parts)."""
    names = list(CANDIDATES)
    axes = [GRID[p] if p in allowed else (0.0,) for p in names]
    best: tuple[float, float, AffinityWeights] | None = None
    for values in itertools.product(*axes):
        if not any(values):
            continue
        w = replace(base, **dict(zip(names, values, strict=True)))
        score = float(dev.ndcg(w).mean())
        key = (round(score, 9), -sum(values))
        if best is None or key > best[:2]:
            best = (*key, w)
    return best[2], best[0]


def defaults_choose(judged: dict[str, Judged], base: AffinityWeights | None = None) -> AffinityWeights:
    """Search the weights on the development set; drop the part that fails the held-out
    rule (does not improve held-out NDCG@5 when added), worst first; search again."""
    base = base or AffinityWeights()
    allowed = set(CANDIDATES)
    while True:
        w, score = grid_search(judged["development"], base, allowed)
        shown = ", ".join(f"{p} {getattr(w, p):.2f}" for p in CANDIDATES)
        print(f"  chosen on development among {sorted(allowed)}: {shown} (development NDCG@5 {score:.3f})")
        rows = ablation(judged, w)
        failing = [r for r in rows if not r["earns"]]
        for r in rows:
            print(f"    {r['part']:10} development gain {r['development'][2]:+.3f}, held-out gain {r['held-out'][2]:+.3f}"
                  + ("" if r["earns"] else "  → does not improve held-out: set to 0"))
        if not failing:
            return w
        allowed.discard(min(failing, key=lambda r: r["held-out"][2])["part"])


def never_relevant_in_top(judged: Judged, weights: AffinityWeights, k: int = 5) -> int:
    """How many top-k places go to providers that are relevant to no seeker."""
    scores = judged.scores(weights)
    relevant = {p for (_, p), g in judged.relevance.items() if g > 0}
    top = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    return int(sum(1 for p in top.ravel() if int(p) not in relevant))


def report(weights: AffinityWeights | None = None, sets=tuple(SETS), *, choose: bool = False) -> None:
    weights = weights or AffinityWeights()
    started = time.perf_counter()
    judged = {name: Judged(name) for name in sets}
    for name, j in judged.items():
        cross = sum(1 for (s, p) in j.relevance if j.subsets["cross-language"](s, p))
        print(f"{name} set: {len(j.seekers)} seekers × {len(j.providers)} providers, {len(j.relevance)} judged "
              f"relevant pairs ({cross} across languages, {len(j.relevance) - cross} within one language)")
    print("\n1. Default against text-only cosine (NDCG@5 / recall@5 / P@1)")
    print(f"{'set':12} {'scoring':18} {'all':>19} | {'cross-language':>19} | {'same-language':>19}")
    for name, j in judged.items():
        for label in ("default", "text-only cosine"):
            w = variants(weights)[label]
            q = j.quality(w)
            cells = " | ".join(f"{q[x].ndcg:5.3f} {q[x].recall:5.3f} {q[x].p_at_1:5.3f}" for x in j.subsets)
            print(f"{name:12} {label:18} {cells}")
        mean, lo, hi = j.bootstrap(weights, variants(weights)["text-only cosine"])
        print(f"{name:12} default − cosine: NDCG@5 {mean:+.3f}, paired bootstrap 95% interval [{lo:+.3f}, {hi:+.3f}]")
    print("\n2. Each method on top of text-only cosine, and 3. ablation of the default (NDCG@5 all / cross / same)")
    print(f"{'variant':26} " + " | ".join(f"{name:>25}" for name in judged))
    for label, w in variants(weights).items():
        cells = []
        for j in judged.values():
            q = j.quality(w)
            cells.append(f"{q['all'].ndcg:7.3f} {q['cross-language'].ndcg:8.3f} {q['same-language'].ndcg:8.3f}")
        print(f"{label:26} " + " | ".join(cells))
    print("\nTop-5 places given to providers relevant to no seeker "
          "(text-only cosine / cosine + hubness / default / default + hubness):")
    every = variants(weights)
    for name, j in judged.items():
        counts = [never_relevant_in_top(j, w) for w in (every["text-only cosine"], every["cosine + hubness"], weights,
                                                       replace(weights, hubness=weights.hubness or 1.0))]
        print(f"  {name}: {' / '.join(map(str, counts))} of {5 * len(j.seekers)}")
    print("\n4. Ablation of the parts with a non-zero default weight: NDCG@5 with and without the part, "
          "the gain and its paired bootstrap 95% interval")
    ablation_print(judged, weights)
    if choose and {"development", "held-out"} <= set(judged):
        print("\n5. Choosing the defaults: weights searched on the development set, parts kept only if they "
              "improve the held-out set")
        chosen = defaults_choose(judged, weights)
        differs = {p: getattr(chosen, p) for p in CANDIDATES if getattr(chosen, p) != getattr(weights, p)}
        print(f"  chosen: {', '.join(f'{p} {getattr(chosen, p):.2f}' for p in CANDIDATES)}"
              + (f" — differs from the shipped defaults in {differs}" if differs else " — the shipped defaults"))
    shown = {k: v for k, v in weights.to_dict().items() if k not in ("boost", "reason_text_min", "reason_text_related")}
    print(f"\ndefault weights: {shown}\n({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--choose", action="store_true", help="also print how the default weights are chosen")
    report(choose=parser.parse_args().choose)
