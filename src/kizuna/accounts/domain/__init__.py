from __future__ import annotations

from kizuna.accounts.models import User
from kizuna.common.i18n import LANGUAGES


class UnknownLanguage(ValueError):
    pass


def user_language_set(*, user: User, language: str) -> None:
    """Save `language` as the user's preference (it then wins over the browser's)."""
    if language not in LANGUAGES:
        raise UnknownLanguage(language)
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
