"""Line breaks for Thai text in pages.

Thai is written without spaces between words, and Chromium's own line breaker cuts
words it does not know (names, loanwords: "สยามพาร์ท/อินดัส/ทรี") and even known ones
("การสั่น/สะเทือน"); `word-break: keep-all` and `line-break: strict` do not change
that for Thai. So the server segments each run of Thai with PyThaiNLP (newmm) and
makes every word a unit that does not break inside (`<span class="tw">`, nowrap in
site.css), with a break opportunity (`<wbr>`) between units. Consecutive pieces that
are not dictionary words (the syllables newmm falls back to inside a name) stay
together with the word before them (as do one- and two-letter pieces), so a name
breaks only where a word of it ends. Text that reads the same
is left as it is; copying and searching the page still see the plain text.
"""

from __future__ import annotations

import re
from functools import lru_cache

THAI_RUN = re.compile(r"[\u0E00-\u0E7F]+")
# elements whose text is not laid out as lines of the page (or may hold no elements)
_RAW = ("script", "style", "textarea", "title", "option", "pre", "code", "svg")
_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
SHORT = 4  # a run this short never needs a break inside
LONGEST = 30  # characters: a unit grows no longer (it must fit a phone's line)


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


def thai_units(run: str) -> list[str]:
    """The units of a Thai run that must not break inside, in order."""
    return list(_units(run))


@lru_cache(maxsize=20000)
def _units(run: str) -> tuple[str, ...]:
    if len(run) <= SHORT:
        return (run,)
    from pythainlp.tokenize import word_tokenize

    words = _dictionary()
    units: list[str] = []
    for token in word_tokenize(run, engine="newmm", keep_whitespace=True):
        fragment = token not in words or len(token) <= 2
        if units and fragment and len(units[-1]) + len(token) <= LONGEST:
            units[-1] += token
        else:
            units.append(token)
    return tuple(units)


def _wrap_run(match: re.Match) -> str:
    run = match.group()
    units = _units(run)
    if len(units) < 2 and (len(run) <= 2 or run in _dictionary()):
        return run  # a word Chromium knows too: it does not break it
    return "<wbr>".join(f'<span class="tw">{u}</span>' for u in units)


def thai_wrap_html(html: str) -> str:
    """`html` with each Thai run of its text (not of tags, attributes, scripts, styles,
    form fields' text or titles) cut into unbreakable word units."""
    if not THAI_RUN.search(html):
        return html
    out: list[str] = []
    raw_depth = 0
    for part in _TAG.split(html):
        if not part:
            continue
        if part.startswith("<"):
            found = _TAG_NAME.match(part)
            if found and found.group(2).lower() in _RAW and not part.rstrip().endswith("/>"):
                raw_depth += -1 if found.group(1) else 1
                raw_depth = max(raw_depth, 0)
            out.append(part)
        elif raw_depth:
            out.append(part)
        else:
            out.append(THAI_RUN.sub(_wrap_run, part))
    return "".join(out)


_WRAPPED = re.compile(r'<span class="tw">([^<]*)</span>|<wbr>')


def thai_unwrap_html(html: str) -> str:
    """`html` as it was before thai_wrap_html (for tests and tools that look for a
    Thai sentence in a page's markup)."""
    return _WRAPPED.sub(r"\1", html)
