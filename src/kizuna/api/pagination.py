"""Pages of API lists: `limit` and `offset` are checked, never passed on blindly.

A `limit` above MAX_PAGE_SIZE is cut to it (the response's `next` link goes on
from there); a `limit` or `offset` that is not a whole number in range is a 400
that names the parameter, instead of a database error.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_OFFSET = 1_000_000_000


def _whole_number(request, name: str, *, low: int, high: int | None) -> int | None:
    """The parameter `name` as an int from `low` to `high` (None: no upper bound, and
    a number too long to matter is read as 10**12)."""
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    text = raw.strip()
    value = (int(text) if len(text) <= 12 else 10**12) if text.isascii() and text.isdigit() else -1
    if value < low or (high is not None and value > high):
        if high is None:
            message = _("%(parameter)s must be a whole number of at least %(low)d, not “%(value)s”.")
        else:
            message = _("%(parameter)s must be a whole number from %(low)d to %(high)d, not “%(value)s”.")
        raise ValidationError(
            {name: [message % {"parameter": name, "low": low, "high": high or 0, "value": raw[:40]}]}
        )
    return value


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    default_limit = DEFAULT_PAGE_SIZE
    max_limit = MAX_PAGE_SIZE

    def get_limit(self, request):
        value = _whole_number(request, self.limit_query_param, low=1, high=None)
        return self.default_limit if value is None else min(value, self.max_limit)

    def get_offset(self, request):
        value = _whole_number(request, self.offset_query_param, low=0, high=MAX_OFFSET)
        return value or 0

    def get_schema_operation_parameters(self, view):
        """DRF's two parameters with the bounds checked above, so that the schema says
        which numbers are refused."""
        bounds = {self.limit_query_param: {"minimum": 1}, self.offset_query_param: {"minimum": 0, "maximum": MAX_OFFSET}}
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
            if parameter["name"] == self.limit_query_param:
                parameter["description"] = (f"Number of results to return per page (at most {self.max_limit}; "
                                            "a larger number is cut to it).")
        return parameters
