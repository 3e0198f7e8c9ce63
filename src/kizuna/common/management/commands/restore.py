"""`kizuna restore FILE`: replace the database and the uploaded files with a backup's."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kizuna.common.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Replace every row of the database and every uploaded file with those of an archive "
        "written by `kizuna backup`. The archive is checked whole first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive written by `kizuna backup`")
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="do not ask for confirmation"
        )

    def handle(self, *args, file, database, interactive, **options):
        if interactive:
            answer = input(
                f"This replaces ALL data of database '{database}' and all uploaded files with {file}. "
                "Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.", returncode=1)
        try:
            summary = backup_restore(path=Path(file), using=database)
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(f"{file}: {summary.rows} rows and {summary.files} uploaded files restored (made {summary.created})")
