from urllib.parse import parse_qs, urlsplit

import pytest

from kizuna.accounts.enums import Role

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PASSWORD = "correct horse battery"


@pytest.mark.django_db(transaction=True)
def test_sign_in_switch_languages_and_find_by_thai_and_japanese_words(live_server, page, user_factory, organisation_factory):
    user_factory(username="officer", role=Role.OFFICER, language="")
    thai = organisation_factory(
        name="บริษัท สยามแม่พิมพ์ จำกัด",
        description="บริษัทผลิตแม่พิมพ์ฉีดพลาสติกสำหรับชิ้นส่วนยานยนต์ในจังหวัดระยอง",
        description_language="th",
    )
    japanese = organisation_factory(
        name="東海センサー工業株式会社",
        country_id="JP",
        description="中小企業向けに予知保全用の振動センサーを提供しています。",
        description_language="ja",
    )

    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", "officer")
    page.fill("input[name=password]", PASSWORD)
    page.click("form:not(.langs) button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Programmes"

    page.click("button[name=language][value=th]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.locator("h1").inner_text() == "โครงการ"

    page.click("header nav a[href='/organisations/']")
    page.fill("input[name=q]", "แม่พิมพ์")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**q=*")
    results = page.locator("#results table tbody")
    assert results.locator("a").all_inner_texts() == [thai.name]
    assert "พบ 1 องค์กร" in page.locator("#results").inner_text()

    page.click("button[name=language][value=ja]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("h1").inner_text() == "組織"
    # the switch kept the search that htmx had pushed into the address bar
    assert page.locator("input[name=q]").input_value() == "แม่พิมพ์"
    assert page.locator("#results table tbody a").all_inner_texts() == [thai.name]
    page.fill("input[name=q]", "予知保全")
    page.press("input[name=q]", "Enter")
    # predicates in Python: the Content-Security-Policy forbids evaluating strings in the page
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("q") == ["予知保全"])
    page.locator("#results", has_text="1件の組織").wait_for()
    assert page.locator("#results table tbody a").all_inner_texts() == [japanese.name]
