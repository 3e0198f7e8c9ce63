"""Recommendation time at national scale, against a dense N × M reference.

Synthetic profiles: technologies drawn from the shipped taxonomy (1–4 per profile,
popular concepts more often), an FTI industry group, working languages, a province,
markets among CLMV. The text part uses synthetic 512-dimensional unit vectors (the
size of USE's), because encoding 25,000 descriptions on a shared 2-core machine
would measure the encoder, not the recommendation (see bench_encoder.py for that).
The vectors are *clustered*, as real descriptions are: each profile is one of 64
topic directions (shared by both sides) plus Gaussian noise (cosine about 0.5 within
a topic), 30% of them with a second topic at half weight. Random isotropic vectors
would make every text cosine about 0, any index look bad and any exact method look right.

Tables:
1. 25,000 profiles (12,500 × 12,500 and 20,000 × 5,000): top-10 both sides from the
   blocked candidate graph, against the reference that scores the same blocks and
   sorts every row completely (np.argsort, what a dense implementation does), with
   wall time and peak traced memory; the reference's top-10 is checked to equal ours.
   Then the indexed method (recommend(method="indexed"): concept inverted lists +
   the clusters of a faiss inverted-file index of the text vectors, C = ⌈√side⌉,
   nprobe = max(4, ⌈C/32⌉)) on the same model, side by side with the same method on
   the hand-written k-means that faiss replaced (`kmeans_reference_build`, kept here
   only as this reference): time, CPU, memory, pairs scored, and recall@10 against the
   exact lists (seekers' and providers'; a pair counts when its score reaches the exact k-th).
2. 4,000 × 4,000: ours against the plain dense reference (whole N × M matrix in
   memory, then argsort) — the memory that blocking saves.
3. Candidate pruning for assignment (2,000 × 400, capacity 5, one provider per seeker):
   the optimum on seekers' top-k lists only, on top-k from both sides, and dense.
4. The indexed candidate graph feeding the assignment (3,000 × 1,500, capacity 3,
   1–2 providers per seeker): objective gap to the dense optimum, next to the exact
   blocked graph with the same k on both sides.

    /work/main/.venv/bin/python benchmarks/bench_recommend.py [table numbers, default all]
"""

from __future__ import annotations

import gc
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kizuna.engine.affinity import AffinityModel  # noqa: E402
from kizuna.engine.candidates import VectorIndex, block_rows, candidates_build  # noqa: E402
from kizuna.engine.profiles import Profile  # noqa: E402
from kizuna.engine.recommend import recommend  # noqa: E402
from kizuna.engine.reference import reference_shipped  # noqa: E402
from kizuna.engine.taxonomy import industry_groups_load, taxonomy_load  # noqa: E402

K = 10
DIM = 512
PROVINCES = ["Bangkok", "Rayong", "Chonburi", "Chachoengsao", "Ayutthaya", "Pathum Thani", "Samut Prakan",
             "Chiang Mai", "Khon Kaen", "Songkhla", "", ""]


def synthetic(n: int, prefix: str, seed: int) -> tuple[list[Profile], np.ndarray]:
    rng = np.random.default_rng(seed)
    tax = taxonomy_load()
    codes = np.array(tax.codes)
    popularity = 1.0 / np.arange(1, len(codes) + 1) ** 0.8
    popularity /= popularity.sum()
    groups = list(industry_groups_load().groups)
    langs = [("th",), ("ja",), ("en",), ("th", "en"), ("ja", "en")]
    markets = ["VN", "KH", "LA", "MM"]
    profiles = []
    for i in range(n):
        techs = tuple(rng.choice(codes, size=rng.integers(1, 5), replace=False, p=popularity))
        profiles.append(Profile(
            id=f"{prefix}{i}", name=f"{prefix}{i}", country="TH" if prefix == "s" else "JP",
            languages=langs[rng.integers(len(langs))], industry_group=groups[rng.integers(len(groups))],
            technologies=techs, region=PROVINCES[rng.integers(len(PROVINCES))],
            markets=tuple(rng.choice(markets, size=rng.integers(0, 3), replace=False)),
        ))
    return profiles, clustered_vectors(n, rng)


TOPICS = 64


def clustered_vectors(n: int, rng: np.random.Generator) -> np.ndarray:
    """Unit vectors near one of TOPICS shared topic directions (plus noise), 30% with
    a second topic at half weight; the topic directions are the same for both sides."""
    topics = np.random.default_rng(12345).normal(size=(TOPICS, DIM))
    topics /= np.linalg.norm(topics, axis=1, keepdims=True)
    first = rng.integers(TOPICS, size=n)
    second = rng.integers(TOPICS, size=n)
    mix = np.where(rng.random(n) < 0.3, 0.5, 0.0)
    vectors = topics[first] + mix[:, None] * topics[second] + rng.normal(size=(n, DIM)) / np.sqrt(DIM)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32)


