"""Assignment engine: exact examples, infeasibility reports, the checker, withdrawals."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from kizuna.engine.assignment import (
    AssignmentInfeasible,
    AssignmentInputError,
    AssignmentProblem,
    AssignmentTimeLimit,
    AssignmentViolations,
    assignment_check,
    assignment_solve,
    assignment_subproblem,
    assignment_withdraw,
    candidates_pruning_gap,
)


def dense(scores, lo, hi, cap, **kw) -> AssignmentProblem:
    scores = np.asarray(scores, dtype=float)
    n_s, n_p = scores.shape
    s, p = np.divmod(np.arange(n_s * n_p), n_p)
    return AssignmentProblem(
        n_seekers=n_s,
        n_providers=n_p,
        seeker=s.astype(np.int32),
        provider=p.astype(np.int32),
        score=scores.ravel(),
        lo=np.broadcast_to(np.asarray(lo), (n_s,)).copy(),
        hi=np.broadcast_to(np.asarray(hi), (n_s,)).copy(),
        capacity=np.broadcast_to(np.asarray(cap), (n_p,)).copy(),
        **kw,
    )


def pairs(problem, result) -> list[tuple[int, int]]:
    return [(int(problem.seeker[e]), int(problem.provider[e])) for e in result.edges]


# --- exact examples -----------------------------------------------------------------


def test_solve_takes_the_best_pairs_within_capacity():
    problem = dense([[5, 4], [5, 1]], lo=1, hi=1, cap=1)
    result = assignment_solve(problem)
    assert pairs(problem, result) == [(0, 1), (1, 0)]
    assert result.objective == 9.0
    assert result.bound == 9.0
    assert result.gap == 0.0
    assert result.proven_optimal
    assert result.method == "min_cost_flow"
    assert result.unmatched_seekers == []
    assert result.unfilled_providers == []
    assert result.changed is None


def test_solve_meets_minimum_even_with_negative_scores():
    problem = dense([[-1, -3], [2, 2]], lo=[1, 0], hi=2, cap=2)
    result = assignment_solve(problem)
    assert pairs(problem, result) == [(0, 0), (1, 0), (1, 1)]
    assert result.objective == pytest.approx(3.0)


def test_solve_stops_at_zero_value_when_minimum_is_zero():
    problem = dense([[-1, -3], [2, -2]], lo=0, hi=2, cap=2)
    result = assignment_solve(problem)
    assert pairs(problem, result) == [(1, 0)]
    assert result.unmatched_seekers == [0]
    assert result.unfilled_providers == [1]


def test_solve_keeps_locked_pair_and_avoids_forbidden_pair():
    problem = dense(
        [[9, 1], [8, 7]],
        lo=1,
        hi=1,
        cap=1,
        locked=np.array([False, True, False, False]),
        forbidden=np.array([False, False, False, True]),
    )
    result = assignment_solve(problem)
    assert pairs(problem, result) == [(0, 1), (1, 0)]
    assert result.objective == 9.0


def test_group_quota_limits_pairs_of_one_group():
    # seekers 0 and 1 are in group 0 (at most one pair), seeker 2 in no group
    problem = dense(
        [[9, 8], [9, 8], [1, 1]],
        lo=0,
        hi=1,
        cap=1,
        seeker_group=np.array([0, 0, -1]),
        group_quota={0: (0, 1)},
    )
    result = assignment_solve(problem)
    assert result.objective == 10.0
    assert sorted(int(problem.seeker[e]) for e in result.edges) in ([0, 2], [1, 2])
    assert result.bound == result.objective
    assignment_check(problem, result)


def test_group_quota_minimum_forces_pairs_for_a_group():
    problem = dense(
        [[9, 9], [1, 1]],
        lo=0,
        hi=2,
        cap=1,
        seeker_group=np.array([0, 1]),
        group_quota={1: (1, 2)},
    )
    result = assignment_solve(problem)
    assert result.objective == 10.0
    assert sorted(int(problem.seeker[e]) for e in result.edges) == [0, 1]


def test_sparse_edges_in_any_order_are_accepted():
    problem = AssignmentProblem(
        n_seekers=2,
        n_providers=2,
        seeker=np.array([1, 0, 0]),
        provider=np.array([0, 1, 0]),
        score=np.array([3.0, 1.0, 2.0]),
        lo=np.array([1, 1]),
        hi=np.array([1, 1]),
        capacity=np.array([1, 1]),
    )
    result = assignment_solve(problem)
    assert result.edges.tolist() == [0, 1]
    assert result.objective == 4.0


def test_fair_mode_raises_the_lowest_seeker_first():
    # the plain optimum 10+5 leaves seeker 1 with 5; fair gives both 6
    problem = dense([[10, 6], [6, 5]], lo=0, hi=1, cap=1)
    plain = assignment_solve(problem)
    fair = assignment_solve(problem, fair=True)
    assert plain.objective == 15.0
    assert pairs(problem, fair) == [(0, 1), (1, 0)]
    assert fair.floor == 6.0
    assert fair.objective == 12.0
    assert fair.floor_bound == 6.0
    assert fair.method == "fair+min_cost_flow"


def test_fair_mode_with_several_providers_uses_a_mip():
    problem = dense([[10, 10, 1], [2, 2, 3]], lo=0, hi=2, cap=1)
    fair = assignment_solve(problem, fair=True)
    assignment_check(problem, fair)
    # seeker 1 reaches 5 with a 2 and the 3, seeker 0 keeps one 10; the plain
    # optimum gives seeker 0 both 10s and seeker 1 only the 3
    assert fair.floor == 5.0
    assert fair.objective == 15.0
    assert assignment_solve(problem).objective == 23.0
    assert fair.method == "fair+cp_sat+mip"
    assert fair.proven_optimal
    assert fair.floor_bound == 5.0


# --- input errors and infeasibility -----------------------------------------------------


def test_out_of_range_provider_is_an_input_error_naming_the_position():
    problem = replace(dense([[1, 2]], lo=0, hi=1, cap=1), provider=np.array([0, 2]))
    with pytest.raises(AssignmentInputError, match="provider at position 1 holds 2"):
        assignment_solve(problem)


def test_duplicate_pair_is_an_input_error_naming_the_pair():
    problem = AssignmentProblem(
        2,
        2,
        np.array([0, 1, 0]),
        np.array([1, 0, 1]),
        np.ones(3),
        np.zeros(2),
        np.ones(2),
        np.ones(2),
        seeker_ids=["SME-A", "SME-B"],
        provider_ids=["Hitachi", "IIJ"],
    )
    with pytest.raises(AssignmentInputError, match="SME-A – IIJ"):
        assignment_solve(problem)


def test_capacity_below_demand_is_reported_with_the_numbers():
    problem = dense(np.ones((4, 2)), lo=1, hi=1, cap=[1, 2])
    with pytest.raises(AssignmentInfeasible) as info:
        assignment_solve(problem)
    [problem_] = info.value.problems
    assert problem_.code == "assign_capacity_below_demand"
    assert (
        problem_.message
        == "The providers can take 3 pairs in all, but the seekers need at least 4."
    )
    assert problem_.seekers == (0, 1, 2, 3)


def test_seeker_without_allowed_provider_is_named():
    problem = dense(
        np.ones((2, 2)),
        lo=1,
        hi=1,
        cap=1,
        forbidden=np.array([False, False, True, True]),
        seeker_ids=["Thai Auto Parts", "Siam Textile"],
    )
    with pytest.raises(AssignmentInfeasible) as info:
        assignment_solve(problem)
    codes = {p.code: p for p in info.value.problems}
    assert codes["assign_no_allowed_provider"].seekers == (1,)
    assert "Siam Textile" in codes["assign_no_allowed_provider"].message
    assert "Siam Textile" in str(info.value)
    assert "Siam Textile" in info.value.render("th")
    assert "Siam Textile" in info.value.render("ja")


def test_hall_violation_names_the_seekers_left_short():
    # seekers 0 and 1 can only use provider 0 (capacity 1); in all there is room for 3
    problem = AssignmentProblem(
        3,
        3,
        np.array([0, 1, 2, 2]),
        np.array([0, 0, 1, 2]),
        np.ones(4),
        np.ones(3),
        np.ones(3),
        np.ones(3),
    )
    with pytest.raises(AssignmentInfeasible) as info:
        assignment_solve(problem)
    [problem_] = info.value.problems
    assert problem_.code == "assign_seekers_left_short"
    assert len(problem_.seekers) == 1
    assert problem_.seekers[0] in (0, 1)
    assert problem_.providers == (0,)


def test_locked_pair_conflicts_are_reported_with_their_participants():
    problem = dense(
        np.ones((2, 2)),
        lo=0,
        hi=1,
        cap=[1, 1],
        locked=np.array([True, True, True, False]),
        forbidden=np.array([False, False, True, False]),
    )
    with pytest.raises(AssignmentInfeasible) as info:
        assignment_solve(problem)
    codes = {p.code: p for p in info.value.problems}
    assert set(codes) == {"assign_locked_forbidden", "assign_locked_above_hi"}
    assert codes["assign_locked_forbidden"].seekers == (1,)
    assert codes["assign_locked_forbidden"].providers == (0,)
    assert codes["assign_locked_above_hi"].seekers == (0,)


def test_locked_pairs_above_capacity_name_the_provider():
    problem = dense(
        np.ones((2, 1)), lo=0, hi=1, cap=1, locked=np.array([True, True]), provider_ids=["Kojima"]
    )
    with pytest.raises(AssignmentInfeasible) as info:
        assignment_solve(problem)
    [problem_] = info.value.problems
    assert problem_.code == "assign_locked_above_capacity"
    assert problem_.providers == (0,)
    assert "Kojima" in problem_.message


def test_minimum_above_maximum_is_reported():
    problem = dense(np.ones((2, 2)), lo=[2, 0], hi=[1, 1], cap=2)
    with pytest.raises(AssignmentInfeasible) as info:
        assignment_solve(problem)
    assert [(p.code, p.seekers) for p in info.value.problems] == [("assign_lo_above_hi", (0,))]


def test_unreachable_group_minimum_is_reported():
    problem = dense(
        np.ones((2, 3)),
        lo=0,
        hi=1,
        cap=1,
        seeker_group=np.array([0, 1]),
        group_quota={0: (2, 3)},
        group_ids=["Auto"],
    )
    with pytest.raises(AssignmentInfeasible) as info:
        assignment_solve(problem)
    [problem_] = info.value.problems
    assert problem_.code == "assign_group_min_unreachable"
    assert problem_.groups == (0,)
    assert (
        problem_.message == "Group Auto needs at least 2 pairs, but its seekers can take at most 1."
    )


def test_group_left_short_by_competition_is_reported():
    # both groups need a pair, but there is one provider seat
    problem = dense(
        np.ones((2, 1)),
        lo=0,
        hi=1,
        cap=1,
        seeker_group=np.array([0, 1]),
        group_quota={0: (1, 1), 1: (1, 1)},
    )
    with pytest.raises(AssignmentInfeasible) as info:
        assignment_solve(problem)
    [problem_] = info.value.problems
    assert problem_.code == "assign_groups_left_short"
    assert len(problem_.groups) == 1


# --- checker --------------------------------------------------------------------------


@pytest.fixture
def checked():
    problem = dense(
        [[5, 4, 1], [3, 6, 2], [1, 1, 7]],
        lo=1,
        hi=1,
        cap=1,
        locked=np.array([False, False, False, False, False, False, False, False, True]),
        forbidden=np.array([False, True, False, False, False, False, False, False, False]),
        seeker_group=np.array([0, 0, 1]),
        group_quota={0: (1, 2)},
        seeker_ids=["s0", "s1", "s2"],
        provider_ids=["p0", "p1", "p2"],
    )
    result = assignment_solve(problem)
    assignment_check(problem, result)
    assert pairs(problem, result) == [(0, 0), (1, 1), (2, 2)]
    return problem, result


def codes_of(problem, result) -> list[tuple[str, int | None, int | None]]:
    with pytest.raises(AssignmentViolations) as info:
        assignment_check(problem, result)
    return [(v.code, v.seeker, v.provider) for v in info.value.violations]


def test_checker_detects_forbidden_pair(checked):
    problem, result = checked
    bad = replace(result, edges=np.array([1, 4, 8]), objective=17.0, bound=17.0)
    assert codes_of(problem, bad) == [
        ("assign_check_forbidden", 0, 1),
        ("assign_check_over_capacity", None, 1),
    ]


def test_checker_detects_missing_locked_pair_and_minimum(checked):
    problem, result = checked
    bad = replace(result, edges=np.array([0, 4]), objective=11.0, bound=11.0)
    assert codes_of(problem, bad) == [
        ("assign_check_locked", 2, 2),
        ("assign_check_below_minimum", 2, None),
    ]


def test_checker_detects_maximum_and_group_quota(checked):
    problem, result = checked
    bad = replace(result, edges=np.array([0, 2, 4, 8]), objective=19.0, bound=19.0)
    found = codes_of(problem, bad)
    assert found == [
        ("assign_check_above_maximum", 0, None),
        ("assign_check_over_capacity", None, 2),
        ("assign_check_group_above", None, None),
    ]


def test_checker_detects_group_below_minimum(checked):
    problem, result = checked
    bad = replace(result, edges=np.array([8]), objective=7.0, bound=7.0)
    found = [c for c, _, _ in codes_of(problem, bad)]
    assert found == [
        "assign_check_below_minimum",
        "assign_check_below_minimum",
        "assign_check_group_below",
    ]


def test_checker_detects_unknown_and_repeated_edges(checked):
    problem, result = checked
    bad = replace(result, edges=np.array([0, 4, 8, 8, 9]), objective=18.0)
    found = codes_of(problem, bad)
    assert found[0] == ("assign_check_edge_range", None, None)
    assert ("assign_check_edge_repeated", 2, 2) in found


def test_checker_detects_wrong_objective_and_bound(checked):
    problem, result = checked
    bad = replace(result, objective=19.0, bound=17.0)
    assert [c for c, _, _ in codes_of(problem, bad)] == [
        "assign_check_objective",
        "assign_check_bound",
    ]


def test_checker_message_names_participants_in_each_language(checked):
    problem, result = checked
    bad = replace(result, edges=np.array([0, 4]), objective=11.0, bound=11.0)
    with pytest.raises(AssignmentViolations) as info:
        assignment_check(problem, bad)
    assert "The locked pair s2 – p2 is missing from the result." in str(info.value)
    assert "s2 – p2" in info.value.render("th")
    assert "s2 – p2" in info.value.render("ja")


# --- withdrawal, pruning --------------------------------------------------------------


def test_resolve_with_nothing_withdrawn_changes_nothing():
    rng = np.random.default_rng(3)
    problem = dense(rng.integers(0, 5, size=(12, 6)), lo=1, hi=2, cap=3)
    first = assignment_solve(problem)
    again = assignment_solve(problem, previous=first.edges)
    assert again.changed == 0
    assert again.edges.tolist() == first.edges.tolist()


def test_withdrawn_provider_only_moves_its_own_seekers():
    # ties everywhere: without the tie-break any permutation would be optimal
    problem = dense(np.ones((6, 4)), lo=1, hi=1, cap=2)
    first = assignment_solve(problem)
    gone = int(problem.provider[first.edges[0]])
    moved = [s for s, p in pairs(problem, first) if p == gone]
    after = assignment_withdraw(problem, providers=[gone])
    second = assignment_solve(after, previous=first.edges)
    assignment_check(after, second)
    assert second.changed == 2 * len(moved)
    kept = set(pairs(problem, first)) - {(s, gone) for s in moved}
    assert kept <= set(pairs(after, second))


def test_withdrawn_seeker_frees_its_provider_without_moving_others():
    problem = dense(np.ones((4, 4)), lo=1, hi=1, cap=1)
    first = assignment_solve(problem)
    after = assignment_withdraw(problem, seekers=[0])
    second = assignment_solve(after, previous=first.edges)
    assert second.changed == 1
    assert second.unmatched_seekers == []


def test_previous_as_pairs_maps_onto_a_new_edge_list():
    problem = dense(np.ones((3, 3)), lo=1, hi=1, cap=1)
    first = assignment_solve(problem)
    old_pairs = np.array(pairs(problem, first))
    keep = problem.provider != 0  # provider 0 withdraws: its edges are dropped
    sub, _ = assignment_subproblem(problem, keep)
    sub = replace(sub, capacity=np.array([0, 1, 1]), lo=np.array([0, 0, 0]))
    second = assignment_solve(sub, previous=old_pairs)
    assert second.changed == 1


def test_pruning_gap_is_zero_when_nothing_is_pruned_and_positive_when_best_pair_is():
    problem = dense([[5, 1], [1, 5]], lo=0, hi=1, cap=1)
    full = candidates_pruning_gap(problem, np.ones(4, dtype=bool))
    assert full.gap == 0.0
    pruned = candidates_pruning_gap(problem, np.array([True, True, True, False]))
    assert pruned.dense_objective == 10.0
    assert pruned.pruned_objective == 5.0
    assert pruned.gap == 0.5


def test_empty_problem_solves_to_nothing():
    problem = AssignmentProblem(
        2,
        1,
        np.zeros(0, np.int32),
        np.zeros(0, np.int32),
        np.zeros(0),
        np.zeros(2),
        np.ones(2),
        np.ones(1),
    )
    result = assignment_solve(problem)
    assert result.edges.tolist() == []
    assert result.objective == 0.0
    assert result.unmatched_seekers == [0, 1]
    assert result.unfilled_providers == [0]


def test_fair_mip_resolve_with_its_own_result_changes_nothing():
    problem = dense([[10, 10, 1], [2, 2, 3], [4, 1, 1]], lo=0, hi=2, cap=2)
    first = assignment_solve(problem, fair=True)
    again = assignment_solve(problem, fair=True, previous=first.edges)
    assert again.changed == 0
    assert again.floor == first.floor
    assert again.objective == first.objective


def test_lo_that_is_not_a_whole_number_is_an_input_error():
    problem = dense(np.ones((2, 2)), lo=np.array([0.5, 1.0]), hi=1, cap=1)
    with pytest.raises(AssignmentInputError, match="lo at position 0 holds 0.5"):
        assignment_solve(problem)


def test_score_array_of_wrong_length_is_an_input_error():
    problem = replace(dense(np.ones((2, 2)), lo=0, hi=1, cap=1), score=np.ones(3))
    with pytest.raises(AssignmentInputError, match="score has 3 entries where 4 are needed"):
        assignment_solve(problem)


def test_every_assignment_sentence_has_three_languages_with_the_same_placeholders():
    from kizuna.engine.assignment._messages import MESSAGES
    from kizuna.engine.messages import placeholders

    assert len(MESSAGES) == 30
    for code, texts in MESSAGES.items():
        assert set(texts) == {"th", "ja", "en"}, code
        assert (
            placeholders(texts["th"]) == placeholders(texts["en"]) == placeholders(texts["ja"])
        ), code


def test_fair_mode_under_a_tiny_time_limit_stops_with_a_valid_result_or_a_domain_error():
    rng = np.random.default_rng(5)
    problem = dense(rng.random((12, 20)), lo=1, hi=2, cap=1)
    try:
        result = assignment_solve(problem, fair=True, time_limit=1e-3)
    except AssignmentTimeLimit as error:
        assert str(error).startswith("The fairness mode found no assignment within the time limit")
        return
    assignment_check(problem, result)
    assert result.bound >= result.objective
    assert result.floor_bound >= result.floor


def test_plain_solve_imports_neither_scipy_nor_cp_sat_so_the_cli_starts_fast():
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys, numpy as np\n"
        "from kizuna.engine.assignment import AssignmentProblem, assignment_solve\n"
        "p = AssignmentProblem(2, 2, np.array([0, 1]), np.array([1, 0]), np.ones(2), "
        "np.ones(2), np.ones(2), np.ones(2))\n"
        "assert assignment_solve(p).objective == 2.0\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'scipy', 'django'}), "
        "'ortools.sat.python.cp_model' in sys.modules)\n"
    )
    src = Path(__file__).resolve().parents[2] / "src"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(src)},
    )
    assert out.stdout.strip() == "[] False"
