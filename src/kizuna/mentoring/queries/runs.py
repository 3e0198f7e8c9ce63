"""Reading matching runs: one run, its proposed pairs (filtered, a page at a
time, with decisions and what changed), the participants left unmatched, and the
comparison of two runs (constant query counts)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from kizuna.common.i18n import current_language
from kizuna.mentoring.models import MatchingRun, PairDecision, Proposal
from kizuna.mentoring.queries.rounds import finished_runs, reasons_in
from kizuna.mentoring.strength import Strength, pair_strength, weights_scale
from kizuna.organisations.models import Organisation


def run_get(pk: int) -> MatchingRun:
    """One run with its round, programme and previous run (MatchingRun.DoesNotExist if none)."""
    return MatchingRun.objects.select_related("round__programme", "previous").get(pk=pk)


def run_proposal(run: MatchingRun, pk) -> Proposal:
    """The proposal `pk` of `run`, with both companies (Proposal.DoesNotExist if none)."""
    return run.proposals.select_related("mentor", "mentee").get(pk=pk)


def runs_to_compare_with(run: MatchingRun) -> QuerySet[MatchingRun]:
    """The other finished runs of the run's round, newest first."""
    return finished_runs(run.round).exclude(pk=run.pk)


def run_proposals(run: MatchingRun) -> QuerySet[Proposal]:
    """Every proposal of `run` with both companies, by SME name and highest score."""
    return run.proposals.select_related("mentor", "mentee").order_by("mentee__name", "-score")


@dataclass
class ProposalRow:
    proposal: Proposal
    reasons: list[str]
    decision: str  # "", "lock" or "forbid"
    new: bool  # not in the previous run
    strength: Strength  # what the companies will see instead of the score


PAIR_SORTS = {
    "score": ("-score", "mentee__name", "mentor__name", "pk"),
    "sme": ("mentee__name", "-score", "mentor__name", "pk"),
    "mentor": ("mentor__name", "-score", "mentee__name", "pk"),
}
NAME_FIELDS = ("name", "name_th", "name_ja", "name_en")


def run_pairs(run: MatchingRun, *, group: str = "", query: str = "", sort: str = "score") -> QuerySet[Proposal]:
    """The run's pairs whose SME is in industry group `group` (a code) and where
    every word of `query` is in a name (own, Thai, Japanese or English) of the SME
    or of the mentor, ordered by `sort`: "score" (highest first), "sme" or "mentor"
    (by name, then highest score)."""
    qs = run.proposals.select_related("mentor", "mentee", "mentee__industry_group")
    if group:
        qs = qs.filter(mentee__industry_group__code=group)
    for word in query.split():
        match = Q()
        for side in ("mentee", "mentor"):
            for field in NAME_FIELDS:
                match |= Q(**{f"{side}__{field}__icontains": word})
        qs = qs.filter(match)
    return qs.order_by(*PAIR_SORTS.get(sort, PAIR_SORTS["score"]))


def proposal_rows(run: MatchingRun, proposals, *, lang: str | None = None) -> list[ProposalRow]:
    """`proposals` of `run` (a page of them, say) with reasons in `lang` and the
    officer's current decision on each pair (two queries whatever their number)."""
    lang = lang or current_language()
    proposals = list(proposals)
    mentees = {p.mentee_id for p in proposals}
    decisions = dict(
        ((m, e), k)
        for m, e, k in PairDecision.objects.filter(round_id=run.round_id, mentee_id__in=mentees).values_list(
            "mentor_id", "mentee_id", "kind"
        )
    )
    previous = set()
    if run.previous_id:
        previous = set(
            Proposal.objects.filter(run_id=run.previous_id, mentee_id__in=mentees).values_list("mentor_id", "mentee_id")
        )
    return [
        ProposalRow(
            proposal=p,
            reasons=reasons_in(p.reasons, lang),
            decision=decisions.get((p.mentor_id, p.mentee_id), ""),
            new=bool(run.previous_id) and (p.mentor_id, p.mentee_id) not in previous,
            strength=pair_strength(p, settings=run.settings),
        )
        for p in proposals
    ]


def run_score_scale(run: MatchingRun) -> float:
    """The highest match score one pair can get with the run's weights (without an
    officer's boost): the scale officers read a score on."""
    return weights_scale((run.settings or {}).get("weights"))


