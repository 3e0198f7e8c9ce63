"""The stages of a matching run, the share of the progress bar each one spans, and
cancellation: the caller's `cancelled()` is asked between stages and inside the long
loops, and a true answer raises `MatchCancelled`, so nothing half-done comes back."""

from __future__ import annotations

import time
from collections.abc import Callable

# Stage names, in order. An application shows them in its own words (mentoring's
# RunStage has the same values) and may add stages of its own around them.
PROFILES = "profiles"  # the caller builds the input
ENCODING = "encoding"
SCORING = "scoring"
SOLVING = "solving"
EXPLAINING = "explaining"
SAVING = "saving"  # the caller saves the result
DONE = "done"
STAGES = (PROFILES, ENCODING, SCORING, SOLVING, EXPLAINING, SAVING, DONE)

# Progress (percent) at which each stage starts; a stage reports within its span.
STAGE_START = {PROFILES: 2, ENCODING: 10, SCORING: 40, SOLVING: 60, EXPLAINING: 72, SAVING: 92, DONE: 100}

Progress = Callable[[str, int, str], None]  # (stage, percent, message)


class MatchCancelled(Exception):
    """The caller's `cancelled()` said stop; the run returns nothing."""


def no_progress(stage: str, percent: int, message: str) -> None:
    return None


def never_cancelled() -> bool:
    return False


def stage_span(stage: str) -> tuple[int, int]:
    """(first, last) percent of `stage`: from its start to the next stage's."""
    i = STAGES.index(stage)
    return STAGE_START[stage], STAGE_START[STAGES[i + 1]] if i + 1 < len(STAGES) else 100


class Tracker:
    """Reports stages and steps within them, checks for cancellation, and times
    each stage into `stats["seconds_<stage>"]`."""

    def __init__(self, progress: Progress, cancelled: Callable[[], bool], stats: dict):
        self.progress, self.cancelled, self.stats = progress, cancelled, stats
        self._started = time.perf_counter()

    def check(self) -> None:
        if self.cancelled():
            raise MatchCancelled

    def stage(self, name: str, message: str = "") -> None:
        self.check()
        self._started = time.perf_counter()
        self.progress(name, stage_span(name)[0], message)

    def step(self, name: str, done: int, total: int) -> None:
        self.check()
        first, last = stage_span(name)
        self.progress(name, first + int((last - first) * done / max(total, 1)), f"{done}/{total}")

    def lap(self, name: str) -> None:
        self.stats[f"seconds_{name}"] = round(time.perf_counter() - self._started, 3)
