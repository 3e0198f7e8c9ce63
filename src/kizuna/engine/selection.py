"""Selecting N applicants from review scores, with quotas per category, and a reason for each.

    result = select(applicants, reviews, n=30, quotas=[Quota("country", "TH", min=10)])
    result.selected                     # ids, best rank first
    result.decisions[0].explain("th")   # why, in Thai / Japanese / English

Score. A review gives scores per category (e.g. {"novelty": 4, "fit": 5}); its score is
the mean of its categories, weighted by `category_weights` when given. An applicant's
score is the mean of their reviews' scores. Applicants without reviews are not ranked
and not selected.

Merit rank (deterministic tie-breaks): higher score first; on equal scores (compared to
six decimals) the applicant with more reviews first; then the smaller applicant id
(string order). Rank 1 is the best.

Choice. Exactly N applicants (an impossible request is reported as SelectionInfeasible
naming the quotas that cannot be met), every quota's min <= count <= max within its
dimension value (several dimensions at once: sector, country, region ...), maximising
the total score. Among selections with the same total, the one that includes the better
ranked applicant at the first rank where two selections differ wins. This is solved
exactly: one 0/1 programme (HiGHS) for the best total, then, in rank order, a
feasibility check for each better-ranked applicant the current choice leaves out.
Applicants that cannot be in the best selection (more than N, or more than their
kind's maximum, better-ranked applicants of the same kind for every quota dimension)
are left out of the programme first.
Without quotas it is simply the top N by rank.

Reasons. Selected within the top N by rank: on merit. Selected below rank N: to meet a
minimum quota (the tight one is named) or because better-ranked applicants were held back
by a maximum. Not selected while a worse-ranked applicant was: the maximum quota that is
full (named), or the minimum quota that took the place. Otherwise: below the cut-off (the
last selected score is given) or tied with it (the tie-break is stated).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kizuna.engine import messages

_SCALE = 10**6  # scores are compared to six decimals

messages.register(
    {
        "selection.merit": {
            "en": "Selected: rank %(rank)s of %(ranked)s with score %(score)s.",
            "th": "ได้รับคัดเลือก: อันดับ %(rank)s จาก %(ranked)s คะแนน %(score)s",
            "ja": "選考通過：%(ranked)s名中%(rank)s位、スコア%(score)s。",
        },
        "selection.min_quota": {
            "en": "Selected at rank %(rank)s (score %(score)s) to meet the minimum of %(min)s for %(dimension)s %(value)s.",
            "th": "ได้รับคัดเลือกที่อันดับ %(rank)s (คะแนน %(score)s) เพื่อให้ครบจำนวนขั้นต่ำ %(min)s ของ %(dimension)s %(value)s",
            "ja": "%(rank)s位（スコア%(score)s）で選考通過：%(dimension)s %(value)sの最低人数%(min)s名を満たすためです。",
        },
        "selection.after_max": {
            "en": "Selected at rank %(rank)s (score %(score)s) because better-ranked applicants were held back by a maximum quota.",
            "th": "ได้รับคัดเลือกที่อันดับ %(rank)s (คะแนน %(score)s) เนื่องจากผู้สมัครที่อันดับดีกว่าถูกจำกัดด้วยโควตาสูงสุด",
            "ja": "%(rank)s位（スコア%(score)s）で選考通過：上位の応募者が上限枠により選ばれなかったためです。",
        },
        "selection.max_quota": {
            "en": "Not selected although ranked %(rank)s (score %(score)s): the maximum of %(max)s for %(dimension)s %(value)s is reached.",
            "th": "ไม่ได้รับคัดเลือกแม้อยู่อันดับ %(rank)s (คะแนน %(score)s) เพราะ %(dimension)s %(value)s ครบจำนวนสูงสุด %(max)s แล้ว",
            "ja": "%(rank)s位（スコア%(score)s）ですが選考外：%(dimension)s %(value)sの上限%(max)s名に達しています。",
        },
        "selection.displaced": {
            "en": "Not selected although ranked %(rank)s (score %(score)s): the place went to meet the minimum of %(min)s for %(dimension)s %(value)s.",
            "th": "ไม่ได้รับคัดเลือกแม้อยู่อันดับ %(rank)s (คะแนน %(score)s) เพราะที่นั่งต้องใช้เพื่อให้ครบจำนวนขั้นต่ำ %(min)s ของ %(dimension)s %(value)s",
            "ja": "%(rank)s位（スコア%(score)s）ですが選考外：%(dimension)s %(value)sの最低人数%(min)s名を満たすために枠が使われました。",
        },
        "selection.below_cutoff": {
            "en": "Not selected: rank %(rank)s of %(ranked)s with score %(score)s; the last selected applicant scored %(cutoff)s.",
            "th": "ไม่ได้รับคัดเลือก: อันดับ %(rank)s จาก %(ranked)s คะแนน %(score)s โดยผู้ได้รับคัดเลือกคนสุดท้ายได้คะแนน %(cutoff)s",
            "ja": "選考外：%(ranked)s名中%(rank)s位、スコア%(score)s。最後に選ばれた応募者のスコアは%(cutoff)sです。",
        },
        "selection.tie": {
            "en": "Not selected: rank %(rank)s with score %(score)s, equal to the last selected applicant; ties go to more reviews, then to the smaller id.",
            "th": "ไม่ได้รับคัดเลือก: อันดับ %(rank)s คะแนน %(score)s เท่ากับผู้ได้รับคัดเลือกคนสุดท้าย กรณีคะแนนเท่ากันจะพิจารณาจำนวนผู้ประเมินที่มากกว่า แล้วจึงพิจารณารหัสที่น้อยกว่า",
            "ja": "選考外：%(rank)s位、スコア%(score)sで最後に選ばれた応募者と同点です。同点の場合は審査数の多い方、次にIDの小さい方を優先します。",
        },
        "selection.not_reviewed": {
            "en": "Not selected: the application has no review scores.",
            "th": "ไม่ได้รับคัดเลือก: ใบสมัครยังไม่มีคะแนนประเมิน",
            "ja": "選考外：この応募には審査スコアがありません。",
        },
        # input and infeasibility
        "selection.input.duplicate_applicant": {
            "en": "Applicant id %(applicant)s appears more than once.",
            "th": "รหัสผู้สมัคร %(applicant)s ซ้ำกันมากกว่าหนึ่งครั้ง",
            "ja": "応募者ID %(applicant)sが複数回出現しています。",
        },
        "selection.input.unknown_applicant": {
            "en": "A review by %(reviewer)s is for %(applicant)s, who is not an applicant.",
            "th": "การประเมินโดย %(reviewer)s เป็นของ %(applicant)s ซึ่งไม่ใช่ผู้สมัคร",
            "ja": "%(reviewer)sの審査の対象%(applicant)sは応募者ではありません。",
        },
        "selection.input.duplicate_review": {
            "en": "%(reviewer)s reviewed %(applicant)s more than once.",
            "th": "%(reviewer)s ประเมิน %(applicant)s มากกว่าหนึ่งครั้ง",
            "ja": "%(reviewer)sが%(applicant)sを複数回審査しています。",
        },
        "selection.input.unknown_category": {
            "en": "A review of %(applicant)s by %(reviewer)s scores category %(category)s, which has no weight.",
            "th": "การประเมิน %(applicant)s โดย %(reviewer)s ให้คะแนนหมวด %(category)s ซึ่งไม่มีน้ำหนัก",
            "ja": "%(reviewer)sによる%(applicant)sの審査に重みのないカテゴリー%(category)sのスコアがあります。",
        },
        "selection.input.empty_review": {
            "en": "The review of %(applicant)s by %(reviewer)s has no scores.",
            "th": "การประเมิน %(applicant)s โดย %(reviewer)s ไม่มีคะแนน",
            "ja": "%(reviewer)sによる%(applicant)sの審査にスコアがありません。",
        },
        "selection.input.bad_weight": {
            "en": "Category %(category)s has weight %(weight)s; weights must be 0 or more and not all 0.",
            "th": "หมวด %(category)s มีน้ำหนัก %(weight)s น้ำหนักต้องเป็น 0 ขึ้นไปและไม่เป็น 0 ทั้งหมด",
            "ja": "カテゴリー%(category)sの重みは%(weight)sです。重みは0以上で、すべてが0であってはなりません。",
        },
        "selection.input.bad_n": {
            "en": "The number to select must be 1 or more; got %(n)s.",
            "th": "จำนวนที่จะคัดเลือกต้องเป็น 1 ขึ้นไป แต่ได้ %(n)s",
            "ja": "選考人数は1以上でなければなりませんが、%(n)sが指定されました。",
        },
        "selection.input.bad_quota": {
            "en": "The quota for %(dimension)s %(value)s has minimum %(min)s and maximum %(max)s.",
            "th": "โควตาของ %(dimension)s %(value)s มีขั้นต่ำ %(min)s และสูงสุด %(max)s",
            "ja": "%(dimension)s %(value)sの枠は最低%(min)s、上限%(max)sです。",
        },
        "selection.infeasible.too_few": {
            "en": "Only %(count)s applicants have review scores, so %(n)s cannot be selected.",
            "th": "มีผู้สมัครที่มีคะแนนประเมินเพียง %(count)s ราย จึงคัดเลือก %(n)s รายไม่ได้",
            "ja": "審査スコアのある応募者は%(count)s名だけなので、%(n)s名を選ぶことはできません。",
        },
        "selection.infeasible.min_count": {
            "en": "The minimum of %(min)s for %(dimension)s %(value)s cannot be met: only %(count)s ranked applicants have it.",
            "th": "ไม่สามารถให้ครบขั้นต่ำ %(min)s ของ %(dimension)s %(value)s ได้ เพราะมีผู้สมัครที่จัดอันดับแล้วเพียง %(count)s ราย",
            "ja": "%(dimension)s %(value)sの最低人数%(min)s名は満たせません。該当する順位付き応募者は%(count)s名だけです。",
        },
        "selection.infeasible.min_sum": {
            "en": "The minimums for %(dimension)s add up to %(sum)s, more than the %(n)s to select.",
            "th": "ขั้นต่ำของ %(dimension)s รวมกันได้ %(sum)s ซึ่งมากกว่าจำนวนที่จะคัดเลือก %(n)s",
            "ja": "%(dimension)sの最低人数の合計%(sum)s名が選考人数%(n)s名を超えています。",
        },
        "selection.infeasible.max_sum": {
            "en": "The maximums for %(dimension)s allow at most %(cap)s selected, fewer than the %(n)s to select.",
            "th": "สูงสุดของ %(dimension)s อนุญาตให้คัดเลือกได้ไม่เกิน %(cap)s ราย ซึ่งน้อยกว่า %(n)s",
            "ja": "%(dimension)sの上限では最大%(cap)s名しか選べず、選考人数%(n)s名に足りません。",
        },
        "selection.infeasible.together": {
            "en": "The quotas cannot all be met together with %(n)s selected applicants (each is possible alone, not in combination).",
            "th": "ไม่สามารถให้เป็นไปตามโควตาทั้งหมดพร้อมกันได้เมื่อคัดเลือก %(n)s ราย (แต่ละโควตาทำได้เมื่อพิจารณาแยกกัน แต่ไม่ได้เมื่อรวมกัน)",
            "ja": "%(n)s名を選ぶ場合、すべての枠を同時に満たすことはできません（個別には可能ですが、組み合わせると不可能です）。",
        },
    }
)


class SelectionError(Exception):
    """Base class; `problems` lists each problem, renderable in th/ja/en."""

    def __init__(self, problems: Sequence[Reason]):
        self.problems = list(problems)
        super().__init__("; ".join(p.render("en") for p in self.problems))

    def render(self, lang: str = "en") -> list[str]:
        return [p.render(lang) for p in self.problems]


class SelectionInputError(SelectionError):
    """The applicants, reviews, weights or quotas are malformed."""


class SelectionInfeasible(SelectionError):
    """No selection of N applicants meets every quota."""


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict = field(default_factory=dict)

    def render(self, lang: str = "en") -> str:
        return messages.render(self.code, lang, **self.params)


@dataclass(frozen=True)
class Applicant:
    id: str
    name: str = ""
    categories: Mapping[str, str] = field(default_factory=dict)  # dimension -> value


@dataclass(frozen=True)
class Review:
    applicant: str
    reviewer: str
    scores: Mapping[str, float]  # category -> score


@dataclass(frozen=True)
class Quota:
    dimension: str
    value: str
    min: int = 0
    max: int | None = None


@dataclass(frozen=True)
class Decision:
    applicant: str
    selected: bool
    rank: int | None  # merit rank, 1 = best; None when not reviewed
    score: float | None
    reviews: int
    reason: Reason

    def explain(self, lang: str = "en") -> str:
        return self.reason.render(lang)


@dataclass
class Selection:
    selected: list[str]
    decisions: list[Decision]  # ranked applicants in rank order, then unreviewed by id
    total_score: float

    def decision(self, applicant: str) -> Decision:
        for d in self.decisions:
            if d.applicant == applicant:
                return d
        raise KeyError(applicant)


def aggregate_scores(
    applicants: Iterable[Applicant],
    reviews: Iterable[Review],
    category_weights: Mapping[str, float] | None = None,
) -> dict[str, tuple[float, int]]:
    """Applicant id -> (score, number of reviews) for every reviewed applicant."""
    ids = [a.id for a in applicants]
    problems = []
    counts = Counter(ids)
    for a, k in sorted(counts.items()):
        if k > 1:
            problems.append(Reason("selection.input.duplicate_applicant", {"applicant": a}))
    if category_weights is not None:
        ws = dict(category_weights)
        if any(not (w >= 0) for w in ws.values()) or not any(w > 0 for w in ws.values()):
            for cat, w in sorted(ws.items()):
                if not (w >= 0) or not any(x > 0 for x in ws.values()):
                    problems.append(
                        Reason("selection.input.bad_weight", {"category": cat, "weight": w})
                    )
                    break
    known = set(ids)
    seen: set[tuple[str, str]] = set()
    per: dict[str, list[float]] = defaultdict(list)
    for r in reviews:
        base = {"applicant": r.applicant, "reviewer": r.reviewer}
        if r.applicant not in known:
            problems.append(Reason("selection.input.unknown_applicant", base))
            continue
        if (r.applicant, r.reviewer) in seen:
            problems.append(Reason("selection.input.duplicate_review", base))
            continue
        seen.add((r.applicant, r.reviewer))
        if not r.scores:
            problems.append(Reason("selection.input.empty_review", base))
            continue
        if category_weights is None:
            per[r.applicant].append(sum(r.scores.values()) / len(r.scores))
            continue
        bad = [c for c in r.scores if c not in category_weights]
        if bad:
            problems.append(
                Reason("selection.input.unknown_category", {**base, "category": bad[0]})
            )
            continue
        wsum = sum(category_weights[c] for c in r.scores)
        if wsum <= 0:
            problems.append(Reason("selection.input.empty_review", base))
            continue
        per[r.applicant].append(sum(category_weights[c] * s for c, s in r.scores.items()) / wsum)
    if problems:
        raise SelectionInputError(problems)
    return {a: (sum(v) / len(v), len(v)) for a, v in per.items()}


def rank_order(scores: Mapping[str, tuple[float, int]]) -> list[str]:
    """Ids by merit: higher score (six decimals), more reviews, smaller id."""
    return sorted(scores, key=lambda a: (-round(scores[a][0] * _SCALE), -scores[a][1], a))


def select(
    applicants: Sequence[Applicant],
    reviews: Iterable[Review],
    *,
    n: int,
    quotas: Sequence[Quota] = (),
    category_weights: Mapping[str, float] | None = None,
) -> Selection:
    """Choose `n` applicants (see the module docstring for the rules); raise
    SelectionInputError or SelectionInfeasible with every problem named."""
    applicants = list(applicants)
    if n < 1:
        raise SelectionInputError([Reason("selection.input.bad_n", {"n": n})])
    bad = [
        Reason(
            "selection.input.bad_quota",
            {"dimension": q.dimension, "value": q.value, "min": q.min, "max": q.max},
        )
        for q in quotas
        if q.min < 0 or (q.max is not None and (q.max < q.min or q.max < 0))
    ]
    if bad:
        raise SelectionInputError(bad)
    scores = aggregate_scores(applicants, reviews, category_weights)
    order = rank_order(scores)
    rank = {a: i + 1 for i, a in enumerate(order)}
    by_id = {a.id: a for a in applicants}
    members = [
        [i for i, a in enumerate(order) if by_id[a].categories.get(q.dimension) == q.value]
        for q in quotas
    ]
    _check_feasible(order, by_id, quotas, members, n)
    keep = _candidates(order, by_id, quotas, n)
    position = {i: k for k, i in enumerate(keep)}
    sub_members = [[position[i] for i in mem if i in position] for mem in members]
    chosen = _solve([order[i] for i in keep], scores, quotas, sub_members, n)
    chosen_set = {keep[k] for k in chosen}
    decisions = _explain(order, scores, rank, quotas, members, chosen_set, by_id, n)
    for a in sorted(a.id for a in applicants if a.id not in scores):
        decisions.append(Decision(a, False, None, None, 0, Reason("selection.not_reviewed")))
    selected = [order[i] for i in sorted(chosen_set)]
    return Selection(selected, decisions, sum(scores[a][0] for a in selected))


def _candidates(order, by_id, quotas, n) -> list[int]:
    """Indices (into `order`) that can be in the best selection.

    Applicants with the same values in every quota dimension are interchangeable for the
    quotas, so at most `cap` of them are selected (cap = n, or the smallest maximum among
    their values) and those are the best-ranked `cap` of them: swapping in a better-ranked
    one of the same kind never lowers the total and wins the tie-break. The rest are out.
    """
    dims = sorted({q.dimension for q in quotas})
    caps: dict[tuple[str, str], int] = {}
    for q in quotas:
        if q.max is not None:
            key = (q.dimension, q.value)
            caps[key] = min(caps.get(key, q.max), q.max)
    seen: dict[tuple, int] = {}
    keep = []
    for i, a in enumerate(order):
        kind = tuple(by_id[a].categories.get(d) for d in dims)
        cap = min([n] + [caps[(d, v)] for d, v in zip(dims, kind, strict=True) if (d, v) in caps])
        k = seen.get(kind, 0)
        if k < cap:
            keep.append(i)
        seen[kind] = k + 1
    return keep


def _check_feasible(order, by_id, quotas, members, n) -> None:
    problems = []
    if n > len(order):
        problems.append(Reason("selection.infeasible.too_few", {"count": len(order), "n": n}))
    for q, mem in zip(quotas, members, strict=False):
        if q.min > len(mem):
            problems.append(
                Reason(
                    "selection.infeasible.min_count",
                    {"min": q.min, "dimension": q.dimension, "value": q.value, "count": len(mem)},
                )
            )
    dims = sorted({q.dimension for q in quotas})
    for d in dims:
        qs = [(q, mem) for q, mem in zip(quotas, members, strict=False) if q.dimension == d]
        total_min = sum(q.min for q, _ in qs)
        if total_min > n:
            problems.append(
                Reason("selection.infeasible.min_sum", {"dimension": d, "sum": total_min, "n": n})
            )
        limited: dict[str, int] = {}
        for q, mem in qs:
            if q.max is not None:
                limited[q.value] = min(limited.get(q.value, len(mem)), q.max, len(mem))
        cap = sum(limited.values()) + sum(
            1 for a in order if by_id[a].categories.get(d) not in limited
        )
        if cap < n and n <= len(order):
            problems.append(
                Reason("selection.infeasible.max_sum", {"dimension": d, "cap": cap, "n": n})
            )
    if problems:
        raise SelectionInfeasible(problems)


def _solve(order, scores, quotas, members, n) -> list[int]:
    """Indices (into `order`) of the selection: best total, then lexicographically best ranks."""
    if n <= 0:
        return []
    if len(order) < n:  # the quotas leave fewer eligible applicants than places
        raise SelectionInfeasible([Reason("selection.infeasible.together", {"n": n})])
    if not quotas:
        return list(range(n))
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_matrix

    m = len(order)
    s = np.array([round(scores[a][0] * _SCALE) for a in order], dtype=float)
    rows, cols, lo, hi = [], [], [], []
    r = 0
    rows += [r] * m
    cols += list(range(m))
    lo.append(n)
    hi.append(n)
    r += 1
    for q, mem in zip(quotas, members, strict=False):
        rows += [r] * len(mem)
        cols += mem
        lo.append(q.min)
        hi.append(np.inf if q.max is None else q.max)
        r += 1
    A = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(r, m))
    opts = {"mip_rel_gap": 0.0, "presolve": True}

    def run(lb, ub, floor=None):
        cons = [LinearConstraint(A, lo, hi)]
        if floor is not None:
            cons.append(LinearConstraint(s[None, :], floor - 0.5, np.inf))
        res = milp(
            -s, constraints=cons, integrality=np.ones(m), bounds=Bounds(lb, ub), options=opts
        )
        return None if res.x is None or res.status != 0 else np.round(res.x).astype(int)

    lb, ub = np.zeros(m), np.ones(m)
    x = run(lb, ub)
    if x is None:
        raise SelectionInfeasible([Reason("selection.infeasible.together", {"n": n})])
    best = float(s @ x)
    # lexicographic tie-break by rank among selections with the best total: in rank order,
    # keep each applicant in if some best-total selection with the earlier decisions has them
    member_of: list[list[int]] = [[] for _ in range(m)]
    for qi, mem in enumerate(members):
        for i in mem:
            member_of[i].append(qi)
    fixed_in = [0] * len(quotas)
    fixed_one = 0
    for i in range(m):
        if fixed_one == n:
            ub[i:] = 0
            break
        if x[i] != 1:
            full = any(
                quotas[qi].max is not None and fixed_in[qi] >= quotas[qi].max for qi in member_of[i]
            )
            # a selected, not yet fixed applicant with the same quotas and the same score
            # can simply make way (same total, same quota counts)
            twin = next(
                (
                    j
                    for j in range(m - 1, i, -1)
                    if x[j] == 1 and s[j] == s[i] and member_of[j] == member_of[i]
                ),
                None,
            )
            if twin is not None and not full:
                x = x.copy()
                x[twin], x[i] = 0, 1
            lb[i] = 1
            y = x if twin is not None and not full else None if full else run(lb, ub, floor=best)
            if y is None:
                lb[i] = 0
                ub[i] = 0
                continue
            x = y
        lb[i] = 1
        fixed_one += 1
        for qi in member_of[i]:
            fixed_in[qi] += 1
    return [i for i in range(m) if x[i] == 1]


def _explain(order, scores, rank, quotas, members, chosen, by_id, n) -> list[Decision]:
    count = [sum(1 for i in mem if i in chosen) for mem in members]
    member_of: dict[int, list[int]] = defaultdict(list)
    for qi, mem in enumerate(members):
        for i in mem:
            member_of[i].append(qi)
    ranked = len(order)
    worst_chosen = max(chosen) if chosen else -1
    cutoff = scores[order[worst_chosen]][0] if chosen else 0.0
    tight_min_beyond = [
        qi
        for qi, q in enumerate(quotas)
        if q.min > 0 and count[qi] == q.min and any(i in chosen and i >= n for i in members[qi])
    ]
    out = []
    for i, a in enumerate(order):
        score, k = scores[a]
        base = {"rank": i + 1, "ranked": ranked, "score": _fmt(score)}
        if i in chosen:
            if i < n:
                reason = Reason("selection.merit", base)
            else:
                tight = [
                    qi for qi in member_of[i] if quotas[qi].min > 0 and count[qi] == quotas[qi].min
                ]
                if tight:
                    q = quotas[tight[0]]
                    reason = Reason(
                        "selection.min_quota",
                        {**base, "min": q.min, "dimension": q.dimension, "value": q.value},
                    )
                else:
                    reason = Reason("selection.after_max", base)
        else:
            passed_over = i < worst_chosen
            tight_max = [
                qi
                for qi in member_of[i]
                if quotas[qi].max is not None and count[qi] >= quotas[qi].max
            ]
            if passed_over and tight_max:
                q = quotas[tight_max[0]]
                reason = Reason(
                    "selection.max_quota",
                    {**base, "max": q.max, "dimension": q.dimension, "value": q.value},
                )
            elif passed_over and tight_min_beyond:
                q = quotas[tight_min_beyond[0]]
                reason = Reason(
                    "selection.displaced",
                    {**base, "min": q.min, "dimension": q.dimension, "value": q.value},
                )
            elif round(score * _SCALE) == round(cutoff * _SCALE):
                reason = Reason("selection.tie", base)
            else:
                reason = Reason("selection.below_cutoff", {**base, "cutoff": _fmt(cutoff)})
        out.append(Decision(a, i in chosen, i + 1, score, k, reason))
    return out


def _fmt(x: float) -> str:
    return f"{x:.2f}"
