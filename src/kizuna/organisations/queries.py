"""Reading organisations: the directory with its filters and word search, the
profile page, the reference lists that forms and the import page offer, and the
organisations as the matching engine's profiles."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from kizuna.engine.profiles import Profile
from kizuna.engine.text import LANGUAGES, tokenise
from kizuna.organisations.models import (
    Concept,
    Country,
    ImportedOrganisation,
    ImportJob,
    IndustryGroup,
    Organisation,
    Province,
    SearchTerm,
    TextVersion,
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
    return ImportJob.objects.filter(requested_by=actor, file_token=token).order_by("pk").first()


def import_history() -> QuerySet[ImportJob]:
    """Every confirmed import, newest first, with who confirmed it (one query)."""
    return ImportJob.objects.select_related("requested_by").order_by("-created", "-pk")


def import_job_organisations(job: ImportJob, *, limit: int) -> tuple[list[ImportedOrganisation], int]:
    """The first `limit` organisations that `job` created or updated (new ones first,
    then by name) and how many there are in all (two queries)."""
    rows = job.imported.select_related("organisation").order_by("-created", "organisation__name", "pk")
    return list(rows[:limit]), job.imported.count()


def import_reference_lists() -> dict[str, QuerySet]:
    """The codes an import file may use, as the import page lists them."""
    return {
        "concepts": Concept.objects.order_by("domain", "code"),
        "groups": IndustryGroup.objects.all(),
        "provinces": Province.objects.all(),
        "countries": Country.objects.all(),
    }


def organisation_engine_profiles(ids: Sequence[int], *, technologies: str) -> list[Profile]:
    """Engine profiles of the organisations `ids`, in that order (a handful of
    queries): `technologies` is "technologies_needed" for seekers and
    "technologies_offered" for providers; the region is "EEC" for a province of the
    Eastern Economic Corridor, else the province's English name or the free text;
    the markets are the countries served."""
    if technologies not in ("technologies_needed", "technologies_offered"):
        raise ValueError(f"technologies must be technologies_needed or technologies_offered, not {technologies!r}")
    rows = (Organisation.objects.filter(pk__in=ids).select_related("industry_group", "province")
            .prefetch_related(technologies, "countries_served"))
    by_id = {org.pk: org for org in rows}
    out = []
    for pk in ids:
        org = by_id[pk]
        province = org.province
        out.append(Profile(
            id=str(org.pk), name=org.name, country=org.country_id,
            languages=tuple(x for x in (org.languages or []) if x in LANGUAGES),
            industry_group=org.industry_group.code if org.industry_group_id else "",
            technologies=tuple(c.code for c in getattr(org, technologies).all()),
            description=org.description,
            region=("EEC" if province.eec else province.label_en) if province else org.region_text,
            markets=tuple(c.code for c in org.countries_served.all()),
        ))
    return out


# ---------------------------------------------------------------------------
# Free texts for a reader who may not read their language


@dataclass(frozen=True)
class ReaderText:
    """A free text as a reader sees it: the original with its language, and, when the
    reader does not read that language, the author's version in the reader's language
    if one was given, else a gist made from the taxonomy concepts found in it."""

    original: str
    language: str  # of the original; "" when unknown
    reader_language: str
    version: str = ""
    gist: str = ""

    @property
    def foreign(self) -> bool:
        return bool(self.original) and bool(self.language) and self.language != self.reader_language


_TAXONOMY_TTL = 300.0
_taxonomy_cache: list = []  # [(loaded_at, taxonomy)]


def gist_taxonomy():
    """The taxonomy as officers keep it, read at most every five minutes per process
    (its tokenised phrases are cached by the engine)."""
    now = time.monotonic()
    if _taxonomy_cache and now - _taxonomy_cache[0][0] < _TAXONOMY_TTL:
        return _taxonomy_cache[0][1]
    from kizuna.organisations.reference import engine_reference_load

    taxonomy = engine_reference_load().taxonomy
    _taxonomy_cache[:] = [(now, taxonomy)]
    return taxonomy


def text_versions_prefetch(records: Sequence, field: str) -> list:
    """`records` (of one model), each holding the versions of its `field` for
    reader_text, in one query whatever their number (for lists such as plan updates)."""
    from django.contrib.contenttypes.models import ContentType

    records = list(records)
    if not records:
        return records
    ct = ContentType.objects.get_for_model(records[0])
    found: dict[int, dict[str, str]] = {}
    for object_id, language, text in (TextVersion.objects.filter(
            content_type=ct, field=field, object_id__in=[r.pk for r in records])
            .values_list("object_id", "language", "text")):
        found.setdefault(object_id, {})[language] = text
    for r in records:
        r.__dict__.setdefault("_text_versions", {})[field] = found.get(r.pk, {})
    return records


def text_versions_of(record, field: str) -> dict[str, str]:
    """The versions given of `record`'s `field`, by language (one query, none when
    text_versions_prefetch has fetched them)."""
    from django.contrib.contenttypes.models import ContentType

    fetched = record.__dict__.get("_text_versions", {})
    if field in fetched:
        return fetched[field]
    ct = ContentType.objects.get_for_model(record)
    return dict(TextVersion.objects.filter(content_type=ct, object_id=record.pk, field=field)
                .values_list("language", "text"))


def reader_text(record, field: str, lang: str | None = None, *, language: str | None = None) -> ReaderText:
    """`record`'s `field` for a reader of `lang` (default: the active language).
    `language`: the original's language when the caller knows it; else as registered
    (organisations/texts.py), else detected from the script."""
    from kizuna.common.i18n import current_language
    from kizuna.engine.gist import text_gist
    from kizuna.engine.text import detect_language
    from kizuna.organisations.texts import key_of, translatable_get

    lang = lang or current_language()
    original = getattr(record, field, "") or ""
    if language is None:
        kind = translatable_get(key_of(record), field)
        language = kind.language_of(record) if kind is not None else ""
        language = language or (detect_language(original, "") if original else "")
    if not original or not language or language == lang:
        return ReaderText(original, language, lang)
    version = text_versions_of(record, field).get(lang, "") if record.pk else ""
    return ReaderText(original, language, lang, version=version,
                      gist="" if version else text_gist(original, gist_taxonomy(), lang))
