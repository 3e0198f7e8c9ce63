"""Plan pages, the officers' overdue overview, the programme page with its network
picture, and CLMV links: thin callers of plans_domain and plans_queries."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kizuna.common.i18n import format_date
from kizuna.mentoring import rules_plans  # noqa: F401  (registers the permissions)
from kizuna.mentoring.domain import plans as plans_domain
from kizuna.mentoring.forms.plans import (
    CLMVLinkForm,
    GoalsForm,
    MilestoneAddForm,
    MilestoneDoneForm,
    OutcomeForm,
    OverdueFilterForm,
    UpdateForm,
    apply_domain_errors,
)
from kizuna.mentoring.models import Milestone, Plan
from kizuna.mentoring.network import network_data, network_svg
from kizuna.mentoring.queries import plans as plans_queries
from kizuna.programmes.enums import ProgrammeKind
from kizuna.programmes.models import Programme


def _plan_or_404(pk: int) -> Plan:
    try:
        return plans_queries.plan_get(pk)
    except Plan.DoesNotExist:
        raise Http404 from None


def _check(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(perm)


@login_required
@require_GET
def plan_list(request):
    return render(request, "mentoring/plan_list.html", {"plans": plans_queries.plans_list(request.user)})


def _plan_page(request, plan: Plan, *, status: int = 200, **forms):
    outcome = plans_queries.plan_outcome(plan)
    initial_outcome = {}
    if outcome is not None:
        initial_outcome = {
            f: getattr(outcome, f) for f in ("productivity_name", "productivity_unit", "productivity_before",
                                              "productivity_after", "investment_thb", "jobs_created", "jobs_retained")
        } | {"technologies": [c.pk for c in outcome.technologies.all()]}
    context = {
        "plan": plan,
        "pairing": plan.pairing,
        "milestones": list(plan.milestones.all()),
        "updates": list(plan.updates.all()),
        "outcome": outcome,
        "today": timezone.localdate(),
        "can_change": request.user.has_perm("mentoring.change_plan", plan),
        "goals_form": forms.get("goals_form") or GoalsForm(initial={"goals": [c.pk for c in plan.goals.all()]}),
        "update_form": forms.get("update_form") or UpdateForm(),
        "outcome_form": forms.get("outcome_form") or OutcomeForm(initial=initial_outcome),
        "milestone_form": forms.get("milestone_form") or MilestoneAddForm(),
    }
    return render(request, "mentoring/plan_detail.html", context, status=status)


@login_required
@require_GET
def plan_detail(request, pk: int):
    plan = _plan_or_404(pk)
    _check(request, "mentoring.view_plan", plan)
    return _plan_page(request, plan)


def _plan_for_change(request, pk: int) -> Plan:
    plan = _plan_or_404(pk)
    _check(request, "mentoring.change_plan", plan)
    return plan


def _plan_form_action(request, plan: Plan, form, form_name: str, action, *, success: str = ""):
    """Run a plan form's domain `action` on its cleaned data: back to the plan page
    on success, or the page again with the form's and the domain's errors (400)."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as exc:
            apply_domain_errors(form, exc)
        else:
            if success:
                messages.success(request, success)
            return redirect("mentoring:plan", pk=plan.pk)
    return _plan_page(request, plan, status=400, **{form_name: form})


@login_required
@require_POST
def plan_goals(request, pk: int):
    plan = _plan_for_change(request, pk)
    form = GoalsForm(request.POST)
    if form.is_valid():
        plans_domain.plan_goals_set(plan=plan, concepts=form.cleaned_data["goals"], actor=request.user)
        messages.success(request, _("The goals are saved."))
        return redirect("mentoring:plan", pk=plan.pk)
    return _plan_page(request, plan, status=400, goals_form=form)


@login_required
@require_POST
def plan_milestone_add(request, pk: int):
    plan = _plan_for_change(request, pk)
    return _plan_form_action(
        request, plan, MilestoneAddForm(request.POST), "milestone_form",
        lambda data: plans_domain.milestone_add(plan=plan, actor=request.user, **data),
    )


@login_required
@require_POST
def plan_milestone_done(request, pk: int, milestone_pk: int):
    """Mark a milestone done; with htmx, answer the milestone's table row only."""
    plan = _plan_for_change(request, pk)
    milestone = get_object_or_404(Milestone, pk=milestone_pk, plan=plan)
    form = MilestoneDoneForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            plans_domain.milestone_mark_done(milestone=milestone, actor=request.user,
                                             done_on=form.cleaned_data["done_on"])
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(m for ms in form.errors.values() for m in ms)
    if request.htmx:
        milestone.plan = plan
        context = {"m": milestone, "plan": plan, "can_change": True, "today": timezone.localdate(), "error": error}
        return render(request, "mentoring/plan_milestone_row.html", context, status=400 if error else 200)
    if error:
        messages.error(request, error)
    return redirect("mentoring:plan", pk=plan.pk)


