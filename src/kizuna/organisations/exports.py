"""Spreadsheet export of organisations (CSV and XLSX) that the import reads back
unchanged.

Headers and coded values (kind, country, technologies …) are written in the
reader's language, or as the English column keys and codes with `keys=True`. A
name that would be ambiguous on the way back in is written as its code. Thai
readers get Buddhist Era years, which the import turns back into CE.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import QuerySet

from kizuna.common.exports import CONTENT_TYPES, FORMATS, table_export
from kizuna.common.i18n import BE_OFFSET, LANGUAGES
from kizuna.organisations.imports.columns import (
    COLUMNS_BY_KEY,
    KIND_NAMES,
    LANGUAGE_NAMES,
    ORGANISATION_KEYS,
    SIZE_NAMES,
)
from kizuna.organisations.imports.values import Lookup, Reference
from kizuna.organisations.models import Organisation

__all__ = ["CONTENT_TYPES", "FORMATS", "export_headers", "export_rows", "organisations_export"]
LIST_SEPARATOR = "; "


def export_headers(lang: str, *, keys: bool = False) -> list[str]:
    return [key if keys else COLUMNS_BY_KEY[key].headers[lang] for key in ORGANISATION_KEYS]


def export_rows(
    orgs: QuerySet[Organisation], lang: str, *, keys: bool = False
) -> Iterator[list[str | int]]:
    """One list of cells per organisation, in the order of export_headers()."""
    if lang not in LANGUAGES:
        lang = "en"
    ref = Reference()
    orgs = orgs.select_related("country", "industry_group", "province").prefetch_related(
        "technologies_offered", "technologies_needed", "countries_served"
    )

    def named(lookup: Lookup, obj) -> str:
        if obj is None:
            return ""
        if keys:
            return obj.code
        label = obj.label(lang)
        return label if lookup.unique(label, obj) else obj.code

    def choice(names: dict, lookup: Lookup, code: str) -> str:
        if not code or keys:
            return code
        label = names[code][lang]
        return label if lookup.unique(label, code) else code

    def many(lookup: Lookup, objs: Iterable) -> str:
        return LIST_SEPARATOR.join(named(lookup, o) for o in sorted(objs, key=lambda o: o.code))

    for org in orgs.iterator(chunk_size=1000):
        year = org.founded
        if year and lang == "th" and not keys:
            year += BE_OFFSET
        values = {
            "external_id": org.external_id,
            "kind": choice(KIND_NAMES, ref.kinds, org.kind),
            "name": org.name,
            "name_th": org.name_th,
            "name_ja": org.name_ja,
            "name_en": org.name_en,
            "country": named(ref.countries, org.country),
            "languages": LIST_SEPARATOR.join(
                choice(LANGUAGE_NAMES, ref.languages, code) for code in org.languages
            ),
            "industry_group": named(ref.groups, org.industry_group),
            "technologies_offered": many(ref.concepts, org.technologies_offered.all()),
            "technologies_needed": many(ref.concepts, org.technologies_needed.all()),
            "province": named(ref.provinces, org.province),
            "region": org.region_text,
            "countries_served": many(ref.countries, org.countries_served.all()),
            "size": choice(SIZE_NAMES, ref.sizes, org.size),
            "website": org.website,
            "description": org.description,
            "description_language": choice(LANGUAGE_NAMES, ref.languages, org.description_language),
            "registration_number": org.registration_number,
            "founded": year if year is not None else "",
        }
        yield [values[key] for key in ORGANISATION_KEYS]


def organisations_export(
    orgs: QuerySet[Organisation], *, fmt: str, lang: str, keys: bool = False
) -> bytes:
    """The organisations of `orgs` as a CSV or XLSX file (common.exports guards
    formula-like cells and removes control characters)."""
    headers = export_headers(lang if lang in LANGUAGES else "en", keys=keys)
    return table_export(headers, export_rows(orgs, lang, keys=keys), fmt=fmt)
