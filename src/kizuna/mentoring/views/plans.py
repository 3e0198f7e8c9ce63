"""Plan pages, the officers' overdue overview, the programme page with its network
picture, and CLMV links (thin: domain functions do the work, rules decide who may)."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kizuna.common.errors import DomainError
from kizuna.common.exports import CONTENT_TYPES as EXPORT_CONTENT_TYPES
from kizuna.common.exports import FORMATS as EXPORT_FORMATS
from kizuna.common.exports import table_export
from kizuna.common.i18n import format_date
from kizuna.common.views import by_pk, object_or_404, permission_required, show_domain_error
from kizuna.mentoring.domain import plans as plans_domain
from kizuna.mentoring.domain.clmv_links import clmv_link_create
from kizuna.mentoring.forms.plans import (
    CLMVLinkForm,
    GoalsForm,
    MilestoneAddForm,
    MilestoneDoneForm,
    OutcomeForm,
    OverdueFilterForm,
    UpdateForm,
)
from kizuna.mentoring.models import Plan
from kizuna.mentoring.network import network_data, network_svg
from kizuna.mentoring.queries import plans as plans_queries
from kizuna.organisations.queries import text_versions_prefetch
from kizuna.programmes.models import Programme

plan_lookup = by_pk(plans_queries.plan_get)


@require_GET
@permission_required("mentoring.list_plans")
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
        "updates": text_versions_prefetch(plan.updates.select_related("plan__pairing"), "text"),
        "outcome": outcome,
        "today": timezone.localdate(),
        "can_change": request.user.has_perm("mentoring.change_plan", plan),
        "goals_form": forms.get("goals_form") or GoalsForm(initial={"goals": [c.pk for c in plan.goals.all()]}),
        "update_form": forms.get("update_form") or UpdateForm(),
        "outcome_form": forms.get("outcome_form") or OutcomeForm(initial=initial_outcome),
        "milestone_form": forms.get("milestone_form") or MilestoneAddForm(),
    }
    return render(request, "mentoring/plan_detail.html", context, status=status)


@require_GET
@permission_required("mentoring.view_plan", lookup=plan_lookup)
def plan_detail(request, pk: int):
    return _plan_page(request, request.permission_object)


def _plan_form_action(request, plan: Plan, form, form_name: str, action, *, success: str = ""):
    """Run a plan form's domain `action` on its cleaned data: back to the plan page
    on success, or the page again with the form's and the domain's errors (400)."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except DomainError as exc:
            show_domain_error(request, exc, form)
        else:
            if success:
                messages.success(request, success)
            return redirect("mentoring:plan", pk=plan.pk)
    return _plan_page(request, plan, status=400, **{form_name: form})


@require_POST
@permission_required("mentoring.change_plan", lookup=plan_lookup)
def plan_goals(request, pk: int):
    plan = request.permission_object
    return _plan_form_action(
        request, plan, GoalsForm(request.POST), "goals_form",
        lambda data: plans_domain.plan_goals_set(plan=plan, concepts=data["goals"], actor=request.user),
        success=_("The goals are saved."),
    )


@require_POST
@permission_required("mentoring.change_plan", lookup=plan_lookup)
def plan_milestone_add(request, pk: int):
    plan = request.permission_object
    return _plan_form_action(
        request, plan, MilestoneAddForm(request.POST), "milestone_form",
        lambda data: plans_domain.milestone_add(plan=plan, actor=request.user, **data),
    )


@require_POST
@permission_required("mentoring.change_plan", lookup=plan_lookup)
def plan_milestone_done(request, pk: int, milestone_pk: int):
    """Mark a milestone done; with htmx, answer the milestone's table row only, and
    reload the page when that completed the plan."""
    plan = request.permission_object
    milestone = object_or_404(plans_queries.plan_milestone, plan, milestone_pk)
    form = MilestoneDoneForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            plans_domain.milestone_mark_done(milestone=milestone, actor=request.user,
                                             done_on=form.cleaned_data["done_on"])
        except DomainError as exc:
            error = str(exc)
    else:
        error = " ".join(m for ms in form.errors.values() for m in ms)
    if request.htmx:
        completed = not error and milestone.plan.is_completed
        milestone.plan = plan
        context = {"m": milestone, "plan": plan, "can_change": True, "today": timezone.localdate(), "error": error}
        response = render(request, "mentoring/plan_milestone_row.html", context, status=400 if error else 200)
        if completed:  # the last milestone completed the plan: the whole page shows it
            response["HX-Refresh"] = "true"
        return response
    if error:
        messages.error(request, error)
    return redirect("mentoring:plan", pk=plan.pk)


@require_POST
@permission_required("mentoring.change_plan", lookup=plan_lookup)
def plan_update(request, pk: int):
    plan = request.permission_object
    return _plan_form_action(
        request, plan, UpdateForm(request.POST, request.FILES), "update_form",
        lambda data: plans_domain.plan_update_post(
            plan=plan, actor=request.user, text=data["text"], attachment=data["attachment"],
            submission_key=data["submission_key"],
        ),
        success=_("Your update is posted."),
    )


