"""Exports in the reader's language that the import reads back unchanged."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from kizuna.organisations.exports import export_headers, organisations_export
from kizuna.organisations.imports.preview import UNCHANGED, organisations_import_preview
from kizuna.organisations.models import Concept, Country, IndustryGroup, Organisation, Province

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs(organisation_factory, thai_id, japanese_number):
    siam = organisation_factory(
        external_id="TH-001", kind="company", name="บริษัท สยามออโตพาร์ท จำกัด", name_en="Siam Auto Parts",
        country=Country.objects.get(code="TH"), languages=["th", "en"],
        industry_group=IndustryGroup.objects.get(code="auto_parts"), province=Province.objects.get(code="TH-20"),
        size="medium", website="https://siam-auto.example.co.th", description="ผลิตชิ้นส่วนยานยนต์",
        description_language="th", registration_number=thai_id(9), founded=2018,
    )
    siam.technologies_offered.set(Concept.objects.filter(code__in=["metal_stamping", "iot"]))
    siam.technologies_needed.set(Concept.objects.filter(code__in=["predictive_maintenance"]))
    siam.countries_served.set(Country.objects.filter(code__in=["VN", "KH", "LA", "MM"]))
    kojima = organisation_factory(
        external_id="JP-001", kind="company", name="小島プレス工業株式会社", country_id="JP", languages=["ja"],
        size="large", description="=1+1 は数式ではありません", description_language="ja",
        registration_number=japanese_number(3), founded=1938, region_text="愛知県豊田市",
    )
    startup = organisation_factory(
        external_id="SG-7", kind="startup", name="-40 Cold Chain Pte. Ltd.", country_id="SG", languages=[],
        description="", founded=None,
    )
    startup.technologies_offered.set(Concept.objects.filter(code="cold_chain"))
    return [siam, kojima, startup]


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("lang", ["th", "ja", "en"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("keys", [False, True])
def test_exported_file_reimports_unchanged(orgs, lang, fmt, keys):
    data = organisations_export(Organisation.objects.all(), fmt=fmt, lang=lang, keys=keys)
    preview = organisations_import_preview(file_name=f"export.{fmt}", data=data)
    assert preview.problems == []
    assert sorted((r.external_id, r.action, r.changed) for r in preview.rows) == [
        ("JP-001", UNCHANGED, []), ("SG-7", UNCHANGED, []), ("TH-001", UNCHANGED, []),
    ]


def test_thai_export_uses_thai_headers_names_and_buddhist_era(orgs):
    rows = read_csv(organisations_export(Organisation.objects.filter(external_id="TH-001"), fmt="csv", lang="th"))
    assert rows[0] == export_headers("th")
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["รหัสอ้างอิง"] == "TH-001"
    assert record["ประเภท"] == "บริษัท"
    assert record["ประเทศ"] == "ไทย"
    assert record["จังหวัด"] == "ชลบุรี"
    assert record["ขนาดองค์กร"] == "ขนาดกลาง"
    assert record["ปีที่ก่อตั้ง"] == "2561"
    assert record["ภาษาที่ใช้"] == "ไทย; อังกฤษ"
    assert record["ประเทศที่ให้บริการ"] == "กัมพูชา; ลาว; เมียนมา; เวียดนาม"


def test_export_with_keys_writes_codes(orgs):
    rows = read_csv(organisations_export(Organisation.objects.filter(external_id="TH-001"), fmt="csv", lang="ja", keys=True))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert rows[0][:4] == ["external_id", "kind", "name", "name_th"]
    assert (record["kind"], record["country"], record["industry_group"], record["province"], record["founded"]) == (
        "company", "TH", "auto_parts", "TH-20", "2018",
    )
    assert record["technologies_offered"] == "iot; metal_stamping"
    assert record["countries_served"] == "KH; LA; MM; VN"


def test_text_that_a_spreadsheet_would_run_as_a_formula_stays_text(orgs):
    rows = read_csv(organisations_export(Organisation.objects.exclude(external_id="TH-001"), fmt="csv", lang="en"))
    assert rows[2][rows[0].index("Description")] == "'=1+1 は数式ではありません"
    assert rows[1][rows[0].index("Name")] == "'-40 Cold Chain Pte. Ltd."
    data = organisations_export(Organisation.objects.filter(external_id="JP-001"), fmt="xlsx", lang="en")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    cell = sheet.cell(row=2, column=rows[0].index("Description") + 1)
    assert (cell.value, cell.data_type) == ("=1+1 は数式ではありません", "s")
    assert sheet.cell(row=2, column=rows[0].index("Registration number") + 1).data_type == "s"


def test_export_page_follows_the_directory_filter_in_the_users_language(client, orgs, viewer):
    client.force_login(viewer)  # a ministry viewer, Japanese
    response = client.get("/organisations/export/", {"country": "JP", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="organisations-')
    rows = read_csv(response.content)
    assert rows[0] == export_headers("ja")
    assert [r[0] for r in rows[1:]] == ["JP-001"]
    response = client.get("/organisations/export/", {"format": "xlsx", "keys": "1", "q": "ยานยนต์"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in next(sheet.iter_rows(min_row=1, max_row=1))][:2] == ["external_id", "kind"]
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["TH-001"]


def test_export_asked_through_htmx_redirects_the_browser_to_the_download(client, orgs, viewer):
    client.force_login(viewer)
    response = client.get("/organisations/export/?kind=startup&format=xlsx", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/organisations/export/?kind=startup&format=xlsx"


def test_directory_page_offers_the_export_of_its_filter(client, viewer):
    client.force_login(viewer)
    html = client.get("/organisations/?kind=startup").content.decode()
    assert 'formaction="/organisations/export/" name="format" value="csv"' in html
    assert 'formaction="/organisations/export/" name="format" value="xlsx"' in html


def test_export_needs_sign_in(client):
    response = client.get("/organisations/export/?format=csv")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_kizuna_export_writes_a_workbook_when_a_stored_name_holds_control_characters(organisation_factory, tmp_path):
    from django.core.management import call_command

    organisation_factory(external_id="CC-1", name="Siam\x1b Parts\x07 Ltd\x08", description="line\x0bbreak")
    call_command("export", "organisations", str(tmp_path / "x.xlsx"), stdout=io.StringIO())
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx").worksheets[0]
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    assert (row[header.index("Name")], row[header.index("Description")]) == ("Siam Parts Ltd", "linebreak")
