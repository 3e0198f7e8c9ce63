from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from kizuna.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "role", "organisation", "language", "is_active")
    list_filter = ("role", "language", "is_active")
    fieldsets = BaseUserAdmin.fieldsets + ((_("Kizuna"), {"fields": ("role", "organisation", "language")}),)
    autocomplete_fields = ("organisation",)
