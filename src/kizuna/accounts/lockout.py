"""What a locked-out sign-in gets back (django-axes calls `lockout_response`).

Pages get the "sign-in paused" page, API clients a JSON body; both a 429 with
Retry-After, so that scripts back off instead of trying on.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext


def _cooloff_minutes() -> int:
    return max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_message(minutes: int) -> str:
    return ngettext(
        "Too many wrong passwords for this account or from this address. Try again in "
        "%(minutes)d minute, or ask a programme officer to unlock the account.",
        "Too many wrong passwords for this account or from this address. Try again in "
        "%(minutes)d minutes, or ask a programme officer to unlock the account.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    minutes = _cooloff_minutes()
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": lockout_message(minutes)}, status=429)
    else:
        response = render(
            request, "accounts/locked_out.html", {"message": lockout_message(minutes)}, status=429
        )
    response["Retry-After"] = str(minutes * 60)
    return response