def kmeans_reference_build(vectors: np.ndarray, *, n_clusters: int | None = None, iterations: int = 6,
                           sample: int | None = None, seed: int = 0) -> VectorIndex:
    """The hand-written spherical k-means that the faiss index replaced (Lloyd
    iterations on a sample of 40 rows per cluster, at least 4,096), kept as the
    benchmark's reference so that both are measured in the same run."""
    from scipy import sparse

    x = np.asarray(vectors, dtype=np.float32)
    n = len(x)
    c = max(1, int(min(n, n_clusters if n_clusters is not None else np.ceil(np.sqrt(n)))))
    rng = np.random.default_rng(seed)
    m = min(n, sample if sample is not None else max(40 * c, 4096))
    sub = x[np.sort(rng.choice(n, size=m, replace=False))] if m < n else x
    centroids = sub[rng.choice(len(sub), size=c, replace=False)].copy()
    iterations = min(iterations, 6)  # its own default: more rounds cost time without better recall
    for _ in range(iterations):
        assign = np.argmax(sub @ centroids.T, axis=1)
        onehot = sparse.csr_matrix((np.ones(len(sub), dtype=np.float32), (assign, np.arange(len(sub)))),
                                   shape=(c, len(sub)))
        sums = np.asarray(onehot @ sub, dtype=np.float32)
        norms = np.linalg.norm(sums, axis=1)
        empty = norms == 0
        sums[~empty] /= norms[~empty, None]
        if empty.any():
            sums[empty] = sub[rng.choice(len(sub), size=int(empty.sum()), replace=False)]
        centroids = sums
    assign = np.concatenate([np.argmax(x[i:i + 8192] @ centroids.T, axis=1) for i in range(0, n, 8192)])
    order = np.argsort(assign, kind="stable")
    return VectorIndex(centroids, order, np.searchsorted(assign[order], np.arange(c + 1)))


def model_of(n_s: int, n_p: int) -> tuple[AffinityModel, float]:
    s, sv = synthetic(n_s, "s", 1)
    p, pv = synthetic(n_p, "p", 2)
    started = time.perf_counter()
    model = AffinityModel.from_reference(s, p, reference_shipped(), encoder=None, seeker_vectors=sv, provider_vectors=pv)
    model._block_tables()
    return model, time.perf_counter() - started


def measured(fn):
    gc.collect()
    tracemalloc.start()
    started, cpu = time.perf_counter(), time.process_time()
    out = fn()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    measured.cpu = cpu
    return out, seconds, peak / 2**20


def reference_blocked_argsort(model: AffinityModel, k: int, block: int | None = None):
    """Score the same blocks, sort each row completely, keep the top k of each row
    and of each column (columns by a full sort of the running candidates)."""
    n_s, n_p = model.n_seekers, model.n_providers
    block = block or block_rows(n_p)
    top_rows = np.empty((n_s, k), dtype=np.int64)
    col_vals = np.full((0, n_p), -np.inf, dtype=np.float32)
    col_rows = np.zeros((0, n_p), dtype=np.int64)
    for start in range(0, n_s, block):
        scores = model.score_block(slice(start, min(n_s, start + block)))
        order = np.argsort(-scores, axis=1, kind="stable")
        top_rows[start:start + len(scores)] = order[:, :k]
        col_order = np.argsort(-scores, axis=0, kind="stable")[:k]
        vals = np.concatenate([col_vals, np.take_along_axis(scores, col_order, axis=0)])
        rows_ = np.concatenate([col_rows, col_order + start])
        keep = np.argsort(-vals, axis=0, kind="stable")[:k]
        col_vals, col_rows = np.take_along_axis(vals, keep, axis=0), np.take_along_axis(rows_, keep, axis=0)
    return top_rows, col_rows


def reference_dense(model: AffinityModel, k: int):
    scores = model.score_block(slice(0, model.n_seekers))
    return np.argsort(-scores, axis=1)[:, :k], np.argsort(-scores, axis=0)[:k].T


def same_topk(model: AffinityModel, rec, ref_rows: np.ndarray, sample: int = 200) -> bool:
    """Our top-k scores equal the reference's (compared by score: ties may swap)."""
    rng = np.random.default_rng(0)
    for s in rng.choice(model.n_seekers, size=min(sample, model.n_seekers), replace=False):
        ours = np.sort(rec.for_seekers.score[rec.for_seekers.seeker == s])[::-1]
        theirs = np.sort(model.score_edges(np.full(ref_rows.shape[1], s), ref_rows[s]))[::-1]
        if not np.allclose(ours, theirs, atol=1e-5):
            return False
    return True


