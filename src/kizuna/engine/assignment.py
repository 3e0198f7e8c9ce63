"""Proven-optimal assignment of seekers to providers under capacities and constraints.

Each seeker (a Thai SME, a startup, an application) gets between ``lo`` and ``hi``
providers (mentors, partners, reviewers); each provider takes at most ``capacity``
seekers; only the listed candidate pairs may be used; forbidden pairs never are,
locked pairs always are; optional quotas bound the number of pairs of each group of
seekers (e.g. an FTI industry group). The total affinity is maximised.

How it is solved
    Every constraint is a bound on the flow through one arc of a network
    source → [group] → seeker → provider → sink, and the groups partition the
    seekers, so the constraint matrix is totally unimodular: the min-cost flow
    (OR-Tools ``SimpleMinCostFlow``) gives an integral optimum whose objective
    equals the LP-relaxation bound, group quotas included. Lower bounds (``lo``,
    quota minimums) use the standard lower-bound transformation. Scores are
    quantised to integers (by default to 10⁻⁶ of a score unit), the objective is
    reported from the float scores.

    The fairness mode first maximises the lowest total score of any seeker that
    can be served, then the sum subject to that floor. When every seeker takes at
    most one provider this is a bottleneck problem solved exactly by a search on
    the floor with min-cost flows; otherwise (max–min with several providers per
    seeker is NP-hard) it is a MIP for HiGHS through scipy, whose bound and gap
    are reported.

    Re-solving with ``previous`` (the edges of an earlier result) adds a tie-break
    below the score resolution: among optimal solutions the one with the fewest
    pairs added or removed is chosen, exactly.

Infeasible inputs raise :class:`AssignmentInfeasible` naming the participants
concerned; :func:`assignment_check` validates any result and raises
:class:`AssignmentViolations` naming each violation. scipy is imported only by the
functions that need it, so ``kizuna match --assign`` starts fast.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from kizuna.engine.messages import register, render

__all__ = [
    "AssignmentProblem",
    "AssignmentResult",
    "AssignmentInfeasible",
    "AssignmentInputError",
    "AssignmentViolations",
    "Infeasibility",
    "PruningGap",
    "Violation",
    "assignment_check",
    "assignment_solve",
    "assignment_subproblem",
    "assignment_withdraw",
    "candidates_pruning_gap",
]

MESSAGES = register(
    {
        # --- input errors -------------------------------------------------------
        "assign_input_shape": {
            "en": "The assignment input %(field)s has %(got)s entries where %(expected)s are needed.",
            "th": "ข้อมูล %(field)s ของการจับคู่มี %(got)s รายการ แต่ต้องมี %(expected)s รายการ",
            "ja": "割り当ての入力 %(field)s の要素数は %(got)s ですが、%(expected)s 個必要です。",
        },
        "assign_input_range": {
            "en": "The assignment input %(field)s at position %(index)s holds %(value)s, which is outside %(allowed)s.",
            "th": "ข้อมูล %(field)s ของการจับคู่ที่ตำแหน่ง %(index)s มีค่า %(value)s ซึ่งอยู่นอกช่วง %(allowed)s",
            "ja": "割り当ての入力 %(field)s の位置 %(index)s の値 %(value)s は範囲 %(allowed)s の外です。",
        },
        "assign_input_duplicate": {
            "en": "The pair %(seeker)s – %(provider)s is listed more than once among the candidate pairs.",
            "th": "คู่ %(seeker)s – %(provider)s ปรากฏในรายการคู่ที่เป็นไปได้มากกว่าหนึ่งครั้ง",
            "ja": "候補の組 %(seeker)s – %(provider)s が複数回記載されています。",
        },
        "assign_input_group": {
            "en": "The quota for group %(group)s has minimum %(low)s and maximum %(high)s; both must be whole numbers of at least 0.",
            "th": "โควตาของกลุ่ม %(group)s มีค่าต่ำสุด %(low)s และสูงสุด %(high)s ซึ่งทั้งสองต้องเป็นจำนวนเต็มไม่น้อยกว่า 0",
            "ja": "グループ %(group)s の枠は最小 %(low)s・最大 %(high)s ですが、どちらも 0 以上の整数でなければなりません。",
        },
        # --- infeasibility ------------------------------------------------------
        "assign_lo_above_hi": {
            "en": "%(count)d seekers ask for more providers at least than at most (minimum above maximum): %(names)s.",
            "th": "ผู้ขอรับ %(count)d รายกำหนดจำนวนผู้ให้ขั้นต่ำมากกว่าจำนวนสูงสุด: %(names)s",
            "ja": "%(count)d 件の依頼側で、提供側の最小数が最大数を上回っています: %(names)s",
        },
        "assign_locked_forbidden": {
            "en": "%(count)d pairs are both locked and forbidden: %(names)s.",
            "th": "มี %(count)d คู่ที่ถูกทั้งล็อกและห้ามจับคู่พร้อมกัน: %(names)s",
            "ja": "%(count)d 組が固定と禁止の両方に指定されています: %(names)s",
        },
        "assign_locked_above_hi": {
            "en": "%(count)d seekers have more locked pairs than their maximum number of providers: %(names)s.",
            "th": "ผู้ขอรับ %(count)d รายมีคู่ที่ล็อกไว้มากกว่าจำนวนผู้ให้สูงสุดที่กำหนด: %(names)s",
            "ja": "%(count)d 件の依頼側で、固定された組の数が提供側の最大数を超えています: %(names)s",
        },
        "assign_locked_above_capacity": {
            "en": "%(count)d providers have more locked pairs than their capacity: %(names)s.",
            "th": "ผู้ให้ %(count)d รายมีคู่ที่ล็อกไว้มากกว่าจำนวนที่รับได้: %(names)s",
            "ja": "%(count)d 件の提供側で、固定された組の数が受け入れ可能数を超えています: %(names)s",
        },
        "assign_no_allowed_provider": {
            "en": "%(count)d seekers need at least one provider but have no allowed candidate: %(names)s.",
            "th": "ผู้ขอรับ %(count)d รายต้องการผู้ให้อย่างน้อยหนึ่งราย แต่ไม่มีคู่ที่อนุญาตเลย: %(names)s",
            "ja": "%(count)d 件の依頼側は提供側が最低 1 件必要ですが、許可された候補がありません: %(names)s",
        },
        "assign_too_few_candidates": {
            "en": "%(count)d seekers have fewer allowed candidates than their minimum number of providers: %(names)s.",
            "th": "ผู้ขอรับ %(count)d รายมีคู่ที่อนุญาตน้อยกว่าจำนวนผู้ให้ขั้นต่ำที่ต้องการ: %(names)s",
            "ja": "%(count)d 件の依頼側で、許可された候補が必要な提供側の最小数より少なくなっています: %(names)s",
        },
        "assign_capacity_below_demand": {
            "en": "The providers can take %(capacity)d pairs in all, but the seekers need at least %(demand)d.",
            "th": "ผู้ให้ทั้งหมดรับได้รวม %(capacity)d คู่ แต่ผู้ขอรับต้องการอย่างน้อย %(demand)d คู่",
            "ja": "提供側が受け入れられるのは合計 %(capacity)d 組ですが、依頼側には最低 %(demand)d 組が必要です。",
        },
        "assign_group_min_above_max": {
            "en": "The quota for group %(group)s asks for at least %(low)d pairs but at most %(high)d.",
            "th": "โควตาของกลุ่ม %(group)s กำหนดอย่างน้อย %(low)d คู่ แต่ไม่เกิน %(high)d คู่",
            "ja": "グループ %(group)s の枠は最低 %(low)d 組、最大 %(high)d 組となっており矛盾しています。",
        },
        "assign_group_min_unreachable": {
            "en": "Group %(group)s needs at least %(low)d pairs, but its seekers can take at most %(reach)d.",
            "th": "กลุ่ม %(group)s ต้องมีอย่างน้อย %(low)d คู่ แต่ผู้ขอรับในกลุ่มรับได้ไม่เกิน %(reach)d คู่",
            "ja": "グループ %(group)s には最低 %(low)d 組が必要ですが、その依頼側が受けられるのは最大 %(reach)d 組です。",
        },
        "assign_group_max_below_need": {
            "en": "Group %(group)s may have at most %(high)d pairs, but its seekers need at least %(need)d (minimums and locked pairs).",
            "th": "กลุ่ม %(group)s มีได้ไม่เกิน %(high)d คู่ แต่ผู้ขอรับในกลุ่มต้องการอย่างน้อย %(need)d คู่ (ขั้นต่ำและคู่ที่ล็อกไว้)",
            "ja": "グループ %(group)s の上限は %(high)d 組ですが、その依頼側には最低 %(need)d 組(最小数と固定された組)が必要です。",
        },
        "assign_seekers_left_short": {
            "en": "The candidates cannot give %(count)d seekers their minimum number of providers at the same time (their candidates are taken by others): %(names)s.",
            "th": "ไม่สามารถจัดผู้ให้ตามจำนวนขั้นต่ำให้ผู้ขอรับ %(count)d รายพร้อมกันได้ (ผู้ให้ที่เป็นไปได้ถูกจับคู่กับผู้อื่นจนเต็ม): %(names)s",
            "ja": "%(count)d 件の依頼側に最小数の提供側を同時に割り当てることができません(候補が他で埋まっています): %(names)s",
        },
        "assign_groups_left_short": {
            "en": "The candidates cannot reach the minimum quota of %(count)d groups at the same time: %(names)s.",
            "th": "ไม่สามารถทำให้ %(count)d กลุ่มได้ตามโควตาขั้นต่ำพร้อมกันได้: %(names)s",
            "ja": "%(count)d グループの最低枠を同時に満たすことができません: %(names)s",
        },
        "assign_infeasible": {
            "en": "No assignment satisfies every constraint: %(details)s",
            "th": "ไม่มีการจับคู่ใดที่เป็นไปตามเงื่อนไขทั้งหมด: %(details)s",
            "ja": "すべての条件を満たす割り当てはありません: %(details)s",
        },
        # --- checker ------------------------------------------------------------
        "assign_check_edge_range": {
            "en": "The result lists edge %(edge)s, which is not a candidate pair of this problem.",
            "th": "ผลลัพธ์มีคู่หมายเลข %(edge)s ซึ่งไม่ใช่คู่ที่เป็นไปได้ของปัญหานี้",
            "ja": "結果に含まれる組 %(edge)s はこの問題の候補ではありません。",
        },
        "assign_check_edge_repeated": {
            "en": "The pair %(seeker)s – %(provider)s appears more than once in the result.",
            "th": "คู่ %(seeker)s – %(provider)s ปรากฏในผลลัพธ์มากกว่าหนึ่งครั้ง",
            "ja": "組 %(seeker)s – %(provider)s が結果に複数回含まれています。",
        },
        "assign_check_forbidden": {
            "en": "The forbidden pair %(seeker)s – %(provider)s is in the result.",
            "th": "คู่ต้องห้าม %(seeker)s – %(provider)s อยู่ในผลลัพธ์",
            "ja": "禁止された組 %(seeker)s – %(provider)s が結果に含まれています。",
        },
        "assign_check_locked": {
            "en": "The locked pair %(seeker)s – %(provider)s is missing from the result.",
            "th": "คู่ที่ล็อกไว้ %(seeker)s – %(provider)s ไม่อยู่ในผลลัพธ์",
            "ja": "固定された組 %(seeker)s – %(provider)s が結果にありません。",
        },
        "assign_check_below_minimum": {
            "en": "Seeker %(seeker)s has %(load)d providers but needs at least %(low)d.",
            "th": "ผู้ขอรับ %(seeker)s ได้ผู้ให้ %(load)d ราย แต่ต้องการอย่างน้อย %(low)d ราย",
            "ja": "依頼側 %(seeker)s の提供側は %(load)d 件ですが、最低 %(low)d 件必要です。",
        },
        "assign_check_above_maximum": {
            "en": "Seeker %(seeker)s has %(load)d providers but may have at most %(high)d.",
            "th": "ผู้ขอรับ %(seeker)s ได้ผู้ให้ %(load)d ราย แต่มีได้ไม่เกิน %(high)d ราย",
            "ja": "依頼側 %(seeker)s の提供側は %(load)d 件ですが、最大 %(high)d 件までです。",
        },
        "assign_check_over_capacity": {
            "en": "Provider %(provider)s has %(load)d seekers but can take at most %(capacity)d.",
            "th": "ผู้ให้ %(provider)s ได้ผู้ขอรับ %(load)d ราย แต่รับได้ไม่เกิน %(capacity)d ราย",
            "ja": "提供側 %(provider)s の依頼側は %(load)d 件ですが、受け入れ可能数は %(capacity)d 件です。",
        },
        "assign_check_group_below": {
            "en": "Group %(group)s has %(load)d pairs but its quota asks for at least %(low)d.",
            "th": "กลุ่ม %(group)s มี %(load)d คู่ แต่โควตากำหนดอย่างน้อย %(low)d คู่",
            "ja": "グループ %(group)s の組数は %(load)d ですが、枠の最低は %(low)d 組です。",
        },
        "assign_check_group_above": {
            "en": "Group %(group)s has %(load)d pairs but its quota allows at most %(high)d.",
            "th": "กลุ่ม %(group)s มี %(load)d คู่ แต่โควตาอนุญาตไม่เกิน %(high)d คู่",
            "ja": "グループ %(group)s の組数は %(load)d ですが、枠の上限は %(high)d 組です。",
        },
        "assign_check_objective": {
            "en": "The result reports objective %(reported)s, but its pairs add up to %(actual)s.",
            "th": "ผลลัพธ์รายงานค่าวัตถุประสงค์ %(reported)s แต่ผลรวมของคู่คือ %(actual)s",
            "ja": "結果の目的関数値は %(reported)s ですが、組の合計は %(actual)s です。",
        },
        "assign_check_bound": {
            "en": "The result reports bound %(bound)s below its objective %(objective)s.",
            "th": "ผลลัพธ์รายงานขอบเขต %(bound)s ต่ำกว่าค่าวัตถุประสงค์ %(objective)s",
            "ja": "結果の上界 %(bound)s が目的関数値 %(objective)s を下回っています。",
        },
        "assign_check_violations": {
            "en": "The assignment breaks %(count)d constraints: %(details)s",
            "th": "การจับคู่ละเมิดเงื่อนไข %(count)d ข้อ: %(details)s",
            "ja": "割り当ては %(count)d 件の条件に違反しています: %(details)s",
        },
    }
)

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
    fairness mode ``floor`` is the lowest total score of a servable seeker and
    the objective is the sum subject to that floor.
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


# ---------------------------------------------------------------------------
# Preparation: validation, locked pairs, pre-checks
# ---------------------------------------------------------------------------


def _names(problem: AssignmentProblem, kind: str, items) -> str:
    items = list(items)
    name = {"s": problem.seeker_name, "p": problem.provider_name, "g": problem.group_name}[kind]
    shown = [name(int(i)) for i in items[:_NAME_LIMIT]]
    if len(items) > _NAME_LIMIT:
        shown.append(f"… (+{len(items) - _NAME_LIMIT})")
    return ", ".join(shown)


def _pair_names(problem: AssignmentProblem, edges) -> str:
    edges = list(edges)
    shown = [
        f"{problem.seeker_name(int(problem.seeker[e]))} – {problem.provider_name(int(problem.provider[e]))}"
        for e in edges[:_NAME_LIMIT]
    ]
    if len(edges) > _NAME_LIMIT:
        shown.append(f"… (+{len(edges) - _NAME_LIMIT})")
    return ", ".join(shown)


def _infeasibility(code: str, *, seekers=(), providers=(), groups=(), **params) -> Infeasibility:
    return Infeasibility(
        code=code,
        message=render(code, "en", **params),
        seekers=tuple(int(i) for i in seekers),
        providers=tuple(int(j) for j in providers),
        groups=tuple(int(g) for g in groups),
        params=params,
    )


def _as_int_vector(value, n: int, name: str, *, low: int = 0) -> np.ndarray:
    arr = np.asarray(value)
    if arr.ndim == 0:
        arr = np.full(n, arr)
    if arr.shape != (n,):
        raise AssignmentInputError("assign_input_shape", field=name, got=arr.size, expected=n)
    if arr.dtype.kind == "f":
        bad = np.flatnonzero(~np.isfinite(arr) | (arr != np.round(arr)))
        if bad.size:
            raise AssignmentInputError(
                "assign_input_range", field=name, index=int(bad[0]), value=arr[bad[0]], allowed="whole numbers"
            )
    elif arr.dtype.kind not in "iub":
        raise AssignmentInputError("assign_input_range", field=name, index=0, value=arr.dtype, allowed="integers")
    arr = arr.astype(np.int64)
    bad = np.flatnonzero(arr < low)
    if bad.size:
        raise AssignmentInputError(
            "assign_input_range", field=name, index=int(bad[0]), value=int(arr[bad[0]]), allowed=f">= {low}"
        )
    return arr


def _as_mask(value, n: int, name: str) -> np.ndarray:
    if value is None:
        return np.zeros(n, dtype=bool)
    arr = np.asarray(value, dtype=bool)
    if arr.shape != (n,):
        raise AssignmentInputError("assign_input_shape", field=name, got=arr.size, expected=n)
    return arr


def _edge_keys(seeker: np.ndarray, provider: np.ndarray, n_providers: int) -> np.ndarray:
    return seeker.astype(np.int64) * max(n_providers, 1) + provider.astype(np.int64)


@dataclass
class _Prepared:
    """The problem after validation, with locked pairs taken out of the network."""

    problem: AssignmentProblem
    seeker: np.ndarray  # int64 [E]
    provider: np.ndarray  # int64 [E]
    score: np.ndarray  # float64 [E]
    locked_idx: np.ndarray  # edge indices that are locked
    free_idx: np.ndarray  # usable free edge indices (allowed, not locked, endpoints open)
    lo: np.ndarray  # residual lo per seeker
    hi: np.ndarray  # residual hi per seeker
    cap: np.ndarray  # residual capacity per provider
    group: np.ndarray  # int64 [n_s]: quota group or -1
    gmin: np.ndarray  # residual per quota group (index into quota_groups)
    gmax: np.ndarray
    quota_groups: np.ndarray  # group id per quota index
    locked_total: np.ndarray  # float [n_s] score of locked pairs per seeker
    servable: np.ndarray  # bool [n_s]: hi>0 and at least one allowed edge


def _prepare(problem: AssignmentProblem) -> _Prepared:
    n_s, n_p = int(problem.n_seekers), int(problem.n_providers)
    seeker = np.asarray(problem.seeker)
    provider = np.asarray(problem.provider)
    score = np.asarray(problem.score, dtype=np.float64)
    n_e = seeker.shape[0] if seeker.ndim == 1 else -1
    if seeker.ndim != 1:
        raise AssignmentInputError("assign_input_shape", field="seeker", got=seeker.size, expected="one per edge")
    for name, arr in (("provider", provider), ("score", score)):
        if arr.shape != (n_e,):
            raise AssignmentInputError("assign_input_shape", field=name, got=arr.size, expected=n_e)
    seeker = seeker.astype(np.int64, copy=False)
    provider = provider.astype(np.int64, copy=False)
    for name, arr, n in (("seeker", seeker, n_s), ("provider", provider, n_p)):
        bad = np.flatnonzero((arr < 0) | (arr >= n))
        if bad.size:
            raise AssignmentInputError(
                "assign_input_range", field=name, index=int(bad[0]), value=int(arr[bad[0]]), allowed=f"0..{n - 1}"
            )
    bad = np.flatnonzero(~np.isfinite(score))
    if bad.size:
        raise AssignmentInputError(
            "assign_input_range", field="score", index=int(bad[0]), value=score[bad[0]], allowed="finite numbers"
        )
    lo = _as_int_vector(problem.lo, n_s, "lo")
    hi = _as_int_vector(problem.hi, n_s, "hi")
    cap = _as_int_vector(problem.capacity, n_p, "capacity")
    locked = _as_mask(problem.locked, n_e, "locked")
    forbidden = _as_mask(problem.forbidden, n_e, "forbidden")

    # duplicate pairs: O(E) when the edges come sorted (the usual case), else a sort
    keys = _edge_keys(seeker, provider, n_p)
    if n_e > 1:
        d = np.diff(keys)
        if not (d > 0).all():
            order = np.argsort(keys, kind="stable")
            dup = np.flatnonzero(np.diff(keys[order]) == 0)
            if dup.size:
                e = int(order[dup[0]])
                raise AssignmentInputError(
                    "assign_input_duplicate",
                    seeker=problem.seeker_name(int(seeker[e])),
                    provider=problem.provider_name(int(provider[e])),
                )

    group = np.full(n_s, -1, dtype=np.int64)
    quota = problem.group_quota or {}
    if problem.seeker_group is not None:
        group = _as_int_vector(problem.seeker_group, n_s, "seeker_group", low=-1)
    quota_groups = np.array(sorted(int(g) for g in quota), dtype=np.int64)
    qmin = np.zeros(len(quota_groups), dtype=np.int64)
    qmax = np.zeros(len(quota_groups), dtype=np.int64)
    for k, g in enumerate(quota_groups):
        low, high = quota[g]
        if high is None:
            high = np.iinfo(np.int64).max // 4
        if low is None:
            low = 0
        if int(low) != low or int(high) != high or low < 0 or high < 0:
            raise AssignmentInputError("assign_input_group", group=problem.group_name(int(g)), low=low, high=high)
        qmin[k], qmax[k] = int(low), int(high)
    # seekers of groups without a quota hang off the source directly
    qindex = np.full(n_s, -1, dtype=np.int64)
    if len(quota_groups):
        pos = np.searchsorted(quota_groups, group)
        pos_c = np.minimum(pos, len(quota_groups) - 1)
        has = (group >= 0) & (quota_groups[pos_c] == group)
        qindex[has] = pos_c[has]

    problems: list[Infeasibility] = []
    bad = np.flatnonzero(lo > hi)
    if bad.size:
        problems.append(_infeasibility("assign_lo_above_hi", seekers=bad, count=bad.size, names=_names(problem, "s", bad)))
    lf = np.flatnonzero(locked & forbidden)
    if lf.size:
        problems.append(
            _infeasibility(
                "assign_locked_forbidden",
                seekers=np.unique(seeker[lf]),
                providers=np.unique(provider[lf]),
                count=lf.size,
                names=_pair_names(problem, lf),
            )
        )
    locked_idx = np.flatnonzero(locked & ~forbidden)
    nl_s = np.bincount(seeker[locked_idx], minlength=n_s)
    nl_p = np.bincount(provider[locked_idx], minlength=n_p)
    bad = np.flatnonzero(nl_s > hi)
    if bad.size:
        problems.append(
            _infeasibility("assign_locked_above_hi", seekers=bad, count=bad.size, names=_names(problem, "s", bad))
        )
    bad = np.flatnonzero(nl_p > cap)
    if bad.size:
        problems.append(
            _infeasibility(
                "assign_locked_above_capacity", providers=bad, count=bad.size, names=_names(problem, "p", bad)
            )
        )

    lo_r = np.maximum(lo - nl_s, 0)
    hi_r = np.maximum(hi - nl_s, 0)
    cap_r = np.maximum(cap - nl_p, 0)
    usable = ~locked & ~forbidden
    usable &= (hi_r[seeker] > 0) & (cap_r[provider] > 0)
    free_idx = np.flatnonzero(usable)
    fs, fp = seeker[free_idx], provider[free_idx]
    deg_s = np.bincount(fs, minlength=n_s)
    deg_p = np.bincount(fp, minlength=n_p)

    short = lo_r > deg_s
    none = np.flatnonzero(short & (deg_s + nl_s == 0) & (lo > 0))
    few = np.flatnonzero(short & (deg_s + nl_s > 0))
    if none.size:
        problems.append(
            _infeasibility("assign_no_allowed_provider", seekers=none, count=none.size, names=_names(problem, "s", none))
        )
    if few.size:
        problems.append(
            _infeasibility("assign_too_few_candidates", seekers=few, count=few.size, names=_names(problem, "s", few))
        )
    demand = int(lo_r.sum())
    supply = int(np.minimum(cap_r, deg_p).sum())
    if demand > supply:
        problems.append(
            _infeasibility(
                "assign_capacity_below_demand",
                seekers=np.flatnonzero(lo_r > 0),
                capacity=supply + int(nl_p.sum()),
                demand=demand + int(nl_p.sum()),
            )
        )

    gmin = np.zeros(len(quota_groups), dtype=np.int64)
    gmax = np.zeros(len(quota_groups), dtype=np.int64)
    if len(quota_groups):
        in_q = qindex >= 0
        nq = len(quota_groups)
        locked_g = np.bincount(qindex[in_q], weights=nl_s[in_q], minlength=nq).astype(np.int64)
        lo_g = np.bincount(qindex[in_q], weights=lo_r[in_q], minlength=nq).astype(np.int64)
        reach_g = np.bincount(qindex[in_q], weights=np.minimum(hi_r, deg_s)[in_q], minlength=nq).astype(np.int64)
        for k, g in enumerate(quota_groups):
            gname = problem.group_name(int(g))
            members = np.flatnonzero(qindex == k)
            if qmin[k] > qmax[k]:
                problems.append(
                    _infeasibility("assign_group_min_above_max", groups=[g], group=gname, low=int(qmin[k]), high=int(qmax[k]))
                )
                continue
            if qmax[k] < locked_g[k] + lo_g[k]:
                problems.append(
                    _infeasibility(
                        "assign_group_max_below_need",
                        seekers=members,
                        groups=[g],
                        group=gname,
                        high=int(qmax[k]),
                        need=int(locked_g[k] + lo_g[k]),
                    )
                )
            if qmin[k] > locked_g[k] + reach_g[k]:
                problems.append(
                    _infeasibility(
                        "assign_group_min_unreachable",
                        seekers=members,
                        groups=[g],
                        group=gname,
                        low=int(qmin[k]),
                        reach=int(locked_g[k] + reach_g[k]),
                    )
                )
        gmin = np.maximum(qmin - locked_g, 0)
        gmax = np.maximum(qmax - locked_g, 0)
    if problems:
        raise AssignmentInfeasible(problems)

    locked_total = np.bincount(seeker[locked_idx], weights=score[locked_idx], minlength=n_s)
    servable = (hi > 0) & (deg_s + nl_s > 0)
    return _Prepared(
        problem=problem,
        seeker=seeker,
        provider=provider,
        score=score,
        locked_idx=locked_idx,
        free_idx=free_idx,
        lo=lo_r,
        hi=hi_r,
        cap=cap_r,
        group=qindex,
        gmin=gmin,
        gmax=gmax,
        quota_groups=quota_groups,
        locked_total=locked_total,
        servable=servable,
    )


# ---------------------------------------------------------------------------
# The network
# ---------------------------------------------------------------------------


def _flow(
    prep: _Prepared,
    idx: np.ndarray,
    cost: np.ndarray,
    lo: np.ndarray,
    *,
    diagnose: bool = False,
):
    """Min-cost flow over the free edges ``idx`` with integer ``cost`` per edge.

    Nodes: 0 source, 1 sink, quota groups, seekers, providers. Returns
    ``(status, chosen_mask_over_idx, smcf, info)``. With ``diagnose`` the lower
    bounds become arcs with cost −1 (and every edge cost 0), so the optimum
    serves as many minimum units as possible; ``info`` then holds the shortfall.
    """
    from ortools.graph.python import min_cost_flow

    n_s, n_p = prep.problem.n_seekers, prep.problem.n_providers
    nq = len(prep.quota_groups)
    g0, s0 = 2, 2 + nq
    p0 = s0 + n_s
    n_nodes = p0 + n_p
    hi = prep.hi
    seeker_parent = np.where(prep.group >= 0, g0 + prep.group, 0)
    flow_max = int(hi.sum())

    tails = [s0 + prep.seeker[idx]]
    heads = [p0 + prep.provider[idx]]
    caps = [np.ones(len(idx), dtype=np.int64)]
    costs = [np.zeros(len(idx), dtype=np.int64) if diagnose else cost]
    supply = np.zeros(n_nodes, dtype=np.int64)

    def arcs(t, h, c, w=0):
        tails.append(np.asarray(t, dtype=np.int64))
        heads.append(np.asarray(h, dtype=np.int64))
        caps.append(np.asarray(c, dtype=np.int64))
        costs.append(np.full(len(caps[-1]), w, dtype=np.int64))

    seekers = np.arange(n_s)
    gmax = np.minimum(prep.gmax, flow_max)
    if diagnose:
        # lower parts cost -1, upper parts 0; no supplies beyond the source
        arcs(np.zeros(nq), g0 + np.arange(nq), prep.gmin, -1)
        arcs(np.zeros(nq), g0 + np.arange(nq), gmax - prep.gmin)
        arcs(seeker_parent, s0 + seekers, lo, -1)
        arcs(seeker_parent, s0 + seekers, hi - lo)
    else:
        arcs(np.zeros(nq), g0 + np.arange(nq), gmax - prep.gmin)
        arcs(seeker_parent, s0 + seekers, hi - lo)
        supply[0] -= int(prep.gmin.sum())
        supply[g0 : g0 + nq] += prep.gmin
        np.subtract.at(supply, seeker_parent, lo)
        supply[s0 : s0 + n_s] += lo
    arcs(p0 + np.arange(n_p), np.ones(n_p), prep.cap)
    arcs([0], [1], [flow_max])
    supply[0] += flow_max
    supply[1] -= flow_max

    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(
        np.concatenate(tails).astype(np.int32),
        np.concatenate(heads).astype(np.int32),
        np.concatenate(caps),
        np.concatenate(costs),
    )
    smcf.set_nodes_supplies(np.arange(n_nodes, dtype=np.int32), supply)
    status = smcf.solve()
    info = None
    if status == smcf.OPTIMAL:
        chosen = smcf.flows(np.arange(len(idx), dtype=np.int32)) > 0
        if diagnose:
            base = len(idx)
            gl = smcf.flows(np.arange(base, base + nq, dtype=np.int32))
            base += 2 * nq
            sl = smcf.flows(np.arange(base, base + n_s, dtype=np.int32))
            info = (prep.gmin - gl, lo - sl)
    else:
        chosen = None
    return status, chosen, smcf, info


def _raise_hall(prep: _Prepared, idx: np.ndarray, lo: np.ndarray) -> None:
    """The flow found the lower bounds infeasible: find who is left short."""
    status, _, _, info = _flow(prep, idx, None, lo, diagnose=True)
    problem = prep.problem
    problems = []
    if info is not None:
        g_short, s_short = info
        seekers = np.flatnonzero(s_short > 0)
        groups = prep.quota_groups[np.flatnonzero(g_short > 0)]
        if seekers.size:
            near = np.unique(prep.provider[idx][np.isin(prep.seeker[idx], seekers)])
            problems.append(
                _infeasibility(
                    "assign_seekers_left_short",
                    seekers=seekers,
                    providers=near,
                    count=seekers.size,
                    names=_names(problem, "s", seekers),
                )
            )
        if groups.size:
            members = np.flatnonzero(np.isin(prep.group, np.flatnonzero(g_short > 0)))
            problems.append(
                _infeasibility(
                    "assign_groups_left_short",
                    seekers=members,
                    groups=groups,
                    count=groups.size,
                    names=_names(problem, "g", groups),
                )
            )
    if not problems:  # pragma: no cover - the diagnosis always finds a shortfall
        problems.append(
            _infeasibility("assign_seekers_left_short", seekers=np.flatnonzero(lo > 0), count=0, names="")
        )
    raise AssignmentInfeasible(problems)


def _costs(prep: _Prepared, idx: np.ndarray, prev_mask: np.ndarray | None) -> tuple[np.ndarray, int]:
    """Integer costs (negated quantised scores, with the tie-break for `previous`)."""
    score = prep.score[idx]
    n_nodes = 2 + len(prep.quota_groups) + prep.problem.n_seekers + prep.problem.n_providers
    k = 1
    if prev_mask is not None:
        k = int(prev_mask.sum()) + int(min(prep.hi.sum(), len(idx))) + 1
    maxabs = float(np.abs(score).max()) if len(score) else 0.0
    scale = _SCALE
    limit = _COST_LIMIT // ((n_nodes + 1) * k * 4)
    while scale > 1 and maxabs * scale > limit:
        scale //= 10
    quant = np.rint(score * scale).astype(np.int64)
    cost = -quant * k
    if prev_mask is not None:
        cost += np.where(prev_mask[idx], -1, 1)
    return cost, scale


# ---------------------------------------------------------------------------
# Solve
# ---------------------------------------------------------------------------


def _previous_mask(problem: AssignmentProblem, previous, n_e: int) -> np.ndarray:
    prev = np.asarray(previous)
    mask = np.zeros(n_e, dtype=bool)
    if prev.dtype == bool:
        if prev.shape != (n_e,):
            raise AssignmentInputError("assign_input_shape", field="previous", got=prev.size, expected=n_e)
        return prev.copy()
    if prev.ndim == 2:  # (seeker, provider) pairs; pairs no longer candidates are dropped
        keys = _edge_keys(np.asarray(problem.seeker), np.asarray(problem.provider), problem.n_providers)
        order = np.argsort(keys, kind="stable")
        want = _edge_keys(prev[:, 0], prev[:, 1], problem.n_providers)
        pos = np.minimum(np.searchsorted(keys[order], want), max(n_e - 1, 0))
        hit = n_e > 0 and (keys[order][pos] == want)
        if n_e:
            mask[order[pos[hit]]] = True
        return mask
    prev = prev.astype(np.int64).ravel()
    bad = np.flatnonzero((prev < 0) | (prev >= n_e))
    if bad.size:
        raise AssignmentInputError(
            "assign_input_range", field="previous", index=int(bad[0]), value=int(prev[bad[0]]), allowed=f"0..{n_e - 1}"
        )
    mask[prev] = True
    return mask


def _previous_count(problem: AssignmentProblem, previous) -> int:
    prev = np.asarray(previous)
    if prev.dtype == bool:
        return int(prev.sum())
    if prev.ndim == 2:
        return int(len(np.unique(_edge_keys(prev[:, 0], prev[:, 1], problem.n_providers))))
    return int(len(np.unique(prev)))


def _result(
    prep: _Prepared,
    chosen_free: np.ndarray,
    *,
    bound: float | None,
    proven: bool,
    method: str,
    started: float,
    previous,
    prev_mask,
    floor_mode: bool,
    scale: int,
) -> AssignmentResult:
    problem = prep.problem
    edges = np.sort(np.concatenate([prep.locked_idx, chosen_free]).astype(np.int64))
    objective = float(prep.score[edges].sum()) if len(edges) else 0.0
    bound = objective if bound is None else max(float(bound), objective)
    gap = (bound - objective) / max(abs(bound), 1e-9)
    load_s = np.bincount(prep.seeker[edges], minlength=problem.n_seekers)
    load_p = np.bincount(prep.provider[edges], minlength=problem.n_providers)
    hi = np.asarray(problem.hi)
    hi = np.broadcast_to(hi, (problem.n_seekers,))
    cap = np.broadcast_to(np.asarray(problem.capacity), (problem.n_providers,))
    changed = None
    if previous is not None:
        kept = int(prev_mask[edges].sum())
        changed = (_previous_count(problem, previous) - kept) + (len(edges) - kept)
    floor = None
    if floor_mode:
        totals = np.bincount(prep.seeker[edges], weights=prep.score[edges], minlength=problem.n_seekers)
        floor = float(totals[prep.servable].min()) if prep.servable.any() else 0.0
    return AssignmentResult(
        edges=edges,
        objective=objective,
        bound=bound,
        gap=float(gap),
        proven_optimal=proven,
        unmatched_seekers=np.flatnonzero((load_s == 0) & (hi > 0)).tolist(),
        unfilled_providers=np.flatnonzero((load_p == 0) & (cap > 0)).tolist(),
        changed=changed,
        seconds=time.perf_counter() - started,
        method=method,
        floor=floor,
        score_quantum=1.0 / scale,
    )


def assignment_solve(
    problem: AssignmentProblem,
    *,
    fair: bool = False,
    previous: np.ndarray | None = None,
    time_limit: float | None = None,
) -> AssignmentResult:
    """Maximise the total score subject to the problem's constraints, proven.

    ``fair``: first maximise the lowest total score among seekers that can be
    served (``hi > 0`` and an allowed candidate), then the sum. ``previous``:
    the edges of an earlier result (edge indices, a boolean mask, or an array of
    (seeker, provider) rows); among optimal solutions the one changing the
    fewest pairs is returned and ``changed`` counts pairs added plus removed.
    ``time_limit`` (seconds) applies to the MIP of the fairness mode only.

    Raises AssignmentInfeasible (who and why) or AssignmentInputError.
    """
    started = time.perf_counter()
    prep = _prepare(problem)
    prev_mask = None if previous is None else _previous_mask(problem, previous, problem.n_edges)
    if fair:
        if int(np.asarray(problem.hi).max(initial=0)) <= 1:
            return _solve_fair_bottleneck(prep, started, previous, prev_mask)
        return _solve_fair_mip(prep, started, previous, prev_mask, time_limit)
    idx = prep.free_idx
    cost, scale = _costs(prep, idx, prev_mask)
    status, chosen, smcf, _ = _flow(prep, idx, cost, prep.lo)
    if status == smcf.INFEASIBLE:
        _raise_hall(prep, idx, prep.lo)
    if status != smcf.OPTIMAL:  # pragma: no cover - costs are scaled to fit
        raise RuntimeError(f"min-cost flow ended with status {status}")
    return _result(
        prep,
        idx[chosen],
        bound=None,
        proven=True,
        method="min_cost_flow",
        started=started,
        previous=previous,
        prev_mask=prev_mask,
        floor_mode=False,
        scale=scale,
    )


def _solve_fair_bottleneck(prep, started, previous, prev_mask) -> AssignmentResult:
    """Fairness when every seeker takes at most one provider: a seeker's total is
    the score of its one pair (or 0 unserved), so "floor ≥ t" means every servable
    seeker is served by an edge scoring ≥ t (or, for t ≤ 0, may stay unserved
    unless lo says otherwise). Feasibility is monotone in t: search the largest
    feasible t among the scores and 0, then maximise the sum at that floor."""
    idx_all = prep.free_idx
    scores = prep.score[idx_all]
    servable = prep.servable
    locked_seekers = prep.seeker[prep.locked_idx]
    # a seeker with a locked pair already has its one provider: its total is fixed
    locked_cap = float(prep.locked_total[locked_seekers].min()) if len(locked_seekers) else np.inf
    needs = servable & (prep.hi > 0)

    def setup(t):
        keep = (scores >= t) | ~needs[prep.seeker[idx_all]]
        idx = idx_all[keep]
        lo = prep.lo.copy()
        if t > 0:
            lo[needs] = 1
        return idx, lo

    def feasible(t) -> bool:
        idx, lo = setup(t)
        status, _, smcf, _ = _flow(prep, idx, np.zeros(len(idx), dtype=np.int64), lo)
        return status == smcf.OPTIMAL

    base = min(float(scores.min(initial=0.0)), 0.0)
    if not feasible(base):
        _raise_hall(prep, idx_all, prep.lo)
    cands = np.unique(np.concatenate([scores, [0.0]]))
    cands = cands[(cands > base) & (cands <= locked_cap)]
    cands = np.concatenate([[base], cands])  # cands[0] is feasible
    lo_i, hi_i = 0, len(cands) - 1
    while lo_i < hi_i:
        mid = (lo_i + hi_i + 1) // 2
        if feasible(cands[mid]):
            lo_i = mid
        else:
            hi_i = mid - 1
    t = cands[lo_i]
    idx, lo = setup(t)
    cost, scale = _costs(prep, idx, prev_mask)
    status, chosen, smcf, _ = _flow(prep, idx, cost, lo)
    return _result(
        prep,
        idx[chosen],
        bound=None,
        proven=True,
        method="fair+min_cost_flow",
        started=started,
        previous=previous,
        prev_mask=prev_mask,
        floor_mode=True,
        scale=scale,
    )


def _solve_fair_mip(prep, started, previous, prev_mask, time_limit) -> AssignmentResult:
    """Fairness with several providers per seeker: max t s.t. every servable
    seeker's total ≥ t, then max the sum at that t (then, with `previous`, the
    fewest changes at that sum), each stage a MIP for HiGHS."""
    from scipy import sparse
    from scipy.optimize import Bounds, LinearConstraint, milp

    problem = prep.problem
    idx = prep.free_idx
    n = len(idx)
    s, p, w = prep.seeker[idx], prep.provider[idx], prep.score[idx]
    n_s, n_p, nq = problem.n_seekers, problem.n_providers, len(prep.quota_groups)
    cols = np.arange(n)
    rows, blocks_lb, blocks_ub = [], [], []
    # seekers
    a_s = sparse.csr_matrix((np.ones(n), (s, cols)), shape=(n_s, n + 1))
    rows.append(a_s), blocks_lb.append(prep.lo), blocks_ub.append(prep.hi)
    a_p = sparse.csr_matrix((np.ones(n), (p, cols)), shape=(n_p, n + 1))
    rows.append(a_p), blocks_lb.append(np.zeros(n_p)), blocks_ub.append(prep.cap)
    if nq:
        qi = prep.group[s]
        m = qi >= 0
        a_g = sparse.csr_matrix((np.ones(int(m.sum())), (qi[m], cols[m])), shape=(nq, n + 1))
        rows.append(a_g), blocks_lb.append(prep.gmin), blocks_ub.append(prep.gmax)
    serv = np.flatnonzero(prep.servable)
    row_of = np.full(n_s, -1)
    row_of[serv] = np.arange(len(serv))
    m = row_of[s] >= 0
    a_f = sparse.csr_matrix(
        (
            np.concatenate([w[m], -np.ones(len(serv))]),
            (np.concatenate([row_of[s][m], np.arange(len(serv))]), np.concatenate([cols[m], np.full(len(serv), n)])),
        ),
        shape=(len(serv), n + 1),
    )
    rows.append(a_f), blocks_lb.append(-prep.locked_total[serv]), blocks_ub.append(np.full(len(serv), np.inf))
    a = sparse.vstack(rows, format="csr")
    lb = np.concatenate([np.asarray(b, dtype=float) for b in blocks_lb])
    ub = np.concatenate([np.asarray(b, dtype=float) for b in blocks_ub])
    integrality = np.ones(n + 1)
    integrality[n] = 0
    deadline = None if time_limit is None else started + time_limit

    def run(c, bounds, extra=()):
        opts = {"mip_rel_gap": 1e-9}
        if deadline is not None:
            opts["time_limit"] = max(deadline - time.perf_counter(), 0.01)
        cons = [LinearConstraint(a, lb, ub), *extra]
        return milp(c, integrality=integrality, bounds=bounds, constraints=cons, options=opts)

    hi_t = float(np.abs(w).sum() + np.abs(prep.locked_total).sum() + 1.0)
    c1 = np.zeros(n + 1)
    c1[n] = -1.0
    r1 = run(c1, Bounds(np.r_[np.zeros(n), -hi_t], np.r_[np.ones(n), hi_t]))
    if r1.x is None:
        if r1.status == 2:  # infeasible: diagnose with the flow
            _raise_hall(prep, idx, prep.lo)
        raise TimeoutError("the fairness MIP found no solution within the time limit")
    proven = r1.status == 0
    t = float(r1.x[n])
    tol = 1e-7 * max(1.0, abs(t))
    c2 = np.r_[-w, 0.0]
    b2 = Bounds(np.r_[np.zeros(n), t - tol], np.r_[np.ones(n), hi_t])
    r2 = run(c2, b2)
    x = r1.x if r2.x is None else r2.x
    proven = proven and r2.status == 0
    bound = -float(r2.mip_dual_bound) if r2.x is not None and r2.mip_dual_bound is not None else None
    bound = None if bound is None else bound + float(prep.locked_total.sum())
    if prev_mask is not None and r2.x is not None:
        best = float(w @ r2.x[:n])
        c3 = np.r_[np.where(prev_mask[idx], -1.0, 1.0), 0.0]
        keep = LinearConstraint(np.r_[w, 0.0][None, :], best - 1e-7 * max(1.0, abs(best)), np.inf)
        r3 = run(c3, b2, (keep,))
        if r3.x is not None:
            x = r3.x
    chosen = np.rint(x[:n]) > 0.5
    out = _result(
        prep,
        idx[chosen],
        bound=bound,
        proven=proven,
        method="fair+mip",
        started=started,
        previous=previous,
        prev_mask=prev_mask,
        floor_mode=True,
        scale=_SCALE,
    )
    if proven:  # optimal within HiGHS's tolerance: bound equals objective up to it
        out = replace(out, bound=max(out.objective, min(out.bound, out.objective + 1e-6 * max(1.0, abs(out.objective)))))
        out = replace(out, gap=(out.bound - out.objective) / max(abs(out.bound), 1e-9))
    return out


# ---------------------------------------------------------------------------
# Checker
# ---------------------------------------------------------------------------


def _violation(code: str, at: tuple = (None, None), **params) -> Violation:
    seeker, provider = at
    return Violation(
        code=code,
        message=render(code, "en", **params),
        seeker=None if seeker is None else int(seeker),
        provider=None if provider is None else int(provider),
        params=params,
    )


def assignment_check(problem: AssignmentProblem, result: AssignmentResult, *, tolerance: float = 1e-6) -> None:
    """Validate ``result`` against every constraint of ``problem``.

    Raises AssignmentViolations naming each broken constraint: edges that are
    not candidates or repeated, forbidden pairs used, locked pairs missing,
    seekers outside [lo, hi], providers over capacity, groups outside their
    quota, an objective that is not the sum of the pairs' scores, a bound below
    the objective.
    """
    n_e, n_s, n_p = problem.n_edges, problem.n_seekers, problem.n_providers
    seeker = np.asarray(problem.seeker, dtype=np.int64)
    provider = np.asarray(problem.provider, dtype=np.int64)
    score = np.asarray(problem.score, dtype=np.float64)
    out: list[Violation] = []
    edges = np.asarray(result.edges, dtype=np.int64).ravel()
    bad = (edges < 0) | (edges >= n_e)
    for e in edges[bad][:_NAME_LIMIT]:
        out.append(_violation("assign_check_edge_range", edge=int(e)))
    edges = edges[~bad]
    uniq, counts = np.unique(edges, return_counts=True)
    for e in uniq[counts > 1]:
        i, j = int(seeker[e]), int(provider[e])
        out.append(
            _violation(
                "assign_check_edge_repeated",
                (i, j),
                seeker=problem.seeker_name(i),
                provider=problem.provider_name(j),
            )
        )
    chosen = np.zeros(n_e, dtype=bool)
    chosen[edges] = True
    if problem.forbidden is not None:
        for e in np.flatnonzero(chosen & np.asarray(problem.forbidden, dtype=bool)):
            i, j = int(seeker[e]), int(provider[e])
            out.append(
                _violation(
                    "assign_check_forbidden",
                    (i, j),
                    seeker=problem.seeker_name(i),
                    provider=problem.provider_name(j),
                )
            )
    if problem.locked is not None:
        for e in np.flatnonzero(~chosen & np.asarray(problem.locked, dtype=bool)):
            i, j = int(seeker[e]), int(provider[e])
            out.append(
                _violation(
                    "assign_check_locked",
                    (i, j),
                    seeker=problem.seeker_name(i),
                    provider=problem.provider_name(j),
                )
            )
    load_s = np.bincount(seeker[edges], minlength=n_s)
    load_p = np.bincount(provider[edges], minlength=n_p)
    lo = np.broadcast_to(np.asarray(problem.lo, dtype=np.int64), (n_s,))
    hi = np.broadcast_to(np.asarray(problem.hi, dtype=np.int64), (n_s,))
    cap = np.broadcast_to(np.asarray(problem.capacity, dtype=np.int64), (n_p,))
    for i in np.flatnonzero(load_s < lo):
        out.append(
            _violation(
                "assign_check_below_minimum", (i, None), seeker=problem.seeker_name(int(i)), load=int(load_s[i]), low=int(lo[i])
            )
        )
    for i in np.flatnonzero(load_s > hi):
        out.append(
            _violation(
                "assign_check_above_maximum", (i, None), seeker=problem.seeker_name(int(i)), load=int(load_s[i]), high=int(hi[i])
            )
        )
    for j in np.flatnonzero(load_p > cap):
        out.append(
            _violation(
                "assign_check_over_capacity",
                (None, j),
                provider=problem.provider_name(int(j)),
                load=int(load_p[j]),
                capacity=int(cap[j]),
            )
        )
    if problem.group_quota and problem.seeker_group is not None:
        group = np.asarray(problem.seeker_group, dtype=np.int64)
        for g, (low, high) in sorted(problem.group_quota.items()):
            load = int(load_s[group == g].sum())
            if low is not None and load < low:
                out.append(_violation("assign_check_group_below", group=problem.group_name(g), load=load, low=int(low)))
            if high is not None and load > high:
                out.append(_violation("assign_check_group_above", group=problem.group_name(g), load=load, high=int(high)))
    actual = float(score[uniq].sum())
    tol = tolerance * max(1.0, abs(actual))
    if abs(actual - result.objective) > tol:
        out.append(_violation("assign_check_objective", reported=f"{result.objective:.9g}", actual=f"{actual:.9g}"))
    if result.bound < result.objective - tol:
        out.append(_violation("assign_check_bound", bound=f"{result.bound:.9g}", objective=f"{result.objective:.9g}"))
    if out:
        raise AssignmentViolations(out)


# ---------------------------------------------------------------------------
# Withdrawals and candidate pruning
# ---------------------------------------------------------------------------


def assignment_withdraw(
    problem: AssignmentProblem, *, seekers: Sequence[int] = (), providers: Sequence[int] = ()
) -> AssignmentProblem:
    """The same problem (same edge indices) with participants withdrawn: their
    pairs become forbidden and unlocked, a withdrawn seeker needs and takes no
    provider, a withdrawn provider takes no seeker. Re-solve with
    ``previous=old_result.edges`` to keep every pair that can stay."""
    seekers = np.asarray(seekers, dtype=np.int64)
    providers = np.asarray(providers, dtype=np.int64)
    n_e = problem.n_edges
    gone = np.isin(problem.seeker, seekers) | np.isin(problem.provider, providers)
    forbidden = _as_mask(problem.forbidden, n_e, "forbidden") | gone
    locked = _as_mask(problem.locked, n_e, "locked") & ~gone
    lo = np.broadcast_to(np.asarray(problem.lo), (problem.n_seekers,)).copy()
    hi = np.broadcast_to(np.asarray(problem.hi), (problem.n_seekers,)).copy()
    cap = np.broadcast_to(np.asarray(problem.capacity), (problem.n_providers,)).copy()
    lo[seekers] = 0
    hi[seekers] = 0
    cap[providers] = 0
    return replace(problem, lo=lo, hi=hi, capacity=cap, forbidden=forbidden, locked=locked)


def assignment_subproblem(problem: AssignmentProblem, keep: np.ndarray) -> tuple[AssignmentProblem, np.ndarray]:
    """The problem restricted to the edges where ``keep`` is true (a boolean mask
    or edge indices); returns it with the original index of each kept edge."""
    keep = np.asarray(keep)
    index = np.flatnonzero(keep) if keep.dtype == bool else np.sort(keep.astype(np.int64))
    sub = replace(
        problem,
        seeker=np.asarray(problem.seeker)[index],
        provider=np.asarray(problem.provider)[index],
        score=np.asarray(problem.score)[index],
        locked=None if problem.locked is None else np.asarray(problem.locked)[index],
        forbidden=None if problem.forbidden is None else np.asarray(problem.forbidden)[index],
    )
    return sub, index


def candidates_pruning_gap(problem: AssignmentProblem, keep: np.ndarray) -> PruningGap:
    """How much objective pruning the candidates to ``keep`` loses against the
    dense optimum of ``problem`` (both solved to optimality)."""
    dense = assignment_solve(problem)
    sub, _ = assignment_subproblem(problem, keep)
    pruned = assignment_solve(sub)
    gap = (dense.objective - pruned.objective) / max(abs(dense.objective), 1e-9)
    return PruningGap(dense.objective, pruned.objective, gap, dense, pruned)
