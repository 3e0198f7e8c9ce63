"""Quality of the matching on the judged evaluation set (tests/data/eval).

Prints NDCG@5 and recall@5 of the top-5 providers per seeker for: the full affinity,
text similarity alone, taxonomy overlap alone, the affinity without text, each
sentence encoder, and for the full affinity the cross-language and same-language
relevant pairs separately.

    /work/main/.venv/bin/python benchmarks/eval_quality.py
"""

from __future__ import annotations

import csv
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kizuna.engine.affinity import AffinityModel, AffinityWeights  # noqa: E402
from kizuna.engine.encoder import ENCODERS, encoder_get  # noqa: E402
from kizuna.engine.profiles import profile_from_row  # noqa: E402
from kizuna.engine.quality import quality_at_k  # noqa: E402
from kizuna.engine.reference import regions_load  # noqa: E402
from kizuna.engine.taxonomy import countries_load, industry_groups_load, taxonomy_load  # noqa: E402
from kizuna.engine.text import detect_language  # noqa: E402

EVAL = ROOT / "tests" / "data" / "eval"
ONLY = {"concepts": 0.0, "text": 0.0, "industry": 0.0, "language": 0.0, "geography": 0.0}


def eval_set():
    def read(name):
        with (EVAL / name).open(encoding="utf-8") as f:
            return list(csv.DictReader(f))

    seekers = [profile_from_row(r) for r in read("seekers.csv")]
    providers = [profile_from_row(r) for r in read("providers.csv")]
    s_pos = {p.id: i for i, p in enumerate(seekers)}
    p_pos = {p.id: i for i, p in enumerate(providers)}
    relevance = {(s_pos[r["seeker_id"]], p_pos[r["provider_id"]]): int(r["grade"]) for r in read("relevance.csv")}
    return seekers, providers, relevance


def variants(weights: AffinityWeights) -> dict[str, AffinityWeights]:
    return {
        "full affinity": weights,
        "text similarity alone": replace(weights, **(ONLY | {"text": 1.0})),
        "taxonomy overlap alone": replace(weights, **(ONLY | {"concepts": 1.0})),
        "affinity without text": replace(weights, text=0.0),
    }


def evaluate(encoders=ENCODERS, weights: AffinityWeights | None = None):
    """{(encoder, variant): {"all"|"cross-language"|"same-language": Quality}}."""
    seekers, providers, relevance = eval_set()
    tax, groups, countries = taxonomy_load(), industry_groups_load(), countries_load()
    s_lang = [detect_language(p.description) for p in seekers]
    p_lang = [detect_language(p.description) for p in providers]

    def cross(s, p):
        return s_lang[s] != p_lang[p]

    def same(s, p):
        return s_lang[s] == p_lang[p]

    out = {}
    for enc in encoders:
        encoder = encoder_get(enc)
        for name, w in variants(weights or AffinityWeights()).items():
            model = AffinityModel(seekers, providers, taxonomy=tax, groups=groups, countries=countries,
                                  regions=regions_load(), encoder=encoder, weights=w)
            scores = model.score_block(slice(0, model.n_seekers), dtype=float)
            out[(enc, name)] = {
                "all": quality_at_k(scores, relevance),
                "cross-language": quality_at_k(scores, relevance, subset=cross),
                "same-language": quality_at_k(scores, relevance, subset=same),
            }
    return out


def main() -> None:
    seekers, providers, relevance = eval_set()
    cross = sum(1 for (s, p) in relevance if detect_language(seekers[s].description) != detect_language(providers[p].description))
    print(f"evaluation set: {len(seekers)} seekers × {len(providers)} providers, {len(relevance)} judged relevant pairs "
          f"({cross} across languages, {len(relevance) - cross} within one language)")
    started = time.perf_counter()
    results = evaluate()
    print()
    print(f"{'encoder':8} {'variant':24} {'NDCG@5':>7} {'R@5':>6} | {'cross NDCG':>10} {'cross R@5':>9} | {'same NDCG':>9} {'same R@5':>8}")
    for (enc, name), q in results.items():
        a, c, s = q["all"], q["cross-language"], q["same-language"]
        shown_enc = enc if name not in ("taxonomy overlap alone", "affinity without text") else "-"
        print(f"{shown_enc:8} {name:24} {a.ndcg:7.3f} {a.recall:6.3f} | {c.ndcg:10.3f} {c.recall:9.3f} | {s.ndcg:9.3f} {s.recall:8.3f}")
    print(f"\n(cross: {results[(ENCODERS[0], 'full affinity')]['cross-language'].seekers} seekers, "
          f"same: {results[(ENCODERS[0], 'full affinity')]['same-language'].seekers} seekers; {time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
