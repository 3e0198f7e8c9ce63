from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from kizuna.common.i18n import (
    BE_OFFSET,
    LANGUAGE_NAMES,
    current_language,
    format_date,
    format_datetime,
)
from kizuna.common.linebreaks import thai_wrap_html

register = template.Library()


@register.filter
def localdate(value, style: str = ""):
    """A date as the reader writes it (Buddhist Era and Thai month names in Thai)."""
    return format_date(value, short=style == "short")


@register.filter
def localdatetime(value):
    """A date and time as the reader writes them (Buddhist Era in Thai)."""
    return format_datetime(value)


@register.filter
def region(value):
    """Where an organisation is, in the reader's language: its Thai province, or a
    place abroad by the name the reader uses (Organisation.region_display)."""
    method = getattr(value, "region_display", None)
    return method(current_language()) if callable(method) else ""


@register.filter
def year(value):
    """A year as the reader writes it: B.E. in Thai (2561 for 2018)."""
    if value in (None, ""):
        return ""
    return int(value) + BE_OFFSET if current_language() == "th" else value


@register.filter
def language_names(codes):
    return ", ".join(str(LANGUAGE_NAMES.get(c, c)) for c in codes or [])


@register.filter
def display_name(value, style: str = ""):
    """An organisation's name in a script the reader reads (Organisation.display_name):
    `{{ org|display_name }}` in titles and sentences, `{{ org|display_name:"own" }}` with the
    name as written beside it where space allows. Anything without names shows as itself."""
    if value in (None, ""):
        return ""
    method = getattr(value, "display_name", None)
    if not callable(method):
        return str(value)
    return method(current_language(), own=style == "own")


@register.tag("thai_words")
def do_thai_words(parser, token):
    """`{% thai_words %}…{% endthai_words %}`: Thai text inside breaks between words
    only (common/linebreaks.py)."""
    nodelist = parser.parse(("endthai_words",))
    parser.delete_first_token()
    return ThaiWordsNode(nodelist)


class ThaiWordsNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return thai_wrap_html(self.nodelist.render(context))


@register.filter(is_safe=True)
def thai_words(value):
    """A text or name whose Thai breaks between words only (escaped first)."""
    return mark_safe(thai_wrap_html(str(conditional_escape(value))))
