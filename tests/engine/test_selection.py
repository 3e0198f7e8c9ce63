"""Selection of N applicants: exact choice under quotas, tie-breaks, reasons, infeasibility."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.engine.selection import (
    Applicant,
    Quota,
    Review,
    SelectionInfeasible,
    SelectionInputError,
    aggregate_scores,
    rank_order,
    select,
)


def A(pid, **cats):
    return Applicant(pid, pid, cats)


def R(pid, reviewer, score):
    return Review(pid, reviewer, {"overall": score})


def test_scores_are_means_of_weighted_category_means():
    apps = [A("x"), A("y")]
    reviews = [
        Review("x", "r1", {"novelty": 5, "fit": 1}),
        Review("x", "r2", {"novelty": 3, "fit": 3}),
        Review("y", "r1", {"novelty": 2}),
    ]
    assert aggregate_scores(apps, reviews) == {"x": (3.0, 2), "y": (2.0, 1)}
    weighted = aggregate_scores(apps, reviews, {"novelty": 3, "fit": 1})
    assert weighted == {"x": ((4.0 + 3.0) / 2, 2), "y": (2.0, 1)}


def test_ties_go_to_more_reviews_then_smaller_id():
    scores = {"b": (4.0, 2), "a": (4.0, 2), "c": (4.0, 3), "d": (4.5, 1)}
    assert rank_order(scores) == ["d", "c", "a", "b"]


def test_without_quotas_the_top_n_are_selected_with_reasons():
    apps = [A("a"), A("b"), A("c")]
    reviews = [R("a", "r", 3), R("b", "r", 5), R("c", "r", 3)]
    sel = select(apps, reviews, n=2)
    assert sel.selected == ["b", "a"]
    assert [d.explain("en") for d in sel.decisions] == [
        "Selected: rank 1 of 3 with score 5.00.",
        "Selected: rank 2 of 3 with score 3.00.",
        "Not selected: rank 3 with score 3.00, equal to the last selected applicant; ties go to more reviews, then to the smaller id.",
    ]
    assert sel.decisions[0].explain("th") == "ได้รับคัดเลือก: อันดับ 1 จาก 3 คะแนน 5.00"
    assert sel.decisions[0].explain("ja") == "選考通過：3名中1位、スコア5.00。"


def test_min_and_max_quotas_name_the_binding_quota():
    apps = [
        A("a", country="TH"),
        A("b", country="TH"),
        A("c", country="TH"),
        A("d", country="JP"),
        A("e"),
    ]
    reviews = [R("a", "r", 9), R("b", "r", 8), R("c", "r", 7), R("d", "r", 1), R("e", "r", 0)]
    sel = select(
        apps, reviews, n=3, quotas=[Quota("country", "JP", min=1), Quota("country", "TH", max=1)]
    )
    assert sel.selected == ["a", "d", "e"]
    assert {d.applicant: d.explain("en") for d in sel.decisions} == {
        "a": "Selected: rank 1 of 5 with score 9.00.",
        "b": "Not selected although ranked 2 (score 8.00): the maximum of 1 for country TH is reached.",
        "c": "Not selected although ranked 3 (score 7.00): the maximum of 1 for country TH is reached.",
        "d": "Selected at rank 4 (score 1.00) to meet the minimum of 1 for country JP.",
        "e": "Selected at rank 5 (score 0.00) because better-ranked applicants were held back by a maximum quota.",
    }


def test_displaced_applicant_is_told_which_minimum_took_the_place():
    apps = [A("a", region="EEC"), A("b", region="EEC"), A("c", region="North")]
    reviews = [R("a", "r", 5), R("b", "r", 4), R("c", "r", 1)]
    sel = select(apps, reviews, n=2, quotas=[Quota("region", "North", min=1)])
    assert sel.selected == ["a", "c"]
    assert sel.decision("b").explain("en") == (
        "Not selected although ranked 2 (score 4.00): the place went to meet the minimum of 1 for region North."
    )


def test_unreviewed_applicant_is_not_ranked():
    sel = select([A("a"), A("b")], [R("a", "r", 2)], n=1)
    assert sel.decision("b").rank is None
    assert sel.decision("b").explain("en") == "Not selected: the application has no review scores."


def test_infeasible_quotas_are_reported_clearly():
    apps = [A("a", sector="IoT"), A("b", sector="IoT"), A("c", sector="Auto")]
    reviews = [R(x, "r", 1) for x in "abc"]
    with pytest.raises(SelectionInfeasible) as err:
        select(
            apps,
            reviews,
            n=2,
            quotas=[Quota("sector", "Auto", min=2), Quota("sector", "IoT", min=1)],
        )
    assert err.value.render("en") == [
        "The minimum of 2 for sector Auto cannot be met: only 1 ranked applicants have it.",
        "The minimums for sector add up to 3, more than the 2 to select.",
    ]
    with pytest.raises(SelectionInfeasible) as err:
        select(apps, reviews, n=3, quotas=[Quota("sector", "IoT", max=1)])
    assert err.value.render("en") == [
        "The maximums for sector allow at most 2 selected, fewer than the 3 to select."
    ]
    apps2 = [A("a", sector="IoT", country="TH"), A("b", sector="Auto", country="JP")]
    with pytest.raises(SelectionInfeasible) as err:
        select(
            apps2,
            [R("a", "r", 1), R("b", "r", 1)],
            n=1,
            quotas=[Quota("sector", "IoT", min=1), Quota("country", "JP", min=1)],
        )
    assert err.value.render("en") == [
        "The quotas cannot all be met together with 1 selected applicants (each is possible alone, not in combination)."
    ]
    with pytest.raises(SelectionInfeasible) as err:
        select(apps, reviews, n=4)
    assert err.value.render("ja") == [
        "審査スコアのある応募者は3名だけなので、4名を選ぶことはできません。"
    ]


def test_bad_input_is_named():
    with pytest.raises(SelectionInputError) as err:
        select([A("a"), A("a")], [R("z", "r", 1), R("a", "r", 1), R("a", "r", 2)], n=1)
    assert err.value.render("en") == [
        "Applicant id a appears more than once.",
        "A review by r is for z, who is not an applicant.",
        "r reviewed a more than once.",
    ]
    with pytest.raises(SelectionInputError) as err:
        select([A("a")], [R("a", "r", 1)], n=1, quotas=[Quota("sector", "IoT", min=2, max=1)])
    assert err.value.render("en") == ["The quota for sector IoT has minimum 2 and maximum 1."]


def brute_force(apps, scores, n, quotas):
    order = rank_order(scores)
    cats = {a.id: a.categories for a in apps}
    best = None
    for combo in itertools.combinations(range(len(order)), n):
        ok = all(
            q.min
            <= sum(1 for i in combo if cats[order[i]].get(q.dimension) == q.value)
            <= (q.max if q.max is not None else n)
            for q in quotas
        )
        if not ok:
            continue
        total = sum(round(scores[order[i]][0] * 10**6) for i in combo)
        key = (total, [-i for i in combo])  # combinations are sorted: lexicographic by rank
        if best is None or key > best[0]:
            best = (key, [order[i] for i in combo])
    return None if best is None else best[1]


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_selection_is_the_exact_lexicographic_optimum(data):
    k = data.draw(st.integers(2, 8))
    sectors, countries = ["IoT", "Auto"], ["TH", "JP", "VN"]
    apps = [
        A(
            f"a{i}",
            sector=data.draw(st.sampled_from(sectors)),
            country=data.draw(st.sampled_from(countries)),
        )
        for i in range(k)
    ]
    reviews = [
        R(a.id, f"r{j}", data.draw(st.integers(1, 4)))
        for a in apps
        for j in range(data.draw(st.integers(1, 2)))
    ]
    n = data.draw(st.integers(1, k))
    quotas = []
    for dim, vals in (("sector", sectors), ("country", countries)):
        for v in vals:
            if data.draw(st.booleans()):
                lo = data.draw(st.integers(0, 2))
                hi = data.draw(st.one_of(st.none(), st.integers(lo, 4)))
                quotas.append(Quota(dim, v, lo, hi))
    scores = aggregate_scores(apps, reviews)
    expected = brute_force(apps, scores, n, quotas)
    if expected is None:
        with pytest.raises(SelectionInfeasible):
            select(apps, reviews, n=n, quotas=quotas)
        return
    sel = select(apps, reviews, n=n, quotas=quotas)
    assert sel.selected == expected
    assert sum(d.selected for d in sel.decisions) == n
    for d in sel.decisions:
        assert d.explain("th") and d.explain("ja") and d.explain("en")
