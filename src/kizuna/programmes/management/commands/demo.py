from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from kizuna.programmes.demo import demo_load


class Command(BaseCommand):
    help = "Load the 2018 round of the three programmes, their organisations and one account per role."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=0, help="Also create N synthetic organisations.")
        parser.add_argument(
            "--encoder", choices=["use", "none"], default="use",
            help="Text model for matching the Big Brother round (none: taxonomy and structure only).",
        )

    def handle(self, *args, scale: int, encoder: str, **options):
        if scale < 0:
            self.stderr.write(_("--scale takes a whole number of 0 or more."))
            raise SystemExit(2)
        result = demo_load(scale=scale, encoder=encoder)
        self.stdout.write(
            _("Demo loaded: %(orgs)d organisations, %(programmes)d programmes, %(participations)d participations.")
            % {"orgs": result.organisations, "programmes": result.programmes, "participations": result.participations}
        )
        bb = result.mentoring
        for figures in bb.rounds if bb is not None else []:
            self.stdout.write(f"{figures.name}:")
            for label, value in (
                (_("Pairs published"), figures.pairs),
                (_("Pairs accepted by both sides"), figures.accepted),
                (_("Plans completed"), figures.completed),
                (_("Technology-transfer plans"), figures.plans),
                (_("Overdue milestones"), figures.overdue_milestones),
                (_("Onward links to CLMV"), figures.clmv_links),
            ):
                self.stdout.write(f"  {label}: {value}")
        if result.synthetic:
            self.stdout.write(_("Synthetic organisations created: %(n)d") % {"n": result.synthetic})
        self.stdout.write(_("Demo accounts (user name / password / role):"))
        for username, password, role in result.accounts:
            self.stdout.write(f"  {username:<12} {password:<28} {role}")
