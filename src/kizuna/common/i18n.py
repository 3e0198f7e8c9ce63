"""Language helpers: the three languages, picking a text in the reader's language,
and Thai Buddhist Era dates."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kizuna.engine.text import LANGUAGES

# Each language by its own name, as the language switcher and the forms show it.
NATIVE_NAMES = {"th": "ไทย", "ja": "日本語", "en": "English"}
LANGUAGE_CHOICES = [(code, NATIVE_NAMES[code]) for code in LANGUAGES]
BE_OFFSET = 543

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)


def current_language() -> str:
    lang = (translation.get_language() or "en")[:2]
    return lang if lang in LANGUAGES else "en"


def pick(texts: dict[str, str] | None, lang: str | None = None, fallback: str = "") -> str:
    """The text in `lang` (default: the active language), else English, else any."""
    if not texts:
        return fallback
    lang = lang or current_language()
    for candidate in (lang, "en", *LANGUAGES):
        if texts.get(candidate):
            return texts[candidate]
    return fallback


def format_date(value: dt.date | dt.datetime | None, lang: str | None = None, *, short: bool = False) -> str:
    """A date as a reader of `lang` writes it: Thai with Buddhist Era year and Thai
    month name (25 มีนาคม 2561), Japanese 2018年3月25日, English 25 March 2018."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    lang = lang or current_language()
    if lang == "th":
        months = THAI_MONTHS_SHORT if short else THAI_MONTHS
        return f"{value.day} {months[value.month - 1]} {value.year + BE_OFFSET}"
    if lang == "ja":
        return f"{value.year}年{value.month}月{value.day}日"
    return value.strftime("%-d %b %Y" if short else "%-d %B %Y")


def format_datetime(value: dt.datetime | None, lang: str | None = None) -> str:
    """A moment in the site's time zone as a reader of `lang` writes it: the date as
    `format_date` gives it (Buddhist Era in Thai) and the time on the 24-hour clock,
    "10 พฤษภาคม 2569 09:00 น.", "2026年5月10日 9:00", "10 May 2026, 09:00"."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    lang = lang or current_language()
    day = format_date(value, lang)
    if lang == "th":
        return f"{day} {value:%H:%M} น."
    if lang == "ja":
        return f"{day} {value.hour}:{value:%M}"
    return f"{day}, {value:%H:%M}"


class YearError(ValueError):
    pass


def parse_year(value: int) -> int:
    """A year written in the Common Era or the Buddhist Era (2561 = 2018)."""
    if 2400 <= value <= 2700:
        return value - BE_OFFSET
    if 1800 <= value <= 2200:
        return value
    raise YearError(value)


_DATE_FORMS = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"),
    re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"),
    re.compile(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})"),
)


def parse_date(text: str) -> dt.date:
    """YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY, with a CE or BE year; raises ValueError.

    The year is turned into CE before the day is checked: 29/02/2563 (BE) is
    29 February 2020, although 2563 itself would not be a leap year."""
    text = (text or "").strip()
    for form in _DATE_FORMS:
        found = form.fullmatch(text)
        if found is None:
            continue
        try:
            year = parse_year(int(found["y"]))
        except YearError:
            raise ValueError(text) from None
        return dt.date(year, int(found["m"]), int(found["d"]))
    raise ValueError(text)


LANGUAGE_NAMES = {"th": _("Thai"), "ja": _("Japanese"), "en": _("English")}
