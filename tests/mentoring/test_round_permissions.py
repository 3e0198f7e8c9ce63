"""Who may see and do what: company representatives see only their own pairs and
cannot run rounds; ministry viewers read but cannot act."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kizuna.accounts.enums import Role
from kizuna.mentoring.domain import pairings as pairings_domain
from kizuna.mentoring.domain import rounds as rounds_domain
from kizuna.mentoring.domain import runs as runs_domain
from kizuna.mentoring.models import Pairing

from .conftest import ONE_EACH

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    pairings_domain.round_publish(round=rnd, run=run, actor=world.officer)
    return rnd, run


def test_company_rep_sees_only_its_own_pairs(client, world, published):
    client.force_login(world.mentee_rep)
    own = Pairing.objects.get(mentee=world.mentees[0])
    other = Pairing.objects.get(mentee=world.mentees[1])
    assert client.get(reverse("mentoring:pairing", args=[own.pk])).status_code == 200
    assert client.get(reverse("mentoring:pairing", args=[other.pk])).status_code == 403
    listing = client.get(reverse("mentoring:pairings")).content.decode()
    assert "SME 1" in listing and "SME 2" not in listing
    api = client.get("/api/mentoring/pairings/").json()
    assert [p["id"] for p in api["results"]] == [own.pk]
    assert client.get(f"/api/mentoring/pairings/{other.pk}/").status_code == 404


def test_company_rep_cannot_run_rounds_or_see_runs(client, world, published):
    rnd, run = published
    client.force_login(world.mentee_rep)
    assert client.post(reverse("mentoring:run_start", args=[rnd.pk])).status_code == 403
    assert client.get(reverse("mentoring:run", args=[run.pk])).status_code == 403
    assert client.get(reverse("mentoring:rounds")).status_code == 403
    assert client.post(f"/api/mentoring/rounds/{rnd.pk}/runs/").status_code == 403
    assert client.get(f"/api/mentoring/runs/{run.pk}/").status_code == 403
    assert rnd.runs.count() == 1


def test_company_rep_cannot_answer_for_the_other_side(client, world, published):
    pairing = Pairing.objects.get(mentee=world.mentees[0])
    client.force_login(world.mentee_rep)
    client.post(reverse("mentoring:pairing", args=[pairing.pk]), {"accept": "1"})
    pairing.refresh_from_db()
    assert pairing.mentor_response == "pending"
    assert pairing.mentee_response == "accepted"
    # a second answer is refused
    assert client.post(reverse("mentoring:pairing", args=[pairing.pk]), {"accept": "0", "reason": "x"}).status_code == 403


def test_ministry_viewer_reads_rounds_but_cannot_act(client, world, viewer, published):
    rnd, run = published
    client.force_login(viewer)
    assert client.get(reverse("mentoring:round", args=[rnd.pk])).status_code == 200
    assert client.get(reverse("mentoring:run", args=[run.pk])).status_code == 200
    assert client.get(f"/api/mentoring/runs/{run.pk}/proposals/").status_code == 200
    proposal = run.proposals.first()
    assert client.post(reverse("mentoring:pair_decide", args=[run.pk]), {"proposal": proposal.pk, "action": "lock"}).status_code == 403
    assert client.post(reverse("mentoring:run_publish", args=[run.pk])).status_code == 403
    assert client.post(reverse("mentoring:run_start", args=[rnd.pk])).status_code == 403
    assert client.post(f"/api/mentoring/runs/{run.pk}/publish/").status_code == 403
    assert client.post(f"/api/mentoring/rounds/{rnd.pk}/runs/").status_code == 403
    pairing = Pairing.objects.first()
    assert client.post(f"/api/mentoring/pairings/{pairing.pk}/respond/", {"accept": True},
                       content_type="application/json").status_code == 403
    assert rnd.decisions.count() == 0


def test_rules_follow_the_roles(world, user_factory, published):
    pairing = Pairing.objects.get(mentee=world.mentees[0])
    stranger = user_factory(username="stranger", role=Role.COMPANY_REP, organisation=world.mentees[1])
    assert world.officer.has_perm("mentoring.manage_round")
    assert not world.mentee_rep.has_perm("mentoring.manage_round")
    assert world.mentee_rep.has_perm("mentoring.view_pairing", pairing)
    assert not stranger.has_perm("mentoring.view_pairing", pairing)
    assert world.mentee_rep.has_perm("mentoring.respond_pairing", pairing)
    assert not world.mentee_rep.has_perm("mentoring.view_partner_contacts", pairing)
    assert world.officer.has_perm("mentoring.view_partner_contacts", pairing)
