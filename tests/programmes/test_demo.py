import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from kizuna.mentoring.demo import CURRENT_PUBLISHED_DAYS_AGO
from kizuna.organisations.enums import ConsentPurpose
from kizuna.organisations.models import ContactPerson, Organisation
from kizuna.programmes.models import Participation, Programme


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the notices, sent once the demo is committed
        call_command("demo", encoder="none", stdout=io.StringIO())


def current_code() -> str:
    return f"big-brother-{(timezone.localdate() - dt.timedelta(days=CURRENT_PUBLISHED_DAYS_AGO)).year}"


def test_demo_has_the_2018_round_of_the_three_programmes(demo):
    assert set(Programme.objects.values_list("code", flat=True)) == {
        "big-brother-2018", "columbus-2018", "flex-campus-2018", current_code(),
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


def test_every_demo_organisation_has_contact_persons_and_some_withhold_consent(demo):
    """#9 item 3: people in the organisation's language with an English name, a
    position, e-mail, phone and languages; not all agree to being shown to partners."""
    orgs = Organisation.objects.exclude(external_id__startswith="syn-")
    assert not orgs.filter(contacts__isnull=True).exists()
    people = ContactPerson.objects.all()
    assert people.count() == 2 * orgs.count()
    assert not people.filter(Q(name_en="") & ~Q(organisation__country_id__in=("SG", "IL", "DE", "US", "FR", "IN")))\
        .exists()
    assert not people.filter(Q(title="") | Q(email="") | Q(phone="")).exists()
    assert all(p.languages for p in people)
    hitachi = Organisation.objects.get(registration_number="7010001008844").contacts.order_by("pk").first()
    assert re.fullmatch(r"\S+ \S+", hitachi.name) and hitachi.language == "ja" and "ja" in hitachi.languages
    assert re.search(r"[\u4e00-\u9fff]", hitachi.name) and hitachi.name_en.isascii()
    thai = Organisation.objects.filter(country_id="TH", kind="company").first().contacts.first()
    assert re.search(r"[\u0e00-\u0e7f]", thai.name) and thai.name_en.isascii() and thai.language == "th"
    matching = people.consenting(ConsentPurpose.MATCHING).count()
    assert people.consenting(ConsentPurpose.PROGRAMME).count() == people.count()
    assert 0.5 * people.count() < matching < people.count()
    # some organisations have nobody to show to a partner, so that enforcement shows
    shown = set(people.consenting(ConsentPurpose.MATCHING).values_list("organisation_id", flat=True))
    assert 0 < orgs.exclude(pk__in=shown).count() < orgs.count() / 5


def test_scale_adds_synthetic_organisations_found_by_search(db, client):
    call_command("demo", scale=40, encoder="none", stdout=io.StringIO())
    assert Organisation.objects.filter(external_id__startswith="syn-").count() == 40
