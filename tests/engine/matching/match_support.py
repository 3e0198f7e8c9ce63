"""Shared data for the matching-engine tests: a small taxonomy and profile builders.

The sentence encoder loads once per process (`encoder_get` keeps it), so every
test module that encodes shares it.
"""

from __future__ import annotations

import numpy as np

from kizuna.engine.affinity import AffinityModel
from kizuna.engine.profiles import Profile
from kizuna.engine.reference import Reference, regions_load
from kizuna.engine.taxonomy import Countries, industry_groups_from_dict, taxonomy_from_dict
from kizuna.engine.weights import AffinityWeights

TAXONOMY = taxonomy_from_dict(
    {
        "version": 1,
        "concepts": [
            {"code": "iot", "domain": "cross", "broader": None,
             "labels": {"en": "Internet of Things (IoT)", "th": "อินเทอร์เน็ตของสรรพสิ่ง", "ja": "IoT（モノのインターネット）"},
             "synonyms": {"en": ["connected devices"], "th": ["ไอโอที"], "ja": ["モノのインターネット"]}},
            {"code": "maintenance", "domain": "cross", "broader": None,
             "labels": {"en": "Maintenance management", "th": "การบริหารงานซ่อมบำรุง", "ja": "設備保全管理"}, "synonyms": {}},
            {"code": "predictive_maintenance", "domain": "cross", "broader": "maintenance",
             "labels": {"en": "Predictive maintenance", "th": "การบำรุงรักษาเชิงพยากรณ์", "ja": "予知保全"},
             "synonyms": {"en": ["failure prediction"], "th": ["การคาดการณ์การเสียของเครื่องจักร"], "ja": ["故障予知"]}},
            {"code": "condition_monitoring", "domain": "cross", "broader": "maintenance",
             "labels": {"en": "Condition monitoring", "th": "การตรวจติดตามสภาพเครื่องจักร", "ja": "状態監視"}, "synonyms": {}},
            {"code": "robotics", "domain": "cross", "broader": None,
             "labels": {"en": "Industrial robots", "th": "หุ่นยนต์อุตสาหกรรม", "ja": "産業用ロボット"},
             "synonyms": {"en": ["robot"], "th": ["หุ่นยนต์"], "ja": ["ロボット"]}},
            {"code": "ai_ml", "domain": "cross", "broader": None,
             "labels": {"en": "Artificial intelligence", "th": "ปัญญาประดิษฐ์", "ja": "人工知能"},
             "synonyms": {"en": ["AI"], "ja": ["AI"], "th": ["เอไอ"]}},
            {"code": "erp", "domain": "cross", "broader": None,
             "labels": {"en": "Enterprise resource planning (ERP)", "th": "ระบบ ERP", "ja": "ERP（統合基幹業務システム）"}, "synonyms": {}},
            {"code": "cold_chain", "domain": "food", "broader": None,
             "labels": {"en": "Cold chain", "th": "โลจิสติกส์ห่วงโซ่ความเย็น", "ja": "コールドチェーン"}, "synonyms": {}},
        ],
    }
)

GROUPS = industry_groups_from_dict(
    {"version": 1, "groups": [
        {"code": "auto_parts", "labels": {"en": "Auto Parts Industry Club", "th": "กลุ่มอุตสาหกรรมชิ้นส่วนยานยนต์", "ja": "自動車部品部会"},
         "related_concepts": ["predictive_maintenance", "robotics"]},
        {"code": "food", "labels": {"en": "Food Processing Industry Club", "th": "กลุ่มอุตสาหกรรมอาหาร", "ja": "食品部会"},
         "related_concepts": ["cold_chain"]},
    ]}
)

COUNTRIES = Countries({
    "VN": {"en": "Vietnam", "th": "เวียดนาม", "ja": "ベトナム"},
    "KH": {"en": "Cambodia", "th": "กัมพูชา", "ja": "カンボジア"},
    "LA": {"en": "Laos", "th": "ลาว", "ja": "ラオス"},
    "MM": {"en": "Myanmar", "th": "เมียนมา", "ja": "ミャンマー"},
    "TH": {"en": "Thailand", "th": "ไทย", "ja": "タイ"},
    "JP": {"en": "Japan", "th": "ญี่ปุ่น", "ja": "日本"},
})


REGIONS = regions_load()  # the shipped provinces: Rayong and Chonburi are in the EEC
REFERENCE = Reference(TAXONOMY, GROUPS, COUNTRIES, REGIONS)


def unit_vectors(n: int, dim: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def model_of(seekers, providers, *, weights=None, boosts=None, seed=0, vectors=None) -> AffinityModel:
    """An AffinityModel on the small taxonomy with random text vectors (no encoder)."""
    sv, pv = vectors if vectors is not None else (unit_vectors(len(seekers), 8, seed), unit_vectors(len(providers), 8, seed + 1))
    return AffinityModel.from_reference(
        seekers, providers, REFERENCE, encoder=None,
        weights=weights or AffinityWeights(), boosts=boosts, seeker_vectors=sv, provider_vectors=pv,
    )


SME = Profile("s1", "Siam Parts", country="TH", languages=("th", "en"), industry_group="auto_parts",
              technologies=("predictive_maintenance",), region="Rayong", markets=("VN",))
MENTOR = Profile("p1", "Hitachi", country="JP", languages=("ja", "en"),
                 technologies=("予知保全", "IoT"), region="Chonburi", markets=("Vietnam", "TH"))
OTHER = Profile("p2", "Osaka Robots", country="JP", languages=("ja",), technologies=("ロボット",))
