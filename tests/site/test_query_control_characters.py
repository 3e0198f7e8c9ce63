"""A control character in a query parameter or in API credentials is a clear 400/403,
never a server error (PostgreSQL cannot hold a NUL byte in a text value)."""

from __future__ import annotations

import base64

import pytest

pytestmark = pytest.mark.django_db


def test_api_search_with_a_nul_byte_is_a_400_naming_the_parameter(client, officer):
    client.force_login(officer)
    response = client.get("/api/organisations/", {"search": "mould\x00"})
    assert response.status_code == 400
    assert response.json() == {"search": [
        "The query parameter search holds an invisible control character (U+0000) at position 6. "
        "Remove it and try again."
    ]}


def test_directory_page_with_a_nul_byte_is_a_400_in_the_readers_language(client, officer):
    officer.language = "ja"
    officer.save()
    client.force_login(officer)
    response = client.get("/organisations/", {"q": "\x00"}, HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 400


def test_clean_parameters_pass(client, officer):
    client.force_login(officer)
    assert client.get("/api/organisations/", {"search": "mould\tpress"}).status_code == 200


def test_api_basic_credentials_with_a_nul_byte_are_refused_not_a_server_error(client):
    token = base64.b64encode(b"offi\x00cer:secret").decode()
    response = client.get("/api/organisations/", HTTP_AUTHORIZATION=f"Basic {token}")
    assert response.status_code == 403
    assert "detail" in response.json()
