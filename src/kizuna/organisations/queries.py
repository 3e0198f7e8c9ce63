"""Reading organisations: the directory with its filters and word search, the
profile page, and the reference lists that forms and the import page offer."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from kizuna.engine.text import tokenise
from kizuna.organisations.models import (
    Concept,
    Country,
    ImportJob,
    IndustryGroup,
    Organisation,
    Province,
    SearchTerm,
)


def search_terms_of(query: str) -> list[str]:
    """The words of a query, cut the way organisation texts are cut when indexed."""
    return list(dict.fromkeys(w[:64] for w in tokenise(query, stopwords=True) if w.strip()))


def organisation_search(qs: QuerySet[Organisation], query: str) -> QuerySet[Organisation]:
    """Organisations whose indexed words contain every word of `query` (Thai and
    Japanese queries are tokenised like the texts, so a word is found inside
    unspaced text but a fragment of a word is not)."""
    for term in search_terms_of(query):
        # an uncorrelated IN (…) lets both databases start from the term's index
        # entries instead of probing the index once per organisation
        qs = qs.filter(pk__in=SearchTerm.objects.filter(term=term).values("organisation_id"))
    return qs


def organisation_directory(
    *,
    query: str = "",
    kind: str = "",
    country: str = "",
    industry_group: str = "",
    technology: str = "",
    region: str = "",
) -> QuerySet[Organisation]:
    qs = Organisation.objects.select_related("country", "industry_group", "province")
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country_id=country)
    if industry_group:
        qs = qs.filter(industry_group__code=industry_group)
    if technology:
        qs = qs.filter(
            Exists(Organisation.technologies_offered.through.objects.filter(organisation_id=OuterRef("pk"), concept__code=technology))
            | Exists(Organisation.technologies_needed.through.objects.filter(organisation_id=OuterRef("pk"), concept__code=technology))
        )
    if region:
        if region == "eec":
            qs = qs.filter(province__eec=True)
        elif region.startswith("TH-"):
            qs = qs.filter(province__code=region)
        else:
            qs = qs.filter(province__region=region)
    if query:
        qs = organisation_search(qs, query)
    return qs.order_by("name", "pk")


def organisation_profiles() -> QuerySet[Organisation]:
    """Organisations with everything the profile page shows, read in a fixed number
    of queries: reference data, technologies, countries served, contacts with their
    consents, and programme participations."""
    return Organisation.objects.select_related("country", "industry_group", "province").prefetch_related(
        "technologies_offered", "technologies_needed", "countries_served", "contacts__consents",
        "participations__programme",
    )


def countries_with_organisations() -> QuerySet[Country]:
    """The countries that at least one organisation is registered in."""
    return Country.objects.filter(Exists(Organisation.objects.filter(country=OuterRef("pk"))))


def import_job_of_upload(*, actor, token: str) -> ImportJob | None:
    """The import job `actor` already started for the kept upload `token`, if any."""
    if not token:
        return None
    return ImportJob.objects.filter(created_by=actor, file_token=token).order_by("pk").first()


def import_reference_lists() -> dict[str, QuerySet]:
    """The codes an import file may use, as the import page lists them."""
    return {
        "concepts": Concept.objects.order_by("domain", "code"),
        "groups": IndustryGroup.objects.all(),
        "provinces": Province.objects.all(),
        "countries": Country.objects.all(),
    }
