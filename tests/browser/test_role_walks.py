"""Each role walks its main path through the demo in headless Chromium, at a phone's
width (390 px) and a desktop's (1280 px), and every page must read in the user's
language (#9, last must-hold item):

- on Thai and Japanese pages no word in Latin letters may show (visible text, the
  title, placeholders, aria-labels, tooltips, options) unless it is a proper name
  from the data (organisations' and people's Latin names, shown where the reader
  cannot read the original script), an e-mail address, a web address, a code the
  page marks as code, a text the page marks as written in another language
  (`lang="…"`, e.g. a company's own description), or one of the brand and
  technology names below;
- at 390 px the page is no wider than the screen and its buttons lie inside it;
- the Content-Security-Policy refuses nothing the page needs (an inline <style> it
  blocks takes the page's layout with it);
- a full-page screenshot of each page goes to var/screenshots/<role>-<lang>-<width>-<page>.png.

The demo (`kizuna demo --encoder none`) is loaded once for the module, committed,
and removed after it (the reference data loaded again, as the migrations left it):
the walks only read, so they share it.
"""

from __future__ import annotations

import io
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from django.db.models import Q

from kizuna.accounts.enums import Role

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PHONE, DESKTOP = 390, 1280

# Names that are not translated: brands, standards, file formats, agencies' acronyms,
# units, and the proper names of the programmes and of the policy they belong to.
BRANDS = {
    "Kizuna", "IoT", "AI", "IT", "OT", "OEE", "ERP", "MES", "PLC", "CNC", "API", "SME", "SMEs", "Tier",
    "PDF", "CSV", "XLSX", "xlsx", "Excel", "PNG", "JPEG", "DOCX", "PPTX", "SVG", "UTF-8",
    "EEC", "EECi", "BOI", "DIP", "FTI", "METI", "JETRO", "MOI", "CLMV", "PDPA", "APPI", "ISO", "JIS", "TIS",
    "kg", "km", "MB", "KB",
    "English",  # the language's own name, as the language switcher and the language choices show it
}
PROPER_NAMES = ["Open Innovation Columbus", "Connected Industries", "Big Brother", "Flex Campus"]
# the search words of the directory walk, per language
SEARCH = {"th": "ยานยนต์", "ja": "センサー", "en": "sensor"}

_L = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"  # Latin letters, also with diacritics (Vietnamese)
LATIN_WORD = re.compile(rf"[0-9]*[{_L}][0-9{_L}]*(?:['’-][0-9{_L}]+)*")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"(?:https?://|www\.)\S+")


@dataclass
class Walk:
    username: str
    password: str
    language: str
    pages: list[tuple[str, str]]  # (page name, path)


@dataclass
class DemoSite:
    url: str
    walks: dict[str, Walk]
    names: list[str] = field(default_factory=list)  # proper names in Latin script, longest first
    words: dict[str, set[str]] = field(default_factory=dict)  # language -> Latin words its own texts use


def _latin(text: str) -> bool:
    return bool(text) and bool(LATIN_WORD.search(text))


