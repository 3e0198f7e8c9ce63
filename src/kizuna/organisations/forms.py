from django import forms
from django.utils.translation import gettext_lazy as _

from kizuna.common.i18n import LANGUAGE_CHOICES
from kizuna.organisations.domain import EDITABLE_FIELDS
from kizuna.organisations.enums import OrganisationKind, Region
from kizuna.organisations.models import Concept, Country, IndustryGroup, Organisation
from kizuna.organisations.queries import countries_with_organisations


def _choices(qs):
    return [("", _("All")), *((obj.pk if isinstance(obj, Country) else obj.code, obj.label()) for obj in qs)]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    industry_group = forms.ChoiceField(label=_("Industry group"), required=False)
    technology = forms.ChoiceField(label=_("Technology"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All")), *OrganisationKind.choices]
        self.fields["country"].choices = _choices(countries_with_organisations())
        self.fields["industry_group"].choices = _choices(IndustryGroup.objects.all())
        self.fields["technology"].choices = _choices(Concept.objects.all())
        self.fields["region"].choices = [
            ("", _("All")),
            ("eec", _("Eastern Economic Corridor (EEC)")),
            *Region.choices,
        ]


    def filters(self) -> dict[str, str]:
        """Keyword arguments for queries.organisation_directory from the fields that
        are valid (a bad value in one field does not drop the others)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": data.get("q", ""),
            **{name: data.get(name, "") for name in ("kind", "country", "industry_group", "technology", "region")},
        }


class OrganisationForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), choices=LANGUAGE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Organisation
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "technologies_offered": forms.SelectMultiple(attrs={"size": 8}),
            "technologies_needed": forms.SelectMultiple(attrs={"size": 8}),
            "countries_served": forms.SelectMultiple(attrs={"size": 6}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }
