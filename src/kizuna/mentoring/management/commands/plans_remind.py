from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kizuna.common.i18n import parse_date
from kizuna.mentoring.domain.reminders import plans_remind


class Command(BaseCommand):
    help = _(
        "Send the monthly check-in reminder for technology-transfer plans with no update in the last 30 days "
        "(at most one per plan and calendar month)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help=_("The day to run for, YYYY-MM-DD (default: today)."))

    def handle(self, *args, date: str | None = None, **options):
        today = None
        if date:
            try:
                today = parse_date(date)
            except ValueError:
                raise CommandError(
                    _("--date takes a date written YYYY-MM-DD, not %(value)s.") % {"value": date}
                ) from None
        result = plans_remind(today=today)
        self.stdout.write(
            _("Reminders sent for %(plans)d plans (%(emails)d e-mails); %(skipped)d plans were already reminded this month.")
            % {"plans": len(result.plans), "emails": result.emails, "skipped": result.skipped_already_reminded}
        )
