"""`{% reader_text record "field" %}`: a free text as the reader can read it (the
original, then the author's version in the reader's language or a gist of it), with
the form for its author to give it in another language (organisations/texts.py)."""

from django import template

from kizuna.common.i18n import LANGUAGE_CHOICES
from kizuna.organisations.queries import reader_text as reader_text_of
from kizuna.organisations.texts import key_of, translatable_get

register = template.Library()


@register.inclusion_tag("organisations/_reader_text.html", takes_context=True)
def reader_text(context, record, field: str, language: str | None = None):
    request = context.get("request")
    user = getattr(request, "user", None)
    kind = translatable_get(key_of(record), field)
    shown = reader_text_of(record, field, language=language or None)
    may_write = bool(user is not None and user.is_authenticated and kind is not None and shown.original
                     and kind.may_write(user, record))
    return {
        "rt": shown,
        "record": record,
        "model": key_of(record),
        "field": field,
        "may_write": may_write,
        "languages": [(code, name) for code, name in LANGUAGE_CHOICES if code != shown.language],
        "next": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
    }
