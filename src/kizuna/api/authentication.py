"""HTTP basic auth for the API behind the same sign-in lockout as the pages.

django-axes marks a locked-out attempt on the request object that `authenticate()`
receives, which for DRF is its own Request wrapper; AxesMiddleware looks at
Django's HttpRequest. This class passes the mark on, so that a locked-out API
client gets the same 429 answer as the sign-in page.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BasicAuthentication
from rest_framework.exceptions import AuthenticationFailed

from kizuna.common.text import first_control_character


class LockoutBasicAuthentication(BasicAuthentication):
    def authenticate_credentials(self, userid, password, request=None):
        if first_control_character(userid) or first_control_character(password):
            # no user name or password holds one; the lockout's records (and PostgreSQL) cannot hold a NUL
            raise AuthenticationFailed(_("Invalid username/password."))
        try:
            return super().authenticate_credentials(userid, password, request)
        except AuthenticationFailed:
            if request is not None and getattr(request, "axes_locked_out", False):
                django_request = request._request
                django_request.axes_locked_out = True
                django_request.axes_credentials = getattr(request, "axes_credentials", None)
            raise


class LockoutBasicScheme(OpenApiAuthenticationExtension):
    """The OpenAPI schema shows LockoutBasicAuthentication as plain HTTP basic auth."""

    target_class = LockoutBasicAuthentication
    name = "basicAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "basic"}
