from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from match_support import MENTOR, OTHER, SME, TAXONOMY, model_of, unit_vectors

from kizuna.engine.affinity_messages import render_list
from kizuna.engine.profiles import Profile
from kizuna.engine.weights import PARTS, AffinityConfigError, AffinityWeights

CODES = TAXONOMY.codes
LANGS = ("th", "ja", "en")
profiles = st.builds(
    Profile,
    id=st.uuids().map(str),
    name=st.sampled_from(["A Co", "B Co", "C Co"]),
    country=st.sampled_from(["TH", "JP", "VN", ""]),
    languages=st.lists(st.sampled_from(LANGS), max_size=2, unique=True).map(tuple),
    industry_group=st.sampled_from(["", "auto_parts", "food", "Steel"]),
    technologies=st.lists(st.sampled_from([*CODES, "laser welding", "ロボット"]), max_size=3).map(tuple),
    region=st.sampled_from(["", "Rayong", "Chonburi", "Bangkok"]),
    markets=st.lists(st.sampled_from(["VN", "KH", "CLMV", "Laos"]), max_size=2).map(tuple),
)
weights = st.builds(
    AffinityWeights,
    concepts=st.floats(0, 1), text=st.floats(0, 1), industry=st.floats(0, 1),
    language=st.floats(0, 1), geography=st.floats(0, 1), boost=st.floats(0, 2),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(profiles, min_size=1, max_size=4), st.lists(profiles, min_size=1, max_size=5), weights,
       st.integers(0, 10))
def test_breakdown_parts_sum_to_the_total_and_match_the_block_scores(seekers, providers, w, seed):
    boosts = {(seekers[0].id, providers[-1].id): 0.5}
    model = model_of(seekers, providers, weights=w, boosts=boosts, seed=seed)
    block = model.score_block(slice(0, len(seekers)), dtype=np.float64)
    for s in range(len(seekers)):
        for p in range(len(providers)):
            b = model.breakdown(s, p)
            assert b.total == pytest.approx(sum(getattr(b, part) for part in PARTS), abs=1e-12)
            assert b.total == pytest.approx(block[s, p], abs=1e-6)  # the block multiplies in float32
            assert b.total == pytest.approx(model.score_edges(np.array([s]), np.array([p]))[0], abs=1e-12)
            for part in PARTS[:-1]:
                assert 0.0 <= getattr(b, part) <= getattr(w, part) + 1e-12


@settings(max_examples=60, deadline=None)
@given(profiles, profiles, st.integers(0, 10))
def test_text_language_and_geography_area_are_symmetric_in_the_two_sides(a, b, seed):
    va, vb = unit_vectors(1, 8, seed), unit_vectors(1, 8, seed + 1)
    ab = model_of([a], [b], vectors=(va, vb)).breakdown(0, 0)
    ba = model_of([b], [a], vectors=(vb, va)).breakdown(0, 0)
    assert ab.text == pytest.approx(ba.text, abs=1e-12)
    assert ab.language == ba.language


@settings(max_examples=60, deadline=None)
@given(st.lists(profiles, min_size=1, max_size=3), st.lists(profiles, min_size=2, max_size=5),
       st.floats(0, 1), st.floats(0, 1), st.integers(0, 10))
def test_a_larger_boost_raises_the_pair_and_never_lowers_its_rank(seekers, providers, low, extra, seed):
    pid = providers[0].id
    before = model_of(seekers, providers, boosts={(seekers[0].id, pid): low}, seed=seed)
    after = model_of(seekers, providers, boosts={(seekers[0].id, pid): low + extra}, seed=seed)
    s0 = before.score_edges(np.zeros(len(providers), dtype=int), np.arange(len(providers)))
    s1 = after.score_edges(np.zeros(len(providers), dtype=int), np.arange(len(providers)))
    assert s1[0] == pytest.approx(s0[0] + extra * AffinityWeights().boost, abs=1e-9)
    np.testing.assert_allclose(s1[1:], s0[1:], atol=1e-12)
    assert (s1 > s1[0]).sum() <= (s0 > s0[0]).sum()


# Every part weighted, the industry ungated (the defaults give language and geography 0).
# every part weighed (the defaults leave sentences, industry, language and geography at 0)
EVERY_PART = AffinityWeights(concepts=0.15, sentences=0.3, industry=0.05, language=0.03, geography=0.05, industry_gate=0.0)


def test_shared_concept_and_served_country_give_the_expected_parts():
    w = EVERY_PART
    model = model_of([SME], [MENTOR, OTHER], weights=w,
                     vectors=(np.ones((1, 2), np.float32) / np.sqrt(2), np.zeros((2, 2), np.float32)))
    b = model.breakdown(0, 0)
    # the seeker needs one concept, the mentor offers it and IoT: cosine of idf-weighted vectors
    idf = model.idf
    pm, iot, maint, cm = (TAXONOMY.position[c] for c in ("predictive_maintenance", "iot", "maintenance", "condition_monitoring"))
    offered = np.array([idf[pm], idf[iot], w.broader_credit * idf[maint], w.broader_credit * idf[cm]])
    assert b.concepts == pytest.approx(w.concepts * idf[pm] / np.linalg.norm(offered))
    assert b.text == 0.0
    assert b.industry == pytest.approx(w.industry * w.related_industry)  # mentor offers a concept of auto_parts
    assert b.language == pytest.approx(w.language)  # both speak English
    assert b.geography == pytest.approx(w.geography)  # Vietnam shared (and both in the EEC; capped at 1)
    assert b.boost == 0.0
    assert model.breakdown(0, 1).concepts == 0.0


