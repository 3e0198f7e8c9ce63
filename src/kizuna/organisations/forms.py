from django import forms
from django.utils.translation import gettext_lazy as _

from kizuna.common.i18n import LANGUAGE_CHOICES
from kizuna.common.text import validate_no_control_characters
from kizuna.organisations.domain import EDITABLE_FIELDS, editable_fields
from kizuna.organisations.enums import OrganisationKind, Region
from kizuna.organisations.models import Concept, Country, IndustryGroup, Organisation
from kizuna.organisations.queries import countries_with_organisations, search_terms_of

# A search is cut to these bounds before it reaches the database: each word is one
# more condition, and a thousand of them overflow SQLite's expression tree.
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_WORDS = 12


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

    def clean_q(self) -> str:
        query = self.cleaned_data.get("q", "")
        if len(query) > MAX_SEARCH_LENGTH:
            raise forms.ValidationError(
                _("Search for at most %(max)d characters; this search has %(count)d.")
                % {"max": MAX_SEARCH_LENGTH, "count": len(query)},
                code="max_length",
            )
        words = len(search_terms_of(query))
        if words > MAX_SEARCH_WORDS:
            raise forms.ValidationError(
                _("Search for at most %(max)d words; this search has %(count)d.")
                % {"max": MAX_SEARCH_WORDS, "count": words},
                code="max_words",
            )
        return query

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

    def __init__(self, *args, actor, **kwargs):
        """The fields `actor` may change (organisations.domain.editable_fields), no others."""
        super().__init__(*args, **kwargs)
        allowed = editable_fields(actor)
        for name in [n for n in self.fields if n not in allowed]:
            del self.fields[name]
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(validate_no_control_characters)
