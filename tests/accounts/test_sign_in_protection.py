"""Wrong passwords pause sign-in for the user name and for the address, on the page,
the admin and the API's basic auth alike; an officer can unlock early."""

import base64

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from kizuna.accounts.enums import Role
from kizuna.common.linebreaks import thai_unwrap_html

PASSWORD = "correct horse battery"
LIMIT = 5  # settings.AXES_FAILURE_LIMIT


def _basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def _sign_in(client, username, password, **extra):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, **extra)


@pytest.mark.django_db
def test_the_right_password_is_refused_after_five_wrong_ones_on_the_sign_in_page(client, user_factory):
    user_factory(username="somchai")
    for _ in range(LIMIT - 1):
        assert _sign_in(client, "somchai", "wrong").status_code == 200
    fifth = _sign_in(client, "somchai", "wrong")
    assert fifth.status_code == 429
    assert fifth["Retry-After"] == "900"
    assert "Too many wrong passwords for this account or from this address. Try again in 15 minutes" in (
        fifth.content.decode()
    )
    right = _sign_in(client, "somchai", PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_lockout_message_is_in_the_readers_language(client, user_factory):
    user_factory(username="kenji")
    for _ in range(LIMIT):
        response = _sign_in(client, "kenji", "wrong", HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 429
    assert "ลองใหม่ในอีก 15 นาที" in thai_unwrap_html(response.content.decode())


@pytest.mark.django_db
def test_wrong_passwords_for_many_names_from_one_address_lock_the_address(client, user_factory):
    user_factory(username="victim")
    for n in range(LIMIT):
        _sign_in(client, f"guess{n}", "wrong")
    assert _sign_in(client, "victim", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_a_locked_user_name_stays_locked_from_another_address(client, user_factory):
    user_factory(username="malee")
    for _ in range(LIMIT):
        _sign_in(client, "malee", "wrong", REMOTE_ADDR="10.0.0.1")
    assert _sign_in(client, "malee", PASSWORD, REMOTE_ADDR="10.0.0.2").status_code == 429


@pytest.mark.django_db
def test_a_right_password_before_the_limit_clears_the_count(client, user_factory):
    user_factory(username="niran")
    for _ in range(LIMIT - 1):
        _sign_in(client, "niran", "wrong")
    assert _sign_in(client, "niran", PASSWORD).status_code == 302
    client.logout()
    assert _sign_in(client, "niran", "wrong").status_code == 200
    assert _sign_in(client, "niran", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_api_basic_auth_is_locked_after_five_wrong_passwords(client, user_factory):
    user_factory(username="apiuser")
    for _ in range(LIMIT - 1):
        assert client.get("/api/organisations/", HTTP_AUTHORIZATION=_basic("apiuser", "wrong")).status_code == 403
    fifth = client.get("/api/organisations/", HTTP_AUTHORIZATION=_basic("apiuser", "wrong"))
    assert fifth.status_code == 429
    assert fifth.json()["detail"].startswith("Too many wrong passwords for this account")
    right = client.get("/api/organisations/", HTTP_AUTHORIZATION=_basic("apiuser", PASSWORD))
    assert right.status_code == 429


@pytest.mark.django_db
def test_the_api_basic_auth_signs_in_with_the_right_password(client, user_factory):
    user_factory(username="apiuser")
    response = client.get("/api/organisations/", HTTP_AUTHORIZATION=_basic("apiuser", PASSWORD))
    assert response.status_code == 200


@pytest.mark.django_db
def test_an_officer_unlocks_a_locked_user_in_the_admin(client, user_factory):
    user_factory(username="locked")
    for _ in range(LIMIT):
        _sign_in(client, "locked", "wrong", REMOTE_ADDR="10.0.0.9")
    attempt = AccessAttempt.objects.get(username="locked")
    officer = user_factory(username="officer", role=Role.OFFICER, is_staff=True)
    officer_client = type(client)()
    officer_client.force_login(officer)
    change_list = officer_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert change_list.status_code == 200
    assert "locked" in change_list.content.decode()
    response = officer_client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="locked").exists()
    assert _sign_in(client, "locked", PASSWORD, REMOTE_ADDR="10.0.0.9").status_code == 302


@pytest.mark.django_db
def test_authenticate_without_a_request_is_not_counted_and_still_checks_the_password(user_factory):
    from django.contrib.auth import authenticate

    user = user_factory(username="script")
    assert authenticate(username="script", password="wrong") is None
    assert authenticate(username="script", password=PASSWORD) == user
    assert not AccessAttempt.objects.exists()
