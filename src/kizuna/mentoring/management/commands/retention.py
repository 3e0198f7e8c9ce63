"""`kizuna retention`: apply the retention settings (RETENTION_* in settings):
delete uploaded spreadsheets never confirmed and notifications read long ago."""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from kizuna.mentoring.notifications import notifications_prune
from kizuna.organisations.imports.files import uploads_sweep


class Command(BaseCommand):
    help = "Delete unconfirmed uploads and old read notifications, as the retention settings say."

    def handle(self, *args, **options):
        uploads_sweep(keep_seconds=settings.RETENTION_UNCONFIRMED_UPLOAD_DAYS * 86400)
        cutoff = timezone.now() - dt.timedelta(days=settings.RETENTION_READ_NOTIFICATION_DAYS)
        deleted = notifications_prune(read_before=cutoff)
        self.stdout.write(
            f"Unconfirmed uploads older than {settings.RETENTION_UNCONFIRMED_UPLOAD_DAYS} day(s) deleted; "
            f"{deleted} notification(s) read before {cutoff:%Y-%m-%d} deleted.\n"
        )
