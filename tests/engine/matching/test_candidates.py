from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from match_support import MENTOR, OTHER, SME, model_of

from kizuna.engine.candidates import candidates_build, candidates_dense
from kizuna.engine.recommend import rank_per_owner, recommend


def _scores(n_s, n_p, seed, ties):
    rng = np.random.default_rng(seed)
    if ties:
        return rng.integers(0, 4, size=(n_s, n_p)).astype(np.float64)
    return rng.random((n_s, n_p))


def _topk_values(matrix, k, axis):
    m = matrix if axis == 1 else matrix.T
    return np.sort(m, axis=1)[:, ::-1][:, :k]


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 30), st.integers(1, 30), st.integers(1, 6), st.integers(0, 6), st.integers(1, 8),
       st.integers(0, 1000), st.booleans())
def test_graph_holds_the_dense_top_k_of_both_sides(n_s, n_p, k_s, k_p, block, seed, ties):
    scores = _scores(n_s, n_p, seed, ties)
    graph = candidates_build(lambda rows: scores[rows], n_s, n_p, k_seeker=k_s, k_provider=k_p, block=block)
    # unique pairs, scores as in the matrix
    keys = graph.seeker.astype(np.int64) * n_p + graph.provider
    assert len(np.unique(keys)) == graph.n_edges
    np.testing.assert_array_equal(graph.score, scores[graph.seeker, graph.provider])
    # the per-seeker and per-provider top k from the graph equal the dense ones (by value: ties may swap)
    per_seeker = rank_per_owner(graph, k_s, by="seeker")
    for s in range(n_s):
        got = np.sort(per_seeker.score[per_seeker.seeker == s])[::-1]
        np.testing.assert_array_equal(got, _topk_values(scores, k_s, 1)[s])
    if k_p:
        per_provider = rank_per_owner(graph, k_p, by="provider")
        for p in range(n_p):
            got = np.sort(per_provider.score[per_provider.provider == p])[::-1]
            np.testing.assert_array_equal(got, _topk_values(scores, k_p, 0)[p])
    assert graph.n_edges <= n_s * min(k_s, n_p) + n_p * min(k_p, n_s)


def test_ranks_start_at_one_and_follow_descending_score_then_index():
    scores = np.array([[0.2, 0.9, 0.9, 0.1], [0.5, 0.4, 0.3, 0.6]])
    graph = candidates_dense(lambda rows: scores[rows], 2, 4)
    ranked = rank_per_owner(graph, 3, by="seeker")
    assert ranked.seeker.tolist() == [0, 0, 0, 1, 1, 1]
    assert ranked.provider.tolist() == [1, 2, 0, 3, 0, 1]
    assert ranked.rank.tolist() == [1, 2, 3, 1, 2, 3]
    by_provider = rank_per_owner(graph, 1, by="provider")
    assert list(zip(by_provider.provider.tolist(), by_provider.seeker.tolist(), strict=True)) == [(0, 1), (1, 0), (2, 0), (3, 1)]


def test_seeker_side_only_strands_a_provider_that_both_sides_keep():
    # every seeker prefers provider 0; provider 1 is nobody's first choice
    scores = np.array([[1.0, 0.1], [0.9, 0.2], [0.8, 0.3]])
    one_side = candidates_build(lambda rows: scores[rows], 3, 2, k_seeker=1)
    both = candidates_build(lambda rows: scores[rows], 3, 2, k_seeker=1, k_provider=1)
    assert 1 not in one_side.provider.tolist()
    assert (2, 1) in set(zip(both.seeker.tolist(), both.provider.tolist(), strict=True))


def test_recommend_matches_dense_ranking_of_the_affinity_model():
    seekers = [SME, OTHER.__class__("s2", technologies=("robotics",))]
    model = model_of(seekers, [MENTOR, OTHER], seed=3)
    rec = recommend(model, 1)
    dense = model.score_block(slice(0, 2), dtype=np.float64)
    assert rec.for_seekers.provider.tolist() == np.argmax(dense, axis=1).tolist()
    assert rec.for_providers.seeker.tolist() == np.argmax(dense, axis=0).tolist()
    np.testing.assert_allclose(rec.for_seekers.score, dense.max(axis=1), atol=1e-6)
