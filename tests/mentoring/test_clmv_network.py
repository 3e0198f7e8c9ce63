"""The programme page and its Japan → Thailand → CLMV network picture (server-side SVG)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from kizuna.mentoring.domain.clmv_links import clmv_link_create
from kizuna.mentoring.domain.plans import milestone_mark_done, outcome_record, plan_create_for
from kizuna.mentoring.network import network_data, network_svg

from .conftest import make_org, make_pairing

NS = {"s": "http://www.w3.org/2000/svg"}


@pytest.fixture
def chain(bb_round, plan, officer, organisation_factory, mentee_org, mentor_org):
    """Two pairs (one completed, one accepted), one published pair, one CLMV link."""
    for m in plan.milestones.all():
        milestone_mark_done(milestone=m, actor=officer, done_on=m.due)
    outcome_record(plan=plan, actor=officer, technologies=["iot"])
    second_mentor = make_org(organisation_factory, country="JP", name="Hoshi Robotics", name_ja="星ロボティクス")
    second_sme = make_org(organisation_factory, country="TH", name="Chonburi Foods", name_th="ชลบุรีฟู้ดส์")
    plan_create_for(pairing=make_pairing(bb_round, second_mentor, second_sme))
    waiting_mentor = make_org(organisation_factory, country="JP", name="Waiting KK")
    make_pairing(bb_round, waiting_mentor, second_sme, status="published", accepted_on=None)
    vn = make_org(organisation_factory, country="VN", name="Dong Nai Precision")
    clmv_link_create(mentor=mentee_org, mentee=vn, programme=bb_round.programme, actor=officer)
    return {"jp": [mentor_org, second_mentor], "th": [mentee_org, second_sme], "clmv": [vn], "waiting": waiting_mentor}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on anything that is not well-formed XML


def test_network_svg_has_a_node_per_organisation_in_its_column(chain, bb_programme):
    root = parse(network_svg(network_data(bb_programme, "en")))
    nodes = root.findall(".//s:g[@class='nodes']/s:g", NS)
    by_layer = {}
    for node in nodes:
        by_layer.setdefault(node.get("data-layer"), set()).add(int(node.get("data-org")))
    assert by_layer == {
        "jp": {o.pk for o in chain["jp"]},
        "th": {o.pk for o in chain["th"]},
        "clmv": {o.pk for o in chain["clmv"]},
    }
    assert chain["waiting"].pk not in {int(n.get("data-org")) for n in nodes}  # not accepted: not drawn


def test_network_svg_has_an_edge_per_accepted_pair_and_link(chain, bb_programme):
    root = parse(network_svg(network_data(bb_programme, "en")))
    edges = {(int(e.get("data-from")), int(e.get("data-to")), e.get("data-kind"))
             for e in root.findall(".//s:path[@data-kind]", NS)}
    jp, th, clmv = chain["jp"], chain["th"], chain["clmv"]
    assert edges == {
        (jp[0].pk, th[0].pk, "completed"),
        (jp[1].pk, th[1].pk, "accepted"),
        (th[0].pk, clmv[0].pk, "clmv"),
    }


def test_network_svg_columns_run_japan_thailand_clmv(chain, bb_programme):
    root = parse(network_svg(network_data(bb_programme, "en")))
    x = {}
    for node in root.findall(".//s:g[@class='nodes']/s:g", NS):
        x.setdefault(node.get("data-layer"), set()).add(float(node.find("s:circle", NS).get("cx")))
    assert all(len(v) == 1 for v in x.values())
    assert x["jp"].pop() < x["th"].pop() < x["clmv"].pop()


def test_network_svg_is_accessible_with_title_desc_and_legend(chain, bb_programme):
    root = parse(network_svg(network_data(bb_programme, "en"), element_id="net"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "net-title net-desc"
    assert root.find("s:title", NS).text == "Technology transfer from Japan to Thailand and on to CLMV in Big Brother test"
    assert root.find("s:desc", NS).text == (
        "2 Japanese mentors, 2 Thai SMEs and 1 companies in Cambodia, Laos, Myanmar or Vietnam; "
        "2 mentoring pairs and 1 onward links to CLMV."
    )
    legend = [t.text for t in root.findall(".//s:g[@class='legend']/s:text", NS)]
    assert legend == ["Pair accepted, plan under way", "Plan completed", "Onward link to a CLMV company"]
    assert "Noto Sans Thai" in root.get("font-family") and "Noto Sans JP" in root.get("font-family")


@pytest.mark.parametrize(("lang", "names"), [("th", {"สยามเพรสพาร์ท", "ชลบุรีฟู้ดส์"}),
                                             ("ja", {"風センサー株式会社", "星ロボティクス"})])
def test_network_svg_names_organisations_in_the_readers_language(chain, bb_programme, lang, names):
    with translation.override(lang):
        root = parse(network_svg(network_data(bb_programme)))
    labels = {t.text for t in root.findall(".//s:text[@class='label']", NS)}
    assert names <= labels


def test_network_svg_of_an_empty_programme_is_still_valid(bb_programme):
    root = parse(network_svg(network_data(bb_programme, "en")))
    assert root.findall(".//s:g[@class='nodes']/s:g", NS) == []
    assert root.find("s:title", NS) is not None


def test_programme_page_shows_counts_and_the_network(client, chain, bb_programme, viewer):
    client.force_login(viewer)
    response = client.get(reverse("mentoring:programme", args=[bb_programme.code]))
    assert response.status_code == 200
    progress = response.context["progress"]
    assert dict((s, n) for s, _label, n in progress.pairs_by_status) == {
        "published": 1, "accepted": 1, "declined": 0, "completed": 1,
    }
    assert (progress.plans, progress.plans_completed, progress.clmv_links) == (2, 1, 1)
    assert (progress.milestones, progress.milestones_done) == (8, 4)
    html = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" id="network"' in html
    assert [(link.mentor, link.mentee) for link in response.context["links"]] == [(chain["th"][0], chain["clmv"][0])]
    assert "<td>Dong Nai Precision</td><td>ベトナム</td>" in html  # the viewer reads Japanese


def test_programme_network_svg_download(client, chain, bb_programme, mentor_rep):
    client.force_login(mentor_rep)
    response = client.get(reverse("mentoring:programme-network", args=[bb_programme.code]))
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    root = parse(response.content.decode())
    assert len(root.findall(".//s:path[@data-kind]", NS)) == 3


def test_programme_page_is_only_for_mentoring_programmes(client, db, officer):
    from kizuna.programmes.models import Programme

    Programme.objects.create(code="col", kind="startup_matching", year=2018, name_th="c", name_ja="c", name_en="c")
    client.force_login(officer)
    assert client.get(reverse("mentoring:programme", args=["col"])).status_code == 404


def test_clmv_form_registers_a_link_and_shows_errors(client, chain, bb_programme, officer, organisation_factory,
                                                     mentee_org):
    client.force_login(officer)
    url = reverse("mentoring:programme-clmv-new", args=[bb_programme.code])
    laos = make_org(organisation_factory, country="LA", name="Vientiane Agro")
    response = client.post(url, {"mentor": chain["th"][1].pk, "mentee": laos.pk})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "mentor": ["Chonburi Foods has not completed a technology-transfer plan, so it cannot mentor other companies yet."]
    }
    response = client.post(url, {"mentor": mentee_org.pk, "mentee": laos.pk})
    assert response.status_code == 302
    assert mentee_org.clmv_mentees_links.count() == 2


def test_clmv_form_is_for_officers(client, chain, bb_programme, mentee_rep):
    client.force_login(mentee_rep)
    assert client.get(reverse("mentoring:programme-clmv-new", args=[bb_programme.code])).status_code == 403
