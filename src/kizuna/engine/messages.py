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
    if lang == "th":
        return thai_spaced(texts[lang], params)
    return texts[lang] % params


_THAI = "\u0e00-\u0e7f"
_OPEN, _CLOSE = "\x02", "\x03"  # marks where a named value (%(name)s) starts and ends in a sentence
_SPACE_BEFORE = re.compile(rf"([{_THAI}]){_OPEN}(?=[^\s{_THAI}{_CLOSE}])")
_SPACE_AFTER = re.compile(rf"(?<=[^\s{_THAI}{_OPEN}]){_CLOSE}(?=[{_THAI}])")


def thai_spaced(template: str, params: Mapping[str, object]) -> str:
    """`template % params` for a Thai sentence, with the space that Thai writing puts
    between Thai text and a name, word or number in another script: "ตั้งอยู่ที่ Tokyo",
    "ต้องการ IoT ซึ่ง", but "ตั้งอยู่ที่สมุทรปราการ" (Thai next to Thai runs on)."""
    marked = {k: f"{_OPEN}{v}{_CLOSE}" if isinstance(v, str) else v for k, v in params.items()}
    text = template % marked
    text = _SPACE_BEFORE.sub(rf"\1 {_OPEN}", text)
    text = _SPACE_AFTER.sub(f"{_CLOSE} ", text)
    return text.replace(_OPEN, "").replace(_CLOSE, "")


def catalogue() -> Mapping[str, Mapping[str, str]]:
    return dict(_CATALOGUE)
