import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from kizuna.organisations.models import Organisation
from kizuna.programmes.models import Participation, Programme


@pytest.fixture
def demo(db):
    call_command("demo", encoder="none", stdout=io.StringIO())


def test_demo_has_the_2018_round_of_the_three_programmes(demo):
    assert set(Programme.objects.values_list("code", flat=True)) == {
        "big-brother-2018", "columbus-2018", "flex-campus-2018",
    }
    bb = Participation.objects.filter(programme__code="big-brother-2018")
    assert bb.filter(role="mentor", organisation__country_id="JP").count() == 60
    mentees = bb.filter(role="mentee", organisation__country_id="TH")
    assert mentees.count() == 33
    assert mentees.values("organisation__industry_group").distinct().count() == 11
    startups = Participation.objects.filter(programme__code="columbus-2018", role="startup")
    assert startups.filter(organisation__country_id="TH").count() >= 30
    assert startups.exclude(organisation__country_id="TH").count() >= 30
    assert Participation.objects.filter(programme__code="flex-campus-2018", role="university").count() == 3
    agencies = set(Organisation.objects.filter(kind="agency").values_list("external_id", flat=True))
    assert len(agencies) >= 7


def test_demo_names_the_real_mentors_factually(demo):
    hitachi = Organisation.objects.get(registration_number="7010001008844")
    assert "日立" in hitachi.name
    names = " ".join(Organisation.objects.filter(country_id="JP").values_list("name", flat=True))
    assert "小島プレス" in names
    assert "インターネットイニシアティブ" in names


def test_demo_twice_changes_nothing(demo):
    counts = (Organisation.objects.count(), Participation.objects.count())
    call_command("demo", encoder="none", stdout=io.StringIO())
    assert (Organisation.objects.count(), Participation.objects.count()) == counts


def test_demo_accounts_sign_in_with_the_printed_passwords(demo, client):
    for username in ("officer", "viewer", "sme", "mentor", "reviewer", "coordinator", "trainee"):
        assert client.login(username=username, password=f"{username}-kizuna-2561"), username


def test_dashboard_shows_the_programmes_with_their_counts(demo, client):
    client.login(username="viewer", password="viewer-kizuna-2561")
    response = client.get(reverse("dashboard"))
    html = response.content.decode()
    assert "ビッグブラザー" in html
    summaries = {s.programme.code: s for s in response.context["programmes"]}
    # 60 Japanese mentors and 33 Thai SMEs, plus the Thai SME that already mentors
    # a Vietnamese company (one more mentor and one more mentee)
    assert summaries["big-brother-2018"].total == 95


def test_scale_adds_synthetic_organisations_found_by_search(db, client):
    call_command("demo", scale=40, encoder="none", stdout=io.StringIO())
    assert Organisation.objects.filter(external_id__startswith="syn-").count() == 40
