"""Functions that change organisations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction

from kizuna.common.errors import DomainError
from kizuna.engine.text import tokenise
from kizuna.organisations.models import (
    Concept,
    IndustryGroup,
    Organisation,
    Province,
    SearchTerm,
    TextVersion,
)
from kizuna.organisations.phrases import ERRORS

MAX_TERM = 64
BATCH = 500  # ids per IN (...) query
INSERT_BATCH = 400  # rows per INSERT: 800 parameters, under SQLite's limit

# What officers may change on a profile, on the edit page and through the API alike.
EDITABLE_FIELDS = (
    "name", "name_th", "name_ja", "name_en", "kind", "country", "languages",
    "industry_group", "technologies_offered", "technologies_needed", "province",
    "region_text", "countries_served", "size", "website", "description",
    "description_language", "registration_number", "founded",
)
# What identifies an organisation is the officers' to change: its own representative
# describes it but cannot make it another kind, move it to another country or give it
# another registration number (the external id is set by imports only).
OFFICER_ONLY_FIELDS = ("kind", "country", "registration_number")
REPRESENTATIVE_FIELDS = tuple(f for f in EDITABLE_FIELDS if f not in OFFICER_ONLY_FIELDS)


def editable_fields(actor) -> tuple[str, ...]:
    """The fields of a profile `actor` may change (given that it may change the
    profile at all): every one for officers, the describing ones for others."""
    return EDITABLE_FIELDS if getattr(actor, "is_officer", False) else REPRESENTATIVE_FIELDS


def organisation_update(*, organisation: Organisation, actor, data: Mapping[str, Any]) -> Organisation:
    """Change the fields of `organisation` named in `data` and rebuild its search terms.

    `data` maps names from editable_fields(actor) to values already parsed by the
    interface (a form's cleaned_data, a serializer's validated_data); a
    many-to-many field takes the objects it should hold. The changed fields are
    checked by the model's own rules (the registration number's check digit …).

    Raises PermissionDenied when `actor` may not change the organisation or one
    of the fields in `data`, and
    ValidationError, by field, when a value breaks the model's rules; nothing is
    written then. Side effects: the row, its relations and its search terms are
    written in one transaction, so a failed re-index leaves the saved profile as
    it was.
    """
    if not actor.has_perm("organisations.change_organisation", organisation):
        raise PermissionDenied
    unknown = sorted(set(data) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValueError(f"organisation_update: not editable: {', '.join(unknown)}")
    if set(data) - set(editable_fields(actor)):
        raise PermissionDenied
    relations = {}
    for name, value in data.items():
        if Organisation._meta.get_field(name).many_to_many:
            relations[name] = value
        else:
            setattr(organisation, name, value)
    organisation.full_clean(
        exclude=[f.name for f in Organisation._meta.concrete_fields if f.name not in data]
    )
    with transaction.atomic():
        organisation.save()
        for name, value in relations.items():
            getattr(organisation, name).set(value)
        organisations_index([organisation])
    return organisation


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

    Indexes the same texts as organisation_search_texts(), read in bulk: the small
    reference tables once, the technologies of all `orgs` in a few queries, each
    distinct text tokenised once per call (labels repeat across organisations),
    and the terms written with one multi-row statement per batch, so that
    indexing an import of thousands of organisations stays fast.
    """
    orgs = [o for o in orgs if o.pk is not None]
    pks = [o.pk for o in orgs]
    labels = {
        model: {obj.pk: [t for t in obj.labels().values() if t] for obj in model.objects.all()}
        for model in (Concept, IndustryGroup, Province)
    }
    concepts: dict[int, list[int]] = defaultdict(list)
    for relation in (Organisation.technologies_offered, Organisation.technologies_needed):
        through = relation.through
        for start in range(0, len(pks), BATCH):
            rows = through.objects.filter(organisation_id__in=pks[start : start + BATCH])
            for org_id, concept_id in rows.values_list("organisation_id", "concept_id"):
                concepts[org_id].append(concept_id)
    cache: dict[str, frozenset[str]] = {}
    rows: list[tuple[str, int]] = []
    for org in orgs:
        texts = [org.name, org.name_th, org.name_ja, org.name_en, org.description, org.region_text, org.external_id]
        for concept_id in concepts.get(org.pk, ()):
            texts.extend(labels[Concept].get(concept_id, ()))
        texts.extend(labels[IndustryGroup].get(org.industry_group_id, ()))
        texts.extend(labels[Province].get(org.province_id, ()))
        terms: set[str] = set()
        # No word of tokenise() spans white space, so the pieces between spaces are
        # cut and cached one by one ("บริษัท", "จำกัด", "株式会社" repeat a lot).
        for piece in " ".join(t for t in texts if t).split():
            words = cache.get(piece)
            if words is None:
                words = cache[piece] = frozenset(organisation_terms([piece]))
            terms |= words
        rows.extend((term, org.pk) for term in terms)
    table = connection.ops.quote_name(SearchTerm._meta.db_table)
    term_column = connection.ops.quote_name(SearchTerm._meta.get_field("term").column)
    org_column = connection.ops.quote_name(SearchTerm._meta.get_field("organisation").column)
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(pks), BATCH):
            SearchTerm.objects.filter(organisation__in=pks[start : start + BATCH]).delete()
        if connection.vendor == "postgresql" and hasattr(cursor.cursor, "copy"):
            # psycopg 3: COPY is several times faster than INSERT for many rows.
            with cursor.cursor.copy(f"COPY {table} ({term_column}, {org_column}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            for start in range(0, len(rows), INSERT_BATCH):
                batch = rows[start : start + INSERT_BATCH]
                values = ", ".join(["(%s, %s)"] * len(batch))
                cursor.execute(
                    f"INSERT INTO {table} ({term_column}, {org_column}) VALUES {values}",
                    [v for row in batch for v in row],
                )
    return len(rows)


class OrganisationsError(DomainError):
    """A change to organisations or their texts that cannot be done as asked."""

    phrases = ERRORS


def text_version_save(*, record, field: str, language: str, text: str, actor) -> TextVersion | None:
    """Keep `text` as the version in `language` of `record`'s free text `field` (as
    registered in organisations/texts.py), replacing an earlier one; an empty `text`
    removes the version. Returns the version, or None when removed.

    Raises OrganisationsError (field "language" or "text") when the text kind is not
    registered, `actor` may not write it, the language is not one of Kizuna's or is
    the original's, or the text holds a control character; nothing is written then."""
    from django.contrib.contenttypes.models import ContentType

    from kizuna.common.text import control_character_message
    from kizuna.engine.text import LANGUAGES
    from kizuna.organisations.queries import reader_text
    from kizuna.organisations.texts import key_of, translatable_get

    kind = translatable_get(key_of(record), field)
    if kind is None:
        raise OrganisationsError("text_version_unknown", name=field)
    if not kind.may_write(actor, record):
        raise OrganisationsError("text_version_forbidden")
    language = (language or "").strip().lower()
    if language not in LANGUAGES:
        raise OrganisationsError("text_version_language", field="language", value=language)
    if reader_text(record, field, language).language == language:
        raise OrganisationsError("text_version_same_language", field="language")
    text = (text or "").strip()
    if text and control_character_message(text):
        raise OrganisationsError("text_version_control", field="text")
    ct = ContentType.objects.get_for_model(record)
    with transaction.atomic():
        existing = (TextVersion.objects.select_for_update()
                    .filter(content_type=ct, object_id=record.pk, field=field, language=language).first())
        if not text:
            if existing is not None:
                existing.delete()
            return None
        if existing is None:
            return TextVersion.objects.create(content_type=ct, object_id=record.pk, field=field, language=language,
                                              text=text, author=actor)
        existing.text, existing.author = text, actor
        existing.save(update_fields=["text", "author", "updated"])
        return existing
