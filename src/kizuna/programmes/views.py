"""The page of one programme (thin: the query reads, rules decide who may)."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse

from kizuna.common.views import object_or_404, permission_required
from kizuna.programmes.enums import ProgrammeKind
from kizuna.programmes.queries import programme_detail

# The page of the app that runs a kind of programme, where that app exists. Columbus
# (startup matching) and Flex Campus (training) get theirs when their apps are built.
APP_PAGES = {ProgrammeKind.MENTORING: "mentoring:programme"}


def programme_app_url(programme) -> str:
    name = APP_PAGES.get(programme.kind)
    return reverse(name, args=[programme.code]) if name else ""


@permission_required("programmes.view_programme")
def programme_page(request, code: str):
    """A programme's description, phases, agencies and participants, and the way into
    the app that runs its work."""
    detail = object_or_404(programme_detail, code)
    return render(request, "programmes/programme_detail.html", {
        "detail": detail, "programme": detail.programme, "app_url": programme_app_url(detail.programme),
    })
