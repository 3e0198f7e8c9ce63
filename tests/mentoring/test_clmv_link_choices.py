"""Who may be on each side of an onward link to CLMV (issue #9, item 8): the form
offers as the Thai mentor only Thai companies that completed a plan as SMEs in Big
Brother, and as the CLMV company only companies in Cambodia, Laos, Myanmar or
Vietnam; the domain (and so the API) refuses anything else with a sentence naming
the organisation and what is accepted, in the reader's language."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from kizuna.mentoring.domain.clmv_links import clmv_link_create
from kizuna.mentoring.domain.errors import MentoringError
from kizuna.mentoring.domain.plans import plan_create_for
from kizuna.mentoring.forms.plans import CLMVLinkForm
from kizuna.mentoring.models import CLMVLink
from kizuna.programmes.models import Programme

from .conftest import make_org, make_pairing, problems_by_field
from .test_clmv_links import complete

pytestmark = pytest.mark.django_db

NOT_COMPANY_MENTOR = (
    "{name} is registered as “{kind}”, not as a company; only a Thai company that completed a technology-transfer "
    "plan as an SME in Big Brother can mentor CLMV companies."
)
NOT_COMPANY_MENTEE = (
    "{name} is registered as “{kind}”, not as a company; only a company in Cambodia, Laos, Myanmar or Vietnam can "
    "be mentored onward as a CLMV company."
)


@pytest.fixture
def later_programme(db):
    return Programme.objects.create(code="bb-2019", kind="mentoring", year=2019, name_th="พี่ช่วยน้อง 2562",
                                    name_ja="ビッグブラザー 2019", name_en="Big Brother 2019")


@pytest.fixture
def directory(plan, officer, organisation_factory, bb_round, mentor_org):
    """The pilot's directory: the Thai SME that completed its plan (mentee_org), DIP and
    the Ministry of Industry (Thai agencies), a Thai university, a Thai company that
    never took part, a Thai SME whose plan is still running, an Israeli startup, a
    Vietnamese company, a Vietnamese university, a Singaporean and a Japanese company."""
    complete(plan, officer)

    def org(name, country, kind="company"):
        made = make_org(organisation_factory, country=country, name=name)
        if kind != "company":
            made.kind = kind
            made.save(update_fields=["kind"])
        return made

    running = org("Chon Buri Plastics", "TH")
    plan_create_for(pairing=make_pairing(bb_round, mentor_org, running))
    return {
        "dip": org("Department of Industrial Promotion", "TH", "agency"),
        "moi": org("Ministry of Industry", "TH", "agency"),
        "university": org("King Mongkut's University", "TH", "university"),
        "outsider": org("Bangkok Outsider Co.", "TH"),
        "running": running,
        "israeli": org("Tel Aviv Vision", "IL", "startup"),
        "vietnamese": org("Dong Nai Precision", "VN"),
        "vn_university": org("Hanoi University of Industry", "VN", "university"),
        "singaporean": org("Lion City Robotics", "SG"),
        "japanese": org("Osaka Dies KK", "JP"),
    }


def test_form_offers_only_thai_smes_that_completed_a_plan_as_mentors(directory, mentee_org):
    form = CLMVLinkForm()
    assert list(form.fields["mentor"].queryset) == [mentee_org]


def test_form_offers_only_companies_in_clmv_countries_as_the_clmv_company(directory):
    form = CLMVLinkForm()
    assert list(form.fields["mentee"].queryset) == [directory["vietnamese"]]


def test_link_page_does_not_offer_agencies_or_foreign_startups(client, officer, directory, later_programme,
                                                                mentee_org):
    client.force_login(officer)
    page = client.get(reverse("mentoring:programme-clmv-new", args=[later_programme.code])).content.decode()
    for key in ("dip", "moi", "university", "outsider", "running", "israeli", "vn_university", "singaporean"):
        assert directory[key].name not in page, key
    assert f'value="{mentee_org.pk}"' in page and f'value="{directory["vietnamese"].pk}"' in page


def test_domain_refuses_an_agency_as_the_thai_mentor(directory, later_programme, officer):
    with pytest.raises(MentoringError) as exc:
        clmv_link_create(mentor=directory["dip"], mentee=directory["vietnamese"], programme=later_programme,
                         actor=officer)
    assert exc.value.code == "clmv_mentor_not_company"
    assert problems_by_field(exc.value) == {
        "mentor": [NOT_COMPANY_MENTOR.format(name="Department of Industrial Promotion", kind="Agency")]}
    assert CLMVLink.objects.count() == 0


def test_domain_refuses_an_agency_even_with_a_completed_plan(directory, later_programme, officer, bb_round,
                                                             mentor_org):
    """A ministry entered by mistake as an SME of a round, whose plan was completed,
    is still no company to mentor CLMV companies."""
    moi = directory["moi"]
    complete(plan_create_for(pairing=make_pairing(bb_round, mentor_org, moi)), officer)
    with pytest.raises(MentoringError) as exc:
        clmv_link_create(mentor=moi, mentee=directory["vietnamese"], programme=later_programme, actor=officer)
    assert problems_by_field(exc.value) == {
        "mentor": [NOT_COMPANY_MENTOR.format(name="Ministry of Industry", kind="Agency")]}


def test_domain_refuses_a_university_in_a_clmv_country_as_the_clmv_company(directory, later_programme, officer,
                                                                           mentee_org):
    with pytest.raises(MentoringError) as exc:
        clmv_link_create(mentor=mentee_org, mentee=directory["vn_university"], programme=later_programme,
                         actor=officer)
    assert problems_by_field(exc.value) == {
        "mentee": [NOT_COMPANY_MENTEE.format(name="Hanoi University of Industry", kind="University")]}


def test_domain_refuses_the_pilots_pair_in_thai_and_japanese(directory, later_programme, officer):
    with pytest.raises(MentoringError) as exc:
        clmv_link_create(mentor=directory["dip"], mentee=directory["israeli"], programme=later_programme,
                         actor=officer)
    with translation.override("th"):
        thai = problems_by_field(exc.value)
    with translation.override("ja"):
        japanese = problems_by_field(exc.value)
    assert thai["mentor"] == [
        "Department of Industrial Promotion ลงทะเบียนไว้เป็นประเภท “หน่วยงาน” ไม่ใช่บริษัท "
        "ผู้ที่เป็นพี่เลี้ยงของบริษัทใน CLMV ได้ต้องเป็นบริษัทไทยที่ดำเนินแผนการถ่ายทอดเทคโนโลยีจนเสร็จสิ้น"
        "ในฐานะ SME ของโครงการพี่ช่วยน้องเท่านั้น"]
    assert japanese["mentor"] == [
        "Department of Industrial Promotion は企業ではなく「機関」として登録されています。CLMV 企業のメンターとなれるのは、"
        "ビッグブラザー・プログラムにおいてメンティー企業として技術移転計画を完了したタイの企業のみです。"]
    assert "Tel Aviv Vision" in thai["mentee"][0] and "CLMV" in japanese["mentee"][0]


def test_api_refuses_an_agency_and_a_foreign_startup_with_400(directory, later_programme, officer):
    api = APIClient()
    api.force_authenticate(officer)
    response = api.post("/api/mentoring/clmv-links/", {
        "programme": later_programme.code, "mentor": directory["dip"].pk, "mentee": directory["israeli"].pk,
    }, format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "clmv_mentor_not_company"
    assert {e["field"]: e["detail"] for e in body["errors"]} == {
        "mentor": NOT_COMPANY_MENTOR.format(name="Department of Industrial Promotion", kind="Agency"),
        "mentee": "Tel Aviv Vision is in Israel, which is not a CLMV country (Cambodia, Laos, Myanmar or Vietnam).",
    }
    assert CLMVLink.objects.count() == 0


def test_api_refuses_a_thai_university_as_mentor(directory, later_programme, officer):
    api = APIClient()
    api.force_authenticate(officer)
    response = api.post("/api/mentoring/clmv-links/", {
        "programme": later_programme.code, "mentor": directory["university"].pk,
        "mentee": directory["vietnamese"].pk,
    }, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"] == NOT_COMPANY_MENTOR.format(
        name="King Mongkut's University", kind="University")


def test_form_post_with_an_agency_not_offered_is_refused_naming_it(client, officer, directory, later_programme):
    client.force_login(officer)
    response = client.post(reverse("mentoring:programme-clmv-new", args=[later_programme.code]),
                           {"mentor": directory["dip"].pk, "mentee": directory["vietnamese"].pk})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "mentor": [NOT_COMPANY_MENTOR.format(name="Department of Industrial Promotion", kind="Agency")]}
    assert CLMVLink.objects.count() == 0
