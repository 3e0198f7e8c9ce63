"""Pages of matching rounds: the list (and opening one), a round, its settings
and its participants (thin: domain functions do the work, rules decide who may)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kizuna.common.errors import DomainError
from kizuna.common.views import object_or_404, permission_required, show_domain_error
from kizuna.mentoring.domain import rounds as domain
from kizuna.mentoring.enums import RunStatus
from kizuna.mentoring.forms.rounds import ParticipantsImportForm, RoundOpenForm, RoundSettingsForm
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
    return render(request, "mentoring/round_settings.html", {"round": rnd, "form": form})


def _participant_changes(post, participants) -> list[dict]:
    """The participants' table as posted: included, capacity, minimum and maximum."""

    def number(field: str, pk: int) -> int | None:
        value = post.get(f"{field}_{pk}", "").strip()
        return int(value) if value.isdigit() else None

    return [{"id": p.pk, "included": post.get(f"included_{p.pk}") == "on",
             "capacity": number("capacity", p.pk), "lo": number("lo", p.pk), "hi": number("hi", p.pk)}
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
        "settings": rnd.effective_settings(),
    })
