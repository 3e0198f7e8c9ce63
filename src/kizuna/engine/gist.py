"""A short gist of a free text for a reader who does not read its language: the
taxonomy concepts found in it (the same concept extraction that scoring uses, with
the Thai and Japanese tokenisers), named in the reader's language, as one whole
sentence ("About: predictive maintenance, vibration sensors")."""

from __future__ import annotations

from kizuna.engine import messages
from kizuna.engine.affinity_messages import render_list
from kizuna.engine.taxonomy import Taxonomy

GIST = messages.register(
    {
        "gist.about": {
            "en": "About: %(concepts)s.",
            "th": "เนื้อหาเกี่ยวกับ %(concepts)s",
            "ja": "主な内容：%(concepts)s",
        },
    }
)


def gist_concepts(text: str, taxonomy: Taxonomy, *, limit: int = 4) -> list[str]:
    """Codes of the concepts named in `text`, in order of first appearance; a concept is
    left out when a narrower one was also found (the narrower says more)."""
    found = taxonomy.concepts_in(text or "")
    broader = {a for code in found for a in taxonomy.ancestors(code)}
    return [code for code in found if code not in broader][:limit]


def text_gist(text: str, taxonomy: Taxonomy, lang: str, *, limit: int = 4) -> str:
    """The gist of `text` in `lang`, or "" when it names no concept of the taxonomy."""
    codes = gist_concepts(text, taxonomy, limit=limit)
    if not codes:
        return ""
    labels = list(dict.fromkeys(taxonomy.label(code, lang) for code in codes))
    return messages.render("gist.about", lang, concepts=render_list(labels, lang))
