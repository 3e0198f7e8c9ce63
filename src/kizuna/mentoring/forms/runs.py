"""Forms of the run pages: the filters of a run's proposed pairs."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kizuna.organisations.models import IndustryGroup


class RunPairsFilterForm(forms.Form):
    """Filters of a run's proposed pairs: the SME's industry group, a word of
    either company's name, and the order."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    group = forms.ChoiceField(label=_("Industry group"), required=False)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=[
        ("score", _("Highest score first")),
        ("sme", _("By SME name")),
        ("mentor", _("By mentor name")),
    ])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", _("All")), *((g.code, g.label()) for g in IndustryGroup.objects.all())]

    def filters(self) -> dict[str, str]:
        """Keyword arguments of queries.runs.run_pairs (invalid values are ignored)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {"group": data.get("group") or "", "query": (data.get("q") or "").strip(),
                "sort": data.get("sort") or "score"}
