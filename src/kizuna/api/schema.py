"""The error answers every operation of the API can give, added to the OpenAPI
schema once for all (a drf-spectacular post-processing hook) rather than on each
view:

- 403 on every operation: the API answers a visitor who is not signed in, and a
  user whom the rules refuse, with 403 `{"detail": …}` (session authentication
  comes first, so DRF never asks for credentials with a 401);
- 404 on every operation with a path parameter: the object does not exist or is
  not the reader's to see;
- 400 on every operation that takes a body or query parameters: a field's
  problems (`{"field": ["…"]}`) or a domain error (`{"code", "detail", "errors"}`,
  api/errors.py);
- 429 on every operation: too many requests from this user or address in a
  minute (API throttling, docs/security.md); `Retry-After` says when to come back.

An operation that declares one of these statuses itself keeps its own."""

from __future__ import annotations

DETAIL = "ErrorDetail"
INVALID = "InvalidRequest"

COMPONENTS = {
    DETAIL: {
        "type": "object",
        "description": "Why the request was refused, in the reader's language.",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    INVALID: {
        "type": "object",
        "description": (
            "The problems of the request: for each field, its messages; or a domain error with "
            "its code, its sentence and each problem with the input field it is about."
        ),
        "additionalProperties": True,
    },
}


def _response(description: str, component: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
    }


def error_responses_add(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOKS entry: document 400, 403, 404 and 429."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(COMPONENTS)
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            parameters = operation.get("parameters", [])
            responses.setdefault("403", _response("Not signed in, or not allowed.", DETAIL))
            if "{" in path:
                responses.setdefault("404", _response("No such object, or not yours to see.", DETAIL))
            if "requestBody" in operation or any(p.get("in") == "query" for p in parameters):
                responses.setdefault("400", _response("The request is not valid.", INVALID))
            responses.setdefault("429", _response("Too many requests; try again after Retry-After seconds.", DETAIL))
    return result
