"""`kizuna backup FILE`: the database and the uploaded files in one zip archive."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from kizuna.common.backups import backup_create


class Command(BaseCommand):
    help = "Write the database and the uploaded files to one archive that `kizuna restore` reads back."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to write (a .zip)")
        parser.add_argument("--database", default="default")

    def handle(self, *args, file, database, **options):
        summary = backup_create(path=Path(file), using=database)
        self.stdout.write(f"{file}: {summary.rows} rows, {summary.files} uploaded files, made {summary.created}")