@require_POST
@permission_required("mentoring.change_plan", lookup=plan_lookup)
def plan_outcome(request, pk: int):
    plan = request.permission_object
    return _plan_form_action(
        request, plan, OutcomeForm(request.POST), "outcome_form",
        lambda data: plans_domain.outcome_record(plan=plan, actor=request.user, **data),
        success=_("The outcome is recorded."),
    )


# what each stored extension is served as; only pictures are shown in the page,
# everything else is downloaded (a PDF viewer or an office file can run code)
ATTACHMENT_CONTENT_TYPES = {
    "pdf": ("application/pdf", True),
    "png": ("image/png", False),
    "jpg": ("image/jpeg", False),
    "jpeg": ("image/jpeg", False),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", True),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", True),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", True),
}


@require_GET
@permission_required("mentoring.download_plan_attachment", lookup=plan_lookup)
def plan_attachment(request, pk: int, update_pk: int):
    """An update's attachment, for the pair's companies and officers only, under the
    name it was uploaded with; a type the browser could run is only downloaded."""
    update = object_or_404(plans_queries.plan_attachment, request.permission_object, update_pk)
    extension = update.attachment.name.rsplit(".", 1)[-1].lower()
    if extension not in ATTACHMENT_CONTENT_TYPES:
        raise Http404
    content_type, download = ATTACHMENT_CONTENT_TYPES[extension]
    try:
        handle = update.attachment.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type, as_attachment=download,
                            filename=update.attachment_name or f"attachment.{extension}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------- overdue
def _overdue_programme(request) -> Programme | None:
    code = request.GET.get("programme")
    return object_or_404(plans_queries.programme_by_code, code) if code else None


OVERDUE_COLUMNS = ("milestone", "mentor", "mentee", "industry_group", "programme", "due", "days_overdue")


def _overdue_headers() -> list[str]:
    return [_("Milestone"), _("Mentor"), _("Thai SME"), _("Industry group"), _("Programme"), _("Due date"),
            _("Days overdue")]


def _overdue_cells(row) -> list:
    group = row.pairing.mentee.industry_group
    return [row.milestone.display_title(), row.pairing.mentor.display_name(), row.pairing.mentee.display_name(),
            group.label() if group else "", row.pairing.round.programme.name(), format_date(row.milestone.due),
            row.days_overdue]


@require_GET
@permission_required("mentoring.view_overdue")
def overdue(request):
    """Overdue milestones across the programme, for officers; CSV or XLSX with ?format=."""
    form = OverdueFilterForm(request.GET or None)
    group = sort = None
    if form.is_valid():
        group = form.cleaned_data["group"].pk if form.cleaned_data["group"] else None
        sort = form.cleaned_data["sort"] or None
    today = timezone.localdate()
    rows = plans_queries.overdue_milestones(today=today, programme=_overdue_programme(request),
                                            industry_group=group, sort=sort or "-days")
    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS:
        # the guarded export: titles and names that companies write never run as formulas
        data = table_export(_overdue_headers(), (_overdue_cells(r) for r in rows), fmt=fmt,
                            sheet_title=_("Overdue milestones"))
        response = HttpResponse(data, content_type=EXPORT_CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="overdue-milestones-{today.isoformat()}.{fmt}"'
        return response
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("sort", None)
    context = {"rows": rows, "form": form, "today": today, "sort": sort or "-days", "query": query.urlencode(),
               "export_query": request.GET.urlencode()}
    template = "mentoring/overdue_table.html" if request.htmx else "mentoring/overdue.html"
    return render(request, template, context)


# ---------------------------------------------------------------- programme
@require_GET
@permission_required("mentoring.view_programme")
def programme_detail(request, code: str):
    """The Big Brother programme: counts, pairs by status, plans progress, and the
    Japan → Thailand → CLMV network."""
    programme = object_or_404(plans_queries.mentoring_programme, code)
    progress = plans_queries.programme_progress(programme, today=timezone.localdate())
    svg = network_svg(network_data(programme))
    return render(request, "mentoring/programme_detail.html", {
        "programme": programme, "progress": progress, "network": svg,
        "links": plans_queries.clmv_links_of(programme),
        "can_link": request.user.has_perm("mentoring.add_clmvlink"),
        "can_see_overdue": request.user.has_perm("mentoring.view_overdue"),
    })


@require_GET
@permission_required("mentoring.view_programme")
def programme_network_svg(request, code: str):
    programme = object_or_404(plans_queries.mentoring_programme, code)
    body = '<?xml version="1.0" encoding="UTF-8"?>\n' + network_svg(network_data(programme))
    return HttpResponse(body, content_type="image/svg+xml; charset=utf-8")


@permission_required("mentoring.add_clmvlink")
def programme_clmv_link(request, code: str):
    programme = object_or_404(plans_queries.mentoring_programme, code)
    form = CLMVLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            clmv_link_create(programme=programme, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            show_domain_error(request, exc, form)
        else:
            messages.success(request, _("The onward link to CLMV is registered."))
            return redirect(reverse("mentoring:programme", args=[programme.code]))
    status = 400 if request.method == "POST" else 200
    return render(request, "mentoring/programme_clmv_form.html", {"programme": programme, "form": form},
                  status=status)
