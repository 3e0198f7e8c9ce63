"""Writing an import: all or nothing, re-imports update instead of duplicating,
and the search index follows."""

from __future__ import annotations

import pytest

from kizuna.organisations.imports.apply import organisations_import
from kizuna.organisations.imports.files import SpreadsheetImportError
from kizuna.organisations.imports.preview import (
    NEW,
    UNCHANGED,
    UPDATED,
    organisations_import_preview,
)
from kizuna.organisations.models import Consent, ContactPerson, Organisation, SearchTerm
from kizuna.organisations.queries import organisation_directory

pytestmark = pytest.mark.django_db
HEADER = ["external_id", "kind", "name", "country", "technologies_offered", "countries_served", "founded", "description"]


def first_file(make_csv):
    return make_csv([
        HEADER,
        ["TH-001", "company", "บริษัท สยามออโตพาร์ท จำกัด", "TH", "iot; robotics", "VN", "2561", "ผลิตชิ้นส่วนยานยนต์"],
        ["JP-001", "company", "小島プレス工業", "JP", "predictive_maintenance", "TH; VN", "1938", "自動車部品のプレス加工"],
    ])


def test_import_creates_organisations_and_reports_counts(make_csv):
    result = organisations_import(file_name="a.csv", data=first_file(make_csv))
    assert (result.new, result.updated, result.unchanged) == (2, 0, 0)
    siam = Organisation.objects.get(external_id="TH-001")
    assert (siam.name, siam.country_id, siam.founded, siam.description_language) == (
        "บริษัท สยามออโตพาร์ท จำกัด", "TH", 2018, "th",
    )
    assert sorted(siam.technologies_offered.values_list("code", flat=True)) == ["iot", "robotics"]
    assert list(siam.countries_served.values_list("code", flat=True)) == ["VN"]


def test_reimporting_the_same_file_changes_nothing(make_csv):
    organisations_import(file_name="a.csv", data=first_file(make_csv))
    before = dict(Organisation.objects.values_list("external_id", "updated"))
    preview = organisations_import_preview(file_name="a.csv", data=first_file(make_csv))
    assert [(r.external_id, r.action, r.changed) for r in preview.rows] == [
        ("TH-001", UNCHANGED, []), ("JP-001", UNCHANGED, []),
    ]
    result = organisations_import(file_name="a.csv", data=first_file(make_csv))
    assert (result.new, result.updated, result.unchanged) == (0, 0, 2)
    assert Organisation.objects.count() == 2
    assert dict(Organisation.objects.values_list("external_id", "updated")) == before


def test_reimport_updates_changed_fields_and_replaces_lists(make_csv):
    organisations_import(file_name="a.csv", data=first_file(make_csv))
    changed = make_csv([
        HEADER,
        ["TH-001", "company", "บริษัท สยามออโตพาร์ท จำกัด (มหาชน)", "TH", "machine_vision", "", "2561", "ผลิตชิ้นส่วนยานยนต์"],
        ["JP-001", "company", "小島プレス工業", "JP", "predictive_maintenance", "TH; VN", "1938", "自動車部品のプレス加工"],
        ["TH-002", "startup", "Coldtrack", "TH", "cold_chain", "", "", ""],
    ])
    preview = organisations_import_preview(file_name="b.csv", data=changed)
    assert [(r.external_id, r.action, r.changed) for r in preview.rows] == [
        ("TH-001", UPDATED, ["name", "technologies_offered", "countries_served"]),
        ("JP-001", UNCHANGED, []),
        ("TH-002", NEW, ["kind", "name", "country", "technologies_offered", "countries_served", "description", "founded"]),
    ]
    result = organisations_import(file_name="b.csv", data=changed)
    assert (result.new, result.updated, result.unchanged) == (1, 1, 1)
    assert Organisation.objects.count() == 3
    siam = Organisation.objects.get(external_id="TH-001")
    assert siam.name == "บริษัท สยามออโตพาร์ท จำกัด (มหาชน)"
    assert list(siam.technologies_offered.values_list("code", flat=True)) == ["machine_vision"]
    assert list(siam.countries_served.all()) == []
    kojima = Organisation.objects.get(external_id="JP-001")
    assert sorted(kojima.countries_served.values_list("code", flat=True)) == ["TH", "VN"]


