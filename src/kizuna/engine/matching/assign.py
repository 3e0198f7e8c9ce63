"""Assignment on candidate pairs, its checker, the explanation of the chosen pairs
and the analysis of who went without one: the part of a matching run after scoring.

`match_given` runs it on pairs whose scores are given (a scores file); the affinity
pipeline (`match_compute`) runs it on the candidates it scored. Locked, forbidden and
previous pairs are (seeker, provider) positions; locked and previous pairs become
candidates even where scoring would not keep them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from kizuna.engine import messages
from kizuna.engine.assignment import (
    AssignmentInputError,
    AssignmentProblem,
    assignment_check,
    assignment_solve,
)
from kizuna.engine.matching.progress import (
    EXPLAINING,
    SCORING,
    SOLVING,
    Progress,
    Tracker,
    never_cancelled,
    no_progress,
)
from kizuna.engine.matching.unmatched import PROVIDER, SEEKER, Unmatched, unmatched_explain
from kizuna.engine.profiles import Profile
from kizuna.engine.text import LANGUAGES

DEFAULT_K = 20  # candidates kept per seeker and per provider
FAIR_TIME_LIMIT = 60.0  # seconds for the fairness MIP (several partners per seeker)

messages.register({
    "matching.pair_not_candidate": {
        "en": "The pair of seeker %(seeker)s and provider %(provider)s is locked or was chosen before, but it is not among the given pairs.",
        "th": "คู่ของผู้ขอ %(seeker)s และผู้ให้ %(provider)s ถูกล็อกไว้หรือเคยถูกเลือกมาก่อน แต่ไม่อยู่ในรายการคู่ที่ให้มา",
        "ja": "依頼側%(seeker)sと提供側%(provider)sの組み合わせは固定済みまたは前回選ばれたものですが、与えられた組み合わせに含まれていません。",
    },
})

Pair = tuple[int, int]


@dataclass(frozen=True)
class MatchInput:
    """The participants of one run, by position, with their limits.

    `lo`/`hi`: partners each seeker needs at least / takes at most; `capacity`: seekers
    each provider takes. With `seeker_names`/`provider_names` ({"th", "ja", "en"} per
    participant) reasons name each participant in the reader's language; without them,
    by the profile's name."""

    seekers: Sequence[Profile]
    providers: Sequence[Profile]
    lo: np.ndarray
    hi: np.ndarray
    capacity: np.ndarray
    seeker_names: Sequence[Mapping[str, str]] | None = None
    provider_names: Sequence[Mapping[str, str]] | None = None

    def name(self, side: str, index: int, lang: str) -> str:
        names = self.seeker_names if side == SEEKER else self.provider_names
        if names is not None:
            return names[index][lang]
        return (self.seekers if side == SEEKER else self.providers)[index].display_name

    def ids(self, side: str) -> list[str]:
        """How the assignment's messages name the participants: the English name, or the id."""
        names = self.seeker_names if side == SEEKER else self.provider_names
        if names is not None:
            return [n["en"] for n in names]
        return [p.id for p in (self.seekers if side == SEEKER else self.providers)]


@dataclass(frozen=True)
class MatchOptions:
    k: int = DEFAULT_K
    fair: bool = False  # maximise the lowest seeker's total first
    time_limit: float = FAIR_TIME_LIMIT
    quotas: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # industry group -> (min, max) pairs
    evidence: bool = True  # each proposed pair quotes its best-matching sentence pairs (encodes sentences)


@dataclass
class ProposedPair:
    seeker: int  # position in MatchInput.seekers
    provider: int
    score: float
    breakdown: dict[str, float]  # weighted parts (empty when the scores were given)
    reasons: dict[str, list[str]]  # language -> sentences
    locked: bool
    # the seeker's and the provider's sentences that matched best, each in its own
    # language, best first (empty when the scores were given or without evidence):
    # {seeker_sentence, seeker_language, provider_sentence, provider_language, similarity}
    evidence: list[dict[str, str | float]] = field(default_factory=list)


@dataclass
class MatchResult:
    pairs: list[ProposedPair]
    objective: float
    bound: float
    gap: float
    floor: float | None
    floor_bound: float | None
    method: str
    proven_optimal: bool
    changed: int | None
    unmatched: list[Unmatched]
    stats: dict = field(default_factory=dict)


def _token(side: str, i: int) -> str:
    """A stand-in for a participant's name inside rendered reasons (private-use
    characters, so it cannot collide with text)."""
    return f"\ue000{side}{i}\ue001"


def match_given(
    inputs: MatchInput,
    *,
    seeker: np.ndarray,
    provider: np.ndarray,
    score: np.ndarray,
    reasons: Callable[[int, int, str], list[str]],
    locked: Sequence[Pair] = (),
    forbidden: Sequence[Pair] = (),
    previous: Sequence[Pair] = (),
    options: MatchOptions | None = None,
    progress: Progress = no_progress,
    cancelled: Callable[[], bool] = never_cancelled,
) -> MatchResult:
    """The same assignment, checker and analysis as `match_compute` on candidate pairs
    (seeker[i], provider[i]) whose scores are given; `reasons(s, p, lang)` explains a
    pair. Locked and previous pairs must be among the given ones (else
    AssignmentInputError names the pair)."""
    stats: dict = {"seekers": len(inputs.seekers), "providers": len(inputs.providers)}
    return _assign(inputs, seeker, provider, score, rescore=None, breakdowns=lambda s, p: [{} for _ in s],
                   reasons=reasons, options=options or MatchOptions(), locked=locked, forbidden=forbidden, previous=previous,
                   track=Tracker(progress, cancelled, stats), scoring=False)


