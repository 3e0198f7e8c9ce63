"""Checking the rows of an import: values in Thai, Japanese or English, Buddhist
Era years, registration numbers, and a located reason for every bad cell."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from kizuna.organisations.imports.apply import organisations_import
from kizuna.organisations.imports.files import Problem
from kizuna.organisations.imports.preview import organisations_import_preview
from kizuna.organisations.models import Organisation

pytestmark = pytest.mark.django_db
HEADER = ["external_id", "kind", "name", "country"]


def preview_of(data: bytes, name: str = "members.csv"):
    return organisations_import_preview(file_name=name, data=data)


def problem_lines(preview) -> list[str]:
    return [p.line(preview.file_name) for p in preview.problems]


def test_thai_headers_and_thai_values_are_understood(make_csv, thai_id):
    rows = [
        ["รหัสอ้างอิง", "ประเภท", "ชื่อ", "ประเทศ", "กลุ่มอุตสาหกรรม", "เทคโนโลยีที่ต้องการ", "จังหวัด",
         "ขนาดองค์กร", "ปีที่ก่อตั้ง", "เลขทะเบียนนิติบุคคล", "ภาษาที่ใช้", "ประเทศที่ให้บริการ"],
        ["TH-001", "บริษัท", "บริษัท สยามออโตพาร์ท จำกัด", "ไทย", "กลุ่มอุตสาหกรรมชิ้นส่วนและอะไหล่ยานยนต์",
         "ซ่อมบำรุงเชิงคาดการณ์; หุ่นยนต์", "จังหวัดชลบุรี", "ขนาดกลาง", "2561", thai_id(1), "ไทย; อังกฤษ",
         "เวียดนาม; กัมพูชา"],
    ]
    organisations_import(file_name="สมาชิก.csv", data=make_csv(rows))
    org = Organisation.objects.get(external_id="TH-001")
    assert (org.kind, org.country_id, org.industry_group.code, org.province.code, org.size, org.founded) == (
        "company", "TH", "auto_parts", "TH-20", "medium", 2018,
    )
    assert org.registration_number == thai_id(1)
    assert org.languages == ["th", "en"]
    assert sorted(org.technologies_needed.values_list("code", flat=True)) == ["predictive_maintenance", "robotics"]
    assert sorted(org.countries_served.values_list("code", flat=True)) == ["KH", "VN"]


def test_japanese_headers_and_japanese_values_are_understood(make_xlsx, japanese_number):
    rows = [
        ["外部ID", "種別", "名称", "国", "提供技術", "業種グループ", "設立年", "法人番号", "使用言語", "概要", "規模"],
        ["JP-001", "企業", "小島プレス工業株式会社", "日本", "予知保全、IoT（モノのインターネット）", "自動車部品部会",
         "1938年", japanese_number(7), "日本語;英語", "自動車部品のプレス加工", "大規模"],
    ]
    organisations_import(file_name="会員.xlsx", data=make_xlsx(rows))
    org = Organisation.objects.get(external_id="JP-001")
    assert (org.kind, org.country_id, org.industry_group.code, org.founded, org.size) == (
        "company", "JP", "auto_parts", 1938, "large",
    )
    assert org.registration_number == japanese_number(7)
    assert org.languages == ["ja", "en"]
    assert org.description_language == "ja"  # detected: the file did not say
    assert sorted(org.technologies_offered.values_list("code", flat=True)) == ["iot", "predictive_maintenance"]


def test_english_names_codes_and_synonyms_are_understood(make_csv):
    rows = [
        [*HEADER, "Technologies offered", "Province", "Countries served", "Size", "Website", "Language of the description"],
        ["S-1", "Startup", "Coldtrack", "Thailand", "cold_chain; IIoT; Machine vision", "TH-21", "vn;Lao PDR", "small",
         "www.coldtrack.co.th", "English"],
    ]
    (row,) = preview_of(make_csv(rows)).rows
    assert row.values["kind"] == "startup"
    assert [c.code for c in row.values["technologies_offered"]] == ["cold_chain", "iot", "machine_vision"]
    assert row.values["province"].code == "TH-21"
    assert [c.code for c in row.values["countries_served"]] == ["VN", "LA"]
    assert row.values["website"] == "https://www.coldtrack.co.th"
    assert row.values["description_language"] == "en"


@pytest.mark.parametrize(
    ("written", "year"),
    [("2561", 2018), ("2018", 2018), ("พ.ศ. 2561", 2018), ("2018年", 2018), ("25/03/2561", 2018), ("1999-04-01", 1999)],
)
def test_founded_accepts_buddhist_and_common_era_years_and_dates(make_csv, written, year):
    (row,) = preview_of(make_csv([[*HEADER, "founded"], ["A-1", "company", "X", "TH", written]])).rows
    assert row.values["founded"] == year


def test_founded_accepts_an_excel_date_cell(make_xlsx):
    (row,) = preview_of(make_xlsx([[*HEADER, "founded"], ["A-1", "company", "X", "TH", dt.date(2561, 1, 5)]]), "a.xlsx").rows
    assert row.values["founded"] == 2018


def test_bad_and_future_years_are_refused(make_csv):
    rows = [[*HEADER, "founded"], ["A-1", "company", "X", "TH", "ปีนี้"], ["A-2", "company", "Y", "TH", "2650"],
            ["A-3", "company", "Z", "TH", "3000"]]
    assert problem_lines(preview_of(make_csv(rows))) == [
        "members.csv:2: founded 'ปีนี้': “ปีนี้” is not a year. Write a year such as 2018, or 2561 in the Buddhist Era.",
        "members.csv:3: founded '2650': The year 2650 of the Buddhist Era is in the future.",
        "members.csv:4: founded '3000': “3000” is not a year. Write a year such as 2018, or 2561 in the Buddhist Era.",
    ]


def test_wrong_check_digits_say_what_the_digit_should_be(make_csv, thai_id, japanese_number):
    good_th, good_jp = thai_id(42), japanese_number(42)
    bad_th = good_th[:12] + str((int(good_th[12]) + 1) % 10)
    bad_jp = str((int(good_jp[0]) % 9) + 1) + good_jp[1:]
    rows = [
        [*HEADER, "registration_number"],
        ["TH-1", "company", "A", "TH", bad_th],
        ["JP-1", "company", "B", "JP", bad_jp],
        ["TH-2", "company", "C", "TH", "12345"],
        ["SG-1", "company", "D", "SG", "201912345K"],
    ]
    assert problem_lines(preview_of(make_csv(rows))) == [
        f"members.csv:2: registration_number '{bad_th}': The check digit of this Thai juristic-person ID is wrong: "
        f"the last digit should be {good_th[12]}.",
        f"members.csv:3: registration_number '{bad_jp}': The check digit of this Japanese corporate number is wrong: "
        f"the first digit should be {good_jp[0]}.",
        "members.csv:4: registration_number '12345': A Thai juristic-person ID has exactly 13 digits.",
    ]


def test_registration_numbers_with_dashes_and_full_width_digits_are_cleaned(make_csv, thai_id):
    n = thai_id(3)
    written = "".join(chr(ord(c) + 0xFEE0) for c in n[:1]) + "-" + n[1:5] + " " + n[5:]
    (row,) = preview_of(make_csv([[*HEADER, "registration_number"], ["A", "company", "X", "TH", written]])).rows
    assert row.values["registration_number"] == n


def test_excel_number_cell_that_lost_the_leading_zero_of_a_thai_id_is_restored(make_xlsx, thai_id):
    n = thai_id(5)
    assert n.startswith("0")
    rows = [[*HEADER, "registration_number"], ["A", "company", "X", "TH", int(n)]]
    (row,) = preview_of(make_xlsx(rows), "a.xlsx").rows
    assert row.values["registration_number"] == n


def test_unknown_technology_is_named_and_points_at_the_list(make_csv):
    rows = [[*HEADER, "technologies_offered"], ["A-1", "company", "X", "TH", "iot; predictive maintenanse; teleportation"]]
    assert problem_lines(preview_of(make_csv(rows))) == [
        "members.csv:2: technologies_offered 'predictive maintenanse': “predictive maintenanse” is not a technology "
        "of the Kizuna taxonomy. Write a code, or a Thai, Japanese or English name or synonym, from the list of "
        "technologies on the import page (also in docs/import.md). Did you mean “predictive maintenance”?",
        "members.csv:2: technologies_offered 'teleportation': “teleportation” is not a technology of the Kizuna "
        "taxonomy. Write a code, or a Thai, Japanese or English name or synonym, from the list of technologies on "
        "the import page (also in docs/import.md).",
    ]


def test_every_bad_cell_is_reported_with_row_column_value_and_reason(make_csv):
    rows = [
        ["External ID", "Kind", "Name", "Country", "Province", "Size", "Website", "Languages spoken", "Industry group"],
        ["A-1", "factory", "", "Atlantis", "Tokyo", "huge", "not a site", "th; klingon", "steel"],
        ["", "company", "OK", "TH", "", "", "", "", ""],
    ]
    assert preview_of(make_csv(rows)).problems == [
        Problem(2, "Kind", "factory", "“factory” is not a kind of organisation. Write one of: company, startup, university, investor, agency."),
        Problem(2, "Name", "", "This column is required and the cell is empty."),
        Problem(2, "Country", "Atlantis", "“Atlantis” is not a known country. Write its two-letter ISO code (TH, JP, VN …) or its name in Thai, Japanese or English."),
        Problem(2, "Languages spoken", "klingon", "“klingon” is not one of the languages th, ja and en (Thai, Japanese, English)."),
        Problem(2, "Industry group", "steel", "“steel” is not one of the industry groups. Write a code or a Thai, Japanese or English name from the list of industry groups: auto_parts, electrical_electronics, food, furniture, machinery, medical_devices, petrochemical, plastics, printing_packaging, rubber, textiles."),
        Problem(2, "Province", "Tokyo", "“Tokyo” is not a Thai province. Write its ISO code (such as TH-20) or its name in Thai, Japanese or English."),
        Problem(2, "Size", "huge", "“huge” is not a size. Write one of: micro, small, medium, large."),
        Problem(2, "Website", "not a site", "“not a site” is not a web address such as https://www.example.co.th."),
        Problem(3, "External ID", "", "This column is required and the cell is empty."),
    ]


def test_duplicate_external_id_names_both_rows(make_csv):
    rows = [HEADER, ["A-1", "company", "X", "TH"], ["A-2", "company", "Y", "TH"], ["A-1", "startup", "Z", "JP"]]
    assert problem_lines(preview_of(make_csv(rows))) == [
        "members.csv:4: external_id 'A-1': The external id A-1 is also used in row 2; each organisation must appear "
        "only once in a file."
    ]


def test_too_long_text_is_refused_with_its_length(make_csv):
    rows = [HEADER, ["A-1", "company", "ก" * 201, "TH"]]
    (problem,) = preview_of(make_csv(rows)).problems
    assert (problem.row, problem.column, problem.message) == (
        2, "name", "This text has 201 characters; at most 200 are allowed."
    )


def test_contact_and_consents_are_read_in_any_language(make_csv):
    rows = [
        [*HEADER, "担当者名", "Contact e-mail", "ภาษาของผู้ติดต่อ", "consent_programme", "consent_matching"],
        ["A-1", "company", "X", "TH", "สมชาย ใจดี", "somchai@example.co.th", "ไทย", "ใช่", "いいえ"],
        ["A-2", "company", "Y", "TH", "", "nobody@example.org", "", "", ""],
        ["A-3", "company", "Z", "TH", "Sato", "sato@", "", "maybe", ""],
    ]
    preview = preview_of(make_csv(rows))
    assert problem_lines(preview) == [
        "members.csv:3: 担当者名 '': A contact person needs a name when other contact columns of the row are filled.",
        "members.csv:4: Contact e-mail 'sato@': “sato@” is not an e-mail address.",
        "members.csv:4: consent_programme 'maybe': “maybe” is not yes or no. Write yes or no (ใช่ or ไม่, はい or "
        "いいえ), or leave the cell empty when consent was not asked.",
    ]
    rows = rows[:2]
    (row,) = preview_of(make_csv(rows)).rows
    assert row.contact == {
        "contact_name": "สมชาย ใจดี",
        "contact_email": "somchai@example.co.th",
        "contact_language": "th",
        "consent_programme": True,
        "consent_matching": False,
    }


def test_ambiguous_name_asks_for_the_code(make_csv, organisation_factory):
    from kizuna.organisations.models import Concept

    Concept.objects.filter(code="robotics").update(label_en="Machine vision")
    rows = [[*HEADER, "technologies_needed"], ["A-1", "company", "X", "TH", "machine vision"]]
    (problem,) = preview_of(make_csv(rows)).problems
    assert problem.message == "“machine vision” could mean several entries (machine_vision, robotics); write the code instead."


def test_problems_are_written_in_the_users_language(make_csv):
    rows = [HEADER, ["A-1", "company", "", "TH"], ["A-1", "company", "X", "Atlantis"]]
    with translation.override("ja"):
        japanese = [p.message for p in preview_of(make_csv(rows)).problems]
    with translation.override("th"):
        thai = [p.message for p in preview_of(make_csv(rows)).problems]
    assert japanese == [
        "この列は必須ですが、セルが空です。",
        "「Atlantis」は既知の国ではありません。2 文字の ISO コード（TH、JP、VN など）か、タイ語・日本語・英語の国名を書いてください。",
        "外部ID A-1 は 2 行目でも使われています。1 つのファイルに同じ組織は 1 回だけ書いてください。",
    ]
    assert thai == [
        "คอลัมน์นี้ต้องมีค่า แต่เซลล์นี้ว่างอยู่",
        "“Atlantis” ไม่ใช่ประเทศที่รู้จัก กรุณาใช้รหัส ISO สองตัวอักษร (TH, JP, VN …) หรือชื่อภาษาไทย ญี่ปุ่น หรืออังกฤษ",
        "รหัสอ้างอิง A-1 ถูกใช้แล้วในแถว 2 แต่ละองค์กรต้องปรากฏในไฟล์เพียงครั้งเดียว",
    ]


def test_a_future_year_is_refused_in_the_era_it_was_written_in(make_csv, make_xlsx):
    """#9 item 12: a future B.E. year was refused with its C.E. year ("ปี ค.ศ. 2027 ยังมาไม่ถึง")."""
    next_year = dt.date.today().year + 1
    be = next_year + 543
    rows = [[*HEADER, "founded"], ["A-1", "company", "X", "TH", str(be)], ["A-2", "company", "Y", "TH", f"พ.ศ. {be}"],
            ["A-3", "company", "Z", "TH", str(next_year)], ["A-4", "company", "W", "TH", f"01/02/{be}"]]
    with translation.override("th"):
        lines = problem_lines(preview_of(make_csv(rows)))
    assert lines == [
        f"members.csv:2: founded '{be}': ปี พ.ศ. {be} ยังมาไม่ถึง",
        f"members.csv:3: founded 'พ.ศ. {be}': ปี พ.ศ. {be} ยังมาไม่ถึง",
        f"members.csv:4: founded '{next_year}': ปี ค.ศ. {next_year} ยังมาไม่ถึง",
        f"members.csv:5: founded '01/02/{be}': ปี พ.ศ. {be} ยังมาไม่ถึง",
    ]
    with translation.override("ja"):
        (problem,) = preview_of(make_xlsx([[*HEADER, "founded"], ["A-1", "company", "X", "TH", dt.date(be, 1, 5)]]),
                                "a.xlsx").problems
    assert problem.message == f"仏暦{be}年は未来の年です。"
