from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kizuna.accounts.domain import UnknownLanguage, user_language_set
from kizuna.accounts.middleware import UserLanguageMiddleware
from kizuna.common.i18n import LANGUAGES


@require_POST
def language_set(request):
    """The language switcher: remembered in a cookie and the session, and saved as
    the user's preference when they are signed in."""
    language = request.POST.get("language", "")
    if language not in LANGUAGES:
        return HttpResponseBadRequest(_("Unknown language. Choose th, ja or en."))
    if request.user.is_authenticated:
        try:
            user_language_set(user=request.user, language=language)
        except UnknownLanguage:  # pragma: no cover - checked above
            return HttpResponseBadRequest()
    request.session[UserLanguageMiddleware.SESSION_KEY] = language
    translation.activate(language)
    next_url = request.POST.get("next") or request.META.get("HTTP_REFERER") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax")
    return response
