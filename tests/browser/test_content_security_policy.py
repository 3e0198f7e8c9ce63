"""Pages work in a real browser under the Content-Security-Policy: no violation is
reported, htmx still searches, and the API docs render Swagger UI from the site."""

import pytest

from kizuna.accounts.enums import Role

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PASSWORD = "correct horse battery"


def _collect_violations(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(f"{page.url}: {msg.text}") if "Content Security Policy" in msg.text else None,
    )
    return violations


@pytest.mark.django_db(transaction=True)
def test_pages_and_api_docs_run_under_the_policy_without_violations(live_server, page, user_factory, organisation_factory):
    user_factory(username="officer", role=Role.OFFICER, is_staff=True)
    organisation_factory(name="Siam Moulds", description="plastic injection moulds", description_language="en")
    violations = _collect_violations(page)

    response = page.goto(f"{live_server.url}/accounts/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.fill("input[name=username]", "officer")
    page.fill("input[name=password]", PASSWORD)
    page.click("form:not(.langs) button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/organisations/")
    page.fill("input[name=q]", "moulds")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**q=moulds*")
    assert page.locator("#results table tbody a").all_inner_texts() == ["Siam Moulds"]

    page.goto(f"{live_server.url}/admin/")
    assert page.locator("#site-name").count() == 1

    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Kizuna API" in page.locator(".swagger-ui .info .title").inner_text()
    assert violations == []
