"""Production settings pass Django's deployment check; mail goes out by SMTP; every
page carries a Content-Security-Policy without inline script."""

import os
import subprocess
import sys

import pytest
from django.urls import reverse

from kizuna.site.settings import _email_settings

PRODUCTION = {
    "KIZUNA_MODE": "production",
    "SECRET_KEY": "r7Yq2vN9pL4sX8wK1mB6tH3jD0fG5cZaE2uQ9iO7yR4nV8xT1kW3e",
    "ALLOWED_HOSTS": "kizuna.example",
    "EMAIL_URL": "smtp://mailer%40kizuna.example:s3cret@mail.example:2525",
}


def _run(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("SECRET_KEY", "DEBUG", "KIZUNA_MODE", "EMAIL_", "DJANGO_ALLOW_ASYNC_UNSAFE"))}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**keep, "DJANGO_SETTINGS_MODULE": "kizuna.site.settings", **env},
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_in_production_mode():
    run = _run("import sys; from kizuna.cli import main; sys.exit(main(['check', '--deploy', '--fail-level', 'WARNING']))", PRODUCTION)
    assert run.returncode == 0, run.stderr + run.stdout
    assert "System check identified no issues (0 silenced)." in run.stdout


def test_production_sends_mail_by_smtp_from_email_url():
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_HOST_USER, "
        "settings.EMAIL_HOST_PASSWORD, settings.EMAIL_USE_TLS, settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS)"
    )
    run = _run(code, PRODUCTION)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend", "mail.example", "2525", "mailer@kizuna.example",
        "s3cret", "True", "True", "31536000",
    ]


def test_production_refuses_to_start_without_email_url():
    run = _run("import django; django.setup()", {k: v for k, v in PRODUCTION.items() if k != "EMAIL_URL"})
    assert run.returncode != 0
    assert "Set EMAIL_URL (smtp://user:password@host:587) in production" in run.stderr


def test_email_url_smtps_uses_implicit_tls_on_port_465():
    assert _email_settings("smtps://a:b@mail.example") == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.example",
        "EMAIL_PORT": 465,
        "EMAIL_HOST_USER": "a",
        "EMAIL_HOST_PASSWORD": "b",
        "EMAIL_USE_SSL": True,
        "EMAIL_USE_TLS": False,
        "EMAIL_TIMEOUT": 20,
    }


def test_email_url_with_an_unknown_scheme_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL must start with smtp://, smtps://, console: or locmem:, not http:"):
        _email_settings("http://mail.example")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/api/docs/", "/admin/login/"])
def test_pages_carry_a_content_security_policy_without_inline_script(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip()
    )
    assert policy["script-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    # Swagger UI sets style attributes as it renders; every other page allows no inline style
    assert policy["style-src"] == ("'self' 'unsafe-inline'" if url == "/api/docs/" else "'self'")


@pytest.mark.django_db
def test_api_docs_load_swagger_ui_from_this_site_without_inline_script(client):
    html = client.get(reverse("api-docs")).content.decode()
    assert "cdn" not in html.lower()
    assert "<script>" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert client.get(reverse("api-docs") + "?script=").status_code == 200
