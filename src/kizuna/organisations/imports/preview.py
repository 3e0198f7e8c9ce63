"""What importing an organisation file would do: every row checked (all problems
located by row, column and value) and compared with the organisations already in
the database. Writes nothing; `apply.organisations_import` writes the result."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kizuna.common.tables import Row, Table, cell_text
from kizuna.engine.text import detect_language
from kizuna.organisations.enums import ConsentPurpose
from kizuna.organisations.imports.columns import COLUMNS, CONTACT_KEYS, headers_map
from kizuna.organisations.imports.files import Problem, SpreadsheetImportError, table_read
from kizuna.organisations.imports.values import BadValue, CellReader, Reference, max_length
from kizuna.organisations.models import ContactPerson, Organisation

NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"
M2M_KEYS = ("technologies_offered", "technologies_needed", "countries_served")
FK_KEYS = ("country", "industry_group", "province")
FIELD_OF = {"region": "region_text"}  # column key -> model field, where they differ
CONSENT_KEYS = {
    "consent_programme": ConsentPurpose.PROGRAMME,
    "consent_matching": ConsentPurpose.MATCHING,
}


@dataclass
class RowPlan:
    """What importing one row does."""

    row: int
    external_id: str
    name: str
    action: str = NEW
    changed: list[str] = field(default_factory=list)  # column keys whose value changes
    values: dict[str, object] = field(default_factory=dict)
    contact: dict[str, object] | None = None
    organisation: Organisation | None = None
    # the description's language when the file has no column for it: written for
    # new organisations and where none is recorded, never over an officer's choice
    detected_language: str = ""


@dataclass
class ImportPreview:
    file_name: str
    headers: dict[str, str] = field(default_factory=dict)  # key -> header as written
    rows: list[RowPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    encoding_guess: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def new(self) -> int:
        return self.count(NEW)

    @property
    def updated(self) -> int:
        return self.count(UPDATED)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)


def chunks(items: list, size: int = 500) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def organisations_import_preview(
    *, file_name: str, data: bytes, encoding: str | None = None
) -> ImportPreview:
    """What importing the file would do, row by row, or every problem it has.
    Writes nothing."""
    try:
        table = table_read(file_name, data, encoding=encoding)
    except SpreadsheetImportError as exc:
        return ImportPreview(file_name, problems=exc.problems, encoding_guess=exc.encoding_guess)
    return table_preview(table)


def table_preview(table: Table) -> ImportPreview:
    file_name = table.file_name
    columns, problems = headers_map(table)
    preview = ImportPreview(
        file_name, {k: table.headers[i] for k, i in columns.items()}, problems=problems
    )
    if problems:
        return preview
    reader = CellReader(Reference())
    seen: dict[str, int] = {}
    for row in table.located_rows(columns):
        plan = _row_read(preview, reader, columns, row)
        external_id = row["external_id"]
        if external_id and external_id in seen:
            preview.problems.append(
                Problem(
                    row.number,
                    preview.headers["external_id"],
                    external_id,
                    _(
                        "The external id %(id)s is also used in row %(first)d; each organisation must appear only once in a file."
                    )
                    % {"id": external_id, "first": seen[external_id]},
                )
            )
            continue
        seen.setdefault(external_id, row.number)
        if plan is not None:
            preview.rows.append(plan)
    if not preview.problems:
        _compare(preview)
    return preview


def _row_read(
    preview: ImportPreview, reader: CellReader, columns: dict[str, int], row: Row
) -> RowPlan | None:
    values: dict[str, object] = {}
    contact: dict[str, object] = {}
    bad = False
    number = row.number
    for column in COLUMNS:
        key = column.key
        if key not in columns:
            continue
        raw = row.raw(key)
        try:
            reader.check(raw)
            if key in ("external_id", "name"):
                value = reader.text(raw, limit=max_length(key), required=True)
            elif key in ("name_th", "name_ja", "name_en", "description"):
                value = reader.text(raw, limit=max_length(key) or 100_000)
            elif key == "region":
                value = reader.text(raw, limit=max_length("region_text"))
            elif key == "kind":
                value = reader.kind(raw)
            elif key == "size":
                value = reader.size(raw)
            elif key == "country":
                value = reader.country(raw)
            elif key in ("languages",):
                value = reader.languages(raw)
            elif key == "industry_group":
                value = reader.industry_group(raw)
            elif key in ("technologies_offered", "technologies_needed"):
                value = reader.technologies(raw)
            elif key == "province":
                value = reader.province(raw)
            elif key == "countries_served":
                value = reader.countries(raw)
            elif key == "website":
                value = reader.website(raw)
            elif key == "description_language":
                value = reader.language(raw)
            elif key == "registration_number":
                value = reader.registration_number(raw, values.get("country"))
            elif key == "founded":
                value = reader.founded(raw)
            elif key == "contact_name":
                value = reader.text(raw, limit=max_length("name", ContactPerson))
            elif key == "contact_title":
                value = reader.text(raw, limit=max_length("title", ContactPerson))
            elif key == "contact_email":
                value = reader.email_address(raw)
            elif key == "contact_phone":
                value = reader.text(raw, limit=max_length("phone", ContactPerson))
            elif key == "contact_language":
                value = reader.language(raw)
            else:  # consents
                value = reader.consent(raw)
        except BadValue as exc:
            for each in (exc, *exc.more):
                value = each.value if each.value is not None else cell_text(raw)
                preview.problems.append(Problem(number, preview.headers[key], value, each.message))
            bad = True
            continue
        if key in CONTACT_KEYS:
            contact[key] = value
        else:
            values[key] = value
    if "region" in values and "province" not in columns and values["region"]:
        # Without a province column, a region that names a Thai province is that province.
        found = reader.ref.provinces.find(str(values["region"]))
        if len(found) == 1:
            values["province"], values["region"] = found[0], ""
    detected = ""
    if values.get("description") and not values.get("description_language"):
        detected = detect_language(str(values["description"]))
        if "description_language" in columns:  # the cell is empty: say what it is
            values["description_language"] = detected
    if any(v not in ("", None) for v in contact.values()):
        if not contact.get("contact_name"):
            key = (
                "contact_name"
                if "contact_name" in columns
                else next(k for k in CONTACT_KEYS if k in columns)
            )
            preview.problems.append(
                Problem(
                    number,
                    preview.headers[key],
                    row[key],
                    _(
                        "A contact person needs a name when other contact columns of the row are filled."
                    ),
                )
            )
            bad = True
    else:
        contact = {}
    if bad:
        return None
    return RowPlan(
        number,
        str(values["external_id"]),
        str(values["name"]),
        values=values,
        contact=contact or None,
        detected_language=detected,
    )


def _compare(preview: ImportPreview) -> None:
    """Sets each row's action and changed columns against the database.

    Related ids are read as plain (organisation, related) pairs rather than
    prefetched objects: comparing thousands of rows then costs a few queries."""
    ids = [r.external_id for r in preview.rows]
    with_contacts = any(r.contact for r in preview.rows)
    existing: dict[str, Organisation] = {}
    for chunk in chunks(ids):
        qs = Organisation.objects.filter(external_id__in=chunk)
        if with_contacts:
            qs = qs.prefetch_related("contacts__consents")
        for org in qs:
            existing[org.external_id] = org
    related = {
        key: _related_ids(key, [o.pk for o in existing.values()])
        for key in M2M_KEYS
        if key in preview.headers
    }
    for plan in preview.rows:
        org = existing.get(plan.external_id)
        if plan.detected_language and (org is None or not org.description_language):
            plan.values["description_language"] = plan.detected_language
        if org is None:
            plan.action = NEW
            plan.changed = [k for k in plan.values if k != "external_id"]
            continue
        plan.organisation = org
        plan.changed = [
            k
            for k, v in plan.values.items()
            if (sorted(related[k].get(org.pk, [])) if k in M2M_KEYS else _current(org, k))
            != _comparable(k, v)
        ]
        if plan.contact and _contact_changes(org, plan.contact):
            plan.changed.append("contact")
        plan.action = UPDATED if plan.changed else UNCHANGED


def _related_ids(key: str, pks: list[int]) -> dict[int, list[int]]:
    relation = Organisation._meta.get_field(key)
    through = relation.remote_field.through
    source, target = f"{relation.m2m_field_name()}_id", f"{relation.m2m_reverse_field_name()}_id"
    found: dict[int, list[int]] = {}
    for chunk in chunks(pks):
        for org_id, other_id in through.objects.filter(**{f"{source}__in": chunk}).values_list(
            source, target
        ):
            found.setdefault(org_id, []).append(other_id)
    return found


def _comparable(key: str, value):
    if key in M2M_KEYS:
        return sorted(o.pk for o in value)
    if key in FK_KEYS:
        return value.pk if value is not None else None
    return value


def _current(org: Organisation, key: str):
    if key in FK_KEYS:
        return getattr(org, f"{key}_id")
    return getattr(org, FIELD_OF.get(key, key))


def contact_of(org: Organisation, contact: dict) -> ContactPerson | None:
    email = str(contact.get("contact_email") or "").casefold()
    for person in org.contacts.all():
        if (email and person.email.casefold() == email) or (
            not email and person.name == contact["contact_name"]
        ):
            return person
    return None


CONTACT_FIELDS = {
    "contact_name": "name",
    "contact_title": "title",
    "contact_email": "email",
    "contact_phone": "phone",
    "contact_language": "language",
}


def _contact_changes(org: Organisation, contact: dict) -> bool:
    person = contact_of(org, contact)
    if person is None:
        return True
    for key, attr in CONTACT_FIELDS.items():
        if (
            key in contact
            and contact[key] not in ("", None)
            and getattr(person, attr) != contact[key]
        ):
            return True
        if (
            key in contact
            and key in ("contact_title", "contact_phone")
            and getattr(person, attr) != contact[key]
        ):
            return True
    granted = {c.purpose: c.granted for c in person.consents.all()}
    return any(
        contact.get(k) is not None and granted.get(p) != contact[k] for k, p in CONSENT_KEYS.items()
    )


# ---------------------------------------------------------------------------
# Writing
