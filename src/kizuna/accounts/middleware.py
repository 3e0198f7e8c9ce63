"""Which language a request is served in.

Order of precedence: the language a signed-in user saved, then the switcher's
cookie, then the browser's Accept-Language (Django's LocaleMiddleware).
"""

from django.conf import settings
from django.utils import translation


class UserLanguageMiddleware:
    """Runs before LocaleMiddleware: copies the saved preference of a signed-in user
    (read from the session, where sign-in and the switcher keep it) into the
    language cookie that LocaleMiddleware reads."""

    SESSION_KEY = "kizuna_language"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lang = request.session.get(self.SESSION_KEY) if hasattr(request, "session") else None
        if lang and lang in dict(settings.LANGUAGES):
            request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = lang
        return self.get_response(request)


class SavedLanguageMiddleware:
    """Runs after authentication: a signed-in user's saved language wins over the
    browser's, and is remembered in the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            if request.session.get(UserLanguageMiddleware.SESSION_KEY) != user.language:
                request.session[UserLanguageMiddleware.SESSION_KEY] = user.language
            if translation.get_language() != user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
        return self.get_response(request)
