"""Makes each request the audit context (kizuna.audit.context) and writes the
views of contact details it recorded once its answer is ready."""

from __future__ import annotations

from kizuna.audit import context


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with context.in_request(request):
            response = self.get_response(request)
            if response.status_code < 400:  # shown: the contact details reached the reader
                context.flush()
            return response
