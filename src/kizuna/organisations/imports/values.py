"""The values of an organisation spreadsheet's cells: reference data looked up by
code or by any of its names in Thai, Japanese or English, and each kind of cell
turned into the value it stands for, or a reason in the officer's language."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kizuna.common import identifiers
from kizuna.common.i18n import BE_OFFSET, LANGUAGES, YearError, parse_date, parse_year
from kizuna.common.tables import FormulaWithoutValue, cell_text
from kizuna.common.text import control_character_message, control_characters_shown
from kizuna.organisations.enums import OrganisationKind, OrganisationSize
from kizuna.organisations.imports.columns import (
    KIND_NAMES,
    LANGUAGE_NAMES,
    NO_WORDS,
    SIZE_NAMES,
    YES_WORDS,
)
from kizuna.organisations.models import (
    Concept,
    ContactPerson,
    Country,
    IndustryGroup,
    Organisation,
    Province,
    registration_problem_message,
)


def name_key(text: str) -> str:
    """A value name reduced for lookup: NFKC, case folded, spaces folded."""
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


# ---------------------------------------------------------------------------
# Reference data lookups


class Lookup:
    """Finds reference objects by code or by any of their names."""

    def __init__(self, objects: Iterable, names: Callable[[object], Iterable[str]], variants=None):
        self.variants = variants or (lambda key: [key])
        self.index: dict[str, list] = {}
        self.objects = list(objects)
        for obj in self.objects:
            for name in names(obj):
                for key in self.variants(name_key(name)):
                    if key:
                        entries = self.index.setdefault(key, [])
                        if obj not in entries:
                            entries.append(obj)

    def find(self, text: str) -> list:
        for key in self.variants(name_key(text)):
            if key in self.index:
                return self.index[key]
        return []

    def unique(self, text: str, obj) -> bool:
        return self.find(text) == [obj]

    def suggestion(self, text: str) -> str:
        close = difflib.get_close_matches(name_key(text), list(self.index), n=1, cutoff=0.75)
        return close[0] if close else ""


def _labels(obj) -> list[str]:
    return [obj.code, obj.label_th, obj.label_ja, obj.label_en]


def _synonyms(concept: Concept) -> list[str]:
    value = concept.synonyms or {}
    items = value.values() if isinstance(value, dict) else [value]
    out = []
    for item in items:
        out.extend([item] if isinstance(item, str) else list(item))
    return out


def _choice_names(names: dict[str, dict], choices) -> Callable[[str], list[str]]:
    labels = dict(choices)

    def of(code: str) -> list[str]:
        translated = []
        for lang in LANGUAGES:
            with translation.override(lang):
                translated.append(str(labels[code]))
        entry = names[code]
        return [code, entry["en"], entry["th"], entry["ja"], *entry["more"], *translated]

    return of


def _province_variants(key: str) -> list[str]:
    out = [key]
    for prefix in ("จังหวัด", "จ."):
        if key.startswith(prefix):
            out.append(key.removeprefix(prefix).strip())
    for suffix in (" province", "県", "都"):
        if key.endswith(suffix):
            out.append(key.removesuffix(suffix).strip())
    return out


def _group_variants(key: str) -> list[str]:
    out = [key]
    short = (
        key.removeprefix("กลุ่มอุตสาหกรรม").removesuffix(" industry club").removesuffix("部会").strip()
    )
    if short and short != key:
        out.append(short)
    return out


def _country_variants(key: str) -> list[str]:
    return [key, key.removeprefix("ประเทศ").strip()] if key.startswith("ประเทศ") else [key]


COUNTRY_ALIASES = {
    "TH": ("ประเทศไทย", "Kingdom of Thailand", "タイ王国", "THA"),
    "JP": ("日本国", "Nippon", "JPN"),
    "VN": ("Viet Nam", "VNM"),
    "LA": ("Lao PDR", "Lao People's Democratic Republic", "Laos", "LAO"),
    "MM": ("Burma", "MMR"),
    "KH": ("Kampuchea", "KHM"),
    "US": ("USA", "United States of America"),
    "GB": ("UK", "United Kingdom"),
    "KR": ("South Korea", "Korea", "Republic of Korea"),
}
PROVINCE_ALIASES = {"TH-10": ("กรุงเทพฯ", "กรุงเทพ", "กทม", "กทม.", "Krung Thep")}


class Reference:
    """All lookups an import or export needs, loaded once."""

    def __init__(self) -> None:
        self.countries = Lookup(
            Country.objects.all(),
            lambda c: [*_labels(c), *COUNTRY_ALIASES.get(c.code, ())],
            _country_variants,
        )
        self.groups = Lookup(IndustryGroup.objects.all(), _labels, _group_variants)
        self.concepts = Lookup(Concept.objects.all(), lambda c: [*_labels(c), *_synonyms(c)])
        self.provinces = Lookup(
            Province.objects.all(),
            lambda p: [*_labels(p), *PROVINCE_ALIASES.get(p.code, ())],
            _province_variants,
        )
        self.kinds = Lookup(
            OrganisationKind.values, _choice_names(KIND_NAMES, OrganisationKind.choices)
        )
        self.sizes = Lookup(
            OrganisationSize.values, _choice_names(SIZE_NAMES, OrganisationSize.choices)
        )
        self.languages = Lookup(
            LANGUAGES,
            lambda code: [
                code,
                *(v for k, v in LANGUAGE_NAMES[code].items() if k != "more"),
                *LANGUAGE_NAMES[code]["more"],
            ],
        )
        self.yes_no = Lookup([True, False], lambda v: YES_WORDS if v else NO_WORDS)


# ---------------------------------------------------------------------------
# Cells

_LIST_SPLIT = re.compile(r"[;；、\n]")


class BadValue(Exception):
    """A cell that cannot be read, with the reason in the active language."""

    def __init__(self, message: str, value: str | None = None):
        super().__init__(message)
        self.message = message
        self.value = value
        self.more: list[BadValue] = []  # further bad items of the same list cell


def max_length(name: str, model=Organisation) -> int:
    return model._meta.get_field(name).max_length


# Reasons for a value that is not in a list, translated only when a row fails.
UNKNOWN_KIND = gettext_lazy(
    "“%(value)s” is not a kind of organisation. Write one of: %(accepted)s."
)
UNKNOWN_SIZE = gettext_lazy("“%(value)s” is not a size. Write one of: %(accepted)s.")
UNKNOWN_GROUP = gettext_lazy(
    "“%(value)s” is not one of the industry groups. Write a code or a Thai, Japanese or English name from the list of industry groups: %(accepted)s."
)
UNKNOWN_PROVINCE = gettext_lazy(
    "“%(value)s” is not a Thai province. Write its ISO code (such as TH-20) or its name in Thai, Japanese or English."
)
UNKNOWN_TECHNOLOGY = gettext_lazy(
    "“%(value)s” is not a technology of the Kizuna taxonomy. Write a code, or a Thai, Japanese or English name or synonym, from the list of technologies on the import page (also in docs/import.md)."
)
NOT_YES_OR_NO = gettext_lazy(
    "“%(value)s” is not yes or no. Write yes or no (ใช่ or ไม่, はい or いいえ), or leave the cell empty when consent was not asked."
)
UNKNOWN_COUNTRY = gettext_lazy(
    "“%(value)s” is not a known country. Write its two-letter ISO code (TH, JP, VN …) or its name in Thai, Japanese or English."
)
UNKNOWN_LANGUAGE = gettext_lazy(
    "“%(value)s” is not one of the languages th, ja and en (Thai, Japanese, English)."
)


class CellReader:
    """Turns the cells of one row into values, raising BadValue with a reason."""

    def __init__(self, ref: Reference):
        self.ref = ref
        self.url = URLValidator()
        self.email = EmailValidator()
        self.this_year = timezone.localdate().year

    def check(self, raw) -> None:
        """Refuse a cell whose formula has no saved result, or that holds a control
        character, whatever its column."""
        if isinstance(raw, FormulaWithoutValue):
            raise BadValue(
                _(
                    "Cell %(cell)s holds the formula %(formula)s but no saved result. Open the file in "
                    "Excel or LibreOffice so that it calculates, save it, and import it again (or paste "
                    "the values only)."
                )
                % {"cell": raw.coordinate, "formula": "=" + raw.formula.lstrip("=")},
                "=" + raw.formula.lstrip("="),
            )
        if isinstance(raw, str):
            message = control_character_message(raw)
            if message:
                raise BadValue(message, control_characters_shown(raw))

    # single values -------------------------------------------------------
    def text(self, raw, *, limit: int, required: bool = False) -> str:
        value = cell_text(raw)
        if required and not value:
            raise BadValue(_("This column is required and the cell is empty."))
        if len(value) > limit:
            raise BadValue(
                _("This text has %(length)d characters; at most %(max)d are allowed.")
                % {"length": len(value), "max": limit}
            )
        return value

    def one(self, lookup: Lookup, text: str, unknown, *, accepted: str = ""):
        found = lookup.find(text)
        if len(found) == 1:
            return found[0]
        if found:
            codes = ", ".join(getattr(o, "code", str(o)) for o in found)
            raise BadValue(
                _("“%(value)s” could mean several entries (%(codes)s); write the code instead.")
                % {"value": text, "codes": codes},
                text,
            )
        message = str(unknown) % {"value": text, "accepted": accepted}
        suggestion = lookup.suggestion(text)
        if suggestion:
            message += " " + _("Did you mean “%(suggestion)s”?") % {"suggestion": suggestion}
        raise BadValue(message, text)

    def many(self, lookup: Lookup, raw, unknown) -> list:
        out, bad = [], []
        for part in _LIST_SPLIT.split(cell_text(raw)):
            part = part.strip()
            if not part:
                continue
            try:
                obj = self.one(lookup, part, unknown)
            except BadValue as exc:
                bad.append(exc)
                continue
            if obj not in out:
                out.append(obj)
        if bad:
            first = bad[0]
            first.more = bad[1:]
            raise first
        return out

    def kind(self, raw):
        text = self.text(raw, limit=200, required=True)
        return self.one(
            self.ref.kinds,
            text,
            UNKNOWN_KIND,
            accepted=_choice_list(KIND_NAMES),
        )

    def size(self, raw):
        text = cell_text(raw)
        if not text:
            return ""
        return self.one(
            self.ref.sizes,
            text,
            UNKNOWN_SIZE,
            accepted=_choice_list(SIZE_NAMES),
        )

    def country(self, raw, *, required: bool = True):
        text = self.text(raw, limit=200, required=required)
        return self.one(self.ref.countries, text, UNKNOWN_COUNTRY) if text else None

    def language(self, raw) -> str:
        text = cell_text(raw)
        return self.one(self.ref.languages, text, UNKNOWN_LANGUAGE) if text else ""

    def industry_group(self, raw):
        text = cell_text(raw)
        if not text:
            return None
        return self.one(
            self.ref.groups,
            text,
            UNKNOWN_GROUP,
            accepted=", ".join(g.code for g in self.ref.groups.objects),
        )

    def province(self, raw):
        text = cell_text(raw)
        if not text:
            return None
        return self.one(
            self.ref.provinces,
            text,
            UNKNOWN_PROVINCE,
        )

    def technologies(self, raw) -> list:
        return self.many(
            self.ref.concepts,
            raw,
            UNKNOWN_TECHNOLOGY,
        )

    def countries(self, raw) -> list:
        return self.many(self.ref.countries, raw, UNKNOWN_COUNTRY)

    def languages(self, raw) -> list[str]:
        return self.many(self.ref.languages, raw, UNKNOWN_LANGUAGE)

    def website(self, raw) -> str:
        value = self.text(raw, limit=max_length("website"))
        if not value:
            return ""
        if "://" not in value:
            value = "https://" + value
        try:
            self.url(value)
        except ValidationError:
            raise BadValue(
                _("“%(value)s” is not a web address such as https://www.example.co.th.")
                % {"value": cell_text(raw)}
            ) from None
        return value

    def registration_number(self, raw, country) -> str:
        value = identifiers.clean(cell_text(raw))
        if not value:
            return ""
        if (
            isinstance(raw, int | float)
            and country is not None
            and country.code == "TH"
            and len(value) == 12
        ):
            value = "0" + value  # Excel dropped the leading zero of a number cell
        if len(value) > max_length("registration_number"):
            raise BadValue(
                _("A registration number has at most %(max)d characters.")
                % {"max": max_length("registration_number")}
            )
        if country is not None:
            problem = identifiers.check(country.code, value)
            if problem is not None:
                raise BadValue(str(registration_problem_message(country.code, problem)))
        return value

    def founded(self, raw) -> int | None:
        text = cell_text(raw)
        if not text:
            return None
        try:
            if isinstance(raw, dt.date):
                year = parse_year(raw.year)
            elif re.fullmatch(r"\d{4}", _year_digits(text)):
                year = parse_year(int(_year_digits(text)))
            else:
                year = parse_date(text).year
        except (YearError, ValueError):
            raise BadValue(
                _(
                    "“%(value)s” is not a year. Write a year such as 2018, or 2561 in the Buddhist Era."
                )
                % {"value": text}
            ) from None
        if year > self.this_year:
            written = raw.year if isinstance(raw, dt.date) else _written_year(text)
            if written is not None and written - BE_OFFSET == year:
                # said in the era the officer wrote: "ปี พ.ศ. 2570 ยังมาไม่ถึง", not its C.E. year
                raise BadValue(
                    _("The year %(year)d of the Buddhist Era is in the future.") % {"year": written}
                )
            raise BadValue(_("The year %(year)d is in the future.") % {"year": year})
        return year

    def email_address(self, raw) -> str:
        value = self.text(raw, limit=max_length("email", ContactPerson))
        if value:
            try:
                self.email(value)
            except ValidationError:
                raise BadValue(
                    _("“%(value)s” is not an e-mail address.") % {"value": value}
                ) from None
        return value

    def consent(self, raw) -> bool | None:
        text = cell_text(raw)
        if not text:
            return None
        return self.one(
            self.ref.yes_no,
            text,
            NOT_YES_OR_NO,
        )


def _choice_list(names: dict[str, dict]) -> str:
    return ", ".join(names)


_ERA = re.compile(
    r"^(พ\.?\s?ศ\.?|ค\.?\s?ศ\.?|b\.?\s?e\.?|c\.?\s?e\.?|a\.?\s?d\.?|西暦|仏暦)\s*|\s*(年|b\.?e\.?|c\.?e\.?)$",
    re.I,
)


def _year_digits(text: str) -> str:
    return _ERA.sub("", unicodedata.normalize("NFKC", text).strip()).strip()


def _written_year(text: str) -> int | None:
    """The year as written in the cell (a bare year, or the year of a date), before
    any change of era; None when there is none."""
    digits = _year_digits(text)
    if re.fullmatch(r"\d{4}", digits):
        return int(digits)
    found = re.search(r"(?<!\d)\d{4}(?!\d)", unicodedata.normalize("NFKC", text))
    return int(found.group()) if found else None
