"""Problem and result dataclasses, and the domain exceptions of the assignment engine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from kizuna.engine.assignment import _messages  # noqa: F401  (registers the sentences)
from kizuna.engine.messages import render

_SCALE = 1_000_000  # score quantum 1e-6
_COST_LIMIT = 2**62  # OR-Tools multiplies costs by (nodes + 1) internally
_NAME_LIMIT = 12  # participants named in one message


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentProblem:
    """Candidate pairs (edges) with scores and the constraints of one assignment.

    Edges are parallel arrays: ``seeker[e]``, ``provider[e]``, ``score[e]``;
    ``locked[e]``/``forbidden[e]`` flag officers' decisions. Pairs not listed are
    not candidates. ``seeker_group[i]`` (−1 for none) with ``group_quota`` bounds
    the number of pairs of each group's seekers.
    """

    n_seekers: int
    n_providers: int
    seeker: np.ndarray
    provider: np.ndarray
    score: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    capacity: np.ndarray
    locked: np.ndarray | None = None
    forbidden: np.ndarray | None = None
    seeker_group: np.ndarray | None = None
    group_quota: dict[int, tuple[int, int]] | None = None
    seeker_ids: Sequence[str] | None = None
    provider_ids: Sequence[str] | None = None
    group_ids: Sequence[str] | None = None

    @property
    def n_edges(self) -> int:
        return int(len(self.seeker))

    def seeker_name(self, i: int) -> str:
        return str(self.seeker_ids[i]) if self.seeker_ids is not None else f"#{i}"

    def provider_name(self, j: int) -> str:
        return str(self.provider_ids[j]) if self.provider_ids is not None else f"#{j}"

    def group_name(self, g: int) -> str:
        return str(self.group_ids[g]) if self.group_ids is not None else f"#{g}"


@dataclass(frozen=True)
class AssignmentResult:
    """The chosen edges (indices into the problem's edge arrays, ascending).

    ``bound`` is an upper bound on the best objective (the LP relaxation, or the
    MIP's dual bound); ``gap = (bound − objective) / max(|bound|, eps)``. In the
    fairness mode ``floor`` is the lowest total score of a servable seeker (one
    with ``hi > 0`` and an allowed candidate with room) and the objective is the
    sum subject to that floor; ``floor_bound`` bounds the best floor (equal to
    ``floor`` when proven). ``unmatched_seekers``: seekers with ``hi > 0`` that
    got no provider; ``unfilled_providers``: providers with capacity that got no
    seeker. ``changed`` (with ``previous``): pairs added plus pairs removed.
    Scores enter the flow quantised to ``score_quantum``; the objective is summed
    from the float scores, and the flow's optimum is exact for the quantised ones.
    """

    edges: np.ndarray
    objective: float
    bound: float
    gap: float
    proven_optimal: bool
    unmatched_seekers: list[int]
    unfilled_providers: list[int]
    changed: int | None
    seconds: float
    method: str
    floor: float | None = None
    floor_bound: float | None = None  # fairness: proven upper bound on the floor
    score_quantum: float = 1.0 / _SCALE


@dataclass(frozen=True)
class Infeasibility:
    """One reason why no assignment exists, with the participants concerned."""

    code: str
    message: str
    seekers: tuple[int, ...] = ()
    providers: tuple[int, ...] = ()
    groups: tuple[int, ...] = ()
    params: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def participants(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        return self.seekers, self.providers

    def render(self, lang: str) -> str:
        return render(self.code, lang, **self.params)


class AssignmentInputError(Exception):
    """The arrays of an AssignmentProblem are malformed (wrong length, out of range)."""

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = params
        super().__init__(render(code, "en", **params))

    def render(self, lang: str) -> str:
        return render(self.code, lang, **self.params)


class AssignmentInfeasible(Exception):
    """No assignment satisfies the constraints; ``problems`` says why and who."""

    def __init__(self, problems: list[Infeasibility]):
        self.problems = problems
        super().__init__(self.render("en"))

    def render(self, lang: str) -> str:
        details = " ".join(p.render(lang) for p in self.problems)
        return render("assign_infeasible", lang, details=details)


class AssignmentTimeLimit(Exception):
    """The time limit ran out before any assignment was found (fairness mode)."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        super().__init__(render("assign_time_limit", "en", seconds=seconds))

    def render(self, lang: str) -> str:
        return render("assign_time_limit", lang, seconds=self.seconds)


@dataclass(frozen=True)
class Violation:
    code: str
    message: str
    seeker: int | None = None
    provider: int | None = None
    params: dict = field(default_factory=dict, compare=False, repr=False)

    def render(self, lang: str) -> str:
        return render(self.code, lang, **self.params)


class AssignmentViolations(Exception):
    """A result breaks constraints of its problem; ``violations`` names each."""

    def __init__(self, violations: list[Violation]):
        self.violations = violations
        super().__init__(self.render("en"))

    def render(self, lang: str) -> str:
        details = " ".join(v.render(lang) for v in self.violations)
        return render("assign_check_violations", lang, count=len(self.violations), details=details)


@dataclass(frozen=True)
class PruningGap:
    dense_objective: float
    pruned_objective: float
    gap: float  # (dense - pruned) / max(|dense|, eps)
    dense: AssignmentResult
    pruned: AssignmentResult
