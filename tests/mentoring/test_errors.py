"""The mentoring domain's errors: every code has a whole sentence in Thai and
Japanese, with the same placeholders as the English one."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from kizuna.mentoring.domain.errors import MentoringError
from kizuna.mentoring.domain.rounds import round_settings_clean
from kizuna.mentoring.phrases import ERRORS

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@pytest.mark.parametrize("lang", ["th", "ja"])
def test_every_mentoring_error_is_translated_with_the_same_placeholders(lang):
    untranslated = []
    for code, text in ERRORS.items():
        english = str(text)
        with translation.override(lang):
            translated = str(text)
        if translated == english or set(PLACEHOLDER.findall(translated)) != set(PLACEHOLDER.findall(english)):
            untranslated.append(code)
    assert untranslated == []


def test_bad_weights_are_a_coded_error_naming_the_engines_reason():
    with pytest.raises(MentoringError) as exc:
        round_settings_clean({"weights": {"text": -1}})
    assert (exc.value.code, str(exc.value)) == (
        "weights_invalid", "The matching weights cannot be used: affinity weight 'text' must not be negative, not -1",
    )
    with translation.override("ja"):
        assert str(exc.value).startswith("このマッチングの重みは使用できません：affinity weight 'text'")
