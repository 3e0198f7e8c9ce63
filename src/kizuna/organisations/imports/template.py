"""The spreadsheet to start an import from: every column, headed in the officer's
language, and one example row written the way the import reads it (names of
countries, industry groups, technologies and provinces in that language, a Buddhist
Era year for Thai). The example imports as one new organisation."""

from __future__ import annotations

from kizuna.common.exports import table_export
from kizuna.common.i18n import BE_OFFSET, LANGUAGES
from kizuna.common.identifiers import make_thai
from kizuna.organisations.imports.columns import (
    COLUMNS,
    KIND_NAMES,
    LANGUAGE_NAMES,
    SIZE_NAMES,
    YES_NO_NAMES,
)
from kizuna.organisations.models import Concept, Country, IndustryGroup, Province

SEPARATOR = "; "

# The example: a Thai auto-parts SME in Rayong that needs predictive maintenance.
EXAMPLE_DESCRIPTION = {
    "th": "โรงงานผลิตชิ้นส่วนยานยนต์ในจังหวัดระยอง ต้องการระบบบำรุงรักษาเชิงพยากรณ์ด้วยเซนเซอร์ IoT",
    "ja": "ラヨーン県の自動車部品工場で、IoTセンサーによる予知保全の導入を目指しています。",
    "en": "An auto-parts factory in Rayong that wants predictive maintenance with IoT sensors.",
}
EXAMPLE_TITLE = {"th": "ผู้จัดการโรงงาน", "ja": "工場長", "en": "Plant manager"}


def import_template_headers(lang: str) -> list[str]:
    return [c.headers[lang] for c in COLUMNS]


def import_template_example(lang: str) -> list[str | int]:
    """The example row, in the order of the columns (reads the reference tables)."""
    country = Country.objects.get(code="TH")
    group = IndustryGroup.objects.filter(code="auto_parts").first()
    province = Province.objects.filter(code="TH-21").first()  # Rayong
    needed = Concept.objects.filter(code__in=["predictive_maintenance", "condition_monitoring"]).order_by("code")
    values = {
        "external_id": "TH-SME-0001",
        "kind": KIND_NAMES["company"][lang],
        "name": "บริษัท ตัวอย่างชิ้นส่วน จำกัด",  # an organisation's own name, in its own language
        "name_th": "บริษัท ตัวอย่างชิ้นส่วน จำกัด",
        "name_ja": "タイ見本部品株式会社",
        "name_en": "Example Parts Co., Ltd.",
        "country": country.label(lang),
        "languages": SEPARATOR.join(LANGUAGE_NAMES[code][lang] for code in ("th", "en")),
        "industry_group": group.label(lang) if group else "",
        "technologies_offered": "",
        "technologies_needed": SEPARATOR.join(c.label(lang) for c in needed),
        "province": province.label(lang) if province else "",
        "region": "",
        "countries_served": SEPARATOR.join(c.label(lang) for c in Country.objects.filter(code__in=["VN", "LA"]).order_by("code")),
        "size": SIZE_NAMES["small"][lang],
        "website": "https://example.co.th",
        "description": EXAMPLE_DESCRIPTION["th"],
        "description_language": LANGUAGE_NAMES["th"][lang],
        "registration_number": make_thai("010555012345"),
        "founded": 2015 + BE_OFFSET if lang == "th" else 2015,
        "contact_name": "สมชาย ใจดี",
        "contact_title": EXAMPLE_TITLE[lang],
        "contact_email": "somchai@example.co.th",
        "contact_phone": "038-000-000",
        "contact_language": LANGUAGE_NAMES["th"][lang],
        "consent_programme": YES_NO_NAMES[True][lang],
        "consent_matching": YES_NO_NAMES[True][lang],
    }
    return [values[c.key] for c in COLUMNS]


def import_template(*, lang: str, fmt: str) -> bytes:
    """The template file (CSV or XLSX) with the headers in `lang` and the example row."""
    if lang not in LANGUAGES:
        lang = "en"
    return table_export(import_template_headers(lang), [import_template_example(lang)], fmt=fmt)