def recall_at_k(model: AffinityModel, exact, indexed, k: int, by: str) -> float:
    """Share of the exact top-k slots that the indexed lists fill with a pair scoring at
    least the exact k-th score (so that equal scores may swap)."""
    owner_e = exact.seeker if by == "seeker" else exact.provider
    owner_i = indexed.seeker if by == "seeker" else indexed.provider
    n = model.n_seekers if by == "seeker" else model.n_providers
    kth = np.full(n, np.inf)
    np.minimum.at(kth, owner_e, exact.score)
    need = np.bincount(owner_e, minlength=n)
    hit = np.bincount(owner_i, weights=indexed.score >= kth[owner_i] - 1e-9, minlength=n)
    return float(np.minimum(hit, need).sum() / max(need.sum(), 1))


def sampled_recall(model, graph, k: int, n: int = 500) -> float:
    """Recall@k of the graph's seekers' lists against the exact rows of n sampled
    seekers (scored here in one block), for sizes where the exact graph is too dear."""
    from kizuna.engine.recommend import rank_per_owner

    rows = np.sort(np.random.default_rng(1).choice(model.n_seekers, size=min(n, model.n_seekers), replace=False))
    scores = model.score_block(rows)
    kth = -np.partition(-scores, k - 1, axis=1)[:, k - 1]
    got = rank_per_owner(graph, k, by="seeker")
    hits = 0
    for r, s in enumerate(rows):
        p = got.provider[got.seeker == s]
        hits += int(min(k, (scores[r, p] >= kth[r] - 1e-6).sum()))
    return hits / (k * len(rows))


def table_national() -> None:
    print(f"1. Top-{K} both sides at 25,000 profiles (clustered synthetic text vectors, see the module text)")
    print(f"{'seekers × providers':>20} {'build s':>8} {'ours s':>8} {'(cpu s)':>8} {'ours MiB':>9} {'edges':>9} "
          f"{'ref s':>8} {'(cpu s)':>8} {'ref MiB':>8} {'same top-k':>10}")
    rows = []
    for n_s, n_p in ((12_500, 12_500), (20_000, 5_000)):
        model, build = model_of(n_s, n_p)
        rec, t_ours, m_ours = measured(lambda model=model: recommend(model, K, method="exact"))
        c_ours = measured.cpu
        (ref_rows, _), t_ref, m_ref = measured(lambda model=model: reference_blocked_argsort(model, K))
        c_ref = measured.cpu
        ok = same_topk(model, rec, ref_rows)
        print(f"{f'{n_s:,} × {n_p:,}':>20} {build:8.2f} {t_ours:8.2f} {c_ours:8.2f} {m_ours:9.0f} {rec.graph.n_edges:9,} "
              f"{t_ref:8.2f} {c_ref:8.2f} {m_ref:8.0f} {'yes' if ok else 'NO':>10}")
        for label, build in (("faiss IVF", None), ("k-means (old)", kmeans_reference_build)):
            stats: dict = {}
            ind, t_ind, m_ind = measured(lambda model=model, stats=stats, build=build: recommend(
                model, K, method="indexed", index={"stats": stats, "index_build": build}))
            c_ind = measured.cpu
            rows.append((n_s, n_p, label, t_ours, c_ours, m_ours, t_ind, c_ind, m_ind, stats["cells"] / (n_s * n_p),
                         stats["seconds"]["index"], stats["fallback_seekers"] + stats["fallback_providers"],
                         recall_at_k(model, rec.for_seekers, ind.for_seekers, K, "seeker"),
                         recall_at_k(model, rec.for_providers, ind.for_providers, K, "provider")))
            del ind
        del model, rec
        gc.collect()
    print(f"\n1b. Indexed against exact, same models (recall@{K} against the exact lists)")
    print(f"{'seekers × providers':>20} {'index':>14} {'exact s':>8} {'(cpu s)':>8} {'MiB':>6} {'indexed s':>9} "
          f"{'(cpu s)':>8} {'MiB':>6} {'of which index s':>16} {'pairs scored':>12} {'fallbacks':>9} "
          f"{'recall seekers':>14} {'recall providers':>16}")
    for n_s, n_p, label, t_e, c_e, m_e, t_i, c_i, m_i, share, t_x, fb, r_s, r_p in rows:
        print(f"{f'{n_s:,} × {n_p:,}':>20} {label:>14} {t_e:8.2f} {c_e:8.2f} {m_e:6.0f} {t_i:9.2f} {c_i:8.2f} {m_i:6.0f} "
              f"{t_x:16.2f} {share:12.1%} {fb:9,} {r_s:14.4f} {r_p:16.4f}")


