"""Sentences the engine produces (reasons, warnings), in Thai, Japanese and English.

The engine never imports Django, so it cannot use the site's gettext catalogues;
its sentences live here instead, each a whole sentence per language with named
placeholders (never assembled from fragments). A module registers its own table:

    REASONS = register({
        "shared_concept": {
            "en": "Both work on %(concept)s.",
            "th": "ทั้งสองฝ่ายทำงานด้าน %(concept)s",
            "ja": "双方とも%(concept)sに取り組んでいます。",
        },
    })

and renders with `render("shared_concept", "ja", concept=...)`. A test checks that
every registered code has all three languages and the same placeholders in each.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kizuna.engine.text import LANGUAGES

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")
_CATALOGUE: dict[str, Mapping[str, str]] = {}


class MessageError(KeyError):
    """An unknown message code or language."""


def register(table: Mapping[str, Mapping[str, str]]) -> Mapping[str, Mapping[str, str]]:
    for code, texts in table.items():
        if code in _CATALOGUE and _CATALOGUE[code] != texts:
            raise MessageError(f"message code {code!r} registered twice with different texts")
        missing = [lang for lang in LANGUAGES if not texts.get(lang)]
        if missing:
            raise MessageError(f"message {code!r} lacks {', '.join(missing)}")
        _CATALOGUE[code] = texts
    return table


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def render(code: str, lang: str, /, **params: object) -> str:
    try:
        texts = _CATALOGUE[code]
    except KeyError:
        raise MessageError(f"unknown message code {code!r}") from None
    if lang not in LANGUAGES:
        raise MessageError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return texts[lang] % params


def catalogue() -> Mapping[str, Mapping[str, str]]:
    return dict(_CATALOGUE)
