"""Personal-data pages: a user's own data and erasure request; officers' export of
any person's data and the erasure requests to decide (thin: the domain does the
work, the rules in accounts/rules.py decide who may)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kizuna.accounts.domain import personal_data as domain
from kizuna.accounts.forms import ErasureFileForm, ErasureRefuseForm
from kizuna.accounts.models import ErasureRequest, ErasureStatus, User
from kizuna.accounts.queries import personal_data as queries
from kizuna.common.errors import DomainError
from kizuna.common.views import permission_required, show_domain_error
from kizuna.organisations.models import ContactPerson

KINDS = {"contact": ContactPerson, "user": User}


def _subject(kind: str, pk: int):
    if kind not in KINDS:
        raise Http404
    return get_object_or_404(KINDS[kind], pk=pk)


def _export_response(request, subject):
    data = domain.personal_data_export(subject=subject, actor=request.user)
    name = f"personal-data-{queries.subject_kind(subject)}-{subject.pk}"
    if request.GET.get("format") == "json":
        response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                                content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    else:
        response = render(request, "accounts/personal_data.html", {"data": data, "subject": subject})
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def mine(request):
    """The signed-in user's own data page, with their erasure request."""
    return render(request, "accounts/personal_data_mine.html", {
        "requests": queries.erasure_requests().filter(user=request.user),
        "erased": queries.erasure_of(request.user),
        "form": ErasureFileForm(),
    })


@require_GET
@login_required
def mine_export(request):
    return _export_response(request, request.user)


@require_GET
@login_required
def person_export(request, kind: str, pk: int):
    subject = _subject(kind, pk)
    if not request.user.has_perm("accounts.export_personal_data", subject):
        raise PermissionDenied
    return _export_response(request, subject)


@require_POST
@login_required
def erasure_file(request, kind: str, pk: int):
    """File an erasure request: a user for themselves, an officer for anyone."""
    subject = _subject(kind, pk)
    if not request.user.has_perm("accounts.request_erasure", subject):
        raise PermissionDenied
    form = ErasureFileForm(request.POST)
    back = "accounts:personal-data" if subject == request.user else "accounts:erasure-requests"
    if form.is_valid():
        try:
            domain.erasure_request_file(subject=subject, requested_by=request.user,
                                        reason=form.cleaned_data["reason"])
        except DomainError as error:
            show_domain_error(request, error)
        else:
            messages.success(request, _("The erasure request was filed; another officer will decide on it."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(back)


@require_GET
@permission_required("accounts.list_erasure_requests")
def erasure_requests(request):
    status = request.GET.get("status") or ""
    if status and status not in ErasureStatus.values:
        return HttpResponse(_("Unknown status %(value)s.") % {"value": status[:20]}, status=400)
    subject = None
    kind, number = request.GET.get("kind", ""), request.GET.get("id", "")
    if kind or number:  # an officer looks a person up to export or erase their data
        if kind not in KINDS or not number.isdigit() or len(number) > 12:
            return HttpResponse(_("Give the kind of person (contact or user) and their number."), status=400)
        subject = KINDS[kind].objects.filter(pk=int(number)).first()
        if subject is None:
            messages.error(request, _("There is no %(kind)s with the number %(number)s.") % {
                "kind": KINDS[kind]._meta.verbose_name, "number": number})
    return render(request, "accounts/erasure_requests.html", {
        "subject": subject, "subject_kind": kind, "subject_erased": queries.erasure_of(subject) if subject else None,
        "requests": queries.erasure_requests(status=status or None)[:200],
        "status": status, "statuses": ErasureStatus.choices,
        "form": ErasureFileForm(), "refuse_form": ErasureRefuseForm(),
    })


def _request_lookup(request, pk: int):
    return get_object_or_404(ErasureRequest, pk=pk)


@require_POST
@permission_required("accounts.decide_erasure", _request_lookup)
def erasure_approve(request, pk: int):
    try:
        done = domain.erasure_request_approve(request=request.permission_object, actor=request.user)
    except DomainError as error:
        show_domain_error(request, error)
    else:
        messages.success(request, _("The personal data of %(name)s was erased.") % {"name": str(done.subject)})
    return redirect("accounts:erasure-requests")


@require_POST
@permission_required("accounts.decide_erasure", _request_lookup)
def erasure_refuse(request, pk: int):
    form = ErasureRefuseForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        domain.erasure_request_refuse(request=request.permission_object, actor=request.user, note=note)
    except DomainError as error:
        show_domain_error(request, error)
    else:
        messages.success(request, _("The erasure request was refused."))
    return redirect("accounts:erasure-requests")
