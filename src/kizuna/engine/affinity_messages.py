"""The affinity model's reasons as messages in th, ja and en, and how they are put
together: whole sentences (no sentence is glued from parts), lists of names in the
reader's language, and the names of the working languages."""

from __future__ import annotations

from collections.abc import Sequence

from kizuna.engine import messages

LANGUAGE_NAMES = {
    "th": {"th": "ภาษาไทย", "ja": "タイ語", "en": "Thai"},
    "ja": {"th": "ภาษาญี่ปุ่น", "ja": "日本語", "en": "Japanese"},
    "en": {"th": "ภาษาอังกฤษ", "ja": "英語", "en": "English"},
}

REASONS = messages.register(
    {
        "affinity.shared_concepts": {
            "en": "%(seeker)s needs %(concepts)s, which %(provider)s offers.",
            "th": "%(seeker)s ต้องการ%(concepts)s ซึ่ง %(provider)s มีให้",
            "ja": "%(seeker)sが求める%(concepts)sを%(provider)sが提供しています。",
        },
        "affinity.both_work_on": {
            "en": "Both work on %(concepts)s.",
            "th": "ทั้งสองฝ่ายทำงานด้าน%(concepts)s",
            "ja": "双方とも%(concepts)sに取り組んでいます。",
        },
        "affinity.close_concepts": {
            "en": "%(provider)s offers %(offer)s, close to the %(need)s that %(seeker)s needs.",
            "th": "%(provider)s มี%(offer)s ซึ่งใกล้เคียงกับ%(need)s ที่ %(seeker)s ต้องการ",
            "ja": "%(provider)sは、%(seeker)sが求める%(need)sに近い%(offer)sを提供しています。",
        },
        "affinity.text_same_language": {
            "en": "Their descriptions are close in meaning.",
            "th": "คำอธิบายของทั้งสองฝ่ายมีความหมายใกล้เคียงกัน",
            "ja": "双方の説明文の内容が近いです。",
        },
        "affinity.text_cross_language": {
            "en": "Their descriptions, one in %(lang_a)s and one in %(lang_b)s, are close in meaning.",
            "th": "คำอธิบายของทั้งสองฝ่าย ซึ่งเขียนเป็น%(lang_a)sและ%(lang_b)s มีความหมายใกล้เคียงกัน",
            "ja": "%(lang_a)sと%(lang_b)sで書かれた双方の説明文の内容が近いです。",
        },
        "affinity.same_industry": {
            "en": "Both belong to the same industry group (%(group)s).",
            "th": "ทั้งสองฝ่ายอยู่ในกลุ่มอุตสาหกรรมเดียวกัน (%(group)s)",
            "ja": "双方とも同じ業種グループ（%(group)s）に属しています。",
        },
        "affinity.related_industry": {
            "en": "What %(provider)s offers suits the industry of %(seeker)s (%(group)s).",
            "th": "สิ่งที่ %(provider)s มีให้เหมาะกับอุตสาหกรรมของ %(seeker)s (%(group)s)",
            "ja": "%(provider)sの提供内容は、%(seeker)sの業種グループ（%(group)s）に適しています。",
        },
        "affinity.evidence": {
            "en": "“%(need)s” (%(seeker)s) is closest to “%(offer)s” (%(provider)s).",
            "th": "“%(need)s” (%(seeker)s) ใกล้เคียงที่สุดกับ “%(offer)s” (%(provider)s)",
            "ja": "「%(need)s」（%(seeker)s）に最も近いのは「%(offer)s」（%(provider)s）です。",
        },
        "affinity.text_related": {
            "en": "Their descriptions touch on related topics.",
            "th": "คำอธิบายของทั้งสองฝ่ายกล่าวถึงเรื่องที่เกี่ยวข้องกัน",
            "ja": "双方の説明文には関連する話題があります。",
        },
        "affinity.shared_language": {
            "en": "Both can work in %(language)s.",
            "th": "ทั้งสองฝ่ายสื่อสารเป็น%(language)sได้",
            "ja": "双方とも%(language)sで仕事ができます。",
        },
        "affinity.shared_markets": {
            "en": "%(provider)s already serves %(countries)s, where %(seeker)s plans to do business.",
            "th": "%(provider)s ให้บริการใน%(countries)sอยู่แล้ว ซึ่งเป็นตลาดที่ %(seeker)s วางแผนจะขยายไป",
            "ja": "%(provider)sはすでに%(countries)sで事業を行っており、%(seeker)sもそこへの展開を計画しています。",
        },
        "affinity.both_eec": {
            "en": "Both are located in the Eastern Economic Corridor (EEC).",
            "th": "ทั้งสองฝ่ายตั้งอยู่ในเขตพัฒนาพิเศษภาคตะวันออก (EEC)",
            "ja": "双方とも東部経済回廊（EEC）に拠点があります。",
        },
        "affinity.same_region": {
            "en": "Both are based in %(region)s.",
            "th": "ทั้งสองฝ่ายตั้งอยู่ที่%(region)s",
            "ja": "双方とも%(region)sに拠点があります。",
        },
        "affinity.boost": {
            "en": "A programme officer recommended this pair.",
            "th": "เจ้าหน้าที่โครงการแนะนำคู่นี้",
            "ja": "プログラム担当者がこの組み合わせを推薦しています。",
        },
        "affinity.nothing_in_common": {
            "en": "The two have little in common on the criteria compared.",
            "th": "ทั้งสองฝ่ายมีจุดร่วมน้อยตามเกณฑ์ที่ใช้เปรียบเทียบ",
            "ja": "比較した観点では、双方の共通点はわずかです。",
        },
        # Lists of names (ICU-style list patterns, so no sentence is glued from parts).
        "list.pair": {"en": "%(a)s and %(b)s", "th": "%(a)sและ%(b)s", "ja": "%(a)sと%(b)s"},
        "list.start": {"en": "%(a)s, %(b)s", "th": "%(a)s %(b)s", "ja": "%(a)s、%(b)s"},
        "list.end": {"en": "%(a)s and %(b)s", "th": "%(a)s และ%(b)s", "ja": "%(a)s、%(b)s"},
    }
)


def join_sentences(sentences: Sequence[str], lang: str) -> str:
    """Sentences as one paragraph: Japanese runs them on, Thai and English put a space."""
    return ("" if lang == "ja" else " ").join(sentences)


def render_list(items: Sequence[str], lang: str) -> str:
    """"A", "A and B", "A, B and C" in the reader's language."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return messages.render("list.pair", lang, a=items[0], b=items[1])
    head = items[0]
    for item in items[1:-1]:
        head = messages.render("list.start", lang, a=head, b=item)
    return messages.render("list.end", lang, a=head, b=items[-1])
