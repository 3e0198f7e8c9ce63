from __future__ import annotations

import pytest
from match_support import COUNTRIES, GROUPS, TAXONOMY

from kizuna.engine.taxonomy import (
    TaxonomyError,
    label_variants,
    phrase_key,
    taxonomy_from_dict,
    taxonomy_load,
)


def test_thai_text_maps_multi_word_synonym_to_its_concept():
    text = "บริษัทต้องการระบบการบำรุงรักษาเชิงพยากรณ์สำหรับเครื่องจักรและไอโอที"
    assert TAXONOMY.concepts_in(text) == ["predictive_maintenance", "iot"]


def test_japanese_text_maps_labels_and_synonyms():
    assert TAXONOMY.concepts_in("工場設備の予知保全とモノのインターネット、ロボット") == [
        "predictive_maintenance", "iot", "robotics"]


def test_english_matching_ignores_case_width_and_plurals():
    assert TAXONOMY.concepts_in("ＩｏＴ sensors and ROBOTS for Failure Prediction") == ["iot", "robotics", "predictive_maintenance"]


def test_short_latin_synonym_does_not_match_inside_a_longer_word():
    # "AI" is a synonym, but Thailand, maintain and paid contain the letters "ai".
    assert TAXONOMY.concepts_in("Thailand maintains paid training") == []
    assert TAXONOMY.concepts_in("We use AI for planning") == ["ai_ml"]


def test_longest_phrase_wins_where_phrases_overlap():
    assert TAXONOMY.concepts_in("IoT（モノのインターネット）") == ["iot"]


def test_label_with_abbreviation_in_brackets_matches_either_part():
    assert label_variants("Enterprise resource planning (ERP)") == [
        "Enterprise resource planning (ERP)", "Enterprise resource planning", "ERP"]
    assert TAXONOMY.lookup("ERP") == "erp"
    assert TAXONOMY.lookup("enterprise resource planning") == "erp"


def test_lookup_accepts_code_or_label_in_any_language_and_rejects_free_text():
    assert TAXONOMY.lookup("predictive_maintenance") == "predictive_maintenance"
    assert TAXONOMY.lookup("予知保全") == "predictive_maintenance"
    assert TAXONOMY.lookup("การบำรุงรักษาเชิงพยากรณ์") == "predictive_maintenance"
    assert TAXONOMY.lookup("Predictive Maintenance") == "predictive_maintenance"
    assert TAXONOMY.lookup("laser welding") is None


def test_phrase_key_joins_thai_and_japanese_without_spaces_and_latin_with():
    assert phrase_key("Predictive  Maintenance") == "predictive maintenance"
    assert phrase_key("予知 保全") == "予知保全"


def test_ancestors_and_labels_fall_back_to_english():
    assert TAXONOMY.ancestors("predictive_maintenance") == ["maintenance"]
    assert TAXONOMY.label("cold_chain", "ja") == "コールドチェーン"
    assert TAXONOMY.label("unknown", "th") == "unknown"


def test_countries_found_in_text_and_clmv_expanded():
    assert COUNTRIES.find("วางแผนขยายตลาดไปเวียดนามและกัมพูชา") == ["VN", "KH"]
    assert COUNTRIES.find("ベトナムに拠点があります") == ["VN"]
    assert COUNTRIES.lookup("CLMV") == ["KH", "LA", "MM", "VN"]
    assert COUNTRIES.lookup("vn") == ["VN"]
    assert COUNTRIES.find("expanding to the CLMV countries") == ["KH", "LA", "MM", "VN"]


def test_industry_group_lookup_by_label_in_any_language():
    assert GROUPS.lookup("กลุ่มอุตสาหกรรมอาหาร") == "food"
    assert GROUPS.lookup("自動車部品部会") == "auto_parts"
    assert GROUPS.lookup("Steel") is None


def test_taxonomy_errors_name_the_entry():
    with pytest.raises(TaxonomyError, match=r"concept 2: each concept needs a non-empty 'code'"):
        taxonomy_from_dict({"concepts": [{"code": "a", "labels": {"en": "A"}}, {"labels": {"en": "B"}}]})
    with pytest.raises(TaxonomyError, match=r"concept 'b' has unknown broader concept 'zz'"):
        taxonomy_from_dict({"concepts": [{"code": "b", "broader": "zz", "labels": {"en": "B"}}]})
    with pytest.raises(TaxonomyError, match=r"concept code 'a' appears twice"):
        taxonomy_from_dict({"concepts": [{"code": "a", "labels": {"en": "A"}}, {"code": "a", "labels": {"en": "A"}}]})


def test_shipped_taxonomy_loads_and_maps_text_in_three_languages():
    tax = taxonomy_load()
    assert "predictive_maintenance" in tax
    for text in ("Predictive maintenance", "予知保全", "การบำรุงรักษาเชิงพยากรณ์"):
        assert "predictive_maintenance" in tax.concepts_in(text), text


def test_misordered_thai_and_half_width_kana_are_normalised_before_matching():
    tax = taxonomy_load()
    # "เเ" typed as two sara e instead of sara ae; half-width katakana
    assert tax.concepts_in("ต้องการออกแบบเเม่พิมพ์") == tax.concepts_in("ต้องการออกแบบแม่พิมพ์") == ["mold_and_die"]
    assert tax.concepts_in("ｶｲｾﾞﾝ活動") == tax.concepts_in("カイゼン活動") == ["kaizen_tps"]
