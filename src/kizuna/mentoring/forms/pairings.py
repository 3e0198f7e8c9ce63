"""Forms of the pair pages: a side's answer."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class RespondForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Your answer"), choices=[("1", _("Accept")), ("0", _("Decline"))], coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason (required when declining)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("accept") is False and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Please give a reason for declining."))
        return data