def table_dense() -> None:
    print(f"\n2. Blocked candidates against the whole dense matrix (4,000 × 4,000, top-{K} both sides)")
    print(f"{'method':>38} {'seconds':>8} {'(cpu s)':>8} {'peak MiB':>9}")
    model, _ = model_of(4_000, 4_000)
    _, t_ours, m_ours = measured(lambda: recommend(model, K, method="exact"))
    c_ours = measured.cpu
    _, t_ref, m_ref = measured(lambda: reference_dense(model, K))
    c_ref = measured.cpu
    label = f"ours (blocks of {block_rows(4_000):,} rows + argpartition)"
    print(f"{label:>38} {t_ours:8.2f} {c_ours:8.2f} {m_ours:9.0f}")
    print(f"{'dense N×M matrix + argsort':>38} {t_ref:8.2f} {c_ref:8.2f} {m_ref:9.0f}")


def table_pruning() -> None:
    from kizuna.engine.assignment import AssignmentProblem, assignment_solve
    from kizuna.engine.candidates import candidates_dense

    n_s, n_p, cap = 2_000, 400, 5
    print(f"\n3. Candidate pruning for assignment ({n_s:,} × {n_p:,}, provider capacity {cap}, 1 provider per seeker)")
    model, _ = model_of(n_s, n_p)

    def solve(graph):
        problem = AssignmentProblem(
            n_seekers=n_s, n_providers=n_p, seeker=graph.seeker, provider=graph.provider, score=graph.score,
            lo=np.zeros(n_s, dtype=np.int64), hi=np.ones(n_s, dtype=np.int64), capacity=np.full(n_p, cap, dtype=np.int64),
        )
        return assignment_solve(problem)

    dense_graph = candidates_dense(model.score_block, n_s, n_p, rescore=model.score_edges)
    dense = solve(dense_graph)
    print(f"{'candidates':>30} {'edges':>9} {'objective':>11} {'loss to dense':>13} {'providers used':>14}")
    print(f"{'dense (every pair)':>30} {dense_graph.n_edges:9,} {dense.objective:11.4f} {0:13.3%} "
          f"{n_p - len(dense.unfilled_providers):14,}")
    for k_s, k_p in ((5, 0), (10, 0), (5, 3 * cap), (10, 3 * cap)):
        graph = candidates_build(model.score_block, n_s, n_p, k_seeker=k_s, k_provider=k_p, rescore=model.score_edges)
        result = solve(graph)
        label = f"top {k_s} per seeker" + (f" + top {k_p} per provider" if k_p else " only")
        print(f"{label:>30} {graph.n_edges:9,} {result.objective:11.4f} "
              f"{(dense.objective - result.objective) / dense.objective:13.3%} {n_p - len(result.unfilled_providers):14,}")


def table_indexed_assignment() -> None:
    from kizuna.engine.assignment import AssignmentProblem, assignment_solve
    from kizuna.engine.candidates import candidates_dense, candidates_indexed

    n_s, n_p, cap = 3_000, 1_500, 3
    print(f"\n4. Indexed candidates feeding the assignment ({n_s:,} × {n_p:,}, capacity {cap}, 1–2 providers per seeker)")
    model, _ = model_of(n_s, n_p)

    def solve(graph):
        problem = AssignmentProblem(
            n_seekers=n_s, n_providers=n_p, seeker=graph.seeker, provider=graph.provider, score=graph.score,
            lo=np.ones(n_s, dtype=np.int64), hi=np.full(n_s, 2, dtype=np.int64), capacity=np.full(n_p, cap, dtype=np.int64),
        )
        return assignment_solve(problem)

    dense = solve(candidates_dense(model.score_block, n_s, n_p, rescore=model.score_edges))
    print(f"{'candidates':>34} {'edges':>9} {'seconds':>8} {'objective':>11} {'gap to dense':>12}")
    print(f"{'dense (every pair)':>34} {n_s * n_p:9,} {'':>8} {dense.objective:11.4f} {0:12.4%}")
    for k_s, k_p in ((10, 10), (20, 3 * cap)):
        for name in ("exact", "indexed"):
            started = time.perf_counter()
            if name == "exact":
                graph = candidates_build(model.score_block, n_s, n_p, k_seeker=k_s, k_provider=k_p, rescore=model.score_edges)
            else:
                graph = candidates_indexed(model, k_seeker=k_s, k_provider=k_p)
            seconds = time.perf_counter() - started
            result = solve(graph)
            label = f"{name} top {k_s} + top {k_p} per provider"
            print(f"{label:>34} {graph.n_edges:9,} {seconds:8.2f} {result.objective:11.4f} "
                  f"{(dense.objective - result.objective) / dense.objective:12.4%}")


def main() -> None:
    import os

    print(f"(wall and process CPU seconds; load average at start {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)\n")
    tables = (table_national, table_dense, table_pruning, table_indexed_assignment)
    chosen = [int(x) for x in sys.argv[1:]] or [1, 2, 3, 4]  # e.g. `bench_recommend.py 1` for table 1 only
    for number in chosen:
        tables[number - 1]()


if __name__ == "__main__":
    main()
