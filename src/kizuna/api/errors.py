"""The API's exception handler: a domain error becomes a 400 with its code and
its sentence in the reader's language,

    {"code": "round_closed", "detail": "This round is closed.",
     "errors": [{"code": "round_closed", "detail": "This round is closed.", "field": null}]}

`code` and `detail` are those of the first problem (`detail` joins every
problem's sentence when there are several); `errors` lists each problem with the
input field it is about.

Two refusals are not "the request is malformed" (400), so that what the schema
allows is never answered with a 400 for the state of the records it names:

- a domain error whose first problem is in CONFLICTS (a request already filed or
  decided, a duplicate, records that do not allow the link asked for, a "version"
  in the language the text is written in) is a 409,
  with the same body;
- a body that names a record that does not exist (every problem a related field's
  `does_not_exist`) is a 404, `{"detail": …, "<field>": [...]}`, as an unknown
  record in the path is.

Every other exception goes to DRF's own handler."""

from __future__ import annotations

from django.http import JsonResponse
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from kizuna.common.errors import DomainError

CONFLICTS = frozenset({
    "erasure_already_requested", "erasure_request_decided",
    "clmv_mentor_not_thai", "clmv_mentor_no_plan", "clmv_mentee_not_clmv", "clmv_not_mentoring",
    "clmv_not_learned_from", "clmv_year", "clmv_duplicate",
    "text_version_same_language",
})


def domain_error_body(error: DomainError) -> dict:
    return {
        "code": error.code,
        "detail": str(error),
        "errors": [{"code": p.code, "detail": p.message, "field": p.field} for p in error.problems],
    }


def _missing_records(exc: ValidationError) -> dict | None:
    """The fields of `exc` when every problem is a record that does not exist."""
    if not isinstance(exc.detail, dict) or not exc.detail:
        return None
    codes = exc.get_codes()
    if all(isinstance(c, list) and c and all(code == "does_not_exist" for code in c) for c in codes.values()):
        return {name: [str(m) for m in messages] for name, messages in exc.detail.items()}
    return None


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        conflict = exc.problems[0].code in CONFLICTS
        return Response(domain_error_body(exc),
                        status=status.HTTP_409_CONFLICT if conflict else status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ValidationError) and (missing := _missing_records(exc)):
        detail = " ".join(m for messages in missing.values() for m in messages)
        return Response({"detail": detail, **missing}, status=status.HTTP_404_NOT_FOUND)
    return drf_exception_handler(exc, context)


def not_found(request, *args, **kwargs):
    """The answer to an /api/ address that names no endpoint (a technology code with a
    slash, a mistyped path …): the API's JSON 404 `{"code": "http_404", "detail": …}`, as
    the site's error handlers answer under /api/, not the site's HTML page; wired last
    in site/urls.py."""
    return JsonResponse({"code": "http_404", "detail": str(NotFound.default_detail)}, status=status.HTTP_404_NOT_FOUND)
