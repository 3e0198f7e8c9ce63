"""Ranking quality on the judged evaluation set (tests/data/eval), with the real
taxonomy and the default sentence encoder (loaded once per process)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from kizuna.engine.quality import quality_at_k

ROOT = Path(__file__).resolve().parents[3]


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_quality", ROOT / "benchmarks" / "eval_quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_ndcg_and_recall_on_a_hand_computed_ranking():
    scores = np.array([[0.9, 0.8, 0.7, 0.1], [0.1, 0.2, 0.3, 0.4]])
    relevance = {(0, 1): 2, (0, 3): 1, (1, 3): 1}
    q = quality_at_k(scores, relevance, k=2)
    # seeker 0: top-2 = [0, 1]; dcg = 3/log2(3); idcg = 3 + 1/log2(3)
    ndcg0 = (3 / np.log2(3)) / (3 + 1 / np.log2(3))
    assert q.ndcg == pytest.approx((ndcg0 + 1.0) / 2)
    assert q.recall == pytest.approx((0.5 + 1.0) / 2)
    assert q.seekers == 2


def test_subset_hides_the_other_relevant_providers():
    scores = np.array([[0.9, 0.8, 0.7]])
    relevance = {(0, 0): 1, (0, 2): 1}
    q = quality_at_k(scores, relevance, k=1, subset=lambda s, p: p == 2)
    assert q.ndcg == 0.0 and q.recall == 0.0  # provider 1 (not relevant) now ranks first
    q = quality_at_k(scores, relevance, k=2, subset=lambda s, p: p == 2)
    assert q.recall == 1.0


@pytest.fixture(scope="module")
def results():
    return _eval_module().evaluate(encoders=("use",))


def test_full_affinity_beats_each_single_component_on_the_evaluation_set(results):
    full = results[("use", "full affinity")]["all"]
    for variant in ("text similarity alone", "taxonomy overlap alone", "affinity without text"):
        single = results[("use", variant)]["all"]
        assert full.ndcg > single.ndcg, variant
        assert full.recall >= single.recall, variant


def test_cross_language_pairs_rank_as_well_as_same_language_pairs(results):
    full = results[("use", "full affinity")]
    assert full["cross-language"].ndcg >= full["same-language"].ndcg - 0.05
    assert full["cross-language"].seekers >= 30
