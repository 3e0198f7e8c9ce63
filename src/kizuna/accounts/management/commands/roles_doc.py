from django.core.management.base import BaseCommand
from django.utils import translation

from kizuna.accounts.roles_doc import roles_doc


class Command(BaseCommand):
    help = "Print docs/roles.md: each permission's rule and what each role may do, from the rules."

    def handle(self, *args, **options):
        with translation.override("en"):
            self.stdout.write(roles_doc(), ending="")
