from django.contrib import admin

from kizuna.organisations.models import (
    Concept,
    ContactPerson,
    Country,
    IndustryGroup,
    Organisation,
    Province,
)


class ContactInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "country", "industry_group", "province")
    list_filter = ("kind", "country", "industry_group")
    search_fields = ("name", "name_en", "name_th", "name_ja", "external_id")
    autocomplete_fields = ("technologies_offered", "technologies_needed", "countries_served")
    inlines = [ContactInline]


@admin.register(IndustryGroup)
class IndustryGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "label_th", "label_ja", "label_en")
    search_fields = ("code", "label_th", "label_ja", "label_en")
    filter_horizontal = ("related_concepts",)


@admin.register(Concept)
class ConceptAdmin(admin.ModelAdmin):
    list_display = ("code", "domain", "label_th", "label_ja", "label_en")
    list_filter = ("domain",)
    search_fields = ("code", "label_th", "label_ja", "label_en")


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "label_th", "label_en", "region", "eec")
    list_filter = ("region", "eec")


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("code", "label_th", "label_ja", "label_en", "clmv", "asean")
    search_fields = ("code", "label_en")
