"""Feedback queries gathered by the scoring blocks (#11 speed): the same queries,
scores and recommendations as the population pass they replace, without that pass."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from match_support import GROUPS, REFERENCE, TAXONOMY, unit_vectors

from kizuna.engine.affinity import AffinityModel
from kizuna.engine.candidates import candidates_chunk
from kizuna.engine.profiles import Profile
from kizuna.engine.recommend import recommend
from kizuna.engine.weights import AffinityWeights


def _profiles(n: int, prefix: str, rng: np.random.Generator) -> list[Profile]:
    codes, groups = list(TAXONOMY.codes), list(GROUPS.groups) + [""]
    return [Profile(f"{prefix}{i}", industry_group=groups[int(rng.integers(len(groups)))],
                    technologies=tuple(rng.choice(codes, int(rng.integers(0, 3)), replace=False)))
            for i in range(n)]


def _models(n_s: int, n_p: int, seed: int, dim: int, top: int, clustered: bool):
    rng = np.random.default_rng(seed)
    seekers, providers = _profiles(n_s, "s", rng), _profiles(n_p, "p", rng)
    sv, pv = unit_vectors(n_s, dim, seed), unit_vectors(n_p, dim, seed + 1)
    if clustered:  # few distinct vectors: many equal cosines, so ties decide the feedback choice
        sv, pv = sv[rng.integers(0, min(2, n_s), n_s)], pv[rng.integers(0, min(2, n_p), n_p)]
    w = AffinityWeights(feedback_top=top)

    def model() -> AffinityModel:
        return AffinityModel.from_reference(seekers, providers, REFERENCE, encoder=None, weights=w,
                                            seeker_vectors=sv, provider_vectors=pv)

    return model(), model()


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 40), st.integers(1, 40), st.integers(0, 10_000), st.sampled_from([3, 8]),
       st.integers(1, 5), st.integers(1, 9), st.booleans())
def test_feedback_from_the_scoring_blocks_equals_the_population_pass(n_s, n_p, seed, dim, top, block, clustered):
    blocks, population = _models(n_s, n_p, seed, dim, top, clustered)
    population.population()  # the path before: one population pass gathers every query first
    k = 4
    got = recommend(blocks, k, block=block, method="exact")
    want = recommend(population, k, block=block, method="exact")
    assert blocks._population is None  # no population pass was made
    np.testing.assert_array_equal(blocks._feedback, population.population().feedback)
    for a, b in ((got.for_seekers, want.for_seekers), (got.for_providers, want.for_providers)):
        np.testing.assert_array_equal(a.seeker, b.seeker)
        np.testing.assert_array_equal(a.provider, b.provider)
        np.testing.assert_array_equal(a.score, b.score)
    rows = slice(0, min(block, n_s))
    np.testing.assert_array_equal(blocks.score_block(rows), population.score_block(rows))


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 30), st.integers(1, 30), st.integers(0, 10_000), st.booleans())
def test_pairs_scored_before_any_block_get_the_same_feedback(n_s, n_p, seed, clustered):
    fresh, population = _models(n_s, n_p, seed, 8, 3, clustered)
    population.population()
    rng = np.random.default_rng(seed)
    s, p = rng.integers(0, n_s, 25), rng.integers(0, n_p, 25)
    np.testing.assert_array_equal(fresh.score_edges(s, p), population.score_edges(s, p))
    assert fresh.breakdown(int(s[0]), int(p[0])) == population.breakdown(int(s[0]), int(p[0]))
    assert fresh._population is None
    # the national chunks (a slice of seekers against every provider) agree too
    chunk = candidates_chunk(fresh, method="exact", k_seeker=3, k_provider=3, seekers=slice(0, n_s))
    want = candidates_chunk(population, method="exact", k_seeker=3, k_provider=3, seekers=slice(0, n_s))
    np.testing.assert_array_equal(chunk.for_seekers.score, want.for_seekers.score)
    np.testing.assert_array_equal(chunk.for_providers.score, want.for_providers.score)


def test_hubness_still_makes_its_population_pass():
    blocks, _ = _models(6, 5, 1, 8, 3, False)
    model = AffinityModel.from_reference(blocks.s.profiles, blocks.p.profiles, REFERENCE, encoder=None,
                                         weights=AffinityWeights(hubness=1.0), seeker_vectors=blocks.s.vectors,
                                         provider_vectors=blocks.p.vectors)
    model.score_block(slice(0, 6))
    assert model._population is not None and model._feedback is None


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 20), st.integers(1, 20), st.integers(0, 10_000),
       st.lists(st.sampled_from([0.0, 0.05, 0.3]), min_size=7, max_size=7), st.sampled_from([0.0, 0.5]))
def test_a_block_skips_parts_that_weigh_nothing_and_scores_the_same(n_s, n_p, seed, values, gate):
    names = ("concepts", "text", "sentences", "feedback", "industry", "language", "geography")
    model, _ = _models(n_s, n_p, seed, 8, 3, False)
    model.weights = AffinityWeights(**dict(zip(names, values, strict=True)), industry_gate=gate)
    every = model.parts_block(slice(0, n_s))  # every part, as the block computed before
    want = np.zeros((n_s, n_p), dtype=np.float32)
    for name, part in every.items():
        if getattr(model.weights, name):
            want += np.float32(getattr(model.weights, name)) * part
    np.testing.assert_array_equal(model.score_block(slice(0, n_s)), want)
    skipped = {name for name in ("industry", "language", "geography") if not getattr(model.weights, name)}
    only = [name for name in names if getattr(model.weights, name)]
    assert skipped.isdisjoint(model.parts_block(slice(0, n_s), only=only))
