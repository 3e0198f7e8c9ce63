import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

THAI = "บริษัทของเราผลิตชิ้นส่วนยานยนต์และต้องการระบบบำรุงรักษาเชิงพยากรณ์"
JAPANESE = "当社は中小企業向けに予知保全とエネルギー管理のソリューションを提供しています。"


@pytest.fixture
def signed_in(client, user_factory):
    client.force_login(user_factory())
    return client


@pytest.mark.django_db
def test_search_finds_a_thai_word_inside_unspaced_text(signed_in, organisation_factory):
    org = organisation_factory(name="บริษัท ทดสอบ จำกัด", description=THAI, description_language="th")
    organisation_factory(name="Other", description="Sensors for cold chain")
    page = signed_in.get(reverse("organisations:directory"), {"q": "ยานยนต์"}).context["page"]
    assert [o.pk for o in page] == [org.pk]


@pytest.mark.django_db
def test_search_does_not_match_a_fragment_of_a_thai_word(signed_in, organisation_factory):
    organisation_factory(description=THAI, description_language="th")
    # "ยาน" (vehicle) is only a fragment of ยานยนต์ in this text: a substring search would find it.
    assert signed_in.get(reverse("organisations:directory"), {"q": "ยาน"}).context["page"].paginator.count == 0


@pytest.mark.django_db
def test_search_finds_a_japanese_word_inside_unspaced_text(signed_in, organisation_factory):
    org = organisation_factory(name="テスト工業株式会社", description=JAPANESE, description_language="ja")
    organisation_factory(name="Other", description=THAI)
    for word in ("中小企業", "予知", "ソリューション"):
        page = signed_in.get(reverse("organisations:directory"), {"q": word}).context["page"]
        assert [o.pk for o in page] == [org.pk], word


@pytest.mark.django_db
def test_search_requires_every_word_and_ignores_case(signed_in, organisation_factory):
    both = organisation_factory(description="IoT sensors for Cold Chain logistics")
    organisation_factory(description="IoT platform for factories")
    page = signed_in.get(reverse("organisations:directory"), {"q": "iot COLD"}).context["page"]
    assert [o.pk for o in page] == [both.pk]


@pytest.mark.django_db
def test_search_finds_an_organisation_by_a_technology_label_in_another_language(signed_in, organisation_factory):
    org = organisation_factory(description="", technologies=["iot"])
    from kizuna.organisations.models import Concept

    label_ja = Concept.objects.get(code="iot").label_ja
    page = signed_in.get(reverse("organisations:directory"), {"q": label_ja}).context["page"]
    assert org.pk in [o.pk for o in page]


@pytest.mark.django_db
def test_directory_filters(signed_in, organisation_factory):
    from kizuna.organisations.models import IndustryGroup, Province

    group = IndustryGroup.objects.order_by("code").first()
    chonburi = Province.objects.get(code="TH-20")
    a = organisation_factory(kind="startup", industry_group=group, province=chonburi, technologies=["iot"])
    b = organisation_factory(kind="company", country_id="JP")
    url = reverse("organisations:directory")
    assert [o.pk for o in signed_in.get(url, {"kind": "startup"}).context["page"]] == [a.pk]
    assert [o.pk for o in signed_in.get(url, {"country": "JP"}).context["page"]] == [b.pk]
    assert [o.pk for o in signed_in.get(url, {"industry_group": group.code}).context["page"]] == [a.pk]
    assert [o.pk for o in signed_in.get(url, {"technology": "iot"}).context["page"]] == [a.pk]
    assert [o.pk for o in signed_in.get(url, {"region": "eec"}).context["page"]] == [a.pk]
    assert [o.pk for o in signed_in.get(url, {"region": "east"}).context["page"]] == [a.pk]


@pytest.mark.django_db
def test_directory_query_count_does_not_grow_with_rows(signed_in, organisation_factory):
    url = reverse("organisations:directory")
    organisation_factory()
    signed_in.get(url)  # the first request of a session also loads and saves the session
    with CaptureQueriesContext(connection) as one:
        signed_in.get(url)
    organisation_factory(), organisation_factory()
    with CaptureQueriesContext(connection) as three:
        signed_in.get(url)
    assert len(one) == len(three)


@pytest.mark.django_db
def test_htmx_request_gets_only_the_results(signed_in, organisation_factory):
    organisation_factory(name="Alpha Precision")
    response = signed_in.get(reverse("organisations:directory"), {"q": "alpha"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Alpha Precision" in html
    assert "<html" not in html


@pytest.mark.django_db
def test_profile_page_and_edit_form_update_the_search_index(client, user_factory, organisation_factory):
    from kizuna.accounts.enums import Role

    org = organisation_factory(name="Siam Mould", country_id="TH")
    rep = user_factory(role=Role.COMPANY_REP, organisation=org)
    client.force_login(rep)
    assert "Siam Mould" in client.get(reverse("organisations:detail", args=[org.pk])).content.decode()
    data = {
        "name": "Siam Mould", "kind": "company", "country": "TH", "description": "ผลิตแม่พิมพ์ฉีดพลาสติก",
        "description_language": "th", "registration_number": "0105536092641",
    }
    response = client.post(reverse("organisations:edit", args=[org.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    assert [o.pk for o in client.get(reverse("organisations:directory"), {"q": "แม่พิมพ์"}).context["page"]] == [org.pk]


@pytest.mark.django_db
def test_edit_form_rejects_a_wrong_check_digit_and_says_which_digit(client, officer, organisation_factory):
    org = organisation_factory(country_id="JP")
    client.force_login(officer)
    data = {"name": org.name, "kind": "company", "country": "JP", "registration_number": "8010001008844"}
    response = client.post(reverse("organisations:edit", args=[org.pk]), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["form"].errors["registration_number"] == [
        "The check digit of this Japanese corporate number is wrong: the first digit should be 7."
    ]
