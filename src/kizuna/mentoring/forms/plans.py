"""Forms of the plan pages: they shape input; the domain functions validate it."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kizuna.common.i18n import parse_date
from kizuna.common.submissions import SubmissionKeyField
from kizuna.mentoring.queries.plans import clmv_mentee_candidates, clmv_mentor_candidates
from kizuna.organisations.models import Concept, IndustryGroup, Organisation


class LocalDateField(forms.DateField):
    """A date written YYYY-MM-DD or DD/MM/YYYY, with a Common Era or Buddhist Era year."""

    widget = forms.DateInput(attrs={"type": "date"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if hasattr(value, "year"):
            return value
        try:
            return parse_date(str(value))
        except ValueError:
            raise ValidationError(
                _("Enter a date as YYYY-MM-DD or DD/MM/YYYY (a Buddhist Era year such as 2561 is fine)."),
                code="invalid",
            ) from None


def concept_choices():
    return Concept.objects.order_by("code")


class ConceptMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label()


class MilestoneDoneForm(forms.Form):
    done_on = LocalDateField(label=_("Done on"), required=False)


class MilestoneAddForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due = LocalDateField(label=_("Due date"))
    submission_key = SubmissionKeyField()


class GoalsForm(forms.Form):
    goals = ConceptMultipleChoiceField(label=_("Goals"), queryset=Concept.objects.none(), required=False,
                                       widget=forms.SelectMultiple(attrs={"size": 8}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = concept_choices()


class UpdateForm(forms.Form):
    text = forms.CharField(label=_("What has happened since the last update?"), widget=forms.Textarea(attrs={"rows": 3}),
                           required=False)
    attachment = forms.FileField(label=_("Attachment (PDF, PNG, JPEG, XLSX, DOCX or PPTX, at most 10 MB)"), required=False)
    submission_key = SubmissionKeyField()


class OutcomeForm(forms.Form):
    technologies = ConceptMultipleChoiceField(label=_("Technologies adopted"), queryset=Concept.objects.none(),
                                              required=False, widget=forms.SelectMultiple(attrs={"size": 6}))
    productivity_name = forms.CharField(label=_("Productivity figure"), max_length=200, required=False)
    productivity_unit = forms.CharField(label=_("Unit"), max_length=50, required=False)
    productivity_before = forms.DecimalField(label=_("Before"), required=False, max_digits=14, decimal_places=2)
    productivity_after = forms.DecimalField(label=_("After"), required=False, max_digits=14, decimal_places=2)
    investment_thb = forms.DecimalField(label=_("Investment (THB)"), required=False, max_digits=14, decimal_places=2)
    jobs_created = forms.IntegerField(label=_("Jobs created"), required=False)
    jobs_retained = forms.IntegerField(label=_("Jobs retained"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["technologies"].queryset = concept_choices()


class OrganisationChoiceField(forms.ModelChoiceField):
    """Offers the organisations of `queryset`, but reads any organisation sent, so
    that one not offered (an old page, a hand-made request) is refused by the domain
    with a sentence naming it and what is accepted, not with "Select a valid choice"."""

    def label_from_instance(self, obj):
        return f"{obj.display_name()} ({obj.country_id})"

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return Organisation.objects.select_related("country").get(pk=value)
        except (ValueError, TypeError, Organisation.DoesNotExist):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": value}) from None


class CLMVLinkForm(forms.Form):
    mentor = OrganisationChoiceField(
        label=_("Thai SME (mentor)"), queryset=Organisation.objects.none(),
        help_text=_("Thai companies that completed a technology-transfer plan as an SME in Big Brother."))
    mentee = OrganisationChoiceField(
        label=_("Company in Cambodia, Laos, Myanmar or Vietnam"), queryset=Organisation.objects.none(),
        help_text=_("Companies registered in Cambodia, Laos, Myanmar or Vietnam."))
    learned_from = OrganisationChoiceField(label=_("Japanese mentor it learned from"), required=False,
                                           queryset=Organisation.objects.none())
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = clmv_mentor_candidates()
        self.fields["mentee"].queryset = clmv_mentee_candidates()
        self.fields["learned_from"].queryset = Organisation.objects.filter(country_id="JP").order_by("name")


class OverdueFilterForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Industry group"), queryset=IndustryGroup.objects.none(), required=False,
                                   empty_label=_("All industry groups"))
    sort = forms.ChoiceField(label=_("Order"), required=False,
                             choices=[("-days", _("Most overdue first")), ("days", _("Least overdue first"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = IndustryGroup.objects.order_by("code")
