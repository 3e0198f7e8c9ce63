"""Reasons speak the reader's language through and through (#9, item 13): a province is
named in Thai or Japanese from the reference data, and Thai sentences put a space between
Thai text and a word in another script."""

from __future__ import annotations

from match_support import model_of

from kizuna.engine import messages
from kizuna.engine.affinity_messages import render_list
from kizuna.engine.profiles import Profile
from kizuna.engine.reference import regions_load
from kizuna.engine.weights import AffinityWeights

GEOGRAPHY = AffinityWeights(geography=0.05)


def _both_in(region: str, other: str | None = None):
    sme = Profile("s1", "Siam Parts", country="TH", region=region)
    mentor = Profile("p1", "Thai Mentor", country="TH", region=other or region)
    return model_of([sme], [mentor], weights=GEOGRAPHY)


def test_same_province_reason_names_the_province_in_the_readers_language():
    model = _both_in("Samut Prakan")
    assert "ทั้งสองฝ่ายตั้งอยู่ที่สมุทรปราการ" in model.reasons(0, 0, "th")
    assert "双方ともサムットプラーカーン県に拠点があります。" in model.reasons(0, 0, "ja")
    assert "Both are based in Samut Prakan." in model.reasons(0, 0, "en")


def test_a_province_written_in_thai_is_named_in_english_for_an_english_reader():
    model = _both_in("สมุทรปราการ")
    assert "Both are based in Samut Prakan." in model.reasons(0, 0, "en")


def test_a_region_outside_the_reference_keeps_its_name_with_a_space_in_thai():
    model = _both_in("Tokyo")
    assert "ทั้งสองฝ่ายตั้งอยู่ที่ Tokyo" in model.reasons(0, 0, "th")
    assert "双方ともTokyoに拠点があります。" in model.reasons(0, 0, "ja")


def test_regions_name_gives_each_language_and_keeps_unknown_text():
    regions = regions_load()
    assert regions.name("Samut Prakan", "th") == "สมุทรปราการ"
    assert regions.name("จังหวัดชลบุรี", "ja") == "チョンブリー県"
    assert regions.name("Osaka", "th") == "Osaka"
    assert regions.name("", "th") == ""


def test_thai_sentences_space_words_in_another_script_but_run_thai_on():
    assert messages.render("affinity.shared_concepts", "th", seeker="Siam Parts", provider="Hitachi",
                           concepts="IoT") == "Siam Parts ต้องการ IoT ซึ่ง Hitachi มีให้"
    assert messages.render("affinity.shared_concepts", "th", seeker="สยามพาร์ท", provider="ฮิตาชิ",
                           concepts="การบำรุงรักษาเชิงพยากรณ์") == "สยามพาร์ท ต้องการการบำรุงรักษาเชิงพยากรณ์ ซึ่ง ฮิตาชิ มีให้"
    assert render_list(["Vietnam", "Laos"], "th") == "Vietnam และ Laos"
    # the other languages are left as written
    assert messages.render("affinity.same_region", "ja", region="Tokyo") == "双方ともTokyoに拠点があります。"
