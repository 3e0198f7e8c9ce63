from django.contrib import admin

from kizuna.programmes.models import Participation, Phase, Programme


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("code", "kind", "name_en", "year")
    inlines = [PhaseInline]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ("organisation", "programme", "role")
    list_filter = ("programme", "role")
    autocomplete_fields = ("organisation",)
