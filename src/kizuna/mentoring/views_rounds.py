"""Pages of matching rounds, runs, pairs and notifications (thin: domain functions
do the work, rules decide who may)."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from kizuna.common.views import job_progress_context, job_progress_response
from kizuna.mentoring import domain_rounds as domain
from kizuna.mentoring import queries_rounds as queries
from kizuna.mentoring.enums import PairingStatus, RunStage, RunStatus, Side
from kizuna.mentoring.forms_rounds import (
    ParticipantsImportForm,
    RespondForm,
    RoundOpenForm,
    RoundSettingsForm,
    RunPairsFilterForm,
)
from kizuna.mentoring.models import MatchingRound, MatchingRun, Pairing, Proposal
from kizuna.mentoring.sheets_rounds import (
    ParticipantsImportError,
    pairs_export,
    round_participants_import,
)
from kizuna.programmes.enums import ProgrammeKind

UNMATCHED_WHY = {
    "no_places": gettext_lazy("no places: the maximum number of mentors is 0"),
    "no_candidates": gettext_lazy("no mentor scored high enough to be a candidate"),
    "all_forbidden": gettext_lazy("every candidate pair is forbidden"),
    "capacity_taken": gettext_lazy("the candidate mentors' places went to pairs with higher scores"),
    "not_chosen": gettext_lazy("no SME was matched to this mentor: others scored higher"),
    "no_capacity": gettext_lazy("capacity is 0"),
}


def _require(perm: str):
    def deco(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return deco


def _round_error(request, exc: domain.RoundError) -> None:
    messages.error(request, str(exc))


# ---------------------------------------------------------------------------
# Rounds


@_require("mentoring.view_round")
def round_list(request):
    form = RoundOpenForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("mentoring.manage_round"):
            raise PermissionDenied
        if form.is_valid():
            rnd = domain.round_open(programme=form.cleaned_data["programme"], actor=request.user)
            messages.success(request, _("Round %(number)s was opened with every mentor and SME of the programme.")
                             % {"number": rnd.number})
            return redirect("mentoring:round_participants", pk=rnd.pk)
    rounds = (MatchingRound.objects.filter(programme__kind=ProgrammeKind.MENTORING)
              .select_related("programme").order_by("-created"))
    return render(request, "mentoring/round_list.html", {"rounds": rounds, "form": form,
                                                         "can_manage": request.user.has_perm("mentoring.manage_round")})


@_require("mentoring.view_round")
def round_detail(request, pk: int):
    rnd = get_object_or_404(MatchingRound.objects.select_related("programme", "published_run"), pk=pk)
    runs = list(rnd.runs.order_by("-number"))
    counts = {side: rnd.participants.filter(side=side, included=True).count() for side in Side.values}
    return render(request, "mentoring/round_detail.html", {
        "round": rnd,
        "settings": rnd.effective_settings(),
        "runs": runs,
        "finished": [r for r in runs if r.status == RunStatus.DONE],
        "counts": counts,
        "decisions": queries.round_decisions(rnd),
        "pairings": list(queries.round_pairings(rnd)),
        "declined": queries.round_declined_pairings(rnd),
        "can_manage": request.user.has_perm("mentoring.manage_round"),
    })


@_require("mentoring.manage_round")
def round_settings(request, pk: int):
    rnd = get_object_or_404(MatchingRound, pk=pk)
    form = RoundSettingsForm(request.POST or None, round_settings=rnd.effective_settings())
    if request.method == "POST" and form.is_valid():
        try:
            domain.round_settings_set(round=rnd, settings=form.settings())
        except domain.RoundError as exc:
            _round_error(request, exc)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect("mentoring:round", pk=rnd.pk)
    return render(request, "mentoring/round_settings.html", {"round": rnd, "form": form})


@_require("mentoring.manage_round")
def round_participants(request, pk: int):
    rnd = get_object_or_404(MatchingRound, pk=pk)
    participants = list(rnd.participants.select_related("organisation", "organisation__industry_group")
                        .order_by("side", "organisation__name"))
    upload = ParticipantsImportForm()
    problems = []
    if request.method == "POST" and "file" in request.FILES:
        upload = ParticipantsImportForm(request.POST, request.FILES)
        if upload.is_valid():
            f = upload.cleaned_data["file"]
            try:
                n = round_participants_import(round=rnd, name=f.name, data=f.read())
            except ParticipantsImportError as exc:
                problems = exc.problems
            else:
                messages.success(
                    request,
                    ngettext("%(n)s participant was imported.", "%(n)s participants were imported.", n) % {"n": n},
                )
                return redirect("mentoring:round_participants", pk=rnd.pk)
    elif request.method == "POST":
        changes = []
        def number(field: str, pk: int) -> int | None:
            value = request.POST.get(f"{field}_{pk}", "").strip()
            return int(value) if value.isdigit() else None

        for p in participants:
            changes.append({"id": p.pk, "included": request.POST.get(f"included_{p.pk}") == "on",
                            "capacity": number("capacity", p.pk), "lo": number("lo", p.pk), "hi": number("hi", p.pk)})
        try:
            domain.round_participants_update(round=rnd, changes=changes)
        except domain.RoundError as exc:
            _round_error(request, exc)
        else:
            messages.success(request, _("The participants were saved."))
            return redirect("mentoring:round", pk=rnd.pk)
    return render(request, "mentoring/round_participants.html", {
        "round": rnd, "participants": participants, "upload": upload, "problems": problems,
        "settings": rnd.effective_settings(),
    })


# ---------------------------------------------------------------------------
# Runs


@require_POST
@_require("mentoring.manage_round")
def run_start(request, pk: int):
    rnd = get_object_or_404(MatchingRound, pk=pk)
    try:
        run = domain.run_start(round=rnd, actor=request.user)
    except domain.RoundError as exc:
        _round_error(request, exc)
        return redirect("mentoring:round", pk=rnd.pk)
    return redirect("mentoring:run", pk=run.pk)


def _run(pk: int) -> MatchingRun:
    return get_object_or_404(MatchingRun.objects.select_related("round__programme", "previous"), pk=pk)


PAIRS_PER_PAGE = 50
PAIRS_QUERY_KEYS = ("q", "group", "sort", "page")


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


@_require("mentoring.view_round")
def run_detail(request, pk: int):
    run = _run(pk)
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
    }
    if request.htmx and not request.htmx.history_restore_request:
        response = render(request, "mentoring/round_run_pairs.html", context)
    else:
        response = render(request, "mentoring/round_run.html", {
            **context,
            "pair_count": run.proposals.count() if done else 0,
            "unmatched": [(u, UNMATCHED_WHY.get(u.why, u.why)) for u in queries.run_unmatched(run)],
            "changes": queries.run_changes(run) if done else None,
            "others": run.round.runs.filter(status=RunStatus.DONE).exclude(pk=run.pk).order_by("-number"),
            "stages": RunStage,
            **job_progress_context(run, **_run_progress_args(request, run)),
        })
    patch_vary_headers(response, ["HX-Request"])
    return response


@_require("mentoring.view_round")
def run_progress(request, pk: int):
    run = _run(pk)
    return job_progress_response(request, run, **_run_progress_args(request, run))


def _run_progress_args(request, run: MatchingRun) -> dict:
    return {"poll_url": reverse("mentoring:run_progress", args=[run.pk]),
            "cancel_url": reverse("mentoring:run_cancel", args=[run.pk]),
            "can_cancel": request.user.has_perm("mentoring.manage_round")}


@require_POST
@_require("mentoring.manage_round")
def run_cancel(request, pk: int):
    run = _run(pk)
    try:
        domain.run_cancel(run=run, actor=request.user)
    except domain.RoundError as exc:
        _round_error(request, exc)
    return redirect("mentoring:run", pk=run.pk)


@require_POST
@_require("mentoring.manage_round")
def pair_decide(request, pk: int):
    run = _run(pk)
    proposal = get_object_or_404(Proposal.objects.select_related("mentor", "mentee"), pk=request.POST.get("proposal"), run=run)
    action = request.POST.get("action")
    args = {"round": run.round, "mentor": proposal.mentor, "mentee": proposal.mentee}
    if action == "lock":
        domain.pair_lock(**args, actor=request.user)
    elif action == "forbid":
        domain.pair_forbid(**args, actor=request.user)
    elif action == "clear":
        domain.pair_decision_clear(**args)
    return _back_to_run(request, run)


@require_POST
@_require("mentoring.manage_round")
def pair_swap(request, pk: int):
    run = _run(pk)
    ids = request.POST.getlist("swap")
    if len(ids) != 2:
        messages.error(request, _("Choose exactly two pairs to swap their mentors."))
        return _back_to_run(request, run)
    first, second = (get_object_or_404(Proposal, pk=i, run=run) for i in ids)
    try:
        domain.pair_swap(first=first, second=second, actor=request.user)
    except domain.RoundError as exc:
        _round_error(request, exc)
    else:
        messages.success(request, _("The mentors were swapped: the new pairs are locked and the old ones forbidden. Re-run to apply."))
    return _back_to_run(request, run)


@_require("mentoring.view_round")
def run_compare(request, pk: int):
    run = _run(pk)
    other = get_object_or_404(MatchingRun, pk=request.GET.get("other"), round=run.round)
    return render(request, "mentoring/round_compare.html", {"round": run.round, "cmp": queries.runs_compare(run, other)})


@_require("mentoring.view_round")
def run_export(request, pk: int, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    run = _run(pk)
    data = pairs_export(run, fmt)
    kind = "text/csv; charset=utf-8" if fmt == "csv" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="round-{run.round.number}-run-{run.number}.{fmt}"'
    return response


@require_POST
@_require("mentoring.manage_round")
def run_publish(request, pk: int):
    run = _run(pk)
    try:
        pairings = domain.round_publish(round=run.round, run=run, actor=request.user)
    except domain.RoundError as exc:
        _round_error(request, exc)
        return redirect("mentoring:run", pk=run.pk)
    n = len(pairings)
    messages.success(
        request,
        ngettext(
            "%(n)s pair was published and both sides were notified.",
            "%(n)s pairs were published and both sides were notified.",
            n,
        ) % {"n": n},
    )
    return redirect("mentoring:round", pk=run.round_id)


@require_POST
@_require("mentoring.manage_round")
def pairing_rerun(request, pk: int):
    pairing = get_object_or_404(Pairing, pk=pk)
    try:
        run = domain.rerun_for_declined(pairing=pairing, actor=request.user)
    except domain.RoundError as exc:
        _round_error(request, exc)
        return redirect("mentoring:round", pk=pairing.round_id)
    return redirect("mentoring:run", pk=run.pk)


# ---------------------------------------------------------------------------
# Pairs, as the companies see them


@login_required
def pairing_list(request):
    pairings = queries.pairings_visible_to(request.user).order_by("-published_at", "pk")
    return render(request, "mentoring/pair_list.html", {"pairings": pairings, "org_id": request.user.organisation_id})


@login_required
def pairing_detail(request, pk: int):
    pairing = get_object_or_404(Pairing.objects.select_related("mentor", "mentee", "round__programme"), pk=pk)
    user = request.user
    if not user.has_perm("mentoring.view_pairing", pairing):
        raise PermissionDenied
    side = pairing.side_of(user.organisation_id) if user.role == "company_rep" else None
    form = RespondForm(request.POST or None)
    if request.method == "POST":
        if not user.has_perm("mentoring.respond_pairing", pairing):
            raise PermissionDenied
        if form.is_valid():
            try:
                domain.pairing_respond(pairing=pairing, side=side, accept=form.cleaned_data["accept"],
                                       reason=form.cleaned_data["reason"], actor=user)
            except domain.RoundError as exc:
                _round_error(request, exc)
            else:
                messages.success(request, _("Your answer was recorded."))
                return redirect("mentoring:pairing", pk=pairing.pk)
    can_see = user.has_perm("mentoring.view_partner_contacts", pairing)
    partner = None
    if side:
        partner = pairing.mentee if side == Side.MENTOR else pairing.mentor
    contacts = {}
    if can_see:
        for org in ([partner] if partner else [pairing.mentor, pairing.mentee]):
            contacts[org] = {
                "people": list(org.contacts.all()),
                "representatives": [u.email for u in org.representatives.filter(is_active=True) if u.email],
            }
    return render(request, "mentoring/pair_detail.html", {
        "pairing": pairing, "side": side, "partner": partner, "form": form,
        "reasons": queries.reasons_in(pairing.reasons),
        "can_respond": user.has_perm("mentoring.respond_pairing", pairing),
        "can_see_contacts": can_see, "contacts": contacts.items(),
        "statuses": PairingStatus,
    })


# ---------------------------------------------------------------------------
# Notifications


@login_required
def notification_list(request):
    items = list(queries.notifications_of(request.user)[:100])
    response = render(request, "mentoring/notification_list.html", {"notifications": items})
    queries.notifications_of(request.user).filter(read_at__isnull=True).update(read_at=timezone.now())
    return response