def _demo_walks() -> dict[str, Walk]:
    from kizuna.accounts.models import User
    from kizuna.mentoring.models import MatchingRound, Pairing
    from kizuna.programmes.demo_data import DEMO_PASSWORD_SUFFIX

    current = MatchingRound.objects.filter(programme__kind="mentoring").order_by("-programme__year", "-pk").first()
    run = current.runs.order_by("-number").first()
    programme = current.programme.code

    def pair_of(user):
        return (
            Pairing.objects.filter(Q(mentor=user.organisation) | Q(mentee=user.organisation), round=current)
            .select_related("plan").order_by("pk").first()
        )

    sme, mentor = User.objects.get(username="sme"), User.objects.get(username="mentor")
    pair = pair_of(mentor)  # the current round's pair of the demo's mentor and SME
    assert pair is not None and pair.mentee_id == sme.organisation_id, "the demo's SME and mentor are a pair"

    def company(user, partner):
        return [
            ("dashboard", "/"),
            ("programme", f"/mentoring/programmes/{programme}/"),
            ("pairs", "/mentoring/pairs/"),
            ("pair", f"/mentoring/pairs/{pair.pk}/"),
            ("plans", "/mentoring/plans/"),
            ("plan", f"/mentoring/plans/{pair.plan.pk}/"),
            ("notifications", "/mentoring/notifications/"),
            ("own-profile", f"/organisations/{user.organisation_id}/"),
            ("profile-edit", f"/organisations/{user.organisation_id}/edit/"),
            ("partner-profile", f"/organisations/{partner}/"),
            ("directory", "/organisations/?q={q}"),
        ]

    officer = [
        ("dashboard", "/"),
        ("programme", f"/mentoring/programmes/{programme}/"),
        ("rounds", "/mentoring/rounds/"),
        ("round", f"/mentoring/rounds/{current.pk}/"),
        ("round-settings", f"/mentoring/rounds/{current.pk}/settings/"),
        ("run", f"/mentoring/runs/{run.pk}/"),
        ("pairs", "/mentoring/pairs/"),
        ("pair", f"/mentoring/pairs/{pair.pk}/"),
        ("plan", f"/mentoring/plans/{pair.plan.pk}/"),
        ("overdue", "/mentoring/overdue/"),
        ("notifications", "/mentoring/notifications/"),
        ("profile", f"/organisations/{pair.mentee_id}/"),
        ("directory", "/organisations/?q={q}"),
        ("import", "/organisations/import/"),
    ]
    viewer = [
        ("dashboard", "/"),
        ("programme", f"/mentoring/programmes/{programme}/"),
        ("round", f"/mentoring/rounds/{current.pk}/"),
        ("run", f"/mentoring/runs/{run.pk}/"),
        ("pair", f"/mentoring/pairs/{pair.pk}/"),
        ("plan", f"/mentoring/plans/{pair.plan.pk}/"),
        ("overdue", "/mentoring/overdue/"),
        ("notifications", "/mentoring/notifications/"),
        ("profile", f"/organisations/{pair.mentor_id}/"),
        ("directory", "/organisations/?q={q}"),
    ]
    # the same officer's walk in English, by a second officer of the same agency
    officer_th = User.objects.get(username="officer")
    User.objects.filter(username="officer-en").delete()
    english = User.objects.create(
        username="officer-en", role=Role.OFFICER, language="en", organisation=officer_th.organisation,
        first_name="Alex", last_name="Morgan", email="officer-en@kizuna.example", is_staff=True,
    )
    english.set_password("officer-en" + DEMO_PASSWORD_SUFFIX)
    english.save()

    def walk(username, language, pages):
        return Walk(username, username + DEMO_PASSWORD_SUFFIX, language, pages)

    return {
        "officer": walk("officer", "th", officer),
        "sme": walk("sme", "th", company(sme, pair.mentor_id)),
        "mentor": walk("mentor", "ja", company(mentor, pair.mentee_id)),
        "viewer": walk("viewer", "ja", viewer),
        "officer-en": walk("officer-en", "en", officer),
    }


def _proper_names() -> list[str]:
    """The Latin-script names a Thai or Japanese reader may be shown: organisations'
    English names (and Latin own names), contact persons' and users' names."""
    from kizuna.accounts.models import User
    from kizuna.organisations.models import ContactPerson, Organisation

    names: set[str] = set(PROPER_NAMES)
    for values in (Organisation.objects.values_list("name", "name_en"),
                   ContactPerson.objects.values_list("name", "name_en")):
        for row in values:
            names.update(n for n in row if _latin(n))
    names.update(n for n in (u.get_full_name() for u in User.objects.all()) if _latin(n))
    return sorted(names, key=len, reverse=True)


def _own_words() -> dict[str, set[str]]:
    """Per language, the Latin words that Thai and Japanese texts of the data use
    themselves: acronyms in the taxonomy's labels ("ระบบบริหารจัดการพลังงาน (EMS)",
    "5G・ローカル5G") and brand names in companies' descriptions written in that language."""
    from kizuna.organisations.models import Concept, IndustryGroup, Organisation

    words: dict[str, set[str]] = {}
    for lang in ("th", "ja"):
        texts = [*Concept.objects.values_list(f"label_{lang}", flat=True),
                 *IndustryGroup.objects.values_list(f"label_{lang}", flat=True),
                 *Organisation.objects.filter(description_language=lang).values_list("description", flat=True)]
        words[lang] = {w for text in texts for w in LATIN_WORD.findall(text or "")}
    return words


