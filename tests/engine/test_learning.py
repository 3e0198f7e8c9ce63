"""The weights fit recovers the weights that made synthetic decisions."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.engine.learning import (
    LabelledPair,
    decisions_synthesise,
    minimum_decisions,
    parts_unweighted,
    weights_fit,
)

TRUE = {"concepts": 0.45, "text": 0.30, "industry": 0.15, "language": 0.0, "geography": 0.10}
UNIFORM = {name: 0.2 for name in TRUE}


def _cosine(a: dict, b: dict) -> float:
    u = np.array([a[n] for n in sorted(TRUE)])
    v = np.array([b[n] for n in sorted(TRUE)])
    return float(u @ v / np.linalg.norm(u) / np.linalg.norm(v))


def test_fit_recovers_the_direction_of_known_weights_and_beats_uniform_weights():
    decisions = decisions_synthesise(TRUE, seekers=400, per_seeker=8, seed=1)
    fit = weights_fit(decisions, UNIFORM, folds=5, seed=0)
    assert fit.needed == 0
    assert set(fit.learned) == set(TRUE)
    assert _cosine(fit.weights, TRUE) > 0.95
    assert len(fit.fitted_accuracy) == 5
    assert fit.fitted_mean > fit.baseline_mean
    # scaled like the baseline: the learned weights sum to what the uniform ones do
    assert abs(sum(fit.weights[n] for n in TRUE) - 1.0) < 1e-5
    assert all(v >= 0 for v in fit.weights.values())


def test_fit_is_deterministic_for_a_seed():
    decisions = decisions_synthesise(TRUE, seekers=60, per_seeker=6, seed=3)
    assert weights_fit(decisions, UNIFORM, seed=4) == weights_fit(decisions, UNIFORM, seed=4)


@settings(max_examples=5, deadline=None)
@given(st.lists(st.floats(0.05, 1.0), min_size=3, max_size=5), st.integers(0, 1000))
def test_fit_recovers_random_weights(raw, seed):
    truth = {f"part{i}": w for i, w in enumerate(raw)}
    decisions = decisions_synthesise(truth, seekers=500, per_seeker=8, seed=seed)
    fit = weights_fit(decisions, {n: 1.0 for n in truth}, folds=4, seed=seed)
    u = np.array([truth[n] for n in sorted(truth)])
    v = np.array([fit.weights[n] for n in sorted(truth)])
    assert float(u @ v / np.linalg.norm(u) / np.linalg.norm(v)) > 0.95


def test_too_few_decisions_say_how_many_more_are_needed():
    decisions = decisions_synthesise(TRUE, seekers=3, per_seeker=4, seed=0)
    usable = [d for d in decisions if {e.label for e in decisions if e.seeker == d.seeker} == {1, -1}]
    fit = weights_fit(decisions, UNIFORM, folds=2)
    assert fit.minimum == minimum_decisions(5, 2) == 50
    assert fit.decisions == len(usable)
    assert fit.needed == 50 - len(usable)
    assert fit.reason == "decisions"
    assert fit.learned == ()
    assert fit.weights == UNIFORM


def test_too_few_seekers_for_the_folds_are_reported():
    decisions = [LabelledPair("a", 1, {"x": 1.0}), LabelledPair("a", -1, {"x": 0.0})] * 10
    fit = weights_fit(decisions, {"x": 1.0}, folds=5)
    assert (fit.needed, fit.reason) == (8, "seekers")


def test_a_part_that_never_varies_keeps_its_baseline_weight():
    decisions = [
        LabelledPair(s, y, {"concepts": c, "boost": 0.0})
        for s in range(40)
        for y, c in ((1, 0.8), (-1, 0.2), (1, 0.6), (-1, 0.5))
    ]
    fit = weights_fit(decisions, {"concepts": 0.3, "boost": 1.0}, folds=4)
    assert fit.learned == ("concepts",)
    assert fit.weights == {"concepts": 0.3, "boost": 1.0}
    assert fit.fitted_accuracy == (1.0, 1.0, 1.0, 1.0)


def test_parts_unweighted_divides_by_the_weights_of_the_time_and_drops_unknown_ones():
    breakdown = {"concepts": 0.15, "text": 0.25, "industry": 0.0, "boost": 0.0, "total": 0.4}
    weights = {"concepts": 0.3, "text": 0.5, "industry": 0.0, "boost": 1.0, "text_floor": None}
    assert parts_unweighted(breakdown, weights) == {"concepts": 0.5, "text": 0.5, "boost": 0.0}