@login_required
@require_POST
def plan_update(request, pk: int):
    plan = _plan_for_change(request, pk)
    return _plan_form_action(
        request, plan, UpdateForm(request.POST, request.FILES), "update_form",
        lambda data: plans_domain.plan_update_post(
            plan=plan, actor=request.user, text=data["text"], attachment=data["attachment"]
        ),
        success=_("Your update is posted."),
    )


@login_required
@require_POST
def plan_outcome(request, pk: int):
    plan = _plan_for_change(request, pk)
    return _plan_form_action(
        request, plan, OutcomeForm(request.POST), "outcome_form",
        lambda data: plans_domain.outcome_record(plan=plan, actor=request.user, **data),
        success=_("The outcome is recorded."),
    )


# ---------------------------------------------------------------- overdue
def _overdue_programme(request) -> Programme | None:
    code = request.GET.get("programme")
    return get_object_or_404(Programme, code=code) if code else None


OVERDUE_COLUMNS = ("milestone", "mentor", "mentee", "industry_group", "programme", "due", "days_overdue")


def _overdue_headers() -> list[str]:
    return [_("Milestone"), _("Mentor"), _("Thai SME"), _("Industry group"), _("Programme"), _("Due date"),
            _("Days overdue")]


def _overdue_cells(row) -> list:
    group = row.pairing.mentee.industry_group
    return [row.milestone.display_title(), row.pairing.mentor.display_name(), row.pairing.mentee.display_name(),
            group.label() if group else "", row.pairing.round.programme.name(), format_date(row.milestone.due),
            row.days_overdue]


@login_required
@require_GET
def overdue(request):
    """Overdue milestones across the programme, for officers; CSV or XLSX with ?format=."""
    _check(request, "mentoring.view_overdue")
    form = OverdueFilterForm(request.GET or None)
    group = sort = None
    if form.is_valid():
        group = form.cleaned_data["group"].pk if form.cleaned_data["group"] else None
        sort = form.cleaned_data["sort"] or None
    today = timezone.localdate()
    rows = plans_queries.overdue_milestones(today=today, programme=_overdue_programme(request),
                                            industry_group=group, sort=sort or "-days")
    fmt = request.GET.get("format")
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(_overdue_headers())
        writer.writerows(_overdue_cells(r) for r in rows)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="overdue-milestones-{today.isoformat()}.csv"'
        return response
    if fmt == "xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        ws = wb.active
        ws.title = _("Overdue milestones")[:31]
        ws.append(_overdue_headers())
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r in rows:
            ws.append(_overdue_cells(r))
        for column, width in zip("ABCDEFG", (28, 36, 36, 30, 30, 18, 12), strict=True):
            ws.column_dimensions[column].width = width
        out = io.BytesIO()
        wb.save(out)
        response = HttpResponse(
            out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="overdue-milestones-{today.isoformat()}.xlsx"'
        return response
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("sort", None)
    context = {"rows": rows, "form": form, "today": today, "sort": sort or "-days", "query": query.urlencode(),
               "export_query": request.GET.urlencode()}
    template = "mentoring/overdue_table.html" if request.htmx else "mentoring/overdue.html"
    return render(request, template, context)


# ---------------------------------------------------------------- programme
def _mentoring_programme(code: str) -> Programme:
    return get_object_or_404(Programme, code=code, kind=ProgrammeKind.MENTORING)


@login_required
@require_GET
def programme_detail(request, code: str):
    """The Big Brother programme: counts, pairs by status, plans progress, and the
    Japan → Thailand → CLMV network."""
    _check(request, "mentoring.view_programme")
    programme = _mentoring_programme(code)
    progress = plans_queries.programme_progress(programme, today=timezone.localdate())
    svg = network_svg(network_data(programme))
    return render(request, "mentoring/programme_detail.html", {
        "programme": programme, "progress": progress, "network": svg,
        "links": plans_queries.clmv_links_of(programme),
        "can_link": request.user.has_perm("mentoring.add_clmvlink"),
        "can_see_overdue": request.user.has_perm("mentoring.view_overdue"),
    })


@login_required
@require_GET
def programme_network_svg(request, code: str):
    _check(request, "mentoring.view_programme")
    programme = _mentoring_programme(code)
    body = '<?xml version="1.0" encoding="UTF-8"?>\n' + network_svg(network_data(programme))
    return HttpResponse(body, content_type="image/svg+xml; charset=utf-8")


@login_required
def programme_clmv_link(request, code: str):
    _check(request, "mentoring.add_clmvlink")
    programme = _mentoring_programme(code)
    form = CLMVLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plans_domain.clmv_link_create(programme=programme, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_domain_errors(form, exc)
        else:
            messages.success(request, _("The onward link to CLMV is registered."))
            return redirect(reverse("mentoring:programme", args=[programme.code]))
    status = 400 if request.method == "POST" else 200
    return render(request, "mentoring/programme_clmv_form.html", {"programme": programme, "form": form},
                  status=status)