def run_closeness(run: MatchingRun) -> float | None:
    """How close the run's total match score is to the best possible, from 0 to 1
    (None before the run is done, or when no pair could score)."""
    if run.objective is None or not run.bound or run.bound <= 0:
        return None
    return max(0.0, min(1.0, run.objective / run.bound))


@dataclass
class Unmatched:
    organisation: Organisation
    side: str
    why: str


def run_unmatched(run: MatchingRun) -> list[Unmatched]:
    ids = [u["organisation"] for u in run.unmatched]
    orgs = Organisation.objects.in_bulk(ids)
    return [Unmatched(orgs[u["organisation"]], u["side"], u["why"]) for u in run.unmatched if u["organisation"] in orgs]


PairIds = tuple[int, int]  # (mentee id, mentor id)


@dataclass(frozen=True)
class PairChangeIds:
    """One change between two runs for one SME: a mentor replaced by another
    (`before` and `after`), a pair added (`before` None) or removed (`after` None)."""

    mentee: int
    before: int | None
    after: int | None


def pair_changes(before: set[PairIds], after: set[PairIds]) -> list[PairChangeIds]:
    """The changes from the pairs `before` to the pairs `after`, as an officer reads
    them: for each SME, a mentor that left and one that came in make one change
    (a replacement), the rest are additions or removals. Two SMEs that swap their
    mentors are two changes, one per SME, not four. The summary "pairs changed"
    and the comparison's table both come from here, so they always agree."""
    gone: dict[int, list[int]] = {}
    came: dict[int, list[int]] = {}
    for mentee, mentor in before - after:
        gone.setdefault(mentee, []).append(mentor)
    for mentee, mentor in after - before:
        came.setdefault(mentee, []).append(mentor)
    changes = []
    for mentee in sorted(gone.keys() | came.keys()):
        old, new = sorted(gone.get(mentee, [])), sorted(came.get(mentee, []))
        for i in range(max(len(old), len(new))):
            changes.append(PairChangeIds(mentee, old[i] if i < len(old) else None, new[i] if i < len(new) else None))
    return changes


def run_pair_ids(run_id: int) -> set[PairIds]:
    """(mentee id, mentor id) of every proposal of the run `run_id`."""
    return set(Proposal.objects.filter(run_id=run_id).values_list("mentee_id", "mentor_id"))


@dataclass(frozen=True)
class PairChange:
    """A change of `pair_changes` with its companies."""

    mentee: Organisation
    before: Organisation | None  # the mentor in the first run
    after: Organisation | None  # the mentor in the second run


@dataclass
class Comparison:
    a: MatchingRun
    b: MatchingRun
    changes: list[PairChange]  # from run A to run B, by SME name
    both: list[tuple[Organisation, Organisation]]  # (mentee, mentor)

    @property
    def only_a(self) -> list[tuple[Organisation, Organisation]]:
        """Pairs only in run A (mentee, mentor)."""
        return [(c.mentee, c.before) for c in self.changes if c.before is not None]

    @property
    def only_b(self) -> list[tuple[Organisation, Organisation]]:
        """Pairs only in run B (mentee, mentor)."""
        return [(c.mentee, c.after) for c in self.changes if c.after is not None]


def runs_compare(a: MatchingRun, b: MatchingRun) -> Comparison:
    """What changed from run A to run B (one row per change, see `pair_changes`)
    and the pairs in both (three queries)."""
    pa, pb = run_pair_ids(a.pk), run_pair_ids(b.pk)
    orgs = Organisation.objects.in_bulk({x for pair in pa | pb for x in pair})

    def name(org):
        return (org.name, org.pk) if org is not None else ("", 0)

    changes = [PairChange(orgs[c.mentee], orgs.get(c.before), orgs.get(c.after)) for c in pair_changes(pa, pb)]
    changes.sort(key=lambda c: (name(c.mentee), name(c.before), name(c.after)))
    both = sorted(((orgs[e], orgs[m]) for e, m in pa & pb), key=lambda t: (t[0].name, t[1].name))
    return Comparison(a, b, changes, both)


def run_changes(run: MatchingRun) -> int | None:
    """How many changes the comparison with the previous run lists (None for a first run)."""
    if not run.previous_id:
        return None
    return len(pair_changes(run_pair_ids(run.previous_id), run_pair_ids(run.pk)))
