import rules
from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import BaseBackend

from kizuna.accounts.enums import OFFICER_ROLES


class OfficerBackend(BaseBackend):
    """Programme officers and administrators administer every Kizuna model (the Django
    admin included, where accounts/admin.py keeps permissions to administrators);
    everybody else gets exactly what the rules.py of each app grants."""

    def _is_officer(self, user) -> bool:
        return bool(user.is_active and getattr(user, "role", None) in OFFICER_ROLES)

    def has_perm(self, user_obj, perm, obj=None):
        # a permission declared in an app's rules.py is decided by its rule alone (the
        # rules backend): some are a company's own act, such as answering its pair,
        # that no role may take in its place (#9: officers saw the answer form)
        if rules.perm_exists(perm):
            return False
        return self._is_officer(user_obj)

    def has_module_perms(self, user_obj, app_label):
        return self._is_officer(user_obj)


class SignInLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout, first among the backends. A sign-in over the network
    always comes with its request (the sign-in page, the admin, the API's basic
    auth); `authenticate()` without one (a script, `Client.login` in tests) has no
    address to count and is passed on to the other backends unchanged."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
