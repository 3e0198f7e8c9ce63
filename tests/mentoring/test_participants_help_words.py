"""The participants help names the columns in the reader's language, and the importer
accepts exactly those names (#9, item 13: English column keys in the Thai help)."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from kizuna.mentoring.sheets_rounds import participants_read

pytestmark = pytest.mark.django_db
HELP = "Columns: external_id, side (mentor or mentee), and optionally capacity, min, max."


@pytest.mark.parametrize("lang, header, sides", [
    ("th", "รหัสอ้างอิง,ฝ่าย,จำนวนที่รับได้,ขั้นต่ำ,สูงสุด", ("พี่เลี้ยง", "SME")),
    ("ja", "外部ID,区分,受入数,最小,最大", ("メンター", "メンティー")),
])
def test_help_names_columns_the_importer_accepts(organisation_factory, lang, header, sides):
    with translation.override(lang):
        help_text = translation.gettext(HELP)
    assert not re.search(r"external_id|capacity|\bside\b|\bmin\b", help_text), help_text
    for word in (*header.split(","), *sides):
        assert word in help_text
    mentor, sme = organisation_factory(external_id="m-1"), organisation_factory(external_id="s-1")
    data = f"{header}\nm-1,{sides[0]},2,,\ns-1,{sides[1]},,1,2\n".encode()
    rows = participants_read(name="p.csv", data=data)
    assert [(r.organisation, r.side, r.capacity, r.lo, r.hi) for r in rows] == [
        (mentor, "mentor", 2, None, None), (sme, "mentee", None, 1, 2)]
