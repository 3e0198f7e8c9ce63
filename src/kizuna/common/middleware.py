"""Query parameters with control characters are refused before any view reads them.

A NUL byte in `?search=` reached PostgreSQL, which cannot hold it in a text value,
and the request ended in a server error. Every view reads its parameters its own
way, so the check is made once here, after the language is chosen (the message is
in the reader's language): a 400 that names the parameter, as JSON under /api/ and
as the site's error page elsewhere.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import bad_request

from kizuna.common.text import first_control_character


def query_parameter_problem(params) -> tuple[str, str] | None:
    """(parameter, message) for the first parameter whose name or value holds a
    control character, or None."""
    for name, values in params.lists():
        for text in (name, *values):
            found = first_control_character(text)
            if found is not None:
                position, character = found
                shown = name if text is not name and first_control_character(name) is None else repr(name)
                return shown, _(
                    "The query parameter %(name)s holds an invisible control character (%(character)s) at "
                    "position %(position)d. Remove it and try again."
                ) % {"name": shown, "character": character, "position": position}
    return None


class ControlCharacterQueryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = query_parameter_problem(request.GET)
        if problem is None:
            return self.get_response(request)
        name, message = problem
        if request.path.startswith("/api/"):
            return JsonResponse({name: [message]}, status=400)
        return bad_request(request, ValueError(message))
