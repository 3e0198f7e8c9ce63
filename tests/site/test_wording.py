"""One Thai spelling of "startup" (สตาร์ทอัพ), formal Japanese for the Big Brother
programme (no colloquial 兄貴分), and the admin's app names in the reader's language (#9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.utils import translation

SRC = Path(__file__).resolve().parents[2] / "src" / "kizuna"
OTHER_STARTUP_SPELLINGS = ("สตาร์ตอัพ", "สตาร์ตอัป", "สตาร์ทอัป")


def _shown_texts():
    """Texts users read: the catalogues' translations and the shipped and demo data."""
    for po in SRC.glob("locale/*/LC_MESSAGES/django.po"):
        yield po, "\n".join(line for line in po.read_text().splitlines() if not line.startswith("msgid"))
    for path in (*SRC.glob("data/**/*.json"), SRC / "programmes" / "demo_data.py", SRC / "mentoring" / "demo.py"):
        yield path, path.read_text()


def test_thai_writes_startup_one_way_everywhere():
    for path, text in _shown_texts():
        for spelling in OTHER_STARTUP_SPELLINGS:
            assert spelling not in text, f"{path}: {spelling}"


def test_japanese_names_the_programme_formally():
    for path, text in _shown_texts():
        assert "兄貴" not in text, path


@pytest.mark.parametrize("lang, expected", [("th", "โครงการพี่ช่วยน้อง"), ("ja", "ビッグブラザー・プログラム（先輩企業による技術支援）")])
def test_admin_app_names_are_translated(lang, expected):
    with translation.override(lang):
        assert str(apps.get_app_config("mentoring").verbose_name) == expected
        for label in ("accounts", "organisations", "programmes", "common", "vectors"):
            name = str(apps.get_app_config(label).verbose_name)
            assert not name.isascii(), (label, name)
