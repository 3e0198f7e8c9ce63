"""Functions that change organisations."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from kizuna.engine.text import tokenise
from kizuna.organisations.models import Organisation, SearchTerm

MAX_TERM = 64


def organisation_search_texts(org: Organisation) -> list[str]:
    """Everything a directory search should find an organisation by."""
    texts = [org.name, org.name_th, org.name_ja, org.name_en, org.description, org.region_text, org.external_id]
    for concept in list(org.technologies_offered.all()) + list(org.technologies_needed.all()):
        texts.extend(concept.labels().values())
    if org.industry_group_id:
        texts.extend(org.industry_group.labels().values())
    if org.province_id:
        texts.extend(org.province.labels().values())
    return [t for t in texts if t]


def organisation_terms(texts: Iterable[str]) -> set[str]:
    return {w[:MAX_TERM] for text in texts for w in tokenise(text, stopwords=True) if w.strip()}


def organisations_index(orgs: Iterable[Organisation]) -> int:
    """Rebuild the search index of `orgs`; returns the number of terms written."""
    orgs = list(orgs)
    rows = []
    for org in orgs:
        rows.extend(SearchTerm(term=t, organisation=org) for t in organisation_terms(organisation_search_texts(org)))
    with transaction.atomic():
        SearchTerm.objects.filter(organisation__in=[o.pk for o in orgs]).delete()
        SearchTerm.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