def test_columns_absent_from_the_file_are_left_as_they_are(make_csv, organisation_factory):
    org = organisation_factory(external_id="X-1", name="Old name", website="https://x.example", founded=2001,
                               technologies=["iot"])
    organisations_import(file_name="a.csv", data=make_csv([["external_id", "kind", "name", "country"],
                                                             ["X-1", "company", "New name", "TH"]]))
    org.refresh_from_db()
    assert (org.name, org.website, org.founded) == ("New name", "https://x.example", 2001)
    assert list(org.technologies_offered.values_list("code", flat=True)) == ["iot"]


def test_one_bad_row_among_good_ones_writes_nothing(make_csv, organisation_factory):
    organisation_factory(external_id="TH-001", name="Unchanged")
    data = make_csv([
        HEADER,
        ["TH-001", "company", "Renamed", "TH", "iot", "", "", ""],
        ["TH-002", "company", "Good", "TH", "robotics", "", "", ""],
        ["TH-003", "company", "Bad", "TH", "teleportation", "", "", ""],
        ["TH-004", "company", "Also good", "TH", "", "", "2561", ""],
    ])
    with pytest.raises(SpreadsheetImportError) as raised:
        organisations_import(file_name="a.csv", data=data)
    assert [(p.row, p.column, p.value) for p in raised.value.problems] == [(4, "technologies_offered", "teleportation")]
    assert list(Organisation.objects.values_list("external_id", "name")) == [("TH-001", "Unchanged")]
    assert Organisation.technologies_offered.through.objects.count() == 0


def test_imported_organisations_are_found_by_thai_and_japanese_words(make_csv):
    organisations_import(file_name="a.csv", data=first_file(make_csv))
    assert [o.external_id for o in organisation_directory(query="ยานยนต์")] == ["TH-001"]
    assert [o.external_id for o in organisation_directory(query="プレス")] == ["JP-001"]
    assert [o.external_id for o in organisation_directory(query="予知保全")] == ["JP-001"]


def test_reimport_refreshes_the_search_index(make_csv):
    organisations_import(file_name="a.csv", data=first_file(make_csv))
    organisations_import(file_name="a.csv", data=make_csv([
        ["external_id", "kind", "name", "country", "description"],
        ["TH-001", "company", "บริษัท สยามออโตพาร์ท จำกัด", "TH", "แปรรูปอาหารทะเล"],
    ]))
    assert [o.external_id for o in organisation_directory(query="ยานยนต์")] == []
    assert [o.external_id for o in organisation_directory(query="อาหารทะเล")] == ["TH-001"]
    assert SearchTerm.objects.filter(organisation__external_id="JP-001").exists()


def test_contacts_are_created_then_updated_by_email(make_csv):
    header = ["external_id", "kind", "name", "country", "contact_name", "contact_email", "contact_phone", "consent_matching"]
    organisations_import(file_name="c.csv", data=make_csv([
        header, ["TH-001", "company", "X", "TH", "Somchai", "somchai@example.co.th", "+66 2 123 4567", "yes"],
    ]))
    person = ContactPerson.objects.get()
    assert (person.name, person.email, person.phone) == ("Somchai", "somchai@example.co.th", "+66 2 123 4567")
    assert list(Consent.objects.values_list("purpose", "granted", "source")) == [("matching", True, "import c.csv")]

    again = make_csv([header, ["TH-001", "company", "X", "TH", "Somchai Jaidee", "SOMCHAI@example.co.th", "", "no"]])
    preview = organisations_import_preview(file_name="d.csv", data=again)
    assert [(r.action, r.changed) for r in preview.rows] == [(UPDATED, ["contact"])]
    organisations_import(file_name="d.csv", data=again)
    person = ContactPerson.objects.get()
    assert (person.name, person.email, person.phone) == ("Somchai Jaidee", "SOMCHAI@example.co.th", "")
    assert list(Consent.objects.values_list("purpose", "granted", "source")) == [("matching", False, "import d.csv")]
    assert organisations_import_preview(file_name="d.csv", data=again).rows[0].action == UNCHANGED


