"""Reading matching rounds: the list, one round's page, its participants,
decisions and pairs, and the reasons of pairs in the reader's language."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from kizuna.common.i18n import current_language
from kizuna.mentoring.enums import PairingStatus, RunStatus, Side
from kizuna.mentoring.models import (
    CLMVLink,
    MatchingRound,
    MatchingRun,
    PairDecision,
    Pairing,
    RoundParticipant,
)
from kizuna.programmes.enums import ProgrammeKind


def mentoring_rounds() -> QuerySet[MatchingRound]:
    """The rounds of every mentoring programme, newest first, with their programme."""
    return (MatchingRound.objects.filter(programme__kind=ProgrammeKind.MENTORING)
            .select_related("programme").order_by("-created"))


def round_get(pk: int) -> MatchingRound:
    """One round with its programme and published run (MatchingRound.DoesNotExist if none)."""
    return MatchingRound.objects.select_related("programme", "published_run").get(pk=pk)


def round_runs(rnd: MatchingRound) -> list[MatchingRun]:
    """The round's runs, newest first."""
    return list(rnd.runs.order_by("-number"))


def round_side_counts(rnd: MatchingRound) -> dict[str, int]:
    """Included participants per side ({"mentor": n, "mentee": m}; one query)."""
    counts = dict(
        rnd.participants.filter(included=True).values_list("side").annotate(n=Count("id")).values_list("side", "n")
    )
    return {side: counts.get(side, 0) for side in Side.values}


def round_participants(rnd: MatchingRound) -> list[RoundParticipant]:
    """The round's participants with their organisation and industry group, by side and name."""
    return list(rnd.participants.select_related("organisation", "organisation__industry_group")
                .order_by("side", "organisation__name"))


def round_clmv_mentors(rnd: MatchingRound) -> set[int]:
    """Organisations among the round's mentors that mentor CLMV companies (CLMV links):
    mentors only to CLMV companies unless an officer opens them to every SME."""
    mentors = rnd.participants.filter(side="mentor").values("organisation_id")
    return set(CLMVLink.objects.filter(mentor_id__in=mentors).values_list("mentor_id", flat=True))


def round_decisions(rnd: MatchingRound) -> list[PairDecision]:
    return list(rnd.decisions.select_related("mentor", "mentee").order_by("kind", "mentee__name"))


def round_declined_pairings(rnd: MatchingRound) -> list[Pairing]:
    """Declined pairs of the round (each offers the officer a re-run for its SME)."""
    return list(rnd.pairings.filter(status=PairingStatus.DECLINED).select_related("mentor", "mentee"))


def round_pairings(rnd: MatchingRound) -> QuerySet[Pairing]:
    return rnd.pairings.select_related("mentor", "mentee").order_by("mentee__name", "mentor__name")


def finished_runs(rnd: MatchingRound) -> QuerySet[MatchingRun]:
    return rnd.runs.filter(status=RunStatus.DONE).order_by("-number")


def reasons_in(reasons: dict | None, lang: str | None = None) -> list[str]:
    """The stored reasons in `lang` (default: the reader's), else English."""
    reasons = reasons or {}
    return list(reasons.get(lang or current_language()) or reasons.get("en") or [])
