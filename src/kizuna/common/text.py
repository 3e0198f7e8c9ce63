"""Control characters: refused on input, removed on output.

A control character (NUL, BEL, ESC … and the C1 range, plus the code points XML
cannot hold) is never meant in a name or a description: it comes from a damaged
file or a copy from a terminal, and it breaks XML-based outputs (XLSX, SVG, the
PDF's text) or confuses whoever reads the value. Tab, line feed and carriage
return are ordinary text and are kept.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def control_character_name(char: str) -> str:
    """U+001B and the like: how a message names an invisible character."""
    return f"U+{ord(char):04X}"


def first_control_character(text: str) -> tuple[int, str] | None:
    """(1-based position, its code point such as U+001B) of the first control character of `text`, or None."""
    found = CONTROL_CHARACTERS.search(text)
    if found is None:
        return None
    return found.start() + 1, control_character_name(found.group())


def control_character_message(text: str) -> str | None:
    """Why `text` is refused, in the active language, or None when it is clean."""
    found = first_control_character(text)
    if found is None:
        return None
    position, name = found
    return _(
        "The text holds an invisible control character (%(character)s) at position %(position)d. "
        "Remove it (retype the text or paste it as plain text) and try again."
    ) % {"character": name, "position": position}


def validate_no_control_characters(value) -> None:
    """A form and model field validator."""
    if isinstance(value, str):
        message = control_character_message(value)
        if message:
            raise ValidationError(message, code="control_character")


def without_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


def control_characters_shown(text: str) -> str:
    """`text` with each control character written as its code point in brackets ([U+001B]), to show in a message."""
    return CONTROL_CHARACTERS.sub(lambda m: f"[{control_character_name(m.group())}]", text)
