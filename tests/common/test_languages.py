from django.conf import settings

from kizuna.common import i18n
from kizuna.engine import messages, text


def test_engine_apps_and_settings_read_the_one_list_of_languages():
    assert text.LANGUAGES == ("th", "ja", "en")
    assert i18n.LANGUAGES is text.LANGUAGES
    assert messages.LANGUAGES is text.LANGUAGES
    assert settings.LANGUAGES == [("th", "ไทย"), ("ja", "日本語"), ("en", "English")]
    assert [code for code, _name in i18n.LANGUAGE_CHOICES] == list(text.LANGUAGES)
