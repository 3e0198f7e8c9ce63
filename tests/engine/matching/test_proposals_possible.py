"""Only pairs that can exist are proposed (issue #9): an organisation that takes part
on both sides is never paired with itself, and pairs that already exist (earlier
rounds) are never proposed again and count against each side's limits."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from match_support import REFERENCE

from kizuna.engine.assignment import AssignmentInfeasible, AssignmentInputError
from kizuna.engine.matching import (
    PROVIDER,
    SEEKER,
    MatchInput,
    MatchOptions,
    match_compute,
    match_given,
    match_input_check,
)
from kizuna.engine.profiles import Profile

TECHS = ("predictive_maintenance", "robotics", "cold_chain", "erp", "iot")
FAST = MatchOptions(evidence=False)


def both_sides_input(**extra) -> MatchInput:
    """Org 7 is an SME and also a mentor (of CLMV companies): as a seeker it needs
    robotics, as a provider it offers robotics: paired with itself it would score best."""
    seekers = [Profile("7", "Samut Robotics", technologies=("robotics",), region="Samut Prakan"),
               Profile("8", "Rayong Foods", technologies=("cold_chain",))]
    providers = [Profile("7", "Samut Robotics", technologies=("robotics",), region="Samut Prakan"),
                 Profile("9", "Osaka Robots", technologies=("robotics", "cold_chain"))]
    return MatchInput(seekers, providers, lo=np.array([1, 0]), hi=np.array([1, 1]), capacity=np.array([2, 2]),
                      seeker_entities=[7, 8], provider_entities=[7, 9], **extra)


def pairs_of(result) -> set[tuple[int, int]]:
    return {(p.seeker, p.provider) for p in result.pairs}


def test_an_organisation_on_both_sides_is_never_proposed_to_itself():
    result = match_compute(both_sides_input(), reference=REFERENCE, options=FAST)
    assert (0, 0) not in pairs_of(result)
    assert pairs_of(result) == {(0, 1), (1, 1)}


def test_without_its_organisations_the_engine_cannot_know_a_self_pair():
    """The failing case of the pilot: the same organisation on both sides, unknown to the engine."""
    inp = both_sides_input()
    unaware = MatchInput(inp.seekers, inp.providers, lo=inp.lo, hi=inp.hi, capacity=inp.capacity)
    assert (0, 0) in pairs_of(match_compute(unaware, reference=REFERENCE, options=FAST))


def test_a_locked_pair_of_one_organisation_with_itself_is_a_plain_error():
    with pytest.raises(AssignmentInputError) as refused:
        match_compute(both_sides_input(), reference=REFERENCE, options=FAST, locked=[(0, 0)])
    assert refused.value.code == "matching.self_pair_locked"
    assert str(refused.value) == ("7 cannot be paired with itself: a locked pair has the same organisation "
                                  "as seeker and provider.")
    assert refused.value.render("th").startswith("7 ไม่สามารถจับคู่กับตนเองได้")
    assert refused.value.render("ja").startswith("7を自分自身と組み合わせることはできません")


def test_an_existing_pair_of_one_organisation_with_itself_is_a_plain_error():
    with pytest.raises(AssignmentInputError) as refused:
        match_input_check(both_sides_input(existing=[(0, 0)]))
    assert refused.value.code == "matching.self_pair_existing"


def test_given_scores_with_a_self_pair_are_refused():
    with pytest.raises(AssignmentInputError) as refused:
        match_given(both_sides_input(), seeker=np.array([0, 1]), provider=np.array([0, 1]),
                    score=np.array([0.9, 0.5]), reasons=lambda s, p, lang: [])
    assert refused.value.code == "matching.self_pair_given"


def test_pairs_out_of_range_and_held_counts_of_the_wrong_length_are_named():
    with pytest.raises(AssignmentInputError) as refused:
        match_input_check(both_sides_input(existing=[(0, 5)]))
    assert refused.value.code == "matching.pair_out_of_range"
    with pytest.raises(AssignmentInputError) as refused:
        match_input_check(both_sides_input(held_seeker=np.array([1])))
    assert (refused.value.code, refused.value.params["field"]) == ("assign_input_shape", "held_seeker")


def test_existing_pairs_are_not_proposed_again_and_count_against_the_limits():
    seekers = [Profile(f"s{i}", technologies=("robotics",)) for i in range(3)]
    providers = [Profile(f"p{j}", technologies=("robotics",)) for j in range(2)]
    inp = MatchInput(seekers, providers, lo=np.array([1, 1, 1]), hi=np.array([2, 2, 2]), capacity=np.array([2, 2]),
                     existing=[(0, 0)], held_seeker=np.array([2, 1, 0]), held_provider=np.array([1, 1]))
    assert [a.tolist() for a in inp.limits()] == [[0, 0, 1], [0, 1, 2], [1, 1]]
    result = match_compute(inp, reference=REFERENCE, options=FAST)
    chosen = pairs_of(result)
    assert (0, 0) not in chosen
    assert not any(s == 0 for s, _ in chosen)  # its two places are held by earlier pairs
    assert len(chosen) == 2  # one place left at each mentor
    assert (SEEKER, 0) not in [(u.side, u.index) for u in result.unmatched]  # s0 is served by its earlier pairs


@st.composite
def problems(draw):
    n_s = draw(st.integers(1, 5))
    n_p = draw(st.integers(1, 4))
    # organisations: some seekers are also providers
    seeker_orgs = list(range(n_s))
    provider_orgs = [draw(st.sampled_from([*range(n_s), 100 + j])) for j in range(n_p)]
    provider_orgs = list(dict.fromkeys(provider_orgs))  # one provider row per organisation
    while len(provider_orgs) < n_p:
        provider_orgs.append(200 + len(provider_orgs))
    seekers = [Profile(str(o), technologies=tuple(draw(st.sets(st.sampled_from(TECHS), min_size=1, max_size=3))))
               for o in seeker_orgs]
    providers = [Profile(str(o), technologies=tuple(draw(st.sets(st.sampled_from(TECHS), min_size=1, max_size=3))))
                 for o in provider_orgs]
    possible = [(s, p) for s in range(n_s) for p in range(n_p) if seeker_orgs[s] != provider_orgs[p]]
    existing = draw(st.lists(st.sampled_from(possible), unique=True, max_size=len(possible))) if possible else []
    held_s = np.zeros(n_s, dtype=np.int64)
    held_p = np.zeros(n_p, dtype=np.int64)
    for s, p in existing:
        held_s[s] += 1
        held_p[p] += 1
    held_s += np.array(draw(st.lists(st.integers(0, 1), min_size=n_s, max_size=n_s)), dtype=np.int64)  # partners outside
    held_p += np.array(draw(st.lists(st.integers(0, 1), min_size=n_p, max_size=n_p)), dtype=np.int64)
    hi = np.array(draw(st.lists(st.integers(0, 3), min_size=n_s, max_size=n_s)), dtype=np.int64)
    lo = np.minimum(np.array(draw(st.lists(st.integers(0, 1), min_size=n_s, max_size=n_s)), dtype=np.int64), hi)
    cap = np.array(draw(st.lists(st.integers(0, 3), min_size=n_p, max_size=n_p)), dtype=np.int64)
    count = draw(st.booleans())
    return MatchInput(seekers, providers, lo=lo, hi=hi, capacity=cap, seeker_entities=seeker_orgs,
                      provider_entities=provider_orgs, existing=existing,
                      held_seeker=held_s if count else None, held_provider=held_p if count else None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_no_proposal_pairs_an_organisation_with_itself_or_repeats_an_existing_pair_or_exceeds_limits(inp):
    try:
        result = match_compute(inp, reference=REFERENCE, options=MatchOptions(k=3, evidence=False))
    except AssignmentInfeasible:
        return  # minimums that cannot be met are reported, not broken
    chosen = pairs_of(result)
    assert all(inp.seeker_entities[s] != inp.provider_entities[p] for s, p in chosen)
    assert not chosen & set(inp.existing)
    held_s = np.zeros(len(inp.seekers), dtype=np.int64) if inp.held_seeker is None else inp.held_seeker
    held_p = np.zeros(len(inp.providers), dtype=np.int64) if inp.held_provider is None else inp.held_provider
    per_s = np.bincount([s for s, _ in chosen], minlength=len(inp.seekers))
    per_p = np.bincount([p for _, p in chosen], minlength=len(inp.providers))
    # what each side already holds and what this run proposes stay within its limit
    assert (per_s <= np.maximum(inp.hi - held_s, 0)).all()
    assert (per_p <= np.maximum(inp.capacity - held_p, 0)).all()
    assert ((per_s + held_s <= inp.hi) | (per_s == 0)).all()
    assert ((per_p + held_p <= inp.capacity) | (per_p == 0)).all()
    for u in result.unmatched:
        held = held_s if u.side == SEEKER else held_p
        limit = (inp.hi if u.side == SEEKER else inp.capacity)[u.index]
        assert not (held[u.index] > 0 and held[u.index] >= limit), "a participant full with earlier pairs is served"
    assert PROVIDER  # both sides named by the engine's constants
