"""The `Idempotency-Key` header of the API's creating requests: a request sent
again with the same key returns what the first one created (see
kizuna.common.submissions)."""

from __future__ import annotations

import uuid

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

HEADER = "Idempotency-Key"

IDEMPOTENCY_KEY = OpenApiParameter(
    HEADER, OpenApiTypes.UUID, OpenApiParameter.HEADER, required=False,
    description="A UUID made by the client for this request. Sent again with the same key (a retry after a "
                "timeout), the request returns what the first one created instead of creating it twice.",
)


def idempotency_key(request) -> uuid.UUID | None:
    """The request's Idempotency-Key as a UUID, None without one; a 400 naming the
    header when it is not a UUID."""
    raw = request.headers.get(HEADER, "").strip()
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise ValidationError({HEADER: [_("The Idempotency-Key header must be a UUID, not %(value)s.")
                                        % {"value": repr(raw[:60])}]}) from None
