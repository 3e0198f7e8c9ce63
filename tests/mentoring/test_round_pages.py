"""Round pages and API: running from the page, progress fragment, decisions,
swap, compare, export, import, and the query count of the result page."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from kizuna.mentoring.domain import pairings as pairings_domain
from kizuna.mentoring.domain import rounds as rounds_domain
from kizuna.mentoring.domain import runs as runs_domain
from kizuna.mentoring.enums import DecisionKind, RunStatus
from kizuna.mentoring.models import MatchingRound, MatchingRun, PairDecision
from kizuna.mentoring.sheets_rounds import ParticipantsImportError, round_participants_import

from .conftest import ONE_EACH, pairs_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, world):
    client.force_login(world.officer)
    return client


def test_officer_opens_a_round_on_the_page_and_runs_it(officer_client, world):
    response = officer_client.post(reverse("mentoring:rounds"), {"programme": world.programme.pk})
    rnd = MatchingRound.objects.get()
    assert response["Location"] == reverse("mentoring:round_participants", args=[rnd.pk])
    rounds_domain.round_settings_set(round=rnd, settings=ONE_EACH)
    response = officer_client.post(reverse("mentoring:run_start", args=[rnd.pk]))
    run = MatchingRun.objects.get()
    assert response["Location"] == reverse("mentoring:run", args=[run.pk])
    page = officer_client.get(response["Location"]).content.decode()
    assert 'id="proposals"' in page and "SME 1" in page
    assert run.proposals.get(mentee=world.mentees[0]).reasons["en"][0] in page


def test_progress_fragment_polls_while_active_and_reloads_when_done(officer_client, world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = MatchingRun.objects.create(round=rnd, number=1, status=RunStatus.RUNNING, stage="scoring", progress=45,
                                     message="512/2000")
    url = reverse("mentoring:run_progress", args=[run.pk])
    body = officer_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="load delay:700ms"' in body and 'value="45"' in body and "512/2000" in body
    MatchingRun.objects.filter(pk=run.pk).update(status=RunStatus.DONE, progress=100)
    response = officer_client.get(url + "?was=active", HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    assert "hx-trigger" not in response.content.decode()


def test_cancel_button_stops_a_queued_run(officer_client, world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = MatchingRun.objects.create(round=rnd, number=1)
    officer_client.post(reverse("mentoring:run_cancel", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == RunStatus.CANCELLED


def test_settings_page_saves_weights_and_quotas(officer_client, world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    page = officer_client.get(reverse("mentoring:round_settings", args=[rnd.pk]))
    data = {k: v for k, v in page.context["form"].initial.items()}
    form = page.context["form"]
    data = {name: (form[name].value() if form[name].value() is not None else "") for name in form.fields}
    data.update({"preset": "custom", "w_text": "0.1", "qmin_food": "0", "qmax_food": "1", "fair": "on"})
    response = officer_client.post(reverse("mentoring:round_settings", args=[rnd.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    rnd.refresh_from_db()
    assert rnd.settings["weights"] == {"text": 0.1}
    assert rnd.settings["quotas"] == {"food": [0, 1]}
    assert rnd.settings["fair"] is True


def test_participants_page_excludes_and_overrides(officer_client, world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    parts = {p.organisation.name: p for p in rnd.participants.select_related("organisation")}
    data = {f"included_{p.pk}": "on" for name, p in parts.items() if name != "SME 3"}
    data[f"capacity_{parts['Mentor 1'].pk}"] = "2"
    data[f"hi_{parts['SME 1'].pk}"] = "2"
    officer_client.post(reverse("mentoring:round_participants", args=[rnd.pk]), data)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    pairs = pairs_of(run)
    assert not any(mentee == "SME 3" for mentee, _ in pairs)
    assert len([1 for mentee, _ in pairs if mentee == "SME 1"]) == 2


def test_lock_button_and_rerun_show_how_many_pairs_changed(officer_client, world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    p = run.proposals.get(mentee=world.mentees[2])
    officer_client.post(reverse("mentoring:pair_decide", args=[run.pk]), {"proposal": p.pk, "action": "lock"})
    assert PairDecision.objects.get().kind == DecisionKind.LOCK
    a = run.proposals.get(mentee=world.mentees[0])
    b = run.proposals.get(mentee=world.mentees[1])
    officer_client.post(reverse("mentoring:pair_swap", args=[run.pk]), {"swap": [a.pk, b.pk]})
    response = officer_client.post(reverse("mentoring:run_start", args=[rnd.pk]))
    page = officer_client.get(response["Location"])
    # SME 1 and SME 2 swapped their mentors: one change each, as the comparison lists them
    assert page.context["changes"] == 2
    assert '<span id="changed">2</span>' in page.content.decode()


def test_compare_page_lists_pairs_only_in_each_run_and_in_both(officer_client, world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    a = runs_domain.run_start(round=rnd, actor=world.officer)
    runs_domain.pair_swap(first=a.proposals.get(mentee=world.mentees[0]), second=a.proposals.get(mentee=world.mentees[1]),
                     actor=world.officer)
    b = runs_domain.run_start(round=rnd, actor=world.officer)
    response = officer_client.get(reverse("mentoring:run_compare", args=[a.pk]), {"other": b.pk})
    cmp = response.context["cmp"]
    assert [(e.name, m.name) for e, m in cmp.only_a] == [("SME 1", "Mentor 1"), ("SME 2", "Mentor 2")]
    assert [(e.name, m.name) for e, m in cmp.only_b] == [("SME 1", "Mentor 2"), ("SME 2", "Mentor 1")]
    assert [(e.name, m.name) for e, m in cmp.both] == [("SME 3", "Mentor 3")]
    api = officer_client.get(f"/api/mentoring/runs/{a.pk}/compare/", {"other": b.pk}).json()
    assert (len(api["only_a"]), len(api["only_b"]), len(api["both"])) == (2, 2, 1)


def _query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_result_page_queries_do_not_grow_with_pairs(officer_client, world):
    one = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    for p in one.participants.select_related("organisation"):
        if p.organisation.name not in ("SME 1", "Mentor 1"):
            p.included = False
            p.save()
    run1 = runs_domain.run_start(round=one, actor=world.officer)
    three = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run3 = runs_domain.run_start(round=three, actor=world.officer)
    assert (run1.proposals.count(), run3.proposals.count()) == (1, 3)
    _query_count(officer_client, reverse("mentoring:run", args=[run3.pk]))  # warm the session
    n1 = _query_count(officer_client, reverse("mentoring:run", args=[run1.pk]))
    n3 = _query_count(officer_client, reverse("mentoring:run", args=[run3.pk]))
    assert n1 == n3


def test_export_writes_headers_and_reasons_in_the_officers_language(officer_client, world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    proposal = run.proposals.get(mentee=world.mentees[0])
    world.officer.language = "th"
    world.officer.save()
    officer_client.force_login(world.officer)
    data = officer_client.get(reverse("mentoring:run_export", args=[run.pk, "xlsx"])).content
    ws = load_workbook(io.BytesIO(data)).active
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == 4
    row = next(r for r in rows if r[0] == world.mentees[0].external_id)
    assert row[6] == "\n".join(proposal.reasons["th"])
    world.officer.language = "ja"
    world.officer.save()
    text = officer_client.get(reverse("mentoring:run_export", args=[run.pk, "csv"])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    row = next(r for r in rows if r[0] == world.mentees[0].external_id)
    assert row[6] == "\n".join(proposal.reasons["ja"])
    with translation.override("en"):
        assert rows[0][0] != "" and len(rows[0]) == 7


def _xlsx(rows) -> bytes:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_participants_import_from_xlsx_sets_the_list_and_limits(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    m1, s1 = world.mentors[0], world.mentees[0]
    data = _xlsx([["external_id", "side", "capacity", "min", "max"],
                  [m1.external_id, "メンター", 2, None, None],
                  [s1.external_id, "น้อง", None, 1, 2]])
    assert round_participants_import(round=rnd, name="participants.xlsx", data=data) == 2
    included = {(p.organisation_id, p.side, p.capacity, p.lo, p.hi) for p in rnd.participants.filter(included=True)}
    assert included == {(m1.pk, "mentor", 2, None, None), (s1.pk, "mentee", None, 1, 2)}
    assert rnd.participants.filter(included=False).count() == 4


def test_participants_import_reports_every_bad_cell_and_writes_nothing(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    text = ("external_id,side,capacity,min,max\n"
            f"{world.mentors[0].external_id},mentor,-1,,\n"
            "nobody,mentee,,,\n"
            f"{world.mentees[0].external_id},boss,,,\n"
            f"{world.mentees[1].external_id},mentee,,3,1\n")
    with pytest.raises(ParticipantsImportError) as err:
        round_participants_import(round=rnd, name="p.csv", data=text.encode())
    located = [(p.file, p.row, p.column, p.value) for p in err.value.problems]
    assert located == [("p.csv", 2, "capacity", "-1"), ("p.csv", 3, "external_id", "nobody"),
                       ("p.csv", 4, "side", "boss"), ("p.csv", 5, "min", "3")]
    assert rnd.participants.filter(included=False).count() == 0


def test_participants_import_page_shows_located_problems(officer_client, world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    upload = io.BytesIO(b"external_id,side\nnobody,mentor\n")
    upload.name = "people.csv"
    response = officer_client.post(reverse("mentoring:round_participants", args=[rnd.pk]), {"file": upload})
    assert [(p.row, p.column, p.value) for p in response.context["problems"]] == [(2, "external_id", "nobody")]


def test_api_runs_a_round_and_lists_proposals_with_reasons_in_the_readers_language(officer_client, world):
    created = officer_client.post("/api/mentoring/rounds/", {"programme": world.programme.pk, "settings": ONE_EACH},
                                  content_type="application/json")
    assert created.status_code == 201, created.content
    rnd_id = created.json()["id"]
    started = officer_client.post(f"/api/mentoring/rounds/{rnd_id}/runs/")
    assert started.status_code == 202
    run_id = started.json()["id"]
    run = officer_client.get(f"/api/mentoring/runs/{run_id}/").json()
    assert (run["status"], run["progress"]) == ("done", 100)
    world.officer.language = "ja"
    world.officer.save()
    proposals = officer_client.get(f"/api/mentoring/runs/{run_id}/proposals/").json()
    assert len(proposals) == 3
    assert proposals[0]["reasons"] == proposals[0]["reasons_all"]["ja"]
    first, second = proposals[0]["id"], proposals[1]["id"]
    assert officer_client.post(f"/api/mentoring/runs/{run_id}/decisions/", {"proposal": first, "action": "lock"},
                               content_type="application/json").status_code == 200
    swap = officer_client.post(f"/api/mentoring/runs/{run_id}/swap/", {"proposals": [first, second]},
                               content_type="application/json")
    assert [d["kind"] for d in swap.json()] == ["lock", "lock", "forbid", "forbid"]
    unconfirmed = officer_client.post(f"/api/mentoring/runs/{run_id}/publish/")
    assert (unconfirmed.status_code, unconfirmed.json()["code"]) == (400, "publish_confirm")
    preview = officer_client.get(f"/api/mentoring/runs/{run_id}/publish-preview/").json()
    assert (preview["counts"]["new"], preview["counts"]["companies"]) == (3, 6)
    published = officer_client.post(f"/api/mentoring/runs/{run_id}/publish/", {"confirm": preview["confirm"]},
                                    content_type="application/json")
    assert published.json()["published"] == 3


def test_api_cancel_of_a_finished_run_is_a_clear_error(officer_client, world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    response = officer_client.post(f"/api/mentoring/runs/{run.pk}/cancel/")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_notifications_page_lists_and_header_counts_unread_until_opened(client, world, django_capture_on_commit_callbacks):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    with django_capture_on_commit_callbacks(execute=True):  # the notices go out after the commit
        pairings_domain.round_publish(round=rnd, run=run, actor=world.officer)
    client.force_login(world.mentee_rep)
    home = client.get(reverse("mentoring:pairings")).content.decode()
    assert 'data-unread="1"' in home
    page = client.get(reverse("mentoring:notifications")).content.decode()
    assert "Mentor 1" in page
    assert 'data-unread="1"' in client.get(reverse("mentoring:pairings")).content.decode()
    note = world.mentee_rep.notifications.get()
    client.get(reverse("mentoring:notification", args=[note.pk]))
    assert 'data-unread' not in client.get(reverse("mentoring:pairings")).content.decode()


def test_api_imports_participants_and_reports_located_problems(officer_client, world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    good = io.BytesIO(f"external_id,side,capacity\n{world.mentors[0].external_id},mentor,2\n".encode())
    good.name = "ok.csv"
    response = officer_client.post(f"/api/mentoring/rounds/{rnd.pk}/participants/import/", {"file": good})
    assert response.json() == {"imported": 1}
    bad = io.BytesIO(b"external_id,side\nnobody,mentor\n")
    bad.name = "bad.csv"
    response = officer_client.post(f"/api/mentoring/rounds/{rnd.pk}/participants/import/", {"file": bad})
    assert response.status_code == 400
    assert response.json()["problems"][0] | {"reason": ""} == {"file": "bad.csv", "row": 2, "column": "external_id",
                                                              "value": "nobody", "reason": ""}


def test_api_lists_notifications_and_marks_them_read(client, world, django_capture_on_commit_callbacks):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    with django_capture_on_commit_callbacks(execute=True):  # the notices go out after the commit
        pairings_domain.round_publish(round=rnd, run=run, actor=world.officer)
    client.force_login(world.mentor_rep)
    items = client.get("/api/mentoring/notifications/").json()["results"]
    assert [(n["kind"], n["read_at"]) for n in items] == [("pair_published", None)]
    assert client.post("/api/mentoring/notifications/read/").json() == {"read": 1}


def test_export_does_not_let_a_cell_run_as_a_formula(officer_client, world):
    world.mentees[0].name = "=HYPERLINK(\"http://x\")"
    world.mentees[0].save()
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    text = officer_client.get(reverse("mentoring:run_export", args=[run.pk, "csv"])).content.decode("utf-8-sig")
    row = next(r for r in csv.reader(io.StringIO(text)) if r[0] == world.mentees[0].external_id)
    assert row[1] == "'=HYPERLINK(\"http://x\")"


def test_participants_import_reads_utf16_csv_and_reports_an_empty_file(world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    text = f"external_id\tside\n{world.mentors[0].external_id}\tmentor\n"
    assert round_participants_import(round=rnd, name="excel.csv", data=text.encode("utf-16")) == 1
    with pytest.raises(ParticipantsImportError) as err:
        round_participants_import(round=rnd, name="empty.csv", data=b"")
    assert [(p.file, p.row) for p in err.value.problems] == [("empty.csv", None)]


@pytest.mark.parametrize("other", ["abc", "", "99999999999999999999", "-1"])
def test_compare_with_a_bad_other_says_which_parameter_on_the_page_and_in_the_api(officer_client, world, other):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    a = runs_domain.run_start(round=rnd, actor=world.officer)
    page = officer_client.get(reverse("mentoring:run_compare", args=[a.pk]), {"other": other}, follow=True)
    assert page.redirect_chain == [(reverse("mentoring:run", args=[a.pk]), 302)]
    expected = ("The run to compare with (other) must be the number of another run of this round, "
                f"not {other!r}.")
    assert [str(m) for m in page.context["messages"]] == [expected]
    api = officer_client.get(f"/api/mentoring/runs/{a.pk}/compare/", {"other": other})
    assert api.status_code == 400
    assert api.json()["errors"] == [{"code": "compare_other", "detail": expected, "field": "other"}]
