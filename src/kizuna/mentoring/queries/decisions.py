"""Reading the labelled decisions on pairs (as the engine's LabelledPair) and the weight fits."""

from __future__ import annotations

from kizuna.engine.learning import LabelledPair, parts_unweighted
from kizuna.mentoring.models import LabelledDecision, WeightFit


def labelled_pairs(*, programme=None, round=None) -> list[LabelledPair]:
    """The latest decision on each pair (of `round`, else of `programme`, else of
    every round) that has its score parts, with the parts before weighting; the
    seeker is the SME of the round (the same SME in two rounds counts twice)."""
    rows = LabelledDecision.objects.exclude(breakdown={})
    if round is not None:
        rows = rows.filter(round=round)
    elif programme is not None:
        rows = rows.filter(round__programme=programme)
    latest: dict[tuple[int, int, int], LabelledPair] = {}
    for round_id, mentor_id, mentee_id, label, breakdown, weights in rows.order_by("created", "pk").values_list(
        "round_id", "mentor_id", "mentee_id", "label", "breakdown", "weights"
    ):
        latest[(round_id, mentor_id, mentee_id)] = LabelledPair(
            seeker=(round_id, mentee_id), label=label, parts=parts_unweighted(breakdown, weights)
        )
    return list(latest.values())


def weight_fit_latest(*, programme) -> WeightFit | None:
    """The latest fit made for `programme`."""
    return WeightFit.objects.filter(programme=programme).order_by("-created", "-pk").first()


def weight_fit_rows(fit: WeightFit, current: dict) -> list[tuple[str, float | None, float, bool]]:
    """(part, the round's weight, the fitted weight, fitted or kept) for each part of `fit`."""
    learned = set(fit.metrics.get("learned") or [])
    return [(name, current.get(name), fit.weights[name], name in learned) for name in sorted(fit.weights)]


def weight_fit_get(pk: int) -> WeightFit:
    """One weight fit (WeightFit.DoesNotExist if none)."""
    return WeightFit.objects.select_related("programme").get(pk=pk)