def _assign(
    inputs: MatchInput, seeker: np.ndarray, provider: np.ndarray, score: np.ndarray, *,
    rescore: Callable[[np.ndarray, np.ndarray], np.ndarray] | None,
    breakdowns: Callable[[np.ndarray, np.ndarray], list[dict[str, float]]],
    reasons: Callable[[int, int, str], list[str]],
    options: MatchOptions, locked: Sequence[Pair], forbidden: Sequence[Pair], previous: Sequence[Pair],
    track: Tracker, scoring: bool,
    evidence: Callable[[int, int], list[dict[str, str | float]]] | None = None,
) -> MatchResult:
    stats = track.stats
    n_s, n_p = len(inputs.seekers), len(inputs.providers)
    seeker_e = np.asarray(seeker, dtype=np.int64)
    provider_e = np.asarray(provider, dtype=np.int64)
    score_e = np.asarray(score, dtype=np.float64)
    key = {(int(s), int(p)): e for e, (s, p) in enumerate(zip(seeker_e.tolist(), provider_e.tolist(), strict=True))}
    extra = [pair for pair in dict.fromkeys([*locked, *previous]) if pair not in key]
    if extra:
        if rescore is None:
            s, p = extra[0]
            raise AssignmentInputError("matching.pair_not_candidate", seeker=inputs.ids(SEEKER)[s],
                                       provider=inputs.ids(PROVIDER)[p])
        xs = np.array([s for s, _ in extra], dtype=np.int64)
        xp = np.array([p for _, p in extra], dtype=np.int64)
        for pair in extra:
            key[pair] = len(key)
        seeker_e = np.concatenate([seeker_e, xs])
        provider_e = np.concatenate([provider_e, xp])
        score_e = np.concatenate([score_e, rescore(xs, xp)])
    n_e = len(seeker_e)
    locked_mask = np.zeros(n_e, dtype=bool)
    forbidden_mask = np.zeros(n_e, dtype=bool)
    for pair in locked:
        locked_mask[key[pair]] = True
    for pair in forbidden:
        if pair in key:
            forbidden_mask[key[pair]] = True
            locked_mask[key[pair]] = False
    stats["candidates"] = n_e
    if scoring:
        track.lap(SCORING)

    track.stage(SOLVING, f"{n_e}")
    group_codes = sorted(options.quotas)
    seeker_group = group_quota = None
    if group_codes:
        pos = {c: i for i, c in enumerate(group_codes)}
        seeker_group = np.array([pos.get(p.industry_group, -1) for p in inputs.seekers], dtype=np.int64)
        group_quota = {pos[c]: (int(options.quotas[c][0]), int(options.quotas[c][1])) for c in group_codes}
    problem = AssignmentProblem(
        n_seekers=n_s, n_providers=n_p, seeker=seeker_e, provider=provider_e, score=score_e,
        lo=inputs.lo, hi=inputs.hi, capacity=inputs.capacity, locked=locked_mask, forbidden=forbidden_mask,
        seeker_group=seeker_group, group_quota=group_quota,
        seeker_ids=inputs.ids(SEEKER), provider_ids=inputs.ids(PROVIDER), group_ids=group_codes or None,
    )
    prev = np.array([key[pair] for pair in dict.fromkeys(previous)], dtype=np.int64) if previous else None
    # the fairness MIP (several partners per seeker) is NP-hard: its time is bounded,
    # and the result then reports its gap and the bound on the floor
    result = assignment_solve(problem, fair=options.fair, previous=prev, time_limit=options.time_limit)
    assignment_check(problem, result)
    track.lap(SOLVING)

    edges = np.asarray(result.edges, dtype=np.int64)
    track.stage(EXPLAINING, f"0/{len(edges)}")
    cs, cp = seeker_e[edges], provider_e[edges]
    named = inputs.seeker_names is not None and inputs.provider_names is not None
    pairs: list[ProposedPair] = []
    for i, (e, breakdown) in enumerate(zip(edges.tolist(), breakdowns(cs, cp), strict=True)):
        s, p = int(cs[i]), int(cp[i])
        said = {lang: reasons(s, p, lang) for lang in LANGUAGES}
        if named:
            tokens = (_token(SEEKER, s), _token(PROVIDER, p))
            for lang in LANGUAGES:
                names = (inputs.seeker_names[s][lang], inputs.provider_names[p][lang])
                said[lang] = [t.replace(tokens[0], names[0]).replace(tokens[1], names[1]) for t in said[lang]]
        pairs.append(ProposedPair(s, p, float(score_e[e]), breakdown, said, bool(locked_mask[e]),
                                  evidence(s, p) if evidence is not None else []))
        if i % 100 == 99:
            track.step(EXPLAINING, i + 1, len(edges))
    unmatched = unmatched_explain(
        n_seekers=n_s, n_providers=n_p, hi=inputs.hi, capacity=inputs.capacity, seeker=seeker_e,
        provider=provider_e, forbidden=forbidden_mask, chosen=edges, name=inputs.name,
    )
    track.lap(EXPLAINING)
    track.check()  # a cancel during the last steps still returns nothing
    stats["pairs"] = len(pairs)
    stats["solver_seconds"] = round(result.seconds, 3)
    return MatchResult(
        pairs=pairs,
        objective=float(result.objective),
        bound=float(result.bound),
        gap=float(result.gap),
        floor=None if result.floor is None else float(result.floor),
        floor_bound=None if getattr(result, "floor_bound", None) is None else float(result.floor_bound),
        method=result.method,
        proven_optimal=bool(result.proven_optimal),
        changed=result.changed,
        unmatched=unmatched,
        stats=stats,
    )
