"""Reading matching runs: one run, its proposed pairs (filtered, a page at a
time, with decisions and what changed), the participants left unmatched, and the
comparison of two runs (constant query counts)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from kizuna.common.i18n import current_language
from kizuna.mentoring.models import MatchingRun, PairDecision, Proposal
from kizuna.mentoring.queries.rounds import finished_runs, reasons_in
from kizuna.organisations.models import Organisation


def run_get(pk: int) -> MatchingRun:
    """One run with its round, programme and previous run (MatchingRun.DoesNotExist if none)."""
    return MatchingRun.objects.select_related("round__programme", "previous").get(pk=pk)


def run_of_round(rnd, pk) -> MatchingRun:
    """The run `pk` of round `rnd` (MatchingRun.DoesNotExist if it is another round's)."""
    return rnd.runs.get(pk=pk)


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
        )
        for p in proposals
    ]


@dataclass
class Unmatched:
    organisation: Organisation
    side: str
    why: str


def run_unmatched(run: MatchingRun) -> list[Unmatched]:
    ids = [u["organisation"] for u in run.unmatched]
    orgs = Organisation.objects.in_bulk(ids)
    return [Unmatched(orgs[u["organisation"]], u["side"], u["why"]) for u in run.unmatched if u["organisation"] in orgs]


@dataclass
class Comparison:
    a: MatchingRun
    b: MatchingRun
    only_a: list[tuple[Organisation, Organisation]]  # (mentee, mentor)
    only_b: list[tuple[Organisation, Organisation]]
    both: list[tuple[Organisation, Organisation]]


def runs_compare(a: MatchingRun, b: MatchingRun) -> Comparison:
    """Pairs only in run A, only in run B, and in both."""
    pa = set(a.proposals.values_list("mentee_id", "mentor_id"))
    pb = set(b.proposals.values_list("mentee_id", "mentor_id"))
    orgs = Organisation.objects.in_bulk({x for pair in pa | pb for x in pair})

    def rows(pairs):
        return sorted(((orgs[e], orgs[m]) for e, m in pairs), key=lambda t: (t[0].name, t[1].name))

    return Comparison(a, b, rows(pa - pb), rows(pb - pa), rows(pa & pb))


def run_changes(run: MatchingRun) -> int | None:
    """Pairs added plus pairs removed against the previous run (None for a first run)."""
    if not run.previous_id:
        return None
    now = set(run.proposals.values_list("mentee_id", "mentor_id"))
    before = set(Proposal.objects.filter(run_id=run.previous_id).values_list("mentee_id", "mentor_id"))
    return len(now ^ before)
