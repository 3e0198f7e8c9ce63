"""Reading plans across relations: who sees which plan, overdue milestones across a
programme, and a programme's progress. Each function runs a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from kizuna.accounts.enums import Role
from kizuna.mentoring.enums import PairingStatus
from kizuna.mentoring.models import CLMVLink, Milestone, Outcome, Pairing, Plan, PlanUpdate
from kizuna.organisations.enums import OrganisationKind
from kizuna.organisations.models import Organisation
from kizuna.programmes.enums import ParticipationRole, ProgrammeKind
from kizuna.programmes.models import Participation, Programme


def plans_visible_to(user):
    """The plans `user` may see: every plan for officers and ministry viewers, their
    organisation's plans for a company representative, none for anyone else."""
    qs = Plan.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if user.is_officer or user.role == Role.MINISTRY_VIEWER:
        return qs
    if user.role == Role.COMPANY_REP and user.organisation_id:
        return qs.filter(Q(pairing__mentor_id=user.organisation_id) | Q(pairing__mentee_id=user.organisation_id))
    return qs.none()


def plans_with_details(user) -> QuerySet[Plan]:
    """The plans `user` may see with their pair, goals, milestones and outcome (the
    API's representation; a fixed number of queries), in the order they were made."""
    return (
        plans_visible_to(user)
        .select_related("pairing__mentor", "pairing__mentee", "outcome")
        .prefetch_related("goals", "milestones", "outcome__technologies")
        .order_by("pk")
    )


def plans_list(user):
    """The plans `user` may see, with their pair, programme and milestone counts (one query)."""
    return (
        plans_visible_to(user)
        .select_related("pairing__mentor", "pairing__mentee", "pairing__round__programme")
        .annotate(
            n_milestones=Count("milestones", distinct=True),
            n_done=Count("milestones", filter=Q(milestones__done_on__isnull=False), distinct=True),
        )
        .order_by("pairing__round__programme__year", "pairing__mentee__name", "pk")
    )


def plan_get(pk: int) -> Plan:
    """One plan with everything its page shows, in a fixed number of queries."""
    return (
        Plan.objects.select_related(
            "pairing__mentor__country", "pairing__mentee__country", "pairing__mentee__industry_group",
            "pairing__round__programme",
        )
        .prefetch_related(
            "goals",
            "milestones",
            Prefetch("updates", queryset=PlanUpdate.objects.select_related("author__organisation")),
            Prefetch("outcome__technologies"),
        )
        .get(pk=pk)
    )


def plan_milestone(plan: Plan, pk) -> Milestone:
    """The milestone `pk` of `plan` (Milestone.DoesNotExist if it is another plan's)."""
    return plan.milestones.get(pk=pk)


def plan_attachment(plan: Plan, pk) -> PlanUpdate:
    """The update `pk` of `plan` that has an attachment (PlanUpdate.DoesNotExist otherwise)."""
    return plan.updates.exclude(attachment="").get(pk=pk)


def plan_updates(plan: Plan) -> QuerySet[PlanUpdate]:
    """The plan's status updates with their authors, oldest first."""
    return plan.updates.select_related("author")


def milestones_visible_to(user) -> QuerySet[Milestone]:
    """The milestones of the plans `user` may see."""
    return Milestone.objects.filter(plan__in=plans_visible_to(user))


def programme_by_code(code: str) -> Programme:
    """The programme with this code (Programme.DoesNotExist if none)."""
    return Programme.objects.get(code=code)


def mentoring_programme(code: str) -> Programme:
    """The mentoring programme with this code (Programme.DoesNotExist if none, or not mentoring)."""
    return Programme.objects.get(code=code, kind=ProgrammeKind.MENTORING)


def plan_outcome(plan: Plan) -> Outcome | None:
    try:
        return plan.outcome
    except Outcome.DoesNotExist:
        return None


@dataclass
class OverdueRow:
    milestone: Milestone
    plan: Plan
    pairing: Pairing
    days_overdue: int


def overdue_milestones(
    *,
    today: dt.date,
    programme: Programme | None = None,
    industry_group: int | None = None,
    sort: str = "-days",
) -> list[OverdueRow]:
    """Milestones past their due date and not done, of plans under way (one query).

    `sort`: "-days" (most overdue first, the default) or "days"."""
    qs = (
        Milestone.objects.filter(
            done_on__isnull=True,
            due__lt=today,
            plan__completed_at__isnull=True,
            plan__pairing__status=PairingStatus.ACCEPTED,
        )
        .select_related(
            "plan__pairing__mentor", "plan__pairing__mentee__industry_group", "plan__pairing__round__programme"
        )
    )
    if programme is not None:
        qs = qs.filter(plan__pairing__round__programme=programme)
    if industry_group:
        qs = qs.filter(plan__pairing__mentee__industry_group_id=industry_group)
    qs = qs.order_by("-due", "plan_id", "order") if sort == "days" else qs.order_by("due", "plan_id", "order")
    return [OverdueRow(m, m.plan, m.plan.pairing, (today - m.due).days) for m in qs]


