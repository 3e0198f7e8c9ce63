"""The form that gives a free text in another language (organisations/texts.py)."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kizuna.common.errors import DomainError
from kizuna.common.views import show_domain_error
from kizuna.organisations.domain import text_version_save
from kizuna.organisations.texts import translatable_get


def text_record(model_key: str, pk: str, field: str):
    """The record whose `field` may be given in other languages, or 404."""
    kind = translatable_get(model_key or "", field or "")
    if kind is None:
        raise Http404
    try:
        model = apps.get_model(model_key)
    except (LookupError, ValueError):
        raise Http404 from None
    return get_object_or_404(model, pk=pk) if str(pk).isdigit() else None


@login_required
@require_POST
def text_version(request):
    record = text_record(request.POST.get("model", ""), request.POST.get("pk", ""), request.POST.get("field", ""))
    if record is None:
        raise Http404
    try:
        saved = text_version_save(record=record, field=request.POST["field"], language=request.POST.get("language", ""),
                                  text=request.POST.get("text", ""), actor=request.user)
    except DomainError as error:
        show_domain_error(request, error)
    else:
        messages.success(request, _("The version in this language was saved.") if saved is not None
                         else _("The version in this language was removed."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/"
    return redirect(target)
