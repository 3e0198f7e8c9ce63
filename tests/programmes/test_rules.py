import pytest

from kizuna.accounts.enums import Role


@pytest.mark.django_db
def test_every_signed_in_user_reads_programmes_and_only_officers_change_them(user_factory, viewer, officer):
    rep = user_factory(role=Role.COMPANY_REP)
    for user in (rep, viewer, officer):
        assert user.has_perm("programmes.view_programme")
    assert officer.has_perm("programmes.change_programme")
    assert not viewer.has_perm("programmes.change_programme")
    assert not rep.has_perm("programmes.change_programme")
