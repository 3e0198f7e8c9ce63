"""Places abroad by the names readers use: an organisation outside Thailand gives its
region as free text in English ("Aichi", "Biên Hòa, Đồng Nai"); a Thai or Japanese
reader sees 愛知県 / ไอจิ instead (#9: no English place names inside Thai and Japanese
pages). The names are shipped in kizuna/data/places.json; a place not listed there
is shown as written."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

_SEPARATOR = {"ja": "、", "th": " ", "en": ", "}


@cache
def _places() -> dict[str, dict[str, str]]:
    data = json.loads(resources.files("kizuna.data").joinpath("places.json").read_text(encoding="utf-8"))
    return {name.casefold(): labels for name, labels in data["places"].items()}


def _one(part: str, lang: str) -> str:
    key = re.sub(r"\s+(prefecture|-ken|ken|city)$", "", part.strip(), flags=re.IGNORECASE).casefold()
    labels = _places().get(key) or _places().get(part.strip().casefold())
    return labels.get(lang, part.strip()) if labels else part.strip()


def place_name(text: str, lang: str) -> str:
    """`text` (a place as written in English, possibly "city, province") in `lang`.
    English readers, and places the table does not know, get the text as written."""
    if not text or lang == "en":
        return text
    parts = [p for p in text.split(",") if p.strip()]
    return _SEPARATOR.get(lang, ", ").join(_one(p, lang) for p in parts)
