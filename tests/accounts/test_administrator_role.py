"""Administrators manage who may do what; officers cannot grant themselves or
anyone else a role, staff or superuser status, groups or permissions."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from kizuna.accounts.enums import Role
from kizuna.accounts.models import User

pytestmark = pytest.mark.django_db


def _change_form_data(user: User, **changes) -> dict:
    data = {
        "username": user.username, "first_name": "", "last_name": "", "email": user.email,
        "is_active": "on", "is_staff": "on" if user.is_staff else "", "is_superuser": "",
        "role": user.role, "organisation": "", "language": user.language or "en",
        "last_login_0": "", "last_login_1": "", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
        **changes,
    }
    return {k: v for k, v in data.items() if v != ""}


def test_an_officer_cannot_make_themselves_superuser_or_change_their_role(client, officer):
    client.force_login(officer)
    url = reverse("admin:accounts_user_change", args=[officer.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.content.decode()
    client.post(url, _change_form_data(officer, is_superuser="on", role=Role.ADMINISTRATOR))
    officer.refresh_from_db()
    assert (officer.is_superuser, officer.role) == (False, Role.OFFICER)


def test_an_officer_cannot_raise_an_ordinary_user(client, officer, user_factory):
    rep = user_factory(username="rep")
    client.force_login(officer)
    response = client.post(
        reverse("admin:accounts_user_change", args=[rep.pk]),
        _change_form_data(rep, is_superuser="on", is_staff="on", role=Role.OFFICER, first_name="Nok"),
    )
    assert response.status_code == 302
    rep.refresh_from_db()
    assert (rep.first_name, rep.is_superuser, rep.is_staff, rep.role) == ("Nok", False, False, Role.COMPANY_REP)


def test_an_officer_cannot_change_an_administrators_password(client, officer, user_factory):
    admin_user = user_factory(username="root", role=Role.ADMINISTRATOR, is_staff=True)
    client.force_login(officer)
    url = reverse("admin:auth_user_password_change", args=[admin_user.pk])
    response = client.post(url, {"password1": "Xq7!long-pass-phrase", "password2": "Xq7!long-pass-phrase"})
    assert response.status_code == 403
    admin_user.refresh_from_db()
    assert admin_user.check_password("correct horse battery")


def test_officers_do_not_see_groups_and_their_permissions(client, officer):
    client.force_login(officer)
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_add")).status_code == 403


def test_an_administrator_grants_a_role_and_staff_status(client, user_factory):
    administrator = user_factory(username="root", role=Role.ADMINISTRATOR, is_staff=True)
    rep = user_factory(username="rep")
    client.force_login(administrator)
    response = client.post(
        reverse("admin:accounts_user_change", args=[rep.pk]),
        _change_form_data(rep, role=Role.OFFICER, is_staff="on"),
    )
    assert response.status_code == 302
    rep.refresh_from_db()
    assert (rep.role, rep.is_staff, rep.is_officer) == (Role.OFFICER, True, True)
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 200
    assert Group.objects.count() == 0
