"""Pages of matching rounds: the list (and opening one), a round, its settings
and its participants (thin: domain functions do the work, rules decide who may)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kizuna.common.errors import DomainError
from kizuna.common.views import object_or_404, permission_required, show_domain_error
from kizuna.engine.weights import AffinityWeights
from kizuna.mentoring.domain import decisions as decisions_domain
from kizuna.mentoring.domain import rounds as domain
from kizuna.mentoring.enums import RunStatus
from kizuna.mentoring.forms.rounds import ParticipantsImportForm, RoundOpenForm, RoundSettingsForm
from kizuna.mentoring.models.rounds import weight_preset_find
from kizuna.mentoring.queries import decisions as decision_queries
from kizuna.mentoring.queries import rounds as queries
from kizuna.mentoring.sheets_rounds import ParticipantsImportError, round_participants_import


@permission_required("mentoring.view_round")
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
    return render(request, "mentoring/round_list.html", {
        "rounds": queries.mentoring_rounds(), "form": form,
        "can_manage": request.user.has_perm("mentoring.manage_round"),
    })


@permission_required("mentoring.view_round")
def round_detail(request, pk: int):
    rnd = object_or_404(queries.round_get, pk)
    runs = queries.round_runs(rnd)
    return render(request, "mentoring/round_detail.html", {
        "round": rnd,
        "settings": rnd.effective_settings(),
        "preset": weight_preset_find(rnd.effective_settings()["weights"]),
        "runs": runs,
        "finished": [r for r in runs if r.status == RunStatus.DONE],
        "counts": queries.round_side_counts(rnd),
        "decisions": queries.round_decisions(rnd),
        "pairings": list(queries.round_pairings(rnd)),
        "declined": queries.round_declined_pairings(rnd),
        "can_manage": request.user.has_perm("mentoring.manage_round"),
    })


@permission_required("mentoring.manage_round")
def round_settings(request, pk: int):
    rnd = object_or_404(queries.round_get, pk)
    form = RoundSettingsForm(request.POST or None, round_settings=rnd.effective_settings())
    if request.method == "POST" and form.is_valid():
        try:
            domain.round_settings_set(round=rnd, settings=form.settings())
        except DomainError as exc:
            show_domain_error(request, exc)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect("mentoring:round", pk=rnd.pk)
    fit = decision_queries.weight_fit_latest(programme=rnd.programme)
    current = AffinityWeights.from_dict(rnd.effective_settings()["weights"] or {}).to_dict()
    return render(request, "mentoring/round_settings.html", {
        "round": rnd, "form": form, "fit": fit,
        "fit_rows": decision_queries.weight_fit_rows(fit, current) if fit and fit.usable else [],
        "fit_shortfall": decisions_domain.weight_fit_shortfall(fit) if fit and not fit.usable else "",
    })


@require_POST
@permission_required("mentoring.manage_round")
def round_weights_fit(request, pk: int):
    """Fit the weights to the programme's decisions now (a few thousand take about a second)."""
    rnd = object_or_404(queries.round_get, pk)
    fit = decisions_domain.weights_fit_record(programme=rnd.programme, actor=request.user)
    if fit.usable:
        messages.success(request, _("The weights were fitted to %(decisions)d decisions.") % {"decisions": fit.decisions})
    else:
        messages.warning(request, decisions_domain.weight_fit_shortfall(fit))
    return redirect("mentoring:round_settings", pk=rnd.pk)


@require_POST
@permission_required("mentoring.manage_round")
def round_weights_adopt(request, pk: int, fit: int):
    """Copy a fit's weights into the round's settings; the next runs use and keep them."""
    rnd = object_or_404(queries.round_get, pk)
    found = object_or_404(decision_queries.weight_fit_get, fit)
    try:
        decisions_domain.round_weights_adopt(round=rnd, fit=found, actor=request.user)
    except DomainError as exc:
        show_domain_error(request, exc)
    else:
        messages.success(request, _("The fitted weights were adopted for this round; the next run uses them."))
    return redirect("mentoring:round_settings", pk=rnd.pk)


def _participant_changes(post, participants) -> list[dict]:
    """The participants' table as posted: included, capacity, minimum and maximum."""

    def number(field: str, pk: int) -> int | None:
        value = post.get(f"{field}_{pk}", "").strip()
        return int(value) if value.isdigit() else None

    return [{"id": p.pk, "included": post.get(f"included_{p.pk}") == "on",
             "capacity": number("capacity", p.pk), "lo": number("lo", p.pk), "hi": number("hi", p.pk),
             "open_to_all": post.get(f"open_to_all_{p.pk}") == "on"}
            for p in participants]


@permission_required("mentoring.manage_round")
def round_participants(request, pk: int):
    rnd = object_or_404(queries.round_get, pk)
    participants = queries.round_participants(rnd)
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
        try:
            domain.round_participants_update(round=rnd, changes=_participant_changes(request.POST, participants))
        except DomainError as exc:
            show_domain_error(request, exc)
        else:
            messages.success(request, _("The participants were saved."))
            return redirect("mentoring:round", pk=rnd.pk)
    return render(request, "mentoring/round_participants.html", {
        "round": rnd, "participants": participants, "upload": upload, "problems": problems,
        "settings": rnd.effective_settings(), "clmv_mentors": queries.round_clmv_mentors(rnd),
    })
