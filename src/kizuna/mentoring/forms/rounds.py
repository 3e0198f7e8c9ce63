"""Forms of the round pages (thin: the domain checks the values again)."""

from __future__ import annotations

from dataclasses import fields as dc_fields

from django import forms
from django.utils.translation import gettext_lazy as _

from kizuna.engine.affinity import AffinityWeights
from kizuna.mentoring.enums import EarlierPairs, Encoder
from kizuna.mentoring.models.rounds import DEFAULT_ROUND_SETTINGS
from kizuna.organisations.models import IndustryGroup
from kizuna.programmes.enums import ProgrammeKind
from kizuna.programmes.models import Programme

WEIGHT_LABELS = {
    "concepts": _("Weight: technologies needed and offered"),
    "text": _("Weight: similar descriptions"),
    "industry": _("Weight: industry fit"),
    "language": _("Weight: shared working language"),
    "geography": _("Weight: markets and location"),
    "boost": _("Weight: officers' boosts"),
    "text_floor": _("Description similarity counted from"),
    "described_credit": _("Credit for a technology found only in the description"),
    "reason_text_related": _("Description similarity that is given as related topics"),
    "broader_credit": _("Credit for a broader or narrower technology"),
    "related_industry": _("Credit for a related industry"),
    "same_area": _("Credit for the same area"),
    "reason_text_min": _("Description similarity that is given as a reason"),
    "sentences": _("Weight: matching sentences"),
    "feedback": _("Weight: close to the best providers found"),
    "hubness": _("Correction for providers that resemble everyone"),
    "hub_k": _("Neighbours that measure resembling everyone"),
    "feedback_top": _("Best providers used for comparison"),
    "industry_gate": _("Need met from which a shared industry counts fully"),
    "evidence_min": _("Sentence similarity that is quoted as evidence"),
}


class RoundSettingsForm(forms.Form):
    lo = forms.IntegerField(label=_("Mentors per SME, at least"), min_value=0, initial=DEFAULT_ROUND_SETTINGS["lo"])
    hi = forms.IntegerField(label=_("Mentors per SME, at most"), min_value=0, initial=DEFAULT_ROUND_SETTINGS["hi"])
    capacity = forms.IntegerField(label=_("SMEs per mentor, at most (default)"), min_value=0,
                                  initial=DEFAULT_ROUND_SETTINGS["capacity"])
    fair = forms.BooleanField(label=_("Fairness: first raise the worst-off SME's score"), required=False)
    encoder = forms.ChoiceField(label=_("Text similarity"), choices=Encoder.choices, initial=DEFAULT_ROUND_SETTINGS["encoder"])
    k = forms.IntegerField(label=_("Candidates kept per participant"), min_value=1, max_value=500,
                           initial=DEFAULT_ROUND_SETTINGS["k"])
    earlier_pairs = forms.ChoiceField(
        label=_("Pairs from the programme's other rounds"), choices=EarlierPairs.choices,
        initial=DEFAULT_ROUND_SETTINGS["earlier_pairs"], widget=forms.RadioSelect,
        help_text=_("Pairs already proposed, accepted or with a plan in progress in another round are never proposed "
                    "again. Counting them keeps each SME and mentor within its limits across rounds."),
    )

    def __init__(self, *args, round_settings: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        defaults = AffinityWeights()
        current = round_settings or {}
        for f in dc_fields(AffinityWeights):
            self.fields[f"w_{f.name}"] = forms.FloatField(
                label=WEIGHT_LABELS.get(f.name, f.name), min_value=0, initial=getattr(defaults, f.name), required=False,
                help_text=_("Blank: the default.") if getattr(defaults, f.name) is None else "",
            )
        self.groups = list(IndustryGroup.objects.order_by("code"))
        for g in self.groups:
            self.fields[f"qmin_{g.code}"] = forms.IntegerField(min_value=0, required=False, label=_("Minimum pairs"))
            self.fields[f"qmax_{g.code}"] = forms.IntegerField(min_value=0, required=False, label=_("Maximum pairs"))
        if current and not self.is_bound:
            for key in ("lo", "hi", "capacity", "fair", "encoder", "k", "earlier_pairs"):
                if key in current:
                    self.initial[key] = current[key]
            for name, value in (current.get("weights") or {}).items():
                self.initial[f"w_{name}"] = value
            for code, (low, high) in (current.get("quotas") or {}).items():
                self.initial[f"qmin_{code}"] = low
                self.initial[f"qmax_{code}"] = high

    def basic_fields(self):
        return [self[n] for n in ("lo", "hi", "capacity", "fair", "encoder", "k", "earlier_pairs")]

    def weight_fields(self):
        return [self[f"w_{f.name}"] for f in dc_fields(AffinityWeights)]

    def quota_rows(self):
        return [(g, self[f"qmin_{g.code}"], self[f"qmax_{g.code}"]) for g in self.groups]

    def clean(self):
        data = super().clean()
        for g in self.groups:
            low, high = data.get(f"qmin_{g.code}"), data.get(f"qmax_{g.code}")
            if (low is None) != (high is None):
                self.add_error(f"qmax_{g.code}", _("Give both the minimum and the maximum, or neither."))
            elif low is not None and low > high:
                self.add_error(f"qmax_{g.code}", _("The maximum must not be below the minimum."))
        if data.get("lo") is not None and data.get("hi") is not None and data["lo"] > data["hi"]:
            self.add_error("hi", _("The maximum must not be below the minimum."))
        return data

    def settings(self) -> dict:
        data = self.cleaned_data
        defaults = AffinityWeights()
        weights = {f.name: data[f"w_{f.name}"] for f in dc_fields(AffinityWeights)
                   if data.get(f"w_{f.name}") is not None and data[f"w_{f.name}"] != getattr(defaults, f.name)}
        quotas = {g.code: [data[f"qmin_{g.code}"], data[f"qmax_{g.code}"]] for g in self.groups
                  if data.get(f"qmin_{g.code}") is not None}
        return {"lo": data["lo"], "hi": data["hi"], "capacity": data["capacity"], "fair": data["fair"],
                "encoder": data["encoder"], "k": data["k"], "weights": weights, "quotas": quotas,
                "earlier_pairs": data["earlier_pairs"]}


class RoundOpenForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.filter(kind=ProgrammeKind.MENTORING).order_by("-year", "code")
    )


class ParticipantsImportForm(forms.Form):
    file = forms.FileField(label=_("Participants file (XLSX or CSV)"))
