"""`kizuna import organisations FILE [--dry-run] [--lang th|ja|en] [--encoding ENC]`"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from kizuna.common.i18n import LANGUAGES
from kizuna.organisations.imports.apply import organisations_import
from kizuna.organisations.imports.files import SpreadsheetImportError
from kizuna.organisations.imports.preview import (
    NEW,
    UPDATED,
    ImportPreview,
    organisations_import_preview,
)

BAD_INPUT = 2
PREVIEW_ROWS = 20


class Command(BaseCommand):
    help = (
        "Import organisations from a CSV (UTF-8) or Excel (.xlsx) file, all or nothing; "
        "rows are matched on external_id, so importing a file again updates instead of duplicating."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["organisations"], help="what the file holds")
        parser.add_argument("file", help="a .csv or .xlsx file")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and print what would change; write nothing",
        )
        parser.add_argument(
            "--lang", choices=LANGUAGES, default="en", help="language of the messages (default en)"
        )
        parser.add_argument(
            "--encoding",
            default=None,
            help="read a CSV file in this encoding (e.g. cp874 for Thai Windows, cp932 for Japanese Windows) instead of UTF-8",
        )

    def handle(self, *args, what, file, dry_run, lang, encoding, **options):
        path = Path(file)
        with translation.override(lang):
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise CommandError(f"{file}: {exc.strerror}", returncode=BAD_INPUT) from None
            if dry_run:
                preview = organisations_import_preview(file_name=file, data=data, encoding=encoding)
                if preview.problems:
                    self._fail(file, preview.problems, preview.encoding_guess)
                self._print_preview(preview)
                return
            try:
                result = organisations_import(file_name=file, data=data, encoding=encoding)
            except SpreadsheetImportError as exc:
                self._fail(file, exc.problems, exc.encoding_guess)
            self.stdout.write(
                translation.gettext(
                    "%(file)s was imported. New organisations: %(new)d; updated: %(updated)d; unchanged: %(unchanged)d."
                )
                % {
                    "file": file,
                    "new": result.new,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                }
            )

    def _fail(self, file, problems, encoding_guess=""):
        for problem in problems:
            self.stderr.write(problem.line(file))
        if encoding_guess:
            self.stderr.write(
                translation.gettext(
                    "To read it as it is, run the import again with --encoding %(encoding)s."
                )
                % {"encoding": encoding_guess}
            )
        raise CommandError(
            translation.ngettext(
                "%(count)d problem found; nothing was imported.",
                "%(count)d problems found; nothing was imported.",
                len(problems),
            )
            % {"count": len(problems)},
            returncode=BAD_INPUT,
        )

    def _print_preview(self, preview: ImportPreview):
        gettext = translation.gettext
        self.stdout.write(
            gettext(
                "%(file)s is ready to import. New organisations: %(new)d; to update: %(updated)d; unchanged: %(unchanged)d."
            )
            % {
                "file": preview.file_name,
                "new": preview.new,
                "updated": preview.updated,
                "unchanged": preview.unchanged,
            }
        )
        labels = {
            NEW: translation.pgettext("import row", "new"),
            UPDATED: translation.pgettext("import row", "updated"),
        }
        for row in preview.rows[:PREVIEW_ROWS]:
            action = labels.get(row.action, translation.pgettext("import row", "unchanged"))
            changed = f" ({', '.join(row.changed)})" if row.action == UPDATED else ""
            self.stdout.write(f"  {row.row}\t{row.external_id}\t{row.name}\t{action}{changed}")
        if len(preview.rows) > PREVIEW_ROWS:
            self.stdout.write("  …")
        self.stdout.write(gettext("Dry run: nothing was written."))
