"""`kizuna periodic`: the periodic jobs, their last claims, and a tick by hand."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kizuna.common.models import PeriodicRun
from kizuna.common.periodic import PERIODIC_JOBS, periodic_job_get, periodic_job_run, periodic_tick


class Command(BaseCommand):
    help = _("List the periodic jobs and when each last ran; --tick claims and queues what is due; "
             "--run NAME runs one job now in this process.")

    def add_arguments(self, parser):
        parser.add_argument("--tick", action="store_true", help=_("Claim and queue every job that is due."))
        parser.add_argument("--run", metavar="NAME", help=_("Run this job now, here, whatever its period."))

    def handle(self, *args, tick: bool, run: str | None, **options):
        if run:
            try:
                periodic_job_get(run)
            except LookupError:
                raise CommandError(_("There is no periodic job called %(name)s; the jobs are: %(names)s.")
                                   % {"name": run, "names": ", ".join(j.name for j in PERIODIC_JOBS)}) from None
            self.stdout.write(periodic_job_run(name=run))
            return
        if tick:
            for claim in periodic_tick():
                self.stdout.write(_("Queued %(job)s for the period from %(period)s.")
                                  % {"job": claim.job, "period": claim.period.isoformat()})
            return
        for job in PERIODIC_JOBS:
            last = PeriodicRun.objects.filter(job=job.name).first()
            self.stdout.write(
                f"{job.name:24} every {job.every:5} from {job.at:%H:%M}  kizuna {' '.join((job.command, *job.args))}  "
                + (_("last: %(period)s") % {"period": last.period.isoformat()} if last else _("never run"))
            )
