import pytest

from kizuna.accounts.enums import Role


@pytest.mark.django_db
def test_company_representative_edits_only_their_own_organisation(user_factory, organisation_factory):
    own, other = organisation_factory(), organisation_factory()
    rep = user_factory(role=Role.COMPANY_REP, organisation=own)
    assert rep.has_perm("organisations.change_organisation", own)
    assert not rep.has_perm("organisations.change_organisation", other)
    assert not rep.has_perm("organisations.import_organisations")


@pytest.mark.django_db
def test_ministry_viewer_reads_everything_and_changes_nothing(viewer, organisation_factory):
    org = organisation_factory()
    assert viewer.has_perm("organisations.view_organisation", org)
    assert viewer.has_perm("organisations.view_contacts", org)
    for perm in ("change_organisation", "delete_organisation", "add_organisation", "import_organisations"):
        assert not viewer.has_perm(f"organisations.{perm}", org)


@pytest.mark.django_db
def test_officer_may_do_everything(officer, organisation_factory):
    org = organisation_factory()
    assert officer.has_perm("organisations.change_organisation", org)
    assert officer.has_perm("organisations.import_organisations")


@pytest.mark.django_db
def test_edit_page_and_api_follow_the_same_rules(client, user_factory, organisation_factory, viewer):
    own, other = organisation_factory(), organisation_factory()
    rep = user_factory(role=Role.COMPANY_REP, organisation=own)
    client.force_login(rep)
    assert client.get(f"/organisations/{own.pk}/edit/").status_code == 200
    assert client.get(f"/organisations/{other.pk}/edit/").status_code == 403
    assert client.patch(f"/api/organisations/{other.pk}/", {"website": "https://x.example"}, content_type="application/json").status_code == 403
    response = client.patch(f"/api/organisations/{own.pk}/", {"website": "https://own.example"}, content_type="application/json")
    assert response.status_code == 200
    client.force_login(viewer)
    assert client.get(f"/organisations/{own.pk}/edit/").status_code == 403
    assert client.patch(f"/api/organisations/{own.pk}/", {"website": "https://v.example"}, content_type="application/json").status_code == 403
    own.refresh_from_db()
    assert own.website == "https://own.example"