@dataclass
class ProgrammeProgress:
    programme: Programme
    mentors: int = 0
    mentees: int = 0
    pairs_by_status: list[tuple[str, str, int]] = field(default_factory=list)  # (status, label, count)
    pairs_total: int = 0
    plans: int = 0
    plans_completed: int = 0
    milestones: int = 0
    milestones_done: int = 0
    milestones_overdue: int = 0
    outcomes: int = 0
    clmv_links: int = 0

    @property
    def milestones_done_percent(self) -> int:
        return round(100 * self.milestones_done / self.milestones) if self.milestones else 0


def programme_progress(programme: Programme, *, today: dt.date) -> ProgrammeProgress:
    """Counts for the programme page: participants, pairs by status, plans,
    milestones done and overdue, outcomes and CLMV links (a handful of queries)."""
    out = ProgrammeProgress(programme=programme)
    roles = dict(
        Participation.objects.filter(programme=programme).values_list("role").annotate(n=Count("id")).values_list("role", "n")
    )
    out.mentors = roles.get(ParticipationRole.MENTOR, 0)
    out.mentees = roles.get(ParticipationRole.MENTEE, 0)
    by_status = dict(
        Pairing.objects.filter(round__programme=programme).values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    out.pairs_by_status = [(s.value, str(s.label), by_status.get(s.value, 0)) for s in PairingStatus]
    out.pairs_total = sum(by_status.values())
    plans = Plan.objects.filter(pairing__round__programme=programme)
    agg = plans.aggregate(n=Count("id"), done=Count("id", filter=Q(completed_at__isnull=False)))
    out.plans, out.plans_completed = agg["n"], agg["done"]
    m = Milestone.objects.filter(plan__pairing__round__programme=programme).aggregate(
        n=Count("id"),
        done=Count("id", filter=Q(done_on__isnull=False)),
        overdue=Count("id", filter=Q(done_on__isnull=True, due__lt=today, plan__completed_at__isnull=True,
                                     plan__pairing__status=PairingStatus.ACCEPTED)),
    )
    out.milestones, out.milestones_done, out.milestones_overdue = m["n"], m["done"], m["overdue"]
    out.outcomes = Outcome.objects.filter(plan__pairing__round__programme=programme).count()
    out.clmv_links = CLMVLink.objects.filter(programme=programme).count()
    return out


# Who may be on each side of an onward link to CLMV (clmv_link_create checks the same).
CLMV_MENTOR_COUNTRY = "TH"
CLMV_ORGANISATION_KINDS = (OrganisationKind.COMPANY,)  # not agencies, ministries, universities, investors


def clmv_mentor_candidates() -> QuerySet[Organisation]:
    """The organisations that may mentor a CLMV company, by name: Thai companies that
    were mentored as SMEs in Big Brother and completed their technology-transfer plan
    (never an agency, a ministry or a university). One query."""
    return (Organisation.objects.filter(
        kind__in=CLMV_ORGANISATION_KINDS, country_id=CLMV_MENTOR_COUNTRY,
        mentee_pairings__round__programme__kind=ProgrammeKind.MENTORING,
        mentee_pairings__plan__completed_at__isnull=False,
    ).distinct().order_by("name"))


def clmv_mentee_candidates() -> QuerySet[Organisation]:
    """The organisations that may be mentored onward, by name: companies in Cambodia,
    Laos, Myanmar or Vietnam (the countries marked CLMV). One query."""
    return (Organisation.objects.filter(kind__in=CLMV_ORGANISATION_KINDS, country__clmv=True)
            .select_related("country").order_by("name"))


def clmv_links() -> QuerySet[CLMVLink]:
    """Every onward link with its programme, in the order they were made."""
    return CLMVLink.objects.select_related("programme").order_by("pk")


def clmv_links_of(programme: Programme) -> list[CLMVLink]:
    """The onward links made in `programme` or from its plans, with the
    organisations they name (one query)."""
    return list(
        CLMVLink.objects.filter(Q(programme=programme) | Q(source_plan__pairing__round__programme=programme))
        .select_related("mentor", "mentee__country", "learned_from", "programme")
        .distinct()
        .order_by("pk")
    )
