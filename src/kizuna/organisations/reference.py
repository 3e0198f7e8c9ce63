"""Reference data shipped as JSON files in kizuna/data and loaded by migrations:
the technology taxonomy, the FTI industry groups, Thai provinces and countries;
and the same data, as officers keep it, handed to the matching engine
(`engine_reference_load`).

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
from kizuna.engine.reference import Province as EngineProvince
from kizuna.engine.reference import Reference as EngineReference
from kizuna.engine.reference import Regions
from kizuna.engine.taxonomy import Concept as EngineConcept
from kizuna.engine.taxonomy import IndustryGroup as EngineGroup
from kizuna.engine.taxonomy import IndustryGroups, Taxonomy, countries_build


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


def engine_reference_load() -> EngineReference:
    """The engine's reference data as officers keep it in the database: concepts with
    their synonyms and broader concepts, industry groups with their related concepts,
    provinces (region, EEC) and countries. Read for every run (a few queries; the
    tokenised phrases are cached by the engine), so an edit in the admin changes the
    next run's scores."""
    from kizuna.organisations.models import Concept, Country, IndustryGroup, Province

    def labels(row: dict) -> dict[str, str]:
        return {lang: row[f"label_{lang}"] for lang in LANGUAGES if row[f"label_{lang}"]}

    label_fields = [f"label_{lang}" for lang in LANGUAGES]
    taxonomy = Taxonomy([
        EngineConcept(code=row["code"], domain=row["domain"], broader=row["broader__code"], labels=labels(row),
                      synonyms={k: tuple(v or ()) for k, v in (row["synonyms"] or {}).items()})
        for row in Concept.objects.order_by("pk").values("code", "domain", "broader__code", "synonyms", *label_fields)
    ])
    related: dict[int, list[str]] = {}
    through = IndustryGroup.related_concepts.through.objects.order_by("concept_id")
    for group_id, code in through.values_list("industrygroup_id", "concept__code"):
        related.setdefault(group_id, []).append(code)
    groups = IndustryGroups([
        EngineGroup(code=row["code"], labels=labels(row), related_concepts=tuple(related.get(row["pk"], ())))
        for row in IndustryGroup.objects.order_by("pk").values("pk", "code", *label_fields)
    ])
    regions = Regions([
        EngineProvince(code=row["code"], labels=labels(row), region=row["region"], eec=row["eec"])
        for row in Province.objects.order_by("pk").values("code", "region", "eec", *label_fields)
    ])
    countries = countries_build({row["code"]: labels(row) for row in Country.objects.order_by("code").values("code", *label_fields)})
    return EngineReference(taxonomy=taxonomy, groups=groups, countries=countries, regions=regions)
