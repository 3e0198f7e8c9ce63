from django.contrib.auth.backends import BaseBackend

from kizuna.accounts.enums import OFFICER_ROLES


class OfficerBackend(BaseBackend):
    """Programme officers and administrators administer every Kizuna model (the Django
    admin included, where accounts/admin.py keeps permissions to administrators);
    everybody else gets exactly what the rules in accounts/rules.py grant."""

    def _is_officer(self, user) -> bool:
        return bool(user.is_active and getattr(user, "role", None) in OFFICER_ROLES)

    def has_perm(self, user_obj, perm, obj=None):
        return self._is_officer(user_obj)

    def has_module_perms(self, user_obj, app_label):
        return self._is_officer(user_obj)
