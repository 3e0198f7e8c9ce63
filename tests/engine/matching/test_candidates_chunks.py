"""The candidate graph made in chunks (as workers make it) equals the graph made at once."""

from __future__ import annotations

import numpy as np
import pytest
from test_candidates_indexed import assert_same_top_scores, exact, instance

from kizuna.engine.candidates import candidates_chunk, candidates_indexed, candidates_merge


def ranges(n: int, parts: int) -> list[slice]:
    edges = np.linspace(0, n, parts + 1).round().astype(int)
    return [slice(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:], strict=True)]


@pytest.mark.parametrize("parts", [1, 3, 7])
def test_exact_chunks_merge_into_the_blocked_graph(parts):
    model = instance(230, 170, seed=11)
    chunks = [candidates_chunk(model, method="exact", k_seeker=6, k_provider=4, seekers=r) for r in ranges(230, parts)]
    got = candidates_merge(chunks, k_provider=4)
    ref = exact(model, 6, 4)
    assert_same_top_scores(got, ref, 6, 4)
    assert got.n_edges == ref.n_edges


@pytest.mark.parametrize("parts", [2, 5])
def test_indexed_chunks_merge_into_the_graph_made_at_once(parts):
    model = instance(260, 210, seed=12)
    whole = candidates_indexed(model, k_seeker=5, k_provider=5, nprobe=2)
    chunks = [candidates_chunk(model, method="indexed", k_seeker=5, k_provider=5, seekers=rs, providers=rp,
                               index={"nprobe": 2})
              for rs, rp in zip(ranges(260, parts), ranges(210, parts), strict=True)]
    got = candidates_merge(chunks, k_provider=5)
    assert_same_top_scores(got, whole, 5, 5)
    np.testing.assert_array_equal(got.score, model.score_edges(got.seeker, got.provider))


def test_an_indexed_chunk_holds_the_lists_of_its_own_seekers_and_providers_only():
    model = instance(120, 90, seed=13)
    chunk = candidates_chunk(model, method="indexed", k_seeker=4, k_provider=3, seekers=slice(10, 20),
                             providers=slice(50, 60))
    assert sorted(set(chunk.for_seekers.seeker.tolist())) == list(range(10, 20))
    assert np.bincount(chunk.for_seekers.seeker, minlength=20)[10:20].tolist() == [4] * 10
    assert sorted(set(chunk.for_providers.provider.tolist())) == list(range(50, 60))
    assert np.bincount(chunk.for_providers.provider, minlength=60)[50:60].tolist() == [3] * 10
