"""Pages of matching runs: start, follow and cancel a run, its proposed pairs
(filtered, a page at a time), the officer's decisions on them, the comparison of
two runs, the export, and publication with its preview and its undo (thin: domain functions do the work, rules
decide who may)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from kizuna.common.errors import DomainError
from kizuna.common.views import (
    job_progress_context,
    job_progress_response,
    object_or_404,
    permission_required,
    show_domain_error,
)
from kizuna.mentoring.domain import pairings as pairings_domain
from kizuna.mentoring.domain import runs as domain
from kizuna.mentoring.domain.errors import MentoringError
from kizuna.mentoring.enums import RunStage, RunStatus
from kizuna.mentoring.forms.runs import RunPairsFilterForm
from kizuna.mentoring.models import MatchingRun, Proposal
from kizuna.mentoring.queries import pairings as pairings_queries
from kizuna.mentoring.queries import rounds as rounds_queries
from kizuna.mentoring.queries import runs as queries
from kizuna.mentoring.sheets_rounds import pairs_export

UNMATCHED_WHY = {
    "no_places": gettext_lazy("no places: the maximum number of mentors is 0"),
    "no_candidates": gettext_lazy("no mentor scored high enough to be a candidate"),
    "all_forbidden": gettext_lazy("every candidate pair is forbidden"),
    "capacity_taken": gettext_lazy("the candidate mentors' places went to pairs with higher scores"),
    "not_chosen": gettext_lazy("no SME was matched to this mentor: others scored higher"),
    "no_capacity": gettext_lazy("capacity is 0"),
}
PAIRS_PER_PAGE = 50
PAIRS_QUERY_KEYS = ("q", "group", "sort", "page")


@require_POST
@permission_required("mentoring.manage_round")
def run_start(request, pk: int):
    rnd = object_or_404(rounds_queries.round_get, pk)
    try:
        run = domain.run_start(round=rnd, actor=request.user)
    except DomainError as exc:
        show_domain_error(request, exc)
        return redirect("mentoring:round", pk=rnd.pk)
    return redirect("mentoring:run", pk=run.pk)


def _pairs_query(data) -> str:
    """The list's filters and page from `data` (GET, or the `back` field of an
    action's POST), as a query string with only the list's own keys."""
    query = QueryDict(mutable=True)
    for key in PAIRS_QUERY_KEYS:
        if data.get(key):
            query[key] = data[key]
    return query.urlencode()


def _back_to_run(request, run: MatchingRun):
    """Back to the run's page at the list's page and filters the action came from."""
    back = _pairs_query(QueryDict(request.POST.get("back", "")))
    url = reverse("mentoring:run", args=[run.pk])
    return redirect(f"{url}?{back}" if back else url)


@permission_required("mentoring.view_round")
def run_detail(request, pk: int):
    run = object_or_404(queries.run_get, pk)
    done = run.status == RunStatus.DONE
    form = RunPairsFilterForm(request.GET or None)
    page = Paginator(queries.run_pairs(run, **form.filters()) if done else Proposal.objects.none(),
                     PAIRS_PER_PAGE).get_page(request.GET.get("page"))
    list_query = QueryDict(_pairs_query(request.GET), mutable=True)
    list_query.pop("page", None)
    context = {
        "run": run, "round": run.round, "form": form, "page": page,
        "rows": queries.proposal_rows(run, page.object_list) if done else [],
        "query_string": list_query.urlencode(), "back": _pairs_query(request.GET),
        "can_manage": request.user.has_perm("mentoring.manage_round"),
        "scale": queries.run_score_scale(run),
    }
    if request.htmx and not request.htmx.history_restore_request:
        response = render(request, "mentoring/round_run_pairs.html", context)
    else:
        response = render(request, "mentoring/round_run.html", {
            **context,
            "pair_count": run.proposals.count() if done else 0,
            "unmatched": [(u, UNMATCHED_WHY.get(u.why, u.why)) for u in queries.run_unmatched(run)],
            "changes": queries.run_changes(run) if done else None,
            "closeness": queries.run_closeness(run),
            "others": queries.runs_to_compare_with(run),
            "stages": RunStage,
            **job_progress_context(run, **_run_progress_args(request, run)),
        })
    patch_vary_headers(response, ["HX-Request"])
    return response


@permission_required("mentoring.view_round")
def run_progress(request, pk: int):
    run = object_or_404(queries.run_get, pk)
    return job_progress_response(request, run, **_run_progress_args(request, run))


def _run_progress_args(request, run) -> dict:
    return {"poll_url": reverse("mentoring:run_progress", args=[run.pk]),
            "cancel_url": reverse("mentoring:run_cancel", args=[run.pk]),
            "can_cancel": request.user.has_perm("mentoring.manage_round")}


@require_POST
@permission_required("mentoring.manage_round")
def run_cancel(request, pk: int):
    run = object_or_404(queries.run_get, pk)
    try:
        domain.run_cancel(run=run, actor=request.user)
    except DomainError as exc:
        show_domain_error(request, exc)
    return redirect("mentoring:run", pk=run.pk)


@require_POST
@permission_required("mentoring.manage_round")
def pair_decide(request, pk: int):
    run = object_or_404(queries.run_get, pk)
    proposal = object_or_404(queries.run_proposal, run, request.POST.get("proposal"))
    action = request.POST.get("action")
    args = {"round": run.round, "mentor": proposal.mentor, "mentee": proposal.mentee}
    try:
        if action == "lock":
            domain.pair_lock(**args, actor=request.user)
        elif action == "forbid":
            domain.pair_forbid(**args, actor=request.user)
        elif action == "clear":
            domain.pair_decision_clear(**args)
    except DomainError as exc:
        show_domain_error(request, exc)
    return _back_to_run(request, run)


@require_POST
@permission_required("mentoring.manage_round")
def pair_swap(request, pk: int):
    run = object_or_404(queries.run_get, pk)
    ids = request.POST.getlist("swap")
    if len(ids) != 2:
        messages.error(request, _("Choose exactly two pairs to swap their mentors."))
        return _back_to_run(request, run)
    first, second = (object_or_404(queries.run_proposal, run, i) for i in ids)
    try:
        domain.pair_swap(first=first, second=second, actor=request.user)
    except DomainError as exc:
        show_domain_error(request, exc)
    else:
        messages.success(request, _("The mentors were swapped: the new pairs are locked and the old ones forbidden. Re-run to apply."))
    return _back_to_run(request, run)


@permission_required("mentoring.view_round")
def run_compare(request, pk: int):
    run = object_or_404(queries.run_get, pk)
    try:
        other = domain.run_to_compare(run=run, other=request.GET.get("other"))
    except DomainError as exc:
        show_domain_error(request, exc)
        return redirect("mentoring:run", pk=run.pk)
    return render(request, "mentoring/round_compare.html", {"round": run.round, "cmp": queries.runs_compare(run, other)})


@permission_required("mentoring.view_round")
def run_export(request, pk: int, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    run = object_or_404(queries.run_get, pk)
    data = pairs_export(run, fmt)
    kind = "text/csv; charset=utf-8" if fmt == "csv" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="round-{run.round.number}-run-{run.number}.{fmt}"'
    return response


@permission_required("mentoring.manage_round")
def run_publish(request, pk: int):
    """GET: what publishing the run would send to whom, and the confirmation form.
    POST: publish, only with the confirmation of that preview (its token)."""
    run = object_or_404(queries.run_get, pk)
    if request.method == "POST":
        confirm = request.POST.get("confirm", "")
        if not confirm.strip():
            messages.error(request, MentoringError("publish_confirm").messages[0])
            return redirect("mentoring:run_publish", pk=run.pk)
        try:
            pairings = pairings_domain.round_publish(round=run.round, run=run, actor=request.user, confirm=confirm)
        except DomainError as exc:
            show_domain_error(request, exc)
            return redirect("mentoring:run_publish", pk=run.pk)
        n = len(pairings)
        if n:
            messages.success(request, ngettext(
                "%(n)s pair was published and both sides were notified.",
                "%(n)s pairs were published and both sides were notified.",
                n,
            ) % {"n": n})
        else:
            messages.info(request, _("Nothing new was published: these pairs were already published, and nobody was notified again."))
        return redirect("mentoring:round", pk=run.round_id)
    preview = pairings_queries.publish_preview(run.round, run)
    return render(request, "mentoring/run_publish.html", {
        "run": run, "round": run.round, "preview": preview, "counts": preview.counts(),
        "finished": run.status == RunStatus.DONE,
    })


@require_POST
@permission_required("mentoring.manage_round")
def round_unpublish(request, pk: int):
    """Withdraw the round's latest publication (only while no company has answered)."""
    rnd = object_or_404(rounds_queries.round_get, pk)
    try:
        withdrawn = pairings_domain.round_unpublish(round=rnd, actor=request.user,
                                                    publication=request.POST.get("publication", ""))
    except DomainError as exc:
        show_domain_error(request, exc)
        return redirect("mentoring:round", pk=rnd.pk)
    n = len(withdrawn)
    if n:
        messages.success(request, ngettext(
            "%(n)s pair was withdrawn; both sides were told that it no longer waits for their answer.",
            "%(n)s pairs were withdrawn; both sides of each were told that they no longer wait for their answer.",
            n,
        ) % {"n": n})
    else:
        messages.info(request, _("Nothing was withdrawn: that publication was already withdrawn."))
    return redirect("mentoring:round", pk=rnd.pk)
