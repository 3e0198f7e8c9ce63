"""Language detection, normalisation and tokenisation for Thai, Japanese and English.

Thai and Japanese are written without spaces between words, so a text is cut into
runs of one script and each run goes to its own tokeniser: PyThaiNLP (newmm) for
Thai, SudachiPy mode C for Japanese (keeps compounds such as 中小企業 whole), and a
word pattern for Latin script. The tokenisers load their dictionaries once, lazily.

`sentences` cuts a description into sentences without a model: Japanese ends them
with 。！？, English with . ! ? before a space, and Thai — which has no sentence
mark — separates sentences and clauses by a space between two Thai characters
(spaces around numbers and Latin words, which Thai also puts, are not cuts). Pieces
shorter than `MIN_SENTENCE` characters (a kana or kanji counts two) join their neighbour.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Kizuna's languages, defined here once: the engine, the apps (common/i18n.py) and
# the settings all read this tuple.
LANGUAGES = ("th", "ja", "en")

_THAI = "\u0e00-\u0e7f"
_KANA = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006\u30fc"
_RUNS = re.compile(rf"(?P<th>[{_THAI}]+)|(?P<ja>[{_KANA}{_HAN}][{_KANA}{_HAN}0-9A-Za-z]*)|(?P<en>[0-9A-Za-z\u00c0-\u024f]+(?:[-'.][0-9A-Za-z\u00c0-\u024f]+)*)")
_THAI_CHARS = re.compile(f"[{_THAI}]")
_KANA_CHARS = re.compile(f"[{_KANA}]")
_HAN_CHARS = re.compile(f"[{_HAN}]")
_LATIN_CHARS = re.compile(r"[A-Za-z]")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])\s*|(?<=[.;])\s+(?=\S)")
_THAI_BREAK = re.compile(rf"(?<=[{_THAI}])\s+(?=[{_THAI}])")
MIN_SENTENCE = 12  # characters (a kana or kanji counts two): shorter pieces join a neighbour

# Thai leading vowels typed after the consonant, and doubled tone/vowel marks, are
# common in pasted text; reorder_vowels in PyThaiNLP's normalize fixes them.

STOPWORDS = {
    "en": frozenset(
        "a an and are as at be by for from has have in is it its of on or our that the their "
        "this to we with will which who into over per via".split()
    ),
    "ja": frozenset("の に は を が と で も や へ から まで より する ます です ない れる られる こと もの ため".split()),
    "th": frozenset("และ ที่ ของ ใน การ เป็น ให้ ได้ มี กับ จาก โดย เพื่อ ซึ่ง หรือ นี้ ความ ไป มา ว่า แก่".split()),
}


def normalise(text: str) -> str:
    """NFKC (full-width Latin and half-width kana become standard), Thai character
    order fixed, whitespace folded."""
    text = unicodedata.normalize("NFKC", text or "")
    if _THAI_CHARS.search(text):
        from pythainlp.util import normalize as thai_normalize

        text = thai_normalize(text)
    return " ".join(text.split())


def detect_language(text: str, default: str = "en") -> str:
    """th, ja or en by the script that dominates the text.

    Kana settle Japanese even when Han characters are few; Han alone also counts
    as Japanese since Kizuna's users write Chinese characters only in Japanese.
    """
    text = text or ""
    thai = len(_THAI_CHARS.findall(text))
    ja = len(_KANA_CHARS.findall(text)) + len(_HAN_CHARS.findall(text))
    latin = len(_LATIN_CHARS.findall(text))
    if thai == ja == latin == 0:
        return default
    # Latin letters are longer per word than Thai or Japanese characters.
    scores = {"th": thai, "ja": ja * 1.5, "en": latin * 0.5}
    return max(scores, key=lambda k: scores[k])


@lru_cache(maxsize=1)
def _sudachi():
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict="core").tokenizer(mode=SplitMode.C)


def _thai_words(run: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    return [w for w in word_tokenize(run, engine="newmm", keep_whitespace=False) if w.strip()]


def _japanese_words(run: str) -> list[str]:
    out = []
    for m in _sudachi().tokenize(run):
        pos = m.part_of_speech()[0]
        if pos in ("補助記号", "空白"):
            continue
        out.append(m.normalized_form() if pos in ("動詞", "形容詞") else m.surface())
    return out


def tokenise(text: str, *, stopwords: bool = False) -> list[str]:
    """Words of `text`, in order, lower-cased, in whatever mix of scripts it has.

    With stopwords=True, function words of the three languages are dropped.
    """
    words: list[str] = []
    for match in _RUNS.finditer(normalise(text)):
        kind = match.lastgroup
        run = match.group()
        if kind == "th":
            words.extend(_thai_words(run))
        elif kind == "ja":
            words.extend(w.lower() for w in _japanese_words(run))
        else:
            words.append(run.lower())
    if stopwords:
        words = [w for w in words if not any(w in s for s in STOPWORDS.values())]
    return words


def search_terms(texts: Iterable[str]) -> str:
    """One space-separated string of the distinct words of `texts`, for an index
    column that a database can search word by word."""
    seen: dict[str, None] = {}
    for text in texts:
        for w in tokenise(text):
            seen.setdefault(w.lower(), None)
    return " ".join(seen)


def sentences(text: str) -> list[str]:
    """The sentences of `text` (normalised), in order; [] for an empty text.

    Rule-based and cheap (no tokeniser): Japanese 。！？, English . ; ! ? before a
    space, Thai a space between two Thai characters; a piece shorter than
    MIN_SENTENCE characters is joined to the one before it (the first to the next).
    """
    pieces: list[str] = []
    for part in _SENTENCE_END.split(normalise(text)):
        pieces.extend(x.strip() for x in _THAI_BREAK.split(part) if x.strip())
    out: list[str] = []
    for piece in pieces:
        if out and _length(out[-1]) < MIN_SENTENCE:
            out[-1] = _join(out[-1], piece)
        else:
            out.append(piece)
    if len(out) > 1 and _length(out[-1]) < MIN_SENTENCE:
        last = out.pop()
        out[-1] = _join(out[-1], last)
    return out


def _length(piece: str) -> int:
    return len(piece) + len(_KANA_CHARS.findall(piece)) + len(_HAN_CHARS.findall(piece))


def _join(a: str, b: str) -> str:
    """Two pieces of one sentence: Japanese runs on, the others take a space."""
    return a + b if a[-1:] in "。！？" or _KANA_CHARS.match(b[:1]) or _HAN_CHARS.match(b[:1]) else f"{a} {b}"
