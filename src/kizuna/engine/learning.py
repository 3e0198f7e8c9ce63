"""Learning the affinity weights from the decisions people made about pairs.

Every decision that says something about a pair — an officer locks or forbids it,
swaps it in or out, a company accepts or declines it, a plan ends well or poorly —
is a labelled pair (+1 or −1) with the score's parts at the time. `weights_fit`
fits the part weights to them with a **pairwise logistic model**: for a positive
pair `a` and a negative pair `b` of the same seeker,

    P(a preferred to b) = σ(w · (x_a − x_b)),

where `x` are the *unweighted* parts (`parts_unweighted` divides the stored
weighted breakdown by the weights of the time). Comparing pairs of the same seeker
cancels whatever is particular to the seeker (an SME that declines everything),
and when labels follow a logistic of the weighted parts, the conditional
probability above is exactly that logistic of the difference, so the fit is
consistent. The weights are bounded below by 0 (L-BFGS-B with bounds, a small
ridge term), and scaled so that they sum to what the baseline weights of the same
parts sum to: a ranking does not depend on the scale, while the score floors and
the officers' boosts do.

The fit is generic over the part names: it learns every part that each usable
decision has and that varies among them; any other part keeps its baseline weight.
The held-out figure is the pairwise accuracy (AUC within a seeker): the share of
held-out (positive, negative) pairs of the same seeker that the weights put in the
right order, ties counting one half — computed for the fitted weights and for the
baseline on the same folds. Folds group the decisions by seeker, so no seeker's
comparisons are split between fitting and testing. Deterministic for a given seed.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

# Logistic regression wants about ten events per fitted parameter (Peduzzi et al.,
# 1996); fewer usable decisions than that per part give weights that mostly fit noise.
DECISIONS_PER_PART = 10
RIDGE = 1e-3  # per comparison; keeps the fit finite when the data separate perfectly


@dataclass(frozen=True)
class LabelledPair:
    """One decision about a pair: +1 (kept, accepted, went well) or −1, with the
    unweighted score parts of the pair at the time."""

    seeker: Hashable
    label: int
    parts: Mapping[str, float]


@dataclass(frozen=True)
class FitResult:
    """What `weights_fit` found. `weights` holds every part of the baseline and of
    the decisions (learned ones fitted, others the baseline's); `learned` names the
    fitted ones. Accuracies are per held-out fold and their mean, for the fitted
    weights and for the baseline. `needed` > 0: too few usable decisions, nothing
    was fitted (`weights` is then the baseline) and `reason` says which minimum."""

    weights: dict[str, float]
    baseline: dict[str, float]
    learned: tuple[str, ...]
    decisions: int  # usable: of a seeker with both a positive and a negative decision
    comparisons: int  # (positive, negative) pairs of the same seeker
    folds: int
    fitted_accuracy: tuple[float, ...] = ()
    baseline_accuracy: tuple[float, ...] = ()
    needed: int = 0
    reason: str = ""
    minimum: int = 0

    @property
    def fitted_mean(self) -> float | None:
        return float(np.mean(self.fitted_accuracy)) if self.fitted_accuracy else None

    @property
    def baseline_mean(self) -> float | None:
        return float(np.mean(self.baseline_accuracy)) if self.baseline_accuracy else None

    def metrics(self) -> dict[str, object]:
        """The figures as plain JSON data (for storing with the fit)."""
        return {
            "fitted_accuracy": list(self.fitted_accuracy), "baseline_accuracy": list(self.baseline_accuracy),
            "fitted_mean": self.fitted_mean, "baseline_mean": self.baseline_mean,
            "comparisons": self.comparisons, "folds": self.folds, "learned": list(self.learned),
            "baseline": dict(self.baseline), "needed": self.needed, "reason": self.reason, "minimum": self.minimum,
        }


def parts_unweighted(breakdown: Mapping[str, float], weights: Mapping[str, object]) -> dict[str, float]:
    """The parts before weighting: each weighted part divided by its weight of the
    time. A part whose weight was 0 (or is unknown) cannot be recovered and is left
    out; `total` is not a part."""
    parts: dict[str, float] = {}
    for name, value in breakdown.items():
        weight = weights.get(name)
        if name == "total" or isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
            continue
        if isinstance(value, int | float) and math.isfinite(value):
            parts[name] = float(value) / float(weight)
    return parts


def minimum_decisions(parts: int, folds: int) -> int:
    """Usable decisions needed to fit `parts` weights with `folds` folds: ten per
    part, and two (a positive and a negative) for each fold's held-out seeker."""
    return max(DECISIONS_PER_PART * max(parts, 1), 2 * folds)


def _comparisons(seekers: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices (positive, negative) of every pair of decisions of the same seeker."""
    by_seeker: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i, (s, y) in enumerate(zip(seekers.tolist(), labels.tolist(), strict=True)):
        by_seeker[s][0 if y > 0 else 1].append(i)
    pos: list[int] = []
    neg: list[int] = []
    for s in sorted(by_seeker):
        p, n = by_seeker[s]
        for i in p:
            pos.extend([i] * len(n))
            neg.extend(n)
    return np.asarray(pos, dtype=np.int64), np.asarray(neg, dtype=np.int64)


def _accuracy(diff: np.ndarray, w: np.ndarray) -> float:
    margin = diff @ w
    return float((np.sum(margin > 1e-12) + 0.5 * np.sum(np.abs(margin) <= 1e-12)) / len(margin))


def _solve(diff: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Non-negative weights maximising the pairwise logistic likelihood of `diff` (ridge RIDGE)."""
    m = len(diff)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = diff @ w
        value = np.logaddexp(0.0, -z).sum() / m + 0.5 * RIDGE * float(w @ w)
        grad = -(diff.T @ (1.0 / (1.0 + np.exp(np.clip(z, -500, 500))))) / m + RIDGE * w
        return float(value), grad

    result = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=[(0.0, None)] * diff.shape[1],
                      options={"maxiter": 500, "gtol": 1e-9, "ftol": 1e-12})
    return np.asarray(result.x, dtype=np.float64)


def _scaled(w: np.ndarray, base: np.ndarray) -> np.ndarray:
    total, target = float(w.sum()), float(base.sum())
    if total <= 0:
        return base.copy()
    return w * (target / total if target > 0 else 1.0 / total)


def weights_fit(
    decisions: Iterable[LabelledPair], baseline: Mapping[str, float], *, folds: int = 5, seed: int = 0
) -> FitResult:
    """Fit the part weights to `decisions` (see the module's text); the baseline
    (the defaults, or the round's weights; keys that no decision has as a part are
    ignored) is scored on the same folds."""
    if folds < 2:
        raise ValueError(f"folds must be at least 2, not {folds}")
    rows = [d for d in decisions if d.label in (1, -1)]
    seen = {name for d in rows for name in d.parts}
    base = {k: float(v) for k, v in baseline.items() if k in seen}  # the parts; not other settings
    # usable: the seeker has both a positive and a negative decision
    kinds: dict[Hashable, set[int]] = defaultdict(set)
    for d in rows:
        kinds[d.seeker].add(d.label)
    rows = [d for d in rows if len(kinds[d.seeker]) == 2]
    names = sorted(set.intersection(*(set(d.parts) for d in rows))) if rows else []
    x = np.array([[d.parts[n] for n in names] for d in rows], dtype=np.float64).reshape(len(rows), len(names))
    learned = [n for j, n in enumerate(names) if len(rows) and np.ptp(x[:, j]) > 1e-12]
    x = x[:, [names.index(n) for n in learned]] if learned else np.zeros((len(rows), 0))
    all_weights = {**base, **{n: base.get(n, 0.0) for d in rows for n in d.parts}}

    seeker_ids = {s: i for i, s in enumerate(sorted({d.seeker for d in rows}, key=repr))}
    seekers = np.array([seeker_ids[d.seeker] for d in rows], dtype=np.int64)
    labels = np.array([d.label for d in rows], dtype=np.int64)
    pos, neg = _comparisons(seekers, labels)
    minimum = minimum_decisions(len(learned) or len(names), folds)
    short_decisions = minimum - len(rows)
    short_seekers = 2 * (folds - len(seeker_ids))
    needed = max(short_decisions, short_seekers, 0)
    common = {"baseline": base, "decisions": len(rows), "comparisons": len(pos), "folds": folds, "minimum": minimum}
    if needed or not learned:
        reason = ("seekers" if short_seekers >= short_decisions and short_seekers > 0
                  else "decisions" if needed else "no_varying_part")
        return FitResult(weights=all_weights, learned=(), needed=max(needed, 0), reason=reason, **common)

    w_base = np.array([base.get(n, 0.0) for n in learned], dtype=np.float64)
    diff = x[pos] - x[neg]
    order = np.random.default_rng(seed).permutation(len(seeker_ids))
    fold_of_seeker = np.empty(len(seeker_ids), dtype=np.int64)
    fold_of_seeker[order] = np.arange(len(seeker_ids)) % folds
    fold_of_comparison = fold_of_seeker[seekers[pos]]
    start = np.maximum(w_base, 1e-3)
    fitted_acc: list[float] = []
    base_acc: list[float] = []
    for f in range(folds):
        test = fold_of_comparison == f
        if not test.any() or test.all():
            continue
        w = _solve(diff[~test], start)
        fitted_acc.append(_accuracy(diff[test], w))
        base_acc.append(_accuracy(diff[test], w_base))
    w_all = _scaled(_solve(diff, start), w_base)
    weights = {**all_weights, **{n: round(float(v), 6) for n, v in zip(learned, w_all, strict=True)}}
    return FitResult(weights=weights, learned=tuple(learned), fitted_accuracy=tuple(fitted_acc),
                     baseline_accuracy=tuple(base_acc), **common)


def decisions_synthesise(
    weights: Mapping[str, float], *, seekers: int, per_seeker: int, seed: int = 0, scale: float = 8.0
) -> list[LabelledPair]:
    """Decisions drawn from known weights: each part uniform in [0, 1], the label +1
    with probability σ(scale · (w · x − mean)). For tests and the benchmark."""
    rng = np.random.default_rng(seed)
    names: Sequence[str] = sorted(weights)
    w = np.array([weights[n] for n in names], dtype=np.float64)
    x = rng.random((seekers * per_seeker, len(names)))
    z = x @ w
    p = 1.0 / (1.0 + np.exp(-scale * (z - z.mean())))
    labels = np.where(rng.random(len(p)) < p, 1, -1)
    return [
        LabelledPair(seeker=i // per_seeker, label=int(labels[i]), parts=dict(zip(names, x[i].tolist(), strict=True)))
        for i in range(len(p))
    ]
