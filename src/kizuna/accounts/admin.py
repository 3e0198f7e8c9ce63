from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from kizuna.accounts.models import User

# What only an administrator may set: who may do what.
PERMISSION_FIELDS = ("role", "is_staff", "is_superuser", "groups", "user_permissions")


def _administers(request) -> bool:
    return bool(request.user.is_active and request.user.is_administrator)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Officers look after accounts (names, e-mail, organisation, language, active,
    passwords of ordinary users); roles, staff and superuser status, groups and
    permissions are for administrators, and so are the accounts of administrators,
    superusers and other officers."""

    list_display = ("username", "email", "role", "organisation", "language", "is_active")
    list_filter = ("role", "language", "is_active")
    fieldsets = BaseUserAdmin.fieldsets + ((_("Kizuna"), {"fields": ("role", "organisation", "language")}),)
    autocomplete_fields = ("organisation",)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if _administers(request):
            return readonly
        return (*readonly, *PERMISSION_FIELDS)

    def _may_manage(self, request, obj) -> bool:
        return obj is None or _administers(request) or not (obj.is_officer or obj.is_staff)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_manage(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_manage(request, obj)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(BaseGroupAdmin):
    """Groups carry permissions: administrators only."""

    def has_module_permission(self, request):
        return _administers(request)

    def has_view_permission(self, request, obj=None):
        return _administers(request)

    def has_add_permission(self, request):
        return _administers(request)

    def has_change_permission(self, request, obj=None):
        return _administers(request)

    def has_delete_permission(self, request, obj=None):
        return _administers(request)
