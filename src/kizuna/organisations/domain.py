"""Functions that change organisations."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import prefetch_related_objects

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
    """Rebuild the search index of `orgs`; returns the number of terms written.

    Related rows are fetched in bulk for the organisations that do not have them
    cached yet, and each distinct text is tokenised once per call (labels of
    technologies and provinces repeat across organisations), so indexing an
    import of thousands of organisations costs a few queries, not a few per
    organisation.
    """
    orgs = list(orgs)
    prefetch_related_objects(orgs, "technologies_offered", "technologies_needed", "industry_group", "province")
    cache: dict[str, frozenset[str]] = {}
    rows = []
    for org in orgs:
        terms: set[str] = set()
        for text in organisation_search_texts(org):
            words = cache.get(text)
            if words is None:
                words = cache[text] = frozenset(organisation_terms([text]))
            terms |= words
        rows.extend(SearchTerm(term=t, organisation=org) for t in terms)
    pks = [o.pk for o in orgs]
    with transaction.atomic():
        for start in range(0, len(pks), 500):
            SearchTerm.objects.filter(organisation__in=pks[start : start + 500]).delete()
        SearchTerm.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