def test_reasons_are_whole_sentences_in_each_language_with_labels_in_that_language():
    model = model_of([SME], [MENTOR], weights=EVERY_PART, vectors=(np.ones((1, 2), np.float32), np.ones((1, 2), np.float32)))
    en = model.reasons(0, 0, "en")
    assert en[0] == "Their descriptions are close in meaning."  # the largest part comes first
    assert en[1] == "Siam Parts needs Predictive maintenance, which Hitachi offers."
    assert "Hitachi already serves Vietnam, where Siam Parts plans to do business." in en
    assert "Both can work in English." in en
    assert "Both are located in the Eastern Economic Corridor (EEC)." in en
    ja = model.reasons(0, 0, "ja")
    assert ja[1] == "Siam Partsが求める予知保全をHitachiが提供しています。"
    assert "Hitachiはすでにベトナムで事業を行っており、Siam Partsもそこへの展開を計画しています。" in ja
    th = model.reasons(0, 0, "th")
    assert th[1] == "Siam Parts ต้องการการบำรุงรักษาเชิงพยากรณ์ ซึ่ง Hitachi มีให้"
    assert any("เวียดนาม" in r for r in th)
    assert len(en) == len(ja) == len(th)


@settings(max_examples=40, deadline=None)
@given(st.lists(profiles, min_size=1, max_size=3), st.lists(profiles, min_size=1, max_size=3), st.integers(0, 5))
def test_every_pair_has_reasons_in_all_three_languages(seekers, providers, seed):
    model = model_of(seekers, providers, seed=seed)
    for s in range(len(seekers)):
        for p in range(len(providers)):
            counts = set()
            for lang in LANGS:
                reasons = model.reasons(s, p, lang)
                assert reasons and all(isinstance(r, str) and r.strip() for r in reasons)
                counts.add(len(reasons))
            assert len(counts) == 1


def test_cross_language_descriptions_get_their_own_reason():
    sme = Profile("s", "Korat Pumps", description="ต้องการติดตามการสั่นสะเทือนของมอเตอร์")
    mentor = Profile("p", "Kojima", description="モーターの状態監視システム")
    model = model_of([sme], [mentor], vectors=(np.ones((1, 2), np.float32) / np.sqrt(2), np.ones((1, 2), np.float32) / np.sqrt(2)))
    assert model.reasons(0, 0, "en")[0] == "Their descriptions, one in Thai and one in Japanese, are close in meaning."


def test_unknown_technology_is_compared_as_free_text():
    a = Profile("s", technologies=("Laser Welding",))
    b = Profile("p", technologies=("laser welding",))
    c = Profile("q", technologies=("painting",))
    model = model_of([a], [b, c], weights=AffinityWeights(concepts=1, text=0, sentences=0, feedback=0, industry=0, language=0, geography=0))
    assert model.breakdown(0, 0).total == pytest.approx(1.0)
    assert model.breakdown(0, 1).total == 0.0
    assert model.reasons(0, 0, "en")[0] == "s needs Laser Welding, which p offers."  # as the seeker wrote it


def test_list_rendering_follows_each_language():
    assert render_list(["A", "B", "C"], "en") == "A, B and C"
    assert render_list(["A", "B", "C"], "ja") == "A、B、C"
    assert render_list(["A", "B"], "th") == "A และ B"  # a space between Thai and another script
    assert render_list(["A"], "en") == "A"


def test_weights_load_from_dict_and_json_and_reject_bad_values(tmp_path):
    assert AffinityWeights.from_dict({"text": 0.7}).text == 0.7
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"concepts": 1, "geography": 0.5}))
    assert AffinityWeights.from_json(path) == AffinityWeights(concepts=1.0, geography=0.5)
    with pytest.raises(AffinityConfigError, match="unknown affinity weight 'txt'"):
        AffinityWeights.from_dict({"txt": 1})
    with pytest.raises(AffinityConfigError, match="'text' must be a finite number, not 'high'"):
        AffinityWeights.from_dict({"text": "high"})
    with pytest.raises(AffinityConfigError, match="'boost' must not be negative"):
        AffinityWeights.from_dict({"boost": -1})
    assert AffinityWeights.from_dict(AffinityWeights().to_dict()) == AffinityWeights()


def test_concepts_only_described_count_less_and_read_as_shared_work_not_needs():
    # the SME lists what it needs (predictive maintenance) and describes what it does (robots)
    sme = Profile("s", "Siam Parts", technologies=("predictive_maintenance",), description="We build robots.")
    mentor = Profile("p", "Hitachi", technologies=("predictive_maintenance", "robotics"))
    w = AffinityWeights(concepts=1, text=0, sentences=0, feedback=0, industry=0, language=0, geography=0)
    model = model_of([sme], [mentor], weights=w)
    idf = model.idf
    pm, rb, mt, cm = (TAXONOMY.position[c] for c in ("predictive_maintenance", "robotics", "maintenance", "condition_monitoring"))
    need = np.array([idf[pm], w.described_credit * idf[rb]])
    offer = np.array([idf[pm], idf[rb]])
    offer_norm = np.linalg.norm([idf[pm], idf[rb], w.broader_credit * idf[mt], w.broader_credit * idf[cm]])
    assert model.breakdown(0, 0).concepts == pytest.approx(need @ offer / np.linalg.norm(need) / offer_norm)
    assert model.reasons(0, 0, "en") == [
        "Siam Parts needs Predictive maintenance, which Hitachi offers.",
        "Both work on Industrial robots.",
    ]
    assert model.reasons(0, 0, "ja")[1] == "双方とも産業用ロボットに取り組んでいます。"
