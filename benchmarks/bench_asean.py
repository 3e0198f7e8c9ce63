"""ASEAN scale, simulated in one process: the candidate chunks and the assignment of
bench_national.py on 25,000 → 100,000 → 200,000 profiles (half seekers, half
providers), without the database and the workers, so that the growth of the engine's
part is measured on its own. Profiles and text vectors are bench_recommend.py's
synthetic ones (taxonomy concepts, clustered 512-d vectors); encoding is not
measured here (bench_national.py measures it; it grows linearly with the texts).

For each size: the model build, the indexed candidate graph (top-10 both sides) made
as 8 chunks one after the other (as one worker would), the CPU seconds of the
slowest chunk (what each of N workers waits for when there are N chunks), recall@10
of 500 sampled seekers against their exact rows, the assignment over the graph, and
the peak resident memory of the process.

    /work/main/.venv/bin/python benchmarks/bench_asean.py [25000 100000 200000]
"""

from __future__ import annotations

import resource
import sys
import time

import numpy as np
from bench_recommend import model_of, sampled_recall

from kizuna.engine.assignment import AssignmentProblem, assignment_solve
from kizuna.engine.candidates import candidates_chunk, candidates_merge

K = 10
CHUNKS = 8


def ranges(n: int) -> list[slice]:
    edges = np.linspace(0, n, CHUNKS + 1).round().astype(int)
    return [slice(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:], strict=True)]


def main() -> None:
    sizes = [int(x) for x in sys.argv[1:]] or [25_000, 100_000, 200_000]
    print(f"{'profiles':>9} {'build s':>8} {'chunks cpu s':>12} {'slowest chunk':>13} {'merge s':>8} {'edges':>10} "
          f"{'pairs scored':>12} {'recall@10':>9} {'assign s':>8} {'peak MiB':>9}")
    for n in sizes:
        started = time.process_time()
        model, _ = model_of(n // 2, n // 2)
        build = time.process_time() - started
        chunks, times, cells = [], [], 0
        for rs, rp in zip(ranges(n // 2), ranges(n // 2), strict=True):
            started = time.process_time()
            stats: dict = {}
            chunks.append(candidates_chunk(model, method="indexed", k_seeker=K, k_provider=K, seekers=rs, providers=rp,
                                           index={"stats": stats}))
            times.append(time.process_time() - started)
            cells += stats["cells"]
        started = time.process_time()
        graph = candidates_merge(chunks, k_provider=K)
        merge = time.process_time() - started
        recall = sampled_recall(model, graph, K)
        started = time.process_time()
        half = n // 2
        result = assignment_solve(AssignmentProblem(
            n_seekers=half, n_providers=half, seeker=graph.seeker, provider=graph.provider, score=graph.score,
            lo=np.zeros(half, dtype=np.int64), hi=np.ones(half, dtype=np.int64), capacity=np.full(half, 2, dtype=np.int64)))
        assign = time.process_time() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{n:9,} {build:8.1f} {sum(times):12.1f} {max(times):13.1f} {merge:8.1f} {graph.n_edges:10,} "
              f"{cells / half / half:12.2%} {recall:9.4f} {assign:8.1f} {peak:9.0f}", flush=True)
        del model, chunks, graph, result


if __name__ == "__main__":
    main()
