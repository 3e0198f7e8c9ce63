"""Reference data shipped as JSON files in kizuna/data and loaded by migrations:
the technology taxonomy, the FTI industry groups, Thai provinces and countries.

Loading is idempotent: existing rows are updated by code, nothing is deleted, so a
later release can add concepts and officers' edits to industry groups survive
(only labels shipped in the file are written when the row is new).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from django.apps import apps as current_apps

from kizuna.common.i18n import LANGUAGES


def read_data(name: str) -> dict[str, Any]:
    return json.loads(resources.files("kizuna.data").joinpath(name).read_text(encoding="utf-8"))


def _labels(record: dict) -> dict[str, str]:
    return {f"label_{lang}": record["labels"][lang] for lang in LANGUAGES}


def reference_load(apps=None) -> dict[str, int]:
    """Load or refresh all reference data; `apps` is the migration's app registry
    (None: the current models). Returns how many rows of each kind exist."""
    if apps is None:
        apps = current_apps
    Concept = apps.get_model("organisations", "Concept")
    IndustryGroup = apps.get_model("organisations", "IndustryGroup")
    Province = apps.get_model("organisations", "Province")
    Country = apps.get_model("organisations", "Country")

    taxonomy = read_data("taxonomy.json")["concepts"]
    for c in taxonomy:
        Concept.objects.update_or_create(
            code=c["code"],
            defaults={**_labels(c), "domain": c["domain"], "synonyms": c.get("synonyms", {})},
        )
    by_code = {c.code: c for c in Concept.objects.all()}
    for c in taxonomy:
        broader = by_code.get(c.get("broader") or "")
        concept = by_code[c["code"]]
        if concept.broader_id != (broader.pk if broader else None):
            concept.broader = broader
            concept.save(update_fields=["broader"])

    for g in read_data("industry_groups.json")["groups"]:
        group, created = IndustryGroup.objects.get_or_create(code=g["code"], defaults=_labels(g))
        if created:
            group.related_concepts.set([by_code[c] for c in g.get("related_concepts", []) if c in by_code])

    for p in read_data("provinces.json")["provinces"]:
        Province.objects.update_or_create(
            code=p["code"], defaults={**_labels(p), "region": p["region"], "eec": p.get("eec", False)}
        )
    for c in read_data("countries.json")["countries"]:
        Country.objects.update_or_create(
            code=c["code"],
            defaults={**_labels(c), "clmv": c.get("clmv", False), "asean": c.get("asean", False)},
        )
    return {
        "concepts": Concept.objects.count(),
        "industry_groups": IndustryGroup.objects.count(),
        "provinces": Province.objects.count(),
        "countries": Country.objects.count(),
    }
