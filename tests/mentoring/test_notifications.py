"""Notifications (#9, item 11): each shows as a link to what it is about, with its
text free of raw addresses; it is read when opened one by one; a "mark all read"
button (POST) reads them all; the list itself marks nothing read. Page and API."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kizuna.mentoring.domain import pairings as pairings_domain
from kizuna.mentoring.domain import rounds as rounds_domain
from kizuna.mentoring.domain import runs as runs_domain
from kizuna.mentoring.models import Notification, Pairing

from .conftest import ONE_EACH

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world, django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.KIZUNA_SITE_URL = "https://kizuna.example"
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    with django_capture_on_commit_callbacks(execute=True):  # the notices go out after the commit
        pairings_domain.round_publish(round=rnd, run=run, actor=world.officer)
    return rnd


def test_notice_text_has_no_raw_path_while_the_email_keeps_the_full_address(world, published, mailoutbox):
    pairing = Pairing.objects.get(mentee=world.mentees[0])
    path = reverse("mentoring:pairing", args=[pairing.pk])
    note = Notification.objects.get(recipient=world.mentee_rep)
    assert note.url == path
    assert path not in note.body and path not in note.text
    assert "กรุณายอมรับหรือปฏิเสธการจับคู่ที่หน้าของการจับคู่นี้" in note.text  # the reader's language, no address
    mail = next(m for m in mailoutbox if m.to == ["sme1@example.org"])
    assert f"https://kizuna.example{path}" in mail.body


def test_list_links_each_notice_and_shows_no_path_and_marks_nothing_read(client, world, published):
    client.force_login(world.mentee_rep)
    note = Notification.objects.get(recipient=world.mentee_rep)
    page = client.get(reverse("mentoring:notifications")).content.decode()
    assert f'href="{reverse("mentoring:notification", args=[note.pk])}"' in page
    assert note.url not in page.replace(f'href="{note.url}"', "")  # the path is never printed as text
    assert 'id="mark-all-read"' in page
    note.refresh_from_db()
    assert note.read_at is None
    assert 'data-unread="1"' in client.get(reverse("mentoring:pairings")).content.decode()


def test_old_notice_body_with_a_raw_path_is_shown_without_it(world):
    note = Notification.objects.create(
        recipient=world.mentee_rep, kind="pair_accepted", subject="s", url="/mentoring/pairs/62/",
        body="Both have accepted. Start the plan: /mentoring/pairs/62/\n")
    assert note.text == "Both have accepted. Start the plan"
    note.body = "ยอมรับแล้ว: https://kizuna.example/mentoring/pairs/62/"
    assert note.text == "ยอมรับแล้ว"


def test_opening_a_notice_marks_only_it_read_and_goes_to_its_target(client, world, published):
    client.force_login(world.mentee_rep)
    first = Notification.objects.get(recipient=world.mentee_rep)
    second = Notification.objects.create(recipient=world.mentee_rep, kind="pair_published", subject="other",
                                         url=reverse("mentoring:plans"))
    response = client.get(reverse("mentoring:notification", args=[first.pk]))
    assert response.status_code == 302 and response["Location"] == first.url
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None
    read_at = first.read_at
    client.get(reverse("mentoring:notification", args=[first.pk]))
    first.refresh_from_db()
    assert first.read_at == read_at  # the first time it was read stays


def test_opening_someone_elses_notice_is_not_found(client, world, published):
    other = Notification.objects.get(recipient=world.mentor_rep)
    client.force_login(world.mentee_rep)
    assert client.get(reverse("mentoring:notification", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_notice_with_an_outside_target_goes_back_to_the_list(client, world):
    note = Notification.objects.create(recipient=world.mentee_rep, kind="pair_published", subject="x",
                                       url="https://evil.example/")
    client.force_login(world.mentee_rep)
    response = client.get(reverse("mentoring:notification", args=[note.pk]))
    assert response["Location"] == reverse("mentoring:notifications")


def test_mark_all_read_is_a_post_and_reads_every_notice(client, world, published):
    Notification.objects.create(recipient=world.mentee_rep, kind="pair_published", subject="other")
    client.force_login(world.mentee_rep)
    url = reverse("mentoring:notifications-read")
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response["Location"] == reverse("mentoring:notifications")
    assert Notification.objects.filter(recipient=world.mentee_rep, read_at__isnull=True).count() == 0
    assert Notification.objects.filter(recipient=world.mentor_rep, read_at__isnull=True).count() == 1


@pytest.mark.parametrize("n", [1, 3])
def test_notification_list_query_count_does_not_grow(client, world, n):
    for i in range(n):
        Notification.objects.create(recipient=world.mentee_rep, kind="pair_published", subject=f"n{i}",
                                    url="/mentoring/pairs/", body=f"text {i}")
    client.force_login(world.mentee_rep)
    client.get(reverse("mentoring:notifications"))
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("mentoring:notifications")).status_code == 200
    assert len(ctx.captured_queries) <= 6, [q["sql"] for q in ctx.captured_queries]


def test_api_lists_without_reading_and_reads_one_then_all(client, world, published):
    client.force_login(world.mentee_rep)
    extra = Notification.objects.create(recipient=world.mentee_rep, kind="pair_published", subject="other")
    items = client.get("/api/mentoring/notifications/").json()["results"]
    assert {n["read_at"] for n in items} == {None}
    first = next(n for n in items if n["id"] != extra.pk)
    assert first["url"] not in first["text"]
    answer = client.post(f"/api/mentoring/notifications/{first['id']}/read/").json()
    assert answer["id"] == first["id"] and answer["read_at"] is not None
    extra.refresh_from_db()
    assert extra.read_at is None
    assert client.post("/api/mentoring/notifications/read/").json() == {"read": 1}
    other = Notification.objects.get(recipient=world.mentor_rep)
    assert client.post(f"/api/mentoring/notifications/{other.pk}/read/").status_code == 404
