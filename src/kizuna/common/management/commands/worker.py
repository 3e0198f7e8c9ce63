"""`kizuna worker`: task workers (django-tasks-db) with the periodic-job scheduler."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from kizuna.common.periodic import periodic_loop


class Command(DbWorkerCommand):
    help = _(
        "Run background-task workers. Each also ticks the periodic jobs once a minute; a job runs once per "
        "period however many workers run, on however many machines."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--processes", type=int, default=int(os.environ.get("WORKER_PROCESSES", "1") or 1),
                            help=_("Worker processes to run (default: WORKER_PROCESSES or 1)."))
        parser.add_argument("--no-scheduler", action="store_false", dest="scheduler",
                            help=_("Do not tick the periodic jobs in this worker."))
        parser.add_argument("--scheduler-interval", type=float, default=60.0,
                            help=_("Seconds between two ticks of the periodic jobs (default: 60)."))

    def handle(self, *args, processes: int, scheduler: bool, scheduler_interval: float, **options):
        if processes < 1:
            raise CommandError(_("--processes takes a whole number of 1 or more, not %(value)s.") % {"value": processes})
        if processes > 1:
            return self._supervise(processes)
        if scheduler:
            stop = threading.Event()
            threading.Thread(target=periodic_loop, args=(stop,), kwargs={"interval": scheduler_interval},
                             name="kizuna-periodic", daemon=True).start()
        return super().handle(*args, **options)

    def _supervise(self, processes: int) -> None:
        """Run `processes` single workers as child processes; SIGINT/SIGTERM is passed
        on to each (each finishes its current task), and this returns when all end."""
        argv, skip = [], False
        for arg in sys.argv[1:]:  # this command line (`worker …`) less its --processes
            if skip or arg == "--processes" or arg.startswith("--processes="):
                skip = arg == "--processes"
                continue
            argv.append(arg)
        command = [sys.executable, "-m", "kizuna.cli", *argv, "--processes", "1"]
        # own process groups: a Ctrl-C reaches them once, through `forward`, not twice
        children = [subprocess.Popen(command, start_new_session=True) for _n in range(processes)]

        def forward(signum, frame):
            for child in children:
                if child.poll() is None:
                    child.send_signal(signum)

        signal.signal(signal.SIGINT, forward)
        signal.signal(signal.SIGTERM, forward)
        codes = [child.wait() for child in children]
        if any(codes):
            raise CommandError(_("A worker process ended with an error (exit codes %(codes)s).")
                               % {"codes": ", ".join(str(c) for c in codes)})
