"""The round's settings page: the latest fit of the programme beside the round's
weights, "fit now", and adopting the fitted weights (officers only)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kizuna.engine.learning import decisions_synthesise
from kizuna.mentoring.domain import rounds as rounds_domain
from kizuna.mentoring.domain import runs as runs_domain
from kizuna.mentoring.models import MatchingRound, WeightFit

from .conftest import ONE_EACH, decisions_store

pytestmark = pytest.mark.django_db

TRUE = {"concepts": 0.6, "text": 0.2, "industry": 0.1, "language": 0.05, "geography": 0.05}


@pytest.fixture
def earlier_round(world, organisation_factory):
    """Round 1 of the programme, with 480 decisions made by known weights."""
    rnd = MatchingRound.objects.create(programme=world.programme, number=1, status="closed")
    mentors = [organisation_factory() for _ in range(8)]
    mentees = [organisation_factory() for _ in range(60)]
    decisions_store(rnd, mentors, mentees, decisions_synthesise(TRUE, seekers=60, per_seeker=8, seed=5))
    return rnd


@pytest.fixture
def officer_client(client, world):
    client.force_login(world.officer)
    return client


def test_officer_fits_now_and_adopts_the_weights_which_the_next_run_uses(officer_client, world, earlier_round):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    settings_url = reverse("mentoring:round_settings", args=[rnd.pk])
    page = officer_client.get(settings_url).content.decode()
    assert "No weights have been fitted for this programme yet." in page

    response = officer_client.post(reverse("mentoring:round_weights_fit", args=[rnd.pk]))
    assert response.status_code == 302
    fit = WeightFit.objects.get()
    assert (fit.programme, fit.decisions, fit.created_by) == (world.programme, 480, world.officer)
    page = officer_client.get(settings_url).content.decode()
    assert "Fitted on 480 decisions" in page
    assert (f"Held-out pairwise accuracy over 5 folds: default weights {fit.metrics['baseline_mean']:.3f}, "
            f"fitted {fit.metrics['fitted_mean']:.3f}.") in page

    response = officer_client.post(reverse("mentoring:round_weights_adopt", args=[rnd.pk, fit.pk]))
    assert response.status_code == 302
    rnd.refresh_from_db()
    fitted = {name: fit.weights[name] for name in ("concepts", "text", "industry", "language", "geography")}
    assert rnd.settings["weights"] == fitted
    assert rnd.settings["weights_fit"] == fit.pk
    assert "boost" not in rnd.settings["weights"]  # not fitted: the round keeps its own

    run = runs_domain.run_start(round=rnd, actor=world.officer)
    run.refresh_from_db()
    assert run.settings["weights"] == fitted
    proposal = run.proposals.get(mentee=world.mentees[0])
    assert proposal.breakdown["concepts"] > 0
    assert proposal.score == pytest.approx(sum(proposal.breakdown.values()), abs=1e-5)


def test_settings_page_says_how_many_more_decisions_a_fit_needs(officer_client, world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    officer_client.post(reverse("mentoring:round_weights_fit", args=[rnd.pk]))
    page = officer_client.get(reverse("mentoring:round_settings", args=[rnd.pk])).content.decode()
    assert ("Too few decisions to fit the weights: 5 folds need 5 SMEs that each have both a kept and a rejected "
            "pair, and there are 0 usable decisions; 10 more are needed.") in page
    assert "Adopt the fitted weights" not in page


def test_a_company_representative_cannot_fit_or_adopt(client, world, earlier_round):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    fit = WeightFit.objects.create(programme=world.programme, decisions=480, weights={"concepts": 0.9},
                                   metrics={"learned": ["concepts"], "needed": 0})
    client.force_login(world.mentee_rep)
    assert client.post(reverse("mentoring:round_weights_fit", args=[rnd.pk])).status_code == 403
    assert client.post(reverse("mentoring:round_weights_adopt", args=[rnd.pk, fit.pk])).status_code == 403
    rnd.refresh_from_db()
    assert rnd.settings["weights"] == {}
    assert WeightFit.objects.count() == 1