MIXED_TEXTS = [
    "บริษัท สยามออโตพาร์ท จำกัด ผลิตชิ้นส่วนยานยนต์ และ ระบบ IoT",
    "当社は中小企業向けに予知保全と エネルギー管理の ソリューションを提供しています。",
    "Cold-chain IoT, e.g. sensors; J.R. Smith's co.",
    "ＩｏＴ　センサー　ｔｅｓｔ",
    "ค่าใช้จ่าย ๑๒๓ 2561 พ.ศ.",
]


def test_bulk_index_writes_the_terms_of_each_organisations_search_texts(organisation_factory):
    from kizuna.organisations.domain import (
        organisation_search_texts,
        organisation_terms,
        organisations_index,
    )

    orgs = [organisation_factory(name=t, description=t[::-1], technologies=["iot", "cold_chain"]) for t in MIXED_TEXTS]
    assert organisations_index(orgs) == SearchTerm.objects.filter(organisation__in=orgs).count()
    for org in orgs:
        written = set(SearchTerm.objects.filter(organisation=org).values_list("term", flat=True))
        assert written == organisation_terms(organisation_search_texts(org)), org.name


def test_records_import_like_a_spreadsheet_and_ignore_other_keys():
    from kizuna.organisations.imports.apply import import_records

    records = [
        {"external_id": "jp-hitachi", "kind": "company", "name": "株式会社日立製作所", "country": "JP",
         "languages": ["ja", "en"], "technologies_offered": ["iot", "predictive_maintenance"], "region": "Tokyo",
         "founded": 1910, "programme": "big-brother", "role": "mentor"},
        {"external_id": "th-sme-1", "kind": "company", "name": "บริษัท ก จำกัด", "country": "TH", "languages": ["th"],
         "technologies_offered": [], "region": "TH-20", "founded": None, "programme": "", "role": "mentee"},
    ]
    result = import_records(records, source="demo.json")
    assert (result.new, result.updated, result.unchanged) == (2, 0, 0)
    hitachi = Organisation.objects.get(external_id="jp-hitachi")
    assert (hitachi.region_text, hitachi.province_id, hitachi.founded, hitachi.languages) == ("Tokyo", None, 1910, ["ja", "en"])
    sme = Organisation.objects.get(external_id="th-sme-1")
    assert (sme.region_text, sme.province.code) == ("", "TH-20")  # no province key: a province named as region
    assert import_records(records, source="demo.json").unchanged == 2
    assert import_records([], source="nothing.json").new == 0


def test_records_with_a_problem_write_nothing_and_name_the_record():
    from kizuna.organisations.imports.apply import import_records

    records = [
        {"external_id": "a", "kind": "company", "name": "A", "country": "TH"},
        {"external_id": "b", "kind": "company", "name": "B", "country": "XX"},
    ]
    with pytest.raises(SpreadsheetImportError) as raised:
        import_records(records, source="demo.json")
    assert [p.line("demo.json") for p in raised.value.problems] == [
        "demo.json:2: country 'XX': “XX” is not a known country. Write its two-letter ISO code (TH, JP, VN …) or its "
        "name in Thai, Japanese or English."
    ]
    assert Organisation.objects.count() == 0


def test_detected_description_language_never_overrides_a_recorded_one(make_csv, organisation_factory):
    organisation_factory(external_id="X-1", description="old", description_language="en")
    organisation_factory(external_id="X-2", description="old", description_language="")
    header = ["external_id", "kind", "name", "country", "description"]
    organisations_import(file_name="a.csv", data=make_csv([
        header,
        ["X-1", "company", "X", "TH", "ผลิตชิ้นส่วนยานยนต์"],
        ["X-2", "company", "Y", "TH", "ผลิตชิ้นส่วนยานยนต์"],
        ["X-3", "company", "Z", "TH", "自動車部品のプレス加工"],
    ]))
    assert dict(Organisation.objects.values_list("external_id", "description_language")) == {
        "X-1": "en", "X-2": "th", "X-3": "ja",
    }
