import datetime as dt
import os
import time
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from kizuna.mentoring.models import Notification


def test_retention_deletes_old_read_notifications_and_stale_uploads_only(settings, tmp_path, world):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RETENTION_READ_NOTIFICATION_DAYS = 30
    settings.RETENTION_UNCONFIRMED_UPLOAD_DAYS = 1
    uploads = tmp_path / "media" / "imports"
    uploads.mkdir(parents=True)
    stale, fresh = uploads / "stale.xlsx", uploads / "fresh.xlsx"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    two_days_ago = time.time() - 2 * 86400
    os.utime(stale, (two_days_ago, two_days_ago))
    now = timezone.now()
    old_read = Notification.objects.create(recipient=world.officer, kind="pair_published", subject="old",
                                           read_at=now - dt.timedelta(days=31))
    recent_read = Notification.objects.create(recipient=world.officer, kind="pair_published", subject="recent",
                                              read_at=now - dt.timedelta(days=29))
    unread = Notification.objects.create(recipient=world.officer, kind="pair_published", subject="unread")
    out = StringIO()
    call_command("retention", stdout=out)
    assert sorted(Notification.objects.filter(recipient=world.officer).values_list("pk", flat=True)) == sorted(
        [recent_read.pk, unread.pk])
    assert not Notification.objects.filter(pk=old_read.pk).exists()
    assert (stale.exists(), fresh.exists()) == (False, True)
    assert "1 notification(s) read before" in out.getvalue()
