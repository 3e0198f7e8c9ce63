import re

import pytest
from django.core import mail
from django.urls import reverse

from kizuna.accounts.enums import Role

PASSWORD = "correct horse battery"


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2(user_factory):
    user = user_factory()
    assert user.password.startswith("argon2$")


@pytest.mark.django_db
def test_sign_in_and_sign_out(client, user_factory):
    user = user_factory(username="nattaya")
    response = client.post(reverse("accounts:login"), {"username": "nattaya", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).context["user"] == user
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("dashboard")).status_code == 302


@pytest.mark.django_db
def test_wrong_password_is_refused_in_the_readers_language(client, user_factory):
    user_factory(username="kenji")
    response = client.post(
        reverse("accounts:login"), {"username": "kenji", "password": "nope"}, HTTP_ACCEPT_LANGUAGE="ja"
    )
    assert response.status_code == 200
    assert "正しいユーザー名とパスワードを入力してください" in response.content.decode()


@pytest.mark.django_db
def test_pages_need_a_signed_in_user(client):
    response = client.get(reverse("organisations:directory"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_password_reset_mail_is_written_in_the_users_language(client, user_factory):
    user_factory(username="somchai", email="somchai@example.org", language="th")
    response = client.post(reverse("accounts:password_reset"), {"email": "somchai@example.org"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["somchai@example.org"]
    assert "รหัสผ่าน" in message.subject
    assert message.body.startswith(
        "เรียน somchai\n\nมีผู้ขอรีเซ็ตรหัสผ่านบัญชี Kizuna ของท่าน หากต้องการตั้งรหัสผ่านใหม่ "
        "กรุณาเปิดลิงก์ต่อไปนี้:\n\nhttp://testserver/accounts/reset/"
    )
    link = re.search(r"http://testserver(/accounts/reset/\S+)", message.body).group(1)
    response = client.get(link, follow=True)
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": "a-new Pass 2561", "new_password2": "a-new Pass 2561"}
    )
    assert response.status_code == 302
    assert client.login(username="somchai", password="a-new Pass 2561")


@pytest.mark.django_db
def test_language_follows_accept_language_then_switcher_then_saved_preference(client, user_factory):
    assert client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="ja").context["LANGUAGE_CODE"] == "ja"
    client.post(reverse("accounts:language"), {"language": "th", "next": "/accounts/login/"})
    assert client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="ja").context["LANGUAGE_CODE"] == "th"

    user = user_factory(username="aiko", language="ja")
    client.force_login(user)
    assert client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en").context["LANGUAGE_CODE"] == "ja"
    client.post(reverse("accounts:language"), {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.language == "en"


@pytest.mark.django_db
def test_unknown_language_is_refused(client):
    response = client.post(reverse("accounts:language"), {"language": "fr"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_officers_reach_the_admin_and_others_do_not(client, officer, user_factory):
    client.force_login(officer)
    assert client.get("/admin/organisations/organisation/").status_code == 200
    client.force_login(user_factory(role=Role.REVIEWER))
    assert client.get("/admin/").status_code == 302
