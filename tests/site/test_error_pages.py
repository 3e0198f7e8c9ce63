"""#9 item 9: the site's own 400/403/404/500 pages, in the reader's language, with a
way back (home, and the previous page when it is on this site), with DEBUG off."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client
from django.urls import path

from kizuna.accounts.enums import Role
from kizuna.site.urls import urlpatterns as site_urls

pytestmark = pytest.mark.django_db

TITLES = {
    404: {"en": "This page does not exist", "th": "ไม่พบหน้าที่ต้องการ", "ja": "お探しのページは見つかりません"},
    403: {"en": "You may not open this page", "th": "คุณไม่มีสิทธิ์เปิดหน้านี้", "ja": "このページを開く権限がありません"},
    500: {"en": "Something went wrong on our side", "th": "เกิดข้อผิดพลาดในระบบ", "ja": "システムでエラーが発生しました"},
    400: {"en": "The request could not be understood", "th": "ไม่สามารถดำเนินการตามคำขอนี้ได้",
          "ja": "リクエストを処理できませんでした"},
}
HOME = {"en": "Go to the home page", "th": "ไปที่หน้าแรก", "ja": "ホームページへ"}
BACK = {"en": "Back to the previous page", "th": "กลับไปหน้าก่อนหน้า", "ja": "前のページに戻る"}


def _raise_500(request):
    raise RuntimeError("boom")


def _raise_400(request):
    raise SuspiciousOperation("bad")


def _raise_403(request):
    raise PermissionDenied


urlpatterns = [path("test-500/", _raise_500), path("test-400/", _raise_400), path("test-403/", _raise_403),
               *site_urls]
handler400 = "kizuna.site.views.error_400"
handler403 = "kizuna.site.views.error_403"
handler404 = "kizuna.site.views.error_404"
handler500 = "kizuna.site.views.error_500"


@pytest.fixture(autouse=True)
def production_errors(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__


def text_of(response) -> str:
    """The page without the word breaks that Thai text gets (common/linebreaks.py)."""
    return re.sub(r'<span class="tw">([^<]*)</span>|<wbr>', r"\1", response.content.decode())


def signed_in(user_factory, lang: str) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user_factory(username=f"rep-{lang}", role=Role.COMPANY_REP, language=lang))
    return client


@pytest.mark.parametrize("lang", ["th", "ja", "en"])
@pytest.mark.parametrize("status, url", [(404, "/no/such/page/"), (403, "/test-403/"), (500, "/test-500/"),
                                         (400, "/test-400/")])
def test_error_page_is_styled_in_the_readers_language_with_a_way_back(user_factory, lang, status, url):
    client = signed_in(user_factory, lang)
    response = client.get(url, HTTP_REFERER="http://testserver/organisations/")
    assert response.status_code == status
    html = text_of(response)
    assert f'<html lang="{lang}">' in html
    assert "/static/kizuna/site.css" in html or "kizuna/site." in html  # the site's style sheet
    assert TITLES[status][lang] in html
    assert 'id="error-home" href="/"' in html and HOME[lang] in html
    assert 'id="error-back" href="http://testserver/organisations/"' in html and BACK[lang] in html
    if lang != "en":
        assert TITLES[status]["en"] not in html


def test_a_page_the_role_may_not_open_gets_the_styled_403(user_factory):
    client = signed_in(user_factory, "th")
    response = client.get("/organisations/import/")
    assert response.status_code == 403
    assert TITLES[403]["th"] in text_of(response)


def test_no_way_back_to_another_site_and_anonymous_readers_get_the_request_language():
    client = Client(raise_request_exception=False)
    response = client.get("/no/such/page/", HTTP_REFERER="https://evil.example/", HTTP_ACCEPT_LANGUAGE="ja")
    html = text_of(response)
    assert response.status_code == 404
    assert TITLES[404]["ja"] in html and 'id="error-back"' not in html and 'id="error-home"' in html


def test_api_addresses_get_json_errors():
    response = Client().get("/api/no-such-endpoint/")
    assert response.status_code == 404
    assert response.json()["code"] == "http_404"
