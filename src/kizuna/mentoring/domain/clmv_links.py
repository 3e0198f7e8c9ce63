"""Onward links to CLMV: a Thai SME that completed its technology-transfer plan
mentors a company in Cambodia, Laos, Myanmar or Vietnam."""

from __future__ import annotations

from django.db import transaction

from kizuna.accounts.models import User
from kizuna.common.errors import Problem
from kizuna.mentoring.domain.errors import MentoringError
from kizuna.mentoring.models import CLMVLink, Plan
from kizuna.mentoring.queries.plans import CLMV_MENTOR_COUNTRY, CLMV_ORGANISATION_KINDS
from kizuna.organisations.enums import OrganisationKind
from kizuna.organisations.models import Organisation
from kizuna.programmes.enums import ParticipationRole, ProgrammeKind
from kizuna.programmes.models import Participation, Programme


@transaction.atomic
def clmv_link_create(
    *,
    mentor: Organisation,
    mentee: Organisation,
    programme: Programme,
    actor: User | None,
    learned_from: Organisation | None = None,
    note: str = "",
) -> CLMVLink:
    """Register the Thai SME `mentor`, which completed its technology-transfer plan,
    as a mentor of the CLMV company `mentee` in `programme` (a mentoring programme
    of the same year as its plan or later), naming the Japanese mentor it learned
    from (default: the mentor of its most recently completed plan). Both take part
    in `programme`: the SME as mentor, the CLMV company as mentee. Both must be
    companies (never an agency, a ministry or a university): the mentor a Thai one
    that was mentored as an SME in Big Brother, the mentee one in Cambodia, Laos,
    Myanmar or Vietnam — what the link form offers (queries.plans.clmv_*_candidates);
    anything else is refused with a sentence naming the organisation and what is
    accepted."""
    errors: dict[str, Problem] = {}
    completed = list(
        Plan.objects.filter(pairing__mentee=mentor, pairing__round__programme__kind=ProgrammeKind.MENTORING,
                            completed_at__isnull=False)
        .select_related("pairing__mentor", "pairing__round__programme")
        .order_by("-completed_at", "-pk")
    )
    if mentor.kind not in CLMV_ORGANISATION_KINDS:
        errors["mentor"] = MentoringError.problem("clmv_mentor_not_company", field="mentor",
                                                  organisation=mentor.display_name(),
                                                  kind=OrganisationKind(mentor.kind).label)
    elif mentor.country_id != CLMV_MENTOR_COUNTRY:
        errors["mentor"] = MentoringError.problem("clmv_mentor_not_thai", field="mentor",
                                                  organisation=mentor.display_name(), country=mentor.country.label())
    elif not completed:
        errors["mentor"] = MentoringError.problem("clmv_mentor_no_plan", field="mentor",
                                                  organisation=mentor.display_name())
    if not mentee.country.clmv:
        errors["mentee"] = MentoringError.problem("clmv_mentee_not_clmv", field="mentee",
                                                  organisation=mentee.display_name(), country=mentee.country.label())
    elif mentee.kind not in CLMV_ORGANISATION_KINDS:
        errors["mentee"] = MentoringError.problem("clmv_mentee_not_company", field="mentee",
                                                  organisation=mentee.display_name(),
                                                  kind=OrganisationKind(mentee.kind).label)
    if programme.kind != ProgrammeKind.MENTORING:
        errors["programme"] = MentoringError.problem("clmv_not_mentoring", field="programme", programme=programme.name())
    source = None
    if completed:
        if learned_from is None:
            source = completed[0]
        else:
            source = next((p for p in completed if p.pairing.mentor_id == learned_from.pk), None)
            if source is None:
                errors["learned_from"] = MentoringError.problem(
                    "clmv_not_learned_from", field="learned_from",
                    organisation=mentor.display_name(), mentor=learned_from.display_name(),
                )
        if source is not None and "programme" not in errors and programme.year < source.pairing.round.programme.year:
            errors["programme"] = MentoringError.problem(
                "clmv_year", field="programme",
                year=source.pairing.round.programme.year, organisation=mentor.display_name(),
            )
    if not errors and CLMVLink.objects.filter(programme=programme, mentor=mentor, mentee=mentee).exists():
        errors["mentee"] = MentoringError.problem(
            "clmv_duplicate", field="mentee",
            mentor=mentor.display_name(), mentee=mentee.display_name(), programme=programme.name(),
        )
    if errors:
        raise MentoringError.of(errors.values())
    link = CLMVLink.objects.create(
        programme=programme, mentor=mentor, mentee=mentee, learned_from=source.pairing.mentor,
        source_plan=source, note=(note or "").strip(), created_by=actor,
    )
    Participation.objects.get_or_create(programme=programme, organisation=mentor, role=ParticipationRole.MENTOR)
    Participation.objects.get_or_create(programme=programme, organisation=mentee, role=ParticipationRole.MENTEE)
    return link
