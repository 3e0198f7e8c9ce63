from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from kizuna.programmes.demo import demo_load


class Command(BaseCommand):
    help = "Load the 2018 round of the three programmes, their organisations and one account per role."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=0, help="Also create N synthetic organisations.")

    def handle(self, *args, scale: int, **options):
        if scale < 0:
            self.stderr.write(_("--scale takes a whole number of 0 or more."))
            raise SystemExit(2)
        result = demo_load(scale=scale)
        self.stdout.write(
            _("Demo loaded: %(orgs)d organisations, %(programmes)d programmes, %(participations)d participations.")
            % {"orgs": result.organisations, "programmes": result.programmes, "participations": result.participations}
        )
        if result.synthetic:
            self.stdout.write(_("Synthetic organisations created: %(n)d") % {"n": result.synthetic})
        self.stdout.write(_("Demo accounts (user name / password / role):"))
        for username, password, role in result.accounts:
            self.stdout.write(f"  {username:<12} {password:<28} {role}")
