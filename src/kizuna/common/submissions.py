"""Sending a form twice (a double click, a reload) must not do its work twice.

Each form that creates something carries a hidden key made when the form is
drawn; the domain function stores it with what it created and, given the same key
again, returns that instead of creating a second one. The API takes the same key
from the `Idempotency-Key` header (kizuna.api.submissions)."""

from __future__ import annotations

import uuid

from django import forms


class SubmissionKeyField(forms.UUIDField):
    """The hidden key of one drawing of a form (a new one each time it is drawn)."""

    def __init__(self, **kwargs):
        super().__init__(**{"widget": forms.HiddenInput, "required": False, "initial": uuid.uuid4, **kwargs})
