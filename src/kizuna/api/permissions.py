"""The API's one permission class: the django-rules permissions of each app's
rules.py, named per action by the view."""

from __future__ import annotations

from rest_framework.permissions import BasePermission


class RulesPermission(BasePermission):
    """Checks the rules permissions a view names per action (a viewset's action,
    or the HTTP method in lower case for a plain APIView):

    - `rules_permissions`: checked before the object is looked up (a 403 first);
    - `rules_object_permissions`: checked on the object the view looks up (after
      its 404).

    An action named in neither is refused, so that a new action is not open by
    oversight."""

    def _action(self, request, view) -> str:
        return getattr(view, "action", None) or request.method.lower()

    def has_permission(self, request, view) -> bool:
        action = self._action(request, view)
        perm = getattr(view, "rules_permissions", {}).get(action)
        if perm is not None:
            return request.user.has_perm(perm)
        return action in getattr(view, "rules_object_permissions", {}) and request.user.is_authenticated

    def has_object_permission(self, request, view, obj) -> bool:
        perm = getattr(view, "rules_object_permissions", {}).get(self._action(request, view))
        return perm is None or request.user.has_perm(perm, obj)
