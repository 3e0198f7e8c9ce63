from django.contrib.auth.backends import BaseBackend

from kizuna.accounts.enums import Role


class OfficerBackend(BaseBackend):
    """Programme officers administer every Kizuna model (the Django admin included);
    everybody else gets exactly what the rules.py of each app grants."""

    def _is_officer(self, user) -> bool:
        return bool(user.is_active and getattr(user, "role", None) == Role.OFFICER)

    def has_perm(self, user_obj, perm, obj=None):
        return self._is_officer(user_obj)

    def has_module_perms(self, user_obj, app_label):
        return self._is_officer(user_obj)
