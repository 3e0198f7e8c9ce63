"""The API's exception handler: a domain error becomes a 400 with its code and
its sentence in the reader's language,

    {"code": "round_closed", "detail": "This round is closed.",
     "errors": [{"code": "round_closed", "detail": "This round is closed.", "field": null}]}

`code` and `detail` are those of the first problem (`detail` joins every
problem's sentence when there are several); `errors` lists each problem with the
input field it is about. Every other exception goes to DRF's own handler."""

from __future__ import annotations

from django.http import JsonResponse
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from kizuna.common.errors import DomainError


def domain_error_body(error: DomainError) -> dict:
    return {
        "code": error.code,
        "detail": str(error),
        "errors": [{"code": p.code, "detail": p.message, "field": p.field} for p in error.problems],
    }


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response(domain_error_body(exc), status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)


def not_found(request, *args, **kwargs):
    """The answer to an /api/ address that names no endpoint (a technology code with a
    slash, a mistyped path …): the API's JSON 404 `{"detail": …}`, not the site's HTML
    page; wired last in site/urls.py."""
    return JsonResponse({"detail": str(NotFound.default_detail)}, status=status.HTTP_404_NOT_FOUND)
