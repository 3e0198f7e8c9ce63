import os
import subprocess
import sys

import pytest


@pytest.mark.django_db
def test_healthz_reports_application_and_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["application"] == {"status": "ok"}
    assert body["database"]["status"] == "ok"
    assert body["database"]["vendor"] in ("sqlite", "postgresql")


def _settings_in_subprocess(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "DEBUG", "KIZUNA_MODE", "ALLOWED_HOSTS", "EMAIL_URL", "EMAIL_BACKEND")
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; from django.conf import settings; django.setup(); print(settings.DEBUG)"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "kizuna.site.settings", **env},
        capture_output=True,
        text=True,
    )


def test_production_refuses_the_demo_secret_key():
    run = _settings_in_subprocess({"KIZUNA_MODE": "production"})
    assert run.returncode != 0
    assert "Refusing to start in production with the demo secret key" in run.stderr


def test_production_needs_its_host_names():
    run = _settings_in_subprocess({"KIZUNA_MODE": "production", "SECRET_KEY": "x" * 50})
    assert run.returncode != 0
    assert "Set ALLOWED_HOSTS" in run.stderr


def test_production_starts_with_a_real_secret_key_and_debug_off():
    run = _settings_in_subprocess(
        {
            "KIZUNA_MODE": "production",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "kizuna.example",
            "EMAIL_URL": "smtp://mailer:secret@mail.example:587",
        }
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"


def test_debug_is_off_unless_asked():
    assert _settings_in_subprocess({}).stdout.strip() == "False"
    assert _settings_in_subprocess({"DEBUG": "1"}).stdout.strip() == "True"