def _flush() -> None:
    for alias in connections:
        if connections[alias].settings_dict.get("TEST", {}).get("MIRROR"):
            continue
        call_command("flush", verbosity=0, interactive=False, database=alias)


@pytest.fixture(autouse=True)
def _reference_data_for_every_browser_test():
    """The walks share the module's demo, so none of them is transactional (the
    browser tests' own fixture of this name would empty the database after each):
    each runs inside a transaction that is rolled back, and what the live server
    writes (sessions) goes with the demo when the module ends."""


def _request_threads_end(timeout: float = 10.0) -> None:
    """Wait for the server's request threads to end (each walk closes its browser
    context, which closes its connections): a thread that ended after the server
    stopped would close the test database's shared connection from another thread
    in the middle of a later test."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(
            t.name.endswith("(process_request_thread)") for t in threading.enumerate()):
        time.sleep(0.05)


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo, committed (the live server's thread reads it), for every walk of the
    module; the database is emptied afterwards as a transactional test leaves it."""
    from pytest_django.live_server_helper import LiveServer

    from kizuna.organisations.models import Country
    from kizuna.organisations.reference import reference_load

    with django_db_blocker.unblock():
        try:
            if not Country.objects.exists():
                reference_load()
            call_command("demo", encoder="none", stdout=io.StringIO())
            site = DemoSite(url="", walks=_demo_walks(), names=_proper_names(), words=_own_words())
            server = LiveServer("localhost")
            server._live_server_modified_settings.enable()
            site.url = server.url
            try:
                yield site
            finally:
                _request_threads_end()
                server._live_server_modified_settings.disable()
                server.stop()
        finally:
            _flush()
            reference_load()  # as the migrations left it, for the tests after these


# Collected in the page: the visible text without the parts the page declares to be
# in another language or to be code, and the texts of attributes a reader meets.
VISIBLE_TEXTS = """() => {
  const root = (document.documentElement.lang || '').split('-')[0];
  const other = [...document.body.querySelectorAll('[lang]')].filter(
    e => e.lang.split('-')[0] !== root);
  for (const e of [...other, ...document.body.querySelectorAll('code, kbd, samp, script, style')]) e.remove();
  const texts = [document.title, document.body.innerText];
  for (const e of document.body.querySelectorAll('[placeholder], [aria-label], [title], [alt]')) {
    if (!e.checkVisibility()) continue;
    for (const a of ['placeholder', 'aria-label', 'title', 'alt']) if (e.getAttribute(a)) texts.push(e.getAttribute(a));
  }
  for (const s of document.body.querySelectorAll('select')) {
    if (s.checkVisibility()) for (const o of s.options) texts.push(o.text);
  }
  return texts;
}"""

LAYOUT = """(width) => {
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    [...e.classList].map(c => '.' + c).join('');
  const path = e => { const p = []; for (; e && e !== document.body; e = e.parentElement) p.unshift(name(e)); return p.join(' > '); };
  const outside = [];
  for (const e of document.querySelectorAll('main button, main input[type=submit], main a.button')) {
    if (!e.checkVisibility()) continue;
    const r = e.getBoundingClientRect();
    if (r.width === 0) continue;
    if (r.left < 0 || r.right > width + 1) outside.push(`${(e.innerText || e.value || '').trim()} (${Math.round(r.left)}..${Math.round(r.right)} px)`);
  }
  // the innermost elements that reach past the screen's right edge: where the width comes from
  const past = e => e.getBoundingClientRect().right > width + 1;
  const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
    if (getComputedStyle(a).overflowX !== 'visible') return true; return false; };
  const wide = [...document.body.querySelectorAll('*')].filter(
    e => past(e) && ![...e.children].some(past) && !clipped(e));
  return {scrollWidth: document.documentElement.scrollWidth, outside,
          wide: wide.slice(0, 3).map(e => `${path(e)} (${Math.round(e.getBoundingClientRect().right)} px)`)};
}"""


