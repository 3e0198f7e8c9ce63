"""Between a round's rows and the matching engine (kizuna.engine.matching), and
nothing else: organisations become engine Profiles with their limits, officers'
decisions become pair positions, the round's settings become the engine's options,
and the engine's result comes back as Proposal rows and unmatched entries that the
domain saves in one transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from kizuna.engine.encoder import encoder_by_name
from kizuna.engine.matching import (
    DEFAULT_K,
    FAIR_TIME_LIMIT,
    SEEKER,
    MatchInput,
    MatchOptions,
    MatchResult,
)
from kizuna.engine.profiles import Profile
from kizuna.engine.text import LANGUAGES
from kizuna.engine.weights import AffinityWeights
from kizuna.mentoring.enums import Side
from kizuna.vectors.store import vector_store


@dataclass(frozen=True)
class RoundInput:
    """The engine's input for a round, and the organisation behind each position."""

    inputs: MatchInput
    seeker_orgs: list[int]  # organisation pk of each seeker (mentee)
    provider_orgs: list[int]  # … of each provider (mentor)
    # (seeker, provider) positions that the participants' roles rule out: a mentor of
    # CLMV companies with an SME that is not one (unless an officer opened it to all)
    forbidden: list[tuple[int, int]] = ()

    def positions(self, pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """(seeker, provider) positions of (mentor pk, mentee pk) pairs whose both sides take part."""
        s_pos = {oid: i for i, oid in enumerate(self.seeker_orgs)}
        p_pos = {oid: j for j, oid in enumerate(self.provider_orgs)}
        return [(s_pos[mentee], p_pos[mentor]) for mentor, mentee in pairs if mentee in s_pos and mentor in p_pos]


def encoder_for(name: str):
    """The encoder a round's settings name: "use" (multilingual USE, vectors kept
    per text in memory and in the database's TextVector table, shared by every
    process and machine), "hash", or "none"."""
    return encoder_by_name(name, store=vector_store)


def match_settings(settings: dict) -> tuple[MatchOptions, AffinityWeights]:
    """The engine's options and weights from a run's (cleaned) settings."""
    options = MatchOptions(
        k=int(settings.get("k") or DEFAULT_K),
        fair=bool(settings.get("fair")),
        time_limit=float(settings.get("time_limit") or FAIR_TIME_LIMIT),
        quotas={code: (int(v[0]), int(v[1])) for code, v in (settings.get("quotas") or {}).items()},
    )
    return options, AffinityWeights.from_dict(settings.get("weights") or {})


def earlier_pairs(round) -> list[tuple[int, int, str]]:
    """(mentor pk, mentee pk, status) of the pairs that exist in the round's programme
    outside this round: published (waiting for answers), accepted (plan in
    progress) or completed."""
    from kizuna.mentoring.enums import PairingStatus
    from kizuna.mentoring.models import Pairing

    return list(
        Pairing.objects.filter(round__programme_id=round.programme_id, status__in=PairingStatus.active_states())
        .exclude(round_id=round.pk).values_list("mentor_id", "mentee_id", "status")
    )


def earlier_pairs_held(pairs: Iterable[tuple[int, int, str]]) -> tuple[Counter, Counter]:
    """Partners held per mentee and per mentor: the pairs still running (published or
    accepted; a completed plan frees its place)."""
    from kizuna.mentoring.enums import PairingStatus

    running = [(m, e) for m, e, status in pairs if status in (PairingStatus.PUBLISHED, PairingStatus.ACCEPTED)]
    return Counter(e for _, e in running), Counter(m for m, _ in running)


def clmv_mentors_restricted(round, mentor_ids: Iterable[int]) -> set[int]:
    """Mentors of the round that mentor CLMV companies (CLMV links) and that an
    officer has not opened to every SME: they are mentors only to CLMV companies."""
    from kizuna.mentoring.models import CLMVLink

    mentor_ids = list(mentor_ids)
    linked = set(CLMVLink.objects.filter(mentor_id__in=mentor_ids).values_list("mentor_id", flat=True))
    opened = set(round.participants.filter(side=Side.MENTOR, open_to_all=True, organisation_id__in=linked)
                 .values_list("organisation_id", flat=True))
    return linked - opened


def round_input_load(round) -> RoundInput:
    """Profiles of the round's included participants (a handful of queries).

    Seekers are mentee SMEs with their needed technologies, providers are mentors
    with the technologies they offer; markets are the countries served; region is
    the province (the engine's reference data knows which are in the EEC), else the
    region written for an organisation outside Thailand.

    Each side names its organisation (an organisation on both sides is never paired
    with itself); the pairs that exist in the programme's other rounds are never
    proposed again and, when the round's setting `earlier_pairs` is "count", what
    each side holds counts against its limits; a mentor of CLMV companies is
    forbidden every SME that is not one, unless an officer opened it to all.
    """
    from kizuna.mentoring.enums import EarlierPairs
    from kizuna.organisations.models import Organisation

    settings = round.effective_settings()
    parts = {
        (p.organisation_id, p.side): p
        for p in round.participants.filter(included=True).only("organisation_id", "side", "capacity", "lo", "hi")
    }

    def orgs(side: str, techs: str):
        ids = [oid for (oid, s) in parts if s == side]
        return list(
            Organisation.objects.filter(pk__in=ids)
            .select_related("industry_group", "province", "country")
            .prefetch_related(techs, "countries_served")
            .order_by("pk")
        )

    def profile(org, techs: str) -> Profile:
        return Profile(
            id=str(org.pk),
            name=org.display_name("en"),
            country=org.country_id,
            languages=tuple(x for x in (org.languages or []) if x in LANGUAGES),
            industry_group=org.industry_group.code if org.industry_group_id else "",
            technologies=tuple(c.code for c in getattr(org, techs).all()),
            description=org.description,
            region=org.province.label_en if org.province_id else org.region_text,
            markets=tuple(c.code for c in org.countries_served.all()),
        )

    mentees = orgs(Side.MENTEE, "technologies_needed")
    mentors = orgs(Side.MENTOR, "technologies_offered")
    lo = [parts[(o.pk, Side.MENTEE)].lo for o in mentees]
    hi = [parts[(o.pk, Side.MENTEE)].hi for o in mentees]
    cap = [parts[(o.pk, Side.MENTOR)].capacity for o in mentors]
    lo_arr = np.array([settings["lo"] if v is None else v for v in lo], dtype=np.int64)
    hi_arr = np.array([settings["hi"] if v is None else v for v in hi], dtype=np.int64)
    s_pos = {o.pk: i for i, o in enumerate(mentees)}
    p_pos = {o.pk: j for j, o in enumerate(mentors)}
    earlier = earlier_pairs(round)
    existing = sorted({(s_pos[e], p_pos[m]) for m, e, _ in earlier if e in s_pos and m in p_pos})
    held_s = held_p = None
    if settings.get("earlier_pairs") != EarlierPairs.KEEP_OUT:
        held_mentee, held_mentor = earlier_pairs_held(earlier)
        held_s = np.array([held_mentee.get(o.pk, 0) for o in mentees], dtype=np.int64)
        held_p = np.array([held_mentor.get(o.pk, 0) for o in mentors], dtype=np.int64)
    restricted = clmv_mentors_restricted(round, p_pos)
    not_clmv = [i for i, o in enumerate(mentees) if not (o.country_id and o.country.clmv)]
    forbidden = [(i, p_pos[m]) for m in sorted(restricted) for i in not_clmv]
    inputs = MatchInput(
        seekers=[profile(o, "technologies_needed") for o in mentees],
        providers=[profile(o, "technologies_offered") for o in mentors],
        lo=np.minimum(lo_arr, hi_arr),
        hi=hi_arr,
        capacity=np.array([settings["capacity"] if v is None else v for v in cap], dtype=np.int64),
        seeker_names=[{lang: o.display_name(lang) for lang in LANGUAGES} for o in mentees],
        provider_names=[{lang: o.display_name(lang) for lang in LANGUAGES} for o in mentors],
        seeker_entities=[o.pk for o in mentees],
        provider_entities=[o.pk for o in mentors],
        existing=existing,
        held_seeker=held_s,
        held_provider=held_p,
    )
    return RoundInput(inputs, [o.pk for o in mentees], [o.pk for o in mentors], forbidden)


def proposals_build(result: MatchResult, rows: RoundInput, *, run) -> list:
    """Unsaved Proposal rows of `run`, one per proposed pair."""
    from kizuna.mentoring.models import Proposal

    return [
        Proposal(run=run, mentor_id=rows.provider_orgs[p.provider], mentee_id=rows.seeker_orgs[p.seeker],
                 score=p.score, breakdown=p.breakdown, reasons=p.reasons, locked=p.locked, evidence=p.evidence)
        for p in result.pairs
    ]


def unmatched_rows(result: MatchResult, rows: RoundInput) -> list[dict]:
    """The run's record of who went without a pair: side, organisation, the reason's
    short code (why) and its sentence in each language (message)."""
    out = []
    for u in result.unmatched:
        mentee = u.side == SEEKER
        out.append({
            "side": Side.MENTEE if mentee else Side.MENTOR,
            "organisation": (rows.seeker_orgs if mentee else rows.provider_orgs)[u.index],
            "why": u.reason,
            "message": u.messages,
        })
    return out
