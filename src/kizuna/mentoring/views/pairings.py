"""Pages of published pairs as the companies see them (answer, partner's
contacts), the officer's re-run for a declined pair, and notifications (thin:
domain functions do the work, rules decide who may)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from kizuna.common.errors import DomainError
from kizuna.common.views import by_pk, object_or_404, permission_required, show_domain_error
from kizuna.mentoring.domain import pairings as domain
from kizuna.mentoring.enums import PairingStatus, Side
from kizuna.mentoring.forms.pairings import RespondForm
from kizuna.mentoring.queries import pairings as queries
from kizuna.mentoring.queries.rounds import reasons_in
from kizuna.mentoring.strength import pair_strength, weights_scale


@permission_required("mentoring.list_pairings")
def pairing_list(request):
    pairings = queries.pairings_visible_to(request.user).order_by("-published_at", "pk")
    return render(request, "mentoring/pair_list.html", {"pairings": pairings, "org_id": request.user.organisation_id})


@permission_required("mentoring.view_pairing", lookup=by_pk(queries.pairing_get))
def pairing_detail(request, pk: int):
    pairing = request.permission_object
    user = request.user
    side = queries.reader_side(pairing, user)
    form = RespondForm(request.POST or None)
    if request.method == "POST":
        if not user.has_perm("mentoring.respond_pairing", pairing):
            raise PermissionDenied
        if form.is_valid():
            try:
                domain.pairing_respond(pairing=pairing, side=side, accept=form.cleaned_data["accept"],
                                       reason=form.cleaned_data["reason"], actor=user)
            except DomainError as exc:
                show_domain_error(request, exc)
            else:
                messages.success(request, _("Your answer was recorded."))
                return redirect("mentoring:pairing", pk=pairing.pk)
    partner = None
    if side:
        partner = pairing.mentee if side == Side.MENTOR else pairing.mentor
    run_settings = (pairing.run.settings or {}) if pairing.run_id else {}
    return render(request, "mentoring/pair_detail.html", {
        "pairing": pairing, "side": side, "partner": partner, "form": form,
        "status_label": pairing.status_label(side),
        "reasons": reasons_in(pairing.reasons),
        "strength": pair_strength(pairing, settings=run_settings),
        "strength_scale": weights_scale(run_settings.get("weights")),
        "show_score": user.has_perm("mentoring.view_round"),  # officers and ministry viewers, not companies
        "can_respond": user.has_perm("mentoring.respond_pairing", pairing),
        "can_see_contacts": user.has_perm("mentoring.view_partner_contacts", pairing),
        "contacts": [(c.organisation, c) for c in queries.pairing_contacts(pairing=pairing, viewer=user)],
        "statuses": PairingStatus,
    })


@require_POST
@permission_required("mentoring.manage_round")
def pairing_rerun(request, pk: int):
    pairing = object_or_404(queries.pairing_get, pk)
    try:
        run = domain.rerun_for_declined(pairing=pairing, actor=request.user)
    except DomainError as exc:
        show_domain_error(request, exc)
        return redirect("mentoring:round", pk=pairing.round_id)
    return redirect("mentoring:run", pk=run.pk)


@permission_required("mentoring.view_notifications")
def notification_list(request):
    """The user's latest notifications; showing the list marks none read (each is read
    when opened, or all at once with the button)."""
    items = list(queries.notifications_of(request.user)[:100])
    return render(request, "mentoring/notification_list.html", {
        "notifications": items, "unread": sum(1 for n in items if n.read_at is None),
    })


@require_GET
@permission_required("mentoring.view_notifications")
def notification_open(request, pk: int):
    """Open one notification: it is marked read and the reader goes to what it is about."""
    notification = object_or_404(queries.notification_of, request.user, pk)
    domain.notification_read(notification=notification)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("mentoring:notifications")
    return redirect(target)


@require_POST
@permission_required("mentoring.view_notifications")
def notifications_read_all(request):
    read = domain.notifications_mark_read(user=request.user)
    if read:
        messages.success(request, ngettext("%(count)d notification was marked read.",
                                           "%(count)d notifications were marked read.", read) % {"count": read})
    return redirect("mentoring:notifications")