def foreign_words(texts: list[str], names: list[str], words: set[str] = frozenset()) -> list[tuple[str, str]]:
    """(word, the line it stands in) for each Latin word that is not allowed: not in
    a name of `names`, not a brand, not one of the language's own `words`."""
    found = []
    for text in texts:
        for line in text.splitlines():
            rest = EMAIL.sub(" ", URL.sub(" ", line))
            for name in names:
                if name in rest:
                    rest = rest.replace(name, " ")
            for word in LATIN_WORD.findall(rest):
                if word not in BRANDS and word not in words:
                    found.append((word, line.strip()[:120]))
    return found


def test_foreign_words_are_found_and_names_brands_and_addresses_pass():
    names = sorted(["Hitachi, Ltd.", "Siam Precision Press Co., Ltd.", "Somchai Srisuk"], key=len, reverse=True)
    texts = [
        "บริษัท Hitachi, Ltd. ให้คำปรึกษาด้าน IoT และ OEE · Kizuna",
        "ติดต่อ tanaka@hitachi.example หรือ https://www.hitachi.co.jp/th/ ผู้ใช้ Somchai Srisuk",
        "Siam Precision Press Co., Ltd. のメンター\nทั้งสองฝ่ายตั้งอยู่ที่Samut Prakan",
        "ความคืบหน้า: Pending",
        "เครือข่าย 5G และ (EMS) ที่ Biên Hòa",
    ]
    assert foreign_words(texts, names, {"5G", "EMS"}) == [
        ("Samut", "ทั้งสองฝ่ายตั้งอยู่ที่Samut Prakan"),
        ("Prakan", "ทั้งสองฝ่ายตั้งอยู่ที่Samut Prakan"),
        ("Pending", "ความคืบหน้า: Pending"),
        ("Biên", "เครือข่าย 5G และ (EMS) ที่ Biên Hòa"),
        ("Hòa", "เครือข่าย 5G และ (EMS) ที่ Biên Hòa"),
    ]


def sign_in(page, base: str, walk: Walk) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", walk.username)
    page.fill("input[name=password]", walk.password)
    page.click("form:not(.langs) button[type=submit]")
    page.wait_for_url(f"{base}/")


@pytest.mark.django_db
@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("role", ["officer", "sme", "mentor", "viewer", "officer-en"])
def test_role_walks_its_main_path_in_its_language(demo_site, browser, role, width):
    walk = demo_site.walks[role]
    context = browser.new_context(viewport={"width": width, "height": 844 if width == PHONE else 900},
                                  locale={"th": "th-TH", "ja": "ja-JP", "en": "en-GB"}[walk.language])
    page = context.new_page()
    page.set_default_timeout(15000)
    blocked: list[str] = []  # what the Content-Security-Policy refused (an inline <style> loses its layout)
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    try:
        sign_in(page, demo_site.url, walk)
        for name, path in walk.pages:
            response = page.goto(demo_site.url + path.format(q=SEARCH[walk.language]))
            where = f"{name} ({path})"
            if response is None or response.status >= 400:
                problems.append(f"{where}: HTTP {response.status if response else '?'}")
                continue
            for message in blocked:
                problems.append(f"{where}: {message[:160]}")
            blocked.clear()
            lang = page.locator("html").get_attribute("lang")
            if lang != walk.language:
                problems.append(f"{where}: page language {lang!r}, expected {walk.language!r}")
            page.screenshot(path=str(SCREENSHOTS / f"{role}-{walk.language}-{width}-{name}.png"), full_page=True)
            if width == PHONE:
                layout = page.evaluate(LAYOUT, width)
                if layout["scrollWidth"] > width + 1:
                    problems.append(f"{where}: {layout['scrollWidth']} px wide on a {width} px screen, "
                                    f"from {'; '.join(layout['wide'])}")
                for button in layout["outside"]:
                    problems.append(f"{where}: button outside the screen: {button}")
            if walk.language != "en":
                lines: dict[str, list[str]] = {}
                for word, line in foreign_words(page.evaluate(VISIBLE_TEXTS), demo_site.names,
                                                 demo_site.words[walk.language]):
                    lines.setdefault(line, []).append(word)
                for line, words in lines.items():
                    problems.append(f"{where}: {' '.join(dict.fromkeys(words))!r} in {line!r}")
    finally:
        context.close()
    assert not problems, f"{role} ({walk.language}, {width} px):\n" + "\n".join(dict.fromkeys(problems))
