"""Why a participant went without a pair, as an engine message code with a whole
sentence in Thai, Japanese and English."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from kizuna.engine import messages
from kizuna.engine.text import LANGUAGES

SEEKER, PROVIDER = "seeker", "provider"

REASONS = messages.register({
    "matching.unmatched.no_places": {
        "en": "%(name)s asks for no partner: its maximum number of partners is 0.",
        "th": "%(name)s ไม่ได้ขอคู่ เพราะกำหนดจำนวนคู่สูงสุดไว้เป็น 0",
        "ja": "%(name)sは相手の上限が0のため、組み合わせを求めていません。",
    },
    "matching.unmatched.no_candidates": {
        "en": "No partner scored high enough to be a candidate for %(name)s.",
        "th": "ไม่มีคู่ใดได้คะแนนสูงพอที่จะเป็นตัวเลือกของ %(name)s",
        "ja": "%(name)sの候補になるほどスコアの高い相手がいませんでした。",
    },
    "matching.unmatched.all_forbidden": {
        "en": "Every candidate pair of %(name)s is forbidden.",
        "th": "คู่ที่เป็นตัวเลือกทั้งหมดของ %(name)s ถูกห้ามไว้",
        "ja": "%(name)sの候補となる組み合わせはすべて禁止されています。",
    },
    "matching.unmatched.capacity_taken": {
        "en": "The places of the candidates of %(name)s went to pairs with higher scores.",
        "th": "ที่ว่างของตัวเลือกของ %(name)s ถูกจัดให้กับคู่อื่นที่ได้คะแนนสูงกว่า",
        "ja": "%(name)sの候補の枠は、よりスコアの高い組み合わせに割り当てられました。",
    },
    "matching.unmatched.not_chosen": {
        "en": "Nobody was matched with %(name)s: other pairs scored higher.",
        "th": "ไม่มีผู้ใดถูกจับคู่กับ %(name)s เพราะคู่อื่นได้คะแนนสูงกว่า",
        "ja": "他の組み合わせのスコアが高かったため、%(name)sには誰も割り当てられませんでした。",
    },
    "matching.unmatched.no_capacity": {
        "en": "%(name)s takes nobody: its capacity is 0.",
        "th": "%(name)s ไม่รับคู่ เพราะกำหนดจำนวนที่รับได้ไว้เป็น 0",
        "ja": "%(name)sは受け入れ枠が0のため、誰とも組み合わされません。",
    },
})


@dataclass(frozen=True)
class Unmatched:
    side: str  # SEEKER or PROVIDER
    index: int  # position in MatchInput.seekers or .providers
    reason: str  # no_places, no_candidates, all_forbidden, capacity_taken (seekers); no_capacity, not_chosen (providers)
    messages: dict[str, str]  # language -> the whole sentence, naming the participant

    @property
    def code(self) -> str:
        return f"matching.unmatched.{self.reason}"


def unmatched_explain(*, n_seekers: int, n_providers: int, hi: np.ndarray, capacity: np.ndarray,
                      seeker: np.ndarray, provider: np.ndarray, forbidden: np.ndarray,
                      chosen: np.ndarray, name: Callable[[str, int, str], str]) -> list[Unmatched]:
    """Every seeker and provider without a pair, with the first reason that applies.

    `seeker`, `provider`, `forbidden`: the candidate edges and which are forbidden;
    `chosen`: the edges of the assignment; `name(side, index, lang)`: a participant's
    name in a language."""
    matched_s = np.zeros(n_seekers, dtype=bool)
    matched_s[seeker[chosen]] = True
    matched_p = np.zeros(n_providers, dtype=bool)
    matched_p[provider[chosen]] = True
    has_edge = np.zeros(n_seekers, dtype=bool)
    has_edge[seeker] = True
    has_allowed = np.zeros(n_seekers, dtype=bool)
    has_allowed[seeker[~forbidden]] = True

    def entry(side: str, index: int, reason: str) -> Unmatched:
        return Unmatched(side, index, reason, {
            lang: messages.render(f"matching.unmatched.{reason}", lang, name=name(side, index, lang)) for lang in LANGUAGES
        })

    out: list[Unmatched] = []
    for i in np.flatnonzero(~matched_s).tolist():
        if hi[i] == 0:
            reason = "no_places"
        elif not has_edge[i]:
            reason = "no_candidates"
        elif not has_allowed[i]:
            reason = "all_forbidden"
        else:
            reason = "capacity_taken"
        out.append(entry(SEEKER, i, reason))
    for j in np.flatnonzero(~matched_p).tolist():
        out.append(entry(PROVIDER, j, "no_capacity" if capacity[j] == 0 else "not_chosen"))
    return out
