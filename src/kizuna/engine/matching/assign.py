"""Assignment on candidate pairs, its checker, the explanation of the chosen pairs
and the analysis of who went without one: the part of a matching run after scoring.

`match_given` runs it on pairs whose scores are given (a scores file); the affinity
pipeline (`match_compute`) runs it on the candidates it scored. Locked, forbidden and
previous pairs are (seeker, provider) positions; locked and previous pairs become
candidates even where scoring would not keep them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from kizuna.engine import messages
from kizuna.engine.assignment import (
    AssignmentInputError,
    AssignmentProblem,
    assignment_check,
    assignment_solve,
)
from kizuna.engine.assignment._prepare import _as_int_vector
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
    "matching.self_pair_locked": {
        "en": "%(seeker)s cannot be paired with itself: a locked pair has the same organisation as seeker and provider.",
        "th": "%(seeker)s ไม่สามารถจับคู่กับตนเองได้ เพราะคู่ที่ล็อกไว้มีผู้ขอและผู้ให้เป็นองค์กรเดียวกัน",
        "ja": "%(seeker)sを自分自身と組み合わせることはできません。固定された組み合わせの依頼側と提供側が同じ組織です。",
    },
    "matching.self_pair_existing": {
        "en": "%(seeker)s cannot be paired with itself: an existing pair has the same organisation as seeker and provider.",
        "th": "%(seeker)s ไม่สามารถจับคู่กับตนเองได้ เพราะคู่ที่มีอยู่แล้วมีผู้ขอและผู้ให้เป็นองค์กรเดียวกัน",
        "ja": "%(seeker)sを自分自身と組み合わせることはできません。既存の組み合わせの依頼側と提供側が同じ組織です。",
    },
    "matching.self_pair_given": {
        "en": "%(seeker)s cannot be paired with itself: a given candidate pair has the same organisation as seeker and provider.",
        "th": "%(seeker)s ไม่สามารถจับคู่กับตนเองได้ เพราะคู่ที่ให้มามีผู้ขอและผู้ให้เป็นองค์กรเดียวกัน",
        "ja": "%(seeker)sを自分自身と組み合わせることはできません。与えられた候補の組み合わせの依頼側と提供側が同じ組織です。",
    },
    "matching.pair_out_of_range": {
        "en": "The pair (%(seeker)s, %(provider)s) names a participant that does not exist: seekers are 0 to %(last_seeker)s and providers 0 to %(last_provider)s.",
        "th": "คู่ (%(seeker)s, %(provider)s) อ้างถึงผู้เข้าร่วมที่ไม่มีอยู่ ผู้ขอมีลำดับ 0 ถึง %(last_seeker)s และผู้ให้มีลำดับ 0 ถึง %(last_provider)s",
        "ja": "組み合わせ (%(seeker)s, %(provider)s) は存在しない参加者を指しています。依頼側は 0～%(last_seeker)s、提供側は 0～%(last_provider)s です。",
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
    # The organisation behind each participant (any hashable key), when one
    # organisation may take part on both sides: a seeker and a provider of the same
    # organisation are never paired. None: the sides are distinct organisations.
    seeker_entities: Sequence[Hashable] | None = None
    provider_entities: Sequence[Hashable] | None = None
    # Pairs that already exist (an earlier round: proposed, accepted, in progress)
    # between participants of this run: never proposed again.
    existing: Sequence[Pair] = ()
    # Partners each seeker already has / seekers each provider already has (from
    # existing pairs, with participants of this run or not), counted against lo/hi
    # and capacity. None: nothing held.
    held_seeker: np.ndarray | None = None
    held_provider: np.ndarray | None = None

    def limits(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """lo, hi and capacity left for this run once the partners already held are
        counted: hi − held (at least 0), lo − held (at least 0, at most the new hi),
        capacity − held (at least 0)."""
        lo = np.asarray(self.lo, dtype=np.int64)
        hi = np.asarray(self.hi, dtype=np.int64)
        cap = np.asarray(self.capacity, dtype=np.int64)
        if self.held_seeker is not None:
            held = np.asarray(self.held_seeker, dtype=np.int64)
            hi = np.maximum(hi - held, 0)
            lo = np.minimum(np.maximum(lo - held, 0), hi)
        if self.held_provider is not None:
            cap = np.maximum(cap - np.asarray(self.held_provider, dtype=np.int64), 0)
        return lo, hi, cap

    def self_pairs(self) -> set[Pair]:
        """(seeker, provider) positions of the same organisation."""
        if self.seeker_entities is None or self.provider_entities is None:
            return set()
        where = {key: j for j, key in enumerate(self.provider_entities)}
        return {(i, where[key]) for i, key in enumerate(self.seeker_entities) if key in where}

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


def match_input_check(inputs: MatchInput, *, locked: Sequence[Pair] = (), previous: Sequence[Pair] = ()) -> set[Pair]:
    """Check what a run is given beside the profiles and return the pairs of one
    organisation with itself (never candidates).

    Raises AssignmentInputError, naming what is wrong, when the organisations or the
    partners held do not have one entry per participant, when a locked, previous or
    existing pair names a participant that does not exist, or when a locked or
    existing pair is one organisation with itself."""
    n_s, n_p = len(inputs.seekers), len(inputs.providers)
    for name, keys, n in (("seeker_entities", inputs.seeker_entities, n_s),
                          ("provider_entities", inputs.provider_entities, n_p)):
        if keys is not None and len(keys) != n:
            raise AssignmentInputError("assign_input_shape", field=name, got=len(keys), expected=n)
    for name, held, n in (("held_seeker", inputs.held_seeker, n_s), ("held_provider", inputs.held_provider, n_p)):
        if held is not None:
            _as_int_vector(held, n, name)
    for s, p in [*locked, *previous, *inputs.existing]:
        if not (0 <= s < n_s and 0 <= p < n_p):
            raise AssignmentInputError("matching.pair_out_of_range", seeker=s, provider=p,
                                       last_seeker=n_s - 1, last_provider=n_p - 1)
    selves = inputs.self_pairs()
    for code, pairs in (("matching.self_pair_locked", locked), ("matching.self_pair_existing", inputs.existing)):
        for pair in pairs:
            if pair in selves:
                raise AssignmentInputError(code, seeker=inputs.ids(SEEKER)[pair[0]])
    return selves


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
    selves = match_input_check(inputs, locked=locked, previous=previous)
    seeker_e = np.asarray(seeker, dtype=np.int64)
    provider_e = np.asarray(provider, dtype=np.int64)
    score_e = np.asarray(score, dtype=np.float64)
    # pairs that cannot be proposed: one organisation with itself, and pairs that already exist
    impossible = selves | set(inputs.existing)
    if impossible:
        pairs_e = list(zip(seeker_e.tolist(), provider_e.tolist(), strict=True))
        if rescore is None:  # given pairs: a pair of one organisation with itself is an input error
            given_self = next((pair for pair in pairs_e if pair in selves), None)
            if given_self is not None:
                raise AssignmentInputError("matching.self_pair_given", seeker=inputs.ids(SEEKER)[given_self[0]])
        keep = np.array([pair not in impossible for pair in pairs_e], dtype=bool)
        seeker_e, provider_e, score_e = seeker_e[keep], provider_e[keep], score_e[keep]
        locked = [pair for pair in locked if pair not in impossible]
        previous = [pair for pair in previous if pair not in impossible]
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
    lo, hi, capacity = inputs.limits()
    problem = AssignmentProblem(
        n_seekers=n_s, n_providers=n_p, seeker=seeker_e, provider=provider_e, score=score_e,
        lo=lo, hi=hi, capacity=capacity, locked=locked_mask, forbidden=forbidden_mask,
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
        n_seekers=n_s, n_providers=n_p, hi=hi, capacity=capacity, seeker=seeker_e,
        provider=provider_e, forbidden=forbidden_mask, chosen=edges, name=inputs.name,
    )
    # a participant whose places are all taken by existing pairs is served, not unmatched
    full_s = np.zeros(n_s, dtype=bool) if inputs.held_seeker is None else (np.asarray(inputs.held_seeker) > 0) & (hi == 0)
    full_p = (np.zeros(n_p, dtype=bool) if inputs.held_provider is None
              else (np.asarray(inputs.held_provider) > 0) & (capacity == 0))
    unmatched = [u for u in unmatched if not (full_s if u.side == SEEKER else full_p)[u.index]]
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
