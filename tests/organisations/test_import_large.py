"""A 10,000-row import: it must stay quick enough for officers and for the suite."""

from __future__ import annotations

import random
import time

import pytest

from kizuna.organisations.imports.apply import organisations_import
from kizuna.organisations.imports.preview import organisations_import_preview
from kizuna.organisations.models import Concept, Organisation, Province, SearchTerm
from kizuna.organisations.queries import organisation_directory

ROWS = 10_000
HEADER = [
    "external_id", "kind", "name", "name_en", "country", "languages", "industry_group", "technologies_offered",
    "technologies_needed", "province", "size", "description", "registration_number", "founded",
]
THAI_WORDS = ["ผลิต", "ชิ้นส่วน", "ยานยนต์", "อาหาร", "แปรรูป", "พลาสติก", "บรรจุภัณฑ์", "เครื่องจักร", "ระบบ", "อัตโนมัติ"]
JAPANESE_WORDS = ["精密", "加工", "金型", "自動車", "部品", "食品", "包装", "機械", "製造", "技術"]


def rows(n: int, thai_id, japanese_number) -> list[list[object]]:
    rng = random.Random(2018)
    concepts = list(Concept.objects.values_list("code", flat=True))
    provinces = list(Province.objects.values_list("code", flat=True))
    out = [HEADER]
    for i in range(n):
        thai = i % 2 == 0
        words = THAI_WORDS if thai else JAPANESE_WORDS
        description = ("" if thai else "").join(rng.sample(words, 5)) + f" {i}"
        out.append([
            f"ORG-{i:05d}",
            rng.choice(["company", "บริษัท", "startup", "企業"]),
            f"บริษัท ทดสอบ {i} จำกัด" if thai else f"テスト工業{i}株式会社",
            f"Test {i}",
            "TH" if thai else "日本",
            "th; en" if thai else "ja",
            rng.choice(["auto_parts", "food", "plastics", "กลุ่มอุตสาหกรรมอาหาร", "機械部会"]),
            "; ".join(rng.sample(concepts, 2)),
            "; ".join(rng.sample(concepts, 2)),
            rng.choice(provinces) if thai else "",
            rng.choice(["small", "medium", "ขนาดเล็ก", "中規模"]),
            description,
            thai_id(i) if thai else japanese_number(i),
            str(rng.randint(2530, 2565)) if thai else str(rng.randint(1950, 2020)),
        ])
    return out


@pytest.mark.slow
@pytest.mark.django_db(transaction=False)
def test_ten_thousand_rows_import_then_reimport(make_csv, thai_id, japanese_number):
    data = make_csv(rows(ROWS, thai_id, japanese_number))
    started = time.perf_counter()
    result = organisations_import(file_name="large.csv", data=data)
    took = time.perf_counter() - started
    print(f"\n{ROWS} rows imported in {took:.1f} s")
    assert (result.new, result.updated, result.unchanged) == (ROWS, 0, 0)
    assert Organisation.objects.count() == ROWS
    assert Organisation.technologies_offered.through.objects.count() == 2 * ROWS
    assert [o.external_id for o in organisation_directory(query="テスト工業9999株式会社")] == ["ORG-09999"]
    assert SearchTerm.objects.filter(organisation__external_id="ORG-00000", term="ยานยนต์").exists() == (
        "ยานยนต์" in Organisation.objects.get(external_id="ORG-00000").description
    )

    started = time.perf_counter()
    preview = organisations_import_preview(file_name="large.csv", data=data)
    print(f"{ROWS} unchanged rows previewed in {time.perf_counter() - started:.1f} s")
    assert (preview.new, preview.updated, preview.unchanged, preview.problems) == (0, 0, ROWS, [])
