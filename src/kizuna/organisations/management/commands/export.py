"""`kizuna export organisations FILE.csv|FILE.xlsx [--lang th|ja|en] [--keys]`"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from kizuna.common.i18n import LANGUAGES
from kizuna.organisations.exports import FORMATS, organisations_export
from kizuna.organisations.models import Organisation


class Command(BaseCommand):
    help = "Export all organisations to a CSV or Excel (.xlsx) file that `kizuna import organisations` reads back."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["organisations"])
        parser.add_argument("file", help="where to write: a name ending in .csv or .xlsx")
        parser.add_argument(
            "--lang",
            choices=LANGUAGES,
            default="en",
            help="language of headers and values (default en)",
        )
        parser.add_argument(
            "--keys", action="store_true", help="English column keys and codes instead of names"
        )

    def handle(self, *args, what, file, lang, keys, **options):
        path = Path(file)
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            raise CommandError(f"{file}: the name must end in .csv or .xlsx", returncode=2)
        with translation.override(lang):
            data = organisations_export(Organisation.objects.all(), fmt=fmt, lang=lang, keys=keys)
        path.write_bytes(data)
        self.stdout.write(f"{file}: {Organisation.objects.count()} organisations")
