"""The error answers every operation of the API can give, added to the OpenAPI
schema once for all (a drf-spectacular post-processing hook) rather than on each
view:

- 403 on every operation: the API answers a visitor who is not signed in, and a
  user whom the rules refuse, with 403 `{"detail": …}` (session authentication
  comes first, so DRF never asks for credentials with a 401);
- 404 on every operation with a path parameter or a body: the object does not
  exist or is not the reader's to see, or a record the body names does not exist
  (api/errors.py);
- 400 on every operation that takes a body or query parameters: a field's
  problems (`{"field": ["…"]}`) or a domain error (`{"code", "detail", "errors"}`,
  api/errors.py);
- 429 on every operation: too many requests from this user or address in a
  minute (API throttling, docs/security.md); `Retry-After` says when to come back.

An operation that declares one of these statuses itself keeps its own; one that
declares another error status (404 on an operation without a path parameter, 409 …)
with a description only gets the error body here too.

And what every text the API takes may not hold: a control character (NUL, ESC …;
common/text.py), refused with a 400 in a query parameter
(common/middleware.py) and in a field of a body (the serializers). Every string
query or path parameter and every string field of a request body says so with a
`pattern`."""

from __future__ import annotations

from django import forms
from django.db import DatabaseError
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter

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


NO_CONTROL_CHARACTERS = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"


def _no_control_characters(schema: dict) -> None:
    """Give a string schema (and the strings inside an array or object schema) the pattern."""
    if not isinstance(schema, dict) or "$ref" in schema:
        return
    if schema.get("type") == "string" and "format" not in schema and "enum" not in schema:
        schema.setdefault("pattern", NO_CONTROL_CHARACTERS)
    _no_control_characters(schema.get("items"))
    for prop in schema.get("properties", {}).values():
        _no_control_characters(prop)


ERROR_BODIES = {"400": INVALID, "403": DETAIL, "404": DETAIL, "409": DETAIL, "410": DETAIL, "429": DETAIL}


def _one_of_body_required(operation: dict, components: dict) -> None:
    """A body that is one of several shapes (a PolymorphicProxySerializer, each shape with
    its required fields) is required: drf-spectacular leaves it optional."""
    body = operation.get("requestBody")
    if not body or body.get("required"):
        return
    for content in body.get("content", {}).values():
        ref = content.get("schema", {}).get("$ref", "")
        if ref and "oneOf" in components.get(ref.rsplit("/", 1)[1], {}):
            body["required"] = True


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
            if "{" in path or "requestBody" in operation:
                responses.setdefault("404", _response("No such object, or not yours to see; or a record the body names does not exist.", DETAIL))
            if "requestBody" in operation or any(p.get("in") == "query" for p in parameters):
                responses.setdefault("400", _response("The request is not valid.", INVALID))
            responses.setdefault("429", _response("Too many requests; try again after Retry-After seconds.", DETAIL))
            for code, response in responses.items():
                if code in ERROR_BODIES and "content" not in response:
                    response.update(_response(response.get("description", ""), ERROR_BODIES[code]))
            _one_of_body_required(operation, result["components"]["schemas"])
            for parameter in parameters:
                if parameter.get("in") in {"query", "path"}:
                    _no_control_characters(parameter.get("schema"))
    for name, schema in result["components"]["schemas"].items():
        if name.endswith("Request"):  # COMPONENT_SPLIT_REQUEST: what clients send
            _no_control_characters(schema)
    return result


# ------------------------------------------------------- query parameters of a form
def form_field_schema(field: forms.Field, *, choices: bool = True) -> dict:
    """The JSON schema of what `field` accepts in a query parameter: a choice's values
    (read when the schema is generated, so choices from the database are today's; not
    with choices=False), a text's length, a number's bounds, a date."""
    if isinstance(field, forms.ChoiceField) and choices:
        # "" (any) included when the field may be left empty: an enum is never empty
        return {"type": "string", "enum": [str(value) for value, _label in field.choices
                                           if value != "" or not field.required]}
    if isinstance(field, forms.IntegerField):
        schema = {"type": "integer"}
        if field.min_value is not None:
            schema["minimum"] = field.min_value
        if field.max_value is not None:
            schema["maximum"] = field.max_value
        return schema
    if isinstance(field, forms.DateField):
        return {"type": "string", "format": "date"}
    schema = {"type": "string"}
    if getattr(field, "max_length", None):
        schema["maxLength"] = field.max_length
    return schema


class FormQuerySchema(AutoSchema):
    """The schema of a view whose query parameters are validated by a Django form (the
    one its page uses): `query_form` on the view, for the actions in
    `query_form_actions` (default: list); each field's description from
    `query_descriptions`, else its help text or label. Whatever the form refuses (an
    unknown choice, a text too long, a number out of range) the schema says, so a
    request the schema allows is one the form accepts."""

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        form_class = getattr(self.view, "query_form", None)
        action = getattr(self.view, "action", None) or self.method.lower()
        if form_class is None or self.method != "GET" or action not in getattr(self.view, "query_form_actions", {"list"}):
            return parameters
        descriptions = getattr(self.view, "query_descriptions", {})
        try:
            fields, choices = form_class().fields, True
        except DatabaseError:  # no database to read the choices from (`check --deploy`)
            fields, choices = form_class.base_fields, False
        given = {p.name for p in parameters if isinstance(p, OpenApiParameter)}
        return [
            *(OpenApiParameter(name, form_field_schema(field, choices=choices), required=False,
                               description=str(descriptions.get(name) or field.help_text or field.label or ""))
              for name, field in fields.items() if name not in given),
            *parameters,
        ]
