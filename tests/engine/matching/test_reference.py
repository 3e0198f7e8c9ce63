"""Regions and the Reference handed to scoring: the EEC comes from the provinces'
data, not from names inside the engine."""

from __future__ import annotations

import pytest
from match_support import COUNTRIES, GROUPS, SME, TAXONOMY, model_of

from kizuna.engine.affinity import AffinityModel
from kizuna.engine.profiles import Profile
from kizuna.engine.reference import Province, Reference, Regions, regions_from_dict, regions_load
from kizuna.engine.taxonomy import TaxonomyError
from kizuna.engine.weights import AffinityWeights


def test_eec_provinces_of_the_shipped_file_are_recognised_in_three_languages_and_other_spellings():
    regions = regions_load()
    assert regions.in_eec("Rayong") and regions.in_eec("ชลบุรี") and regions.in_eec("チャチューンサオ")
    assert regions.in_eec("Chon Buri") and regions.in_eec("チョンブリー県") and regions.in_eec("จังหวัดระยอง")
    assert regions.in_eec("EEC") and regions.in_eec("Eastern Economic Corridor")
    assert not regions.in_eec("Bangkok") and not regions.in_eec("") and not regions.in_eec("Chanthaburi")


def test_province_and_region_are_found_in_a_region_value():
    regions = regions_load()
    assert regions.province_of("โรงงานอยู่ที่ระยอง") == "TH-21"
    assert regions.region_of("Rayong") == "east"
    assert regions.region_of("Tokyo") == "" and regions.province_of("EEC") is None


def test_a_province_marked_eec_in_the_data_is_in_the_eec_and_one_not_marked_is_not():
    regions = Regions([Province("TH-22", {"en": "Chanthaburi", "th": "จันทบุรี", "ja": "チャンタブリー県"}, "east", eec=True),
                       Province("TH-21", {"en": "Rayong"}, "east", eec=False)])
    assert regions.in_eec("チャンタブリー") and not regions.in_eec("Rayong")


def test_geography_part_follows_the_regions_passed_in():
    mentor = Profile("p1", "Mentor", region="Chanthaburi")
    weights = AffinityWeights(geography=0.05)  # geography is 0 by default
    shipped = model_of([SME], [mentor], weights=weights)
    assert shipped.breakdown(0, 0).geography == 0.0  # Rayong and Chanthaburi: EEC and not
    moved = Regions([Province(p.code, p.labels, p.region, eec=p.eec or p.code == "TH-22")
                     for p in regions_load().provinces.values()])
    edited = AffinityModel.from_reference([SME], [mentor], Reference(TAXONOMY, GROUPS, COUNTRIES, moved),
                                          encoder=None, weights=weights, seeker_vectors=shipped.s.vectors,
                                          provider_vectors=shipped.p.vectors)
    assert edited.breakdown(0, 0).geography == pytest.approx(edited.weights.geography * edited.weights.same_area)
    assert "Both are located in the Eastern Economic Corridor (EEC)." in edited.reasons(0, 0, "en")


def test_provinces_file_errors_name_the_entry():
    with pytest.raises(TaxonomyError, match=r"provinces: province 2 needs a non-empty 'code'"):
        regions_from_dict({"provinces": [{"code": "TH-10"}, {"labels": {}}]})
