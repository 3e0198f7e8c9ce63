"""The audit log's filters, shared by the page and the API (which reads the same
query parameters and answers a 400 naming the bad one)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kizuna.audit.queries import ACTIONS, EntryFilter, object_types

ACTION_CHOICES = [
    ("", _("any action")),
    ("create", _("created")),
    ("update", _("changed")),
    ("delete", _("deleted")),
    ("access", _("viewed contact details")),
]


def _type_choices():
    return [("", _("any kind"))] + [
        (label, model._meta.verbose_name) for label, model in sorted(object_types().items())
    ]


class EntryFilterForm(forms.Form):
    actor = forms.CharField(label=_("Who"), required=False, max_length=150)
    object_type = forms.ChoiceField(label=_("Kind of record"), required=False, choices=_type_choices)
    object_id = forms.IntegerField(label=_("Record number"), required=False, min_value=1,
                                   max_value=2**62)
    object = forms.CharField(label=_("Name of the record"), required=False, max_length=200)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=ACTION_CHOICES)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date must not be before the start date."))
        return data

    def entry_filter(self) -> EntryFilter:
        """The filter of a valid form (an unbound form: no filter)."""
        if not self.is_bound:
            return EntryFilter()
        d = self.cleaned_data
        assert not d.get("action") or d["action"] in ACTIONS
        return EntryFilter(actor=d["actor"].strip(), object_type=d["object_type"], object_id=d["object_id"],
                           object=d["object"].strip(), action=d["action"], since=d["since"], until=d["until"])
