"""Forms of the round pages (thin: the domain checks the values again)."""

from __future__ import annotations

from dataclasses import fields as dc_fields

from django import forms
from django.utils.translation import gettext_lazy as _

from kizuna.engine.weights import AffinityWeights
from kizuna.mentoring.enums import EarlierPairs, Encoder
from kizuna.mentoring.models.rounds import (
    CUSTOM_PRESET,
    DEFAULT_ROUND_SETTINGS,
    WEIGHT_PRESETS,
    weight_preset_of,
)
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
# What each advanced setting does, in plain words (shown under the field).
WEIGHT_HELP = {
    "concepts": _("How much it counts that the mentor offers the technologies the SME needs."),
    "text": _("How much it counts that the two companies describe similar work."),
    "sentences": _("How much it counts that sentences of the SME's description find a close sentence in the mentor's."),
    "feedback": _("How much it counts that a mentor resembles the mentors that suit the SME best."),
    "industry": _("How much it counts that both companies are in the same or a related industry."),
    "language": _("How much it counts that both companies work in the same language."),
    "geography": _("How much it counts that the mentor works where the SME is or wants to go."),
    "boost": _("How much the boosts that officers give to chosen pairs count."),
    "hubness": _("Lowers mentors whose description is close to every SME's, so that they do not top every list (0: no correction)."),
    "hub_k": _("How many closest SMEs are used to tell whether a mentor resembles everyone."),
    "feedback_top": _("How many of the best-suited mentors are used for that comparison."),
    "industry_gate": _("A shared industry counts fully only once the mentor meets this much of the SME's need (0: always)."),
    "evidence_min": _("How close two sentences must be to be quoted as a reason."),
    "text_floor": _("Descriptions less similar than this count as unrelated. Blank: the value suited to the text comparison chosen above."),
    "broader_credit": _("What share counts when the mentor offers a broader or narrower technology than the one needed."),
    "described_credit": _("What share counts for a technology found only in the description, not in the list of technologies."),
    "related_industry": _("What share counts when the industries are related rather than the same."),
    "same_area": _("What share counts when both companies are in the same area (the EEC, or the same region)."),
    "reason_text_min": _("From how similar two descriptions are said to be close in meaning in the reasons."),
    "reason_text_related": _("From how similar two descriptions are said to touch on related topics in the reasons."),
}
BASIC_FIELDS = ("lo", "hi", "capacity", "fair", "encoder", "k", "earlier_pairs")


class RoundSettingsForm(forms.Form):
    lo = forms.IntegerField(label=_("Mentors per SME, at least"), min_value=0, initial=DEFAULT_ROUND_SETTINGS["lo"],
                            help_text=_("Each SME gets at least this many mentors, if enough mentors suit it."))
    hi = forms.IntegerField(label=_("Mentors per SME, at most"), min_value=0, initial=DEFAULT_ROUND_SETTINGS["hi"],
                            help_text=_("No SME gets more mentors than this."))
    capacity = forms.IntegerField(label=_("SMEs per mentor, at most (default)"), min_value=0,
                                  initial=DEFAULT_ROUND_SETTINGS["capacity"],
                                  help_text=_("No mentor gets more SMEs than this, unless the participants page gives that mentor its own limit."))
    fair = forms.BooleanField(label=_("Look after the weakest match first"), required=False,
                              help_text=_("When ticked, the matching first makes the weakest SME's match as good as it can be, "
                                          "then the total. When not ticked, it makes the total match score as high as it can be."))
    encoder = forms.ChoiceField(label=_("How descriptions are compared"), choices=Encoder.choices,
                                initial=DEFAULT_ROUND_SETTINGS["encoder"],
                                help_text=_("The multilingual sentence encoder reads a Thai description and a Japanese one and "
                                            "tells how close they are in meaning; the fast comparison only finds the same words."))
    k = forms.IntegerField(label=_("Candidates kept per participant"), min_value=1, max_value=500,
                           initial=DEFAULT_ROUND_SETTINGS["k"],
                           help_text=_("Only this many best-suited mentors of each SME (and SMEs of each mentor) are considered. "
                                       "More is slower and rarely changes the result."))
    preset = forms.ChoiceField(
        label=_("What counts most"), widget=forms.RadioSelect, initial=WEIGHT_PRESETS[0].code,
        choices=[*((p.code, p.label) for p in WEIGHT_PRESETS), (CUSTOM_PRESET, _("Custom (the advanced settings below)"))],
        help_text=_("Choose what matters most when mentors are matched to SMEs. The advanced settings are used only with “Custom”."),
    )
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
                help_text=WEIGHT_HELP.get(f.name, ""),
            )
        self.groups = list(IndustryGroup.objects.order_by("code"))
        for g in self.groups:
            self.fields[f"qmin_{g.code}"] = forms.IntegerField(min_value=0, required=False, label=_("Minimum pairs"))
            self.fields[f"qmax_{g.code}"] = forms.IntegerField(min_value=0, required=False, label=_("Maximum pairs"))
        if current and not self.is_bound:
            for key in BASIC_FIELDS:
                if key in current:
                    self.initial[key] = current[key]
            self.initial["preset"] = weight_preset_of(current.get("weights"))
            for name, value in (current.get("weights") or {}).items():
                self.initial[f"w_{name}"] = value
            for code, (low, high) in (current.get("quotas") or {}).items():
                self.initial[f"qmin_{code}"] = low
                self.initial[f"qmax_{code}"] = high

    def basic_fields(self):
        return [self[n] for n in BASIC_FIELDS]

    def presets(self):
        """(preset, its radio button) of each preset, and (None, button) for "custom"."""
        buttons = {b.data["value"]: b for b in self["preset"]}
        return [*((p, buttons[p.code]) for p in WEIGHT_PRESETS), (None, buttons[CUSTOM_PRESET])]

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

    def weights(self) -> dict:
        """The weights that differ from the defaults: the chosen preset's, or with
        "custom" the advanced fields' values."""
        data = self.cleaned_data
        preset = next((p for p in WEIGHT_PRESETS if p.code == data.get("preset")), None)
        if preset is not None:
            return dict(preset.weights)
        defaults = AffinityWeights()
        return {f.name: data[f"w_{f.name}"] for f in dc_fields(AffinityWeights)
                if data.get(f"w_{f.name}") is not None and data[f"w_{f.name}"] != getattr(defaults, f.name)}

    def settings(self) -> dict:
        data = self.cleaned_data
        quotas = {g.code: [data[f"qmin_{g.code}"], data[f"qmax_{g.code}"]] for g in self.groups
                  if data.get(f"qmin_{g.code}") is not None}
        return {"lo": data["lo"], "hi": data["hi"], "capacity": data["capacity"], "fair": data["fair"],
                "encoder": data["encoder"], "k": data["k"], "weights": self.weights(), "quotas": quotas,
                "earlier_pairs": data["earlier_pairs"]}


class RoundOpenForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.filter(kind=ProgrammeKind.MENTORING).order_by("-year", "code")
    )


class ParticipantsImportForm(forms.Form):
    file = forms.FileField(label=_("Participants file (XLSX or CSV)"))
