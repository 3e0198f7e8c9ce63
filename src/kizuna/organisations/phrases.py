"""Whole sentences of the organisations app's domain errors, by code."""

from django.utils.translation import gettext_lazy as _

ERRORS = {
    "text_version_unknown": _("No text “%(name)s” of this kind can be given in another language."),
    "text_version_forbidden": _("You may not give this text in another language."),
    "text_version_language": _("“%(value)s” is not a language of Kizuna; choose Thai (th), Japanese (ja) or English (en)."),
    "text_version_same_language": _("The text is already written in this language; choose another language."),
    "text_version_control": _("The text contains a control character; remove it and try again."),
}
