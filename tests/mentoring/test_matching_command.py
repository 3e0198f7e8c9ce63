"""`kizuna matching fit`: the fitted weights beside the defaults, or how many more decisions it needs."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kizuna.engine.learning import decisions_synthesise
from kizuna.mentoring.models import MatchingRound, WeightFit

from .conftest import AFFINITY_DEFAULTS
from .conftest import decisions_store as store

pytestmark = pytest.mark.django_db

TRUE = {"concepts": 0.6, "text": 0.2, "industry": 0.1, "language": 0.05, "geography": 0.05}


@pytest.fixture
def bb_round_orgs(bb_programme, organisation_factory):
    rnd = MatchingRound.objects.create(programme=bb_programme, number=1)
    return rnd, [organisation_factory() for _ in range(32)], [organisation_factory() for _ in range(60)]


def test_fit_with_too_few_decisions_says_how_many_more_it_needs(bb_round_orgs):
    rnd, mentors, mentees = bb_round_orgs
    decisions = decisions_synthesise(TRUE, seekers=5, per_seeker=4, seed=2)
    store(rnd, mentors, mentees, decisions)
    both = {s for s in range(5) if {d.label for d in decisions if d.seeker == s} == {1, -1}}
    usable = sum(1 for d in decisions if d.seeker in both)
    assert 0 < usable < 50
    with pytest.raises(CommandError) as exc:
        call_command("matching", "fit", "--programme", "bb-test", stdout=StringIO())
    assert str(exc.value) == (
        f"Too few decisions to fit the weights: {usable} usable (a decision is usable when its SME has both a kept "
        f"and a rejected pair), 50 needed (10 for each weight); {50 - usable} more are needed."
    )
    assert WeightFit.objects.get().metrics["needed"] == 50 - usable


def test_fit_with_too_few_smes_for_the_folds_says_so(bb_round_orgs):
    rnd, mentors, mentees = bb_round_orgs
    store(rnd, mentors, mentees, decisions_synthesise(TRUE, seekers=2, per_seeker=30, seed=2))
    with pytest.raises(CommandError) as exc:
        call_command("matching", "fit", "--folds", "3", stdout=StringIO())
    assert str(exc.value) == (
        "Too few decisions to fit the weights: 3 folds need 3 SMEs that each have both a kept and a rejected pair, "
        "and there are 60 usable decisions; 2 more are needed."
    )


def test_fit_with_no_decisions_asks_for_a_kept_and_a_rejected_pair_of_one_sme_per_fold(db):
    with pytest.raises(CommandError) as exc:
        call_command("matching", "fit", stdout=StringIO())
    assert str(exc.value) == (
        "Too few decisions to fit the weights: 5 folds need 5 SMEs that each have both a kept and a rejected pair, "
        "and there are 0 usable decisions; 10 more are needed."
    )


def test_fit_prints_the_fitted_weights_beside_the_defaults_and_the_held_out_figures(bb_round_orgs):
    rnd, mentors, mentees = bb_round_orgs
    store(rnd, mentors, mentees, decisions_synthesise(TRUE, seekers=60, per_seeker=8, seed=5))
    out = StringIO()
    call_command("matching", "fit", "--programme", "bb-test", "--folds", "4", stdout=out)
    lines = out.getvalue().splitlines()
    fit = WeightFit.objects.get()
    assert lines[0] == "Part               Default    Fitted"
    assert lines[2] == f"concepts             {AFFINITY_DEFAULTS['concepts']:.3f}{fit.weights['concepts']:>10.3f}"
    assert [line.split()[0] for line in lines[1:7]] == ["boost", "concepts", "geography", "industry", "language", "text"]
    assert "boost                1.000     1.000  (not fitted: kept)" in lines
    m = fit.metrics
    assert lines[7] == (f"Held-out pairwise accuracy over 4 folds: default weights {m['baseline_mean']:.3f}, "
                        f"fitted {m['fitted_mean']:.3f}.")
    assert m["fitted_mean"] > m["baseline_mean"]
    assert lines[8] == f"Fitted on 480 decisions ({m['comparisons']} comparisons); kept as weight fit {fit.pk}."
    assert fit.programme == rnd.programme and fit.decisions == 480


def test_fit_of_an_unknown_programme_names_the_code(db):
    with pytest.raises(CommandError) as exc:
        call_command("matching", "fit", "--programme", "nope", stdout=StringIO())
    assert str(exc.value) == "No programme has the code nope."
