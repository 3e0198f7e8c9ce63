"""kizuna personal-data export|erase — a person's data on request (PDPA / APPI).

    kizuna personal-data export --contact 12 [--out FILE] --by officer1
    kizuna personal-data export --user somchai --by officer1
    kizuna personal-data erase --contact 12 --requested-by officer1 --approved-by officer2 [--reason …]
    kizuna personal-data erase --request 7 --approved-by officer2

The export is JSON (what the page and the API give). Erasure needs two different
officers, as on the pages: one files the request (or the person did), another
approves it. Both are recorded in the audit log as done from the command line.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from kizuna.accounts.domain import personal_data as domain
from kizuna.accounts.models import ErasureRequest, User
from kizuna.audit.context import acting
from kizuna.common.errors import DomainError
from kizuna.organisations.models import ContactPerson


class Command(BaseCommand):
    help = "Export or erase the personal data of a contact person or a user."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Write everything Kizuna holds about a person as JSON.")
        erase = sub.add_parser("erase", help="Erase a person's personal data (two officers).")
        for p in (export, erase):
            p.add_argument("--contact", type=int, help="The contact person's number.")
            p.add_argument("--user", help="The user's name.")
        export.add_argument("--by", required=True, help="The officer who exports (recorded in the audit log).")
        export.add_argument("--out", help="The file to write (default: standard output).")
        erase.add_argument("--request", type=int, help="Approve this waiting erasure request.")
        erase.add_argument("--requested-by", help="The officer who files the request.")
        erase.add_argument("--approved-by", required=True, help="Another officer, who approves it.")
        erase.add_argument("--reason", default="")

    def _user(self, name: str, option: str) -> User:
        user = User.objects.filter(username=name).first()
        if user is None:
            raise CommandError(f"{option}: there is no user named {name!r}.")
        return user

    def _officer(self, name: str, option: str) -> User:
        user = self._user(name, option)
        if not user.is_officer:
            raise CommandError(f"{option}: {name!r} is not a programme officer or administrator.")
        return user

    def _subject(self, options):
        if (options["contact"] is None) == (options["user"] is None):
            raise CommandError("Name one person: --contact NUMBER or --user NAME.")
        if options["contact"] is not None:
            subject = ContactPerson.objects.filter(pk=options["contact"]).first()
            if subject is None:
                raise CommandError(f"--contact: there is no contact person number {options['contact']}.")
            return subject
        return self._user(options["user"], "--user")

    def handle(self, *args, **options):
        try:
            if options["action"] == "export":
                return self._export(options)
            return self._erase(options)
        except DomainError as error:
            raise CommandError(str(error)) from None

    def _export(self, options):
        by = self._officer(options["by"], "--by")
        subject = self._subject(options)
        with acting(by, where="cli"):
            data = domain.personal_data_export(subject=subject, actor=by, where="cli")
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if options["out"]:
            with open(options["out"], "w", encoding="utf-8") as f:
                f.write(text + "\n")
            self.stdout.write(f"Wrote the personal data of {subject} to {options['out']}.")
        else:
            self.stdout.write(text)

    def _erase(self, options):
        approver = self._officer(options["approved_by"], "--approved-by")
        if options["request"] is not None:
            request = ErasureRequest.objects.filter(pk=options["request"]).first()
            if request is None:
                raise CommandError(f"--request: there is no erasure request number {options['request']}.")
        else:
            if not options["requested_by"]:
                raise CommandError("Give --requested-by (the officer who files the request) or --request NUMBER.")
            requester = self._officer(options["requested_by"], "--requested-by")
            if requester == approver:
                raise CommandError("--requested-by and --approved-by must be two different officers.")
            subject = self._subject(options)
            with acting(requester, where="cli"):
                request = domain.erasure_request_file(subject=subject, requested_by=requester,
                                                      reason=options["reason"])
        with acting(approver, where="cli"):
            done = domain.erasure_request_approve(request=request, actor=approver)
        self.stdout.write(f"Erased: {done.subject} (erasure request {done.pk}).")
