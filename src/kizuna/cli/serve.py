"""`kizuna serve [ADDRESS:PORT] [--workers N] [--threads N] [--pid FILE]`: the site
under gunicorn (settings in kizuna/site/gunicorn_conf.py, from the environment).

This process becomes gunicorn's master and imports no Django, so that SIGHUP
restarts the workers gracefully with the code on disk."""

from __future__ import annotations

import argparse
import os
import sys


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"a whole number of 1 or more, not {value!r}")
    return int(value)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kizuna serve", description=__doc__.splitlines()[0])
    parser.add_argument("addrport", nargs="?", help="address:port (default: KIZUNA_BIND or 127.0.0.1:8000)")
    parser.add_argument("--workers", type=_positive, help="worker processes (default: WEB_CONCURRENCY or 2 × CPUs + 1)")
    parser.add_argument("--threads", type=_positive, help="threads per process (default: WEB_THREADS or 4)")
    parser.add_argument("--pid", help="write the master's process id to this file")
    args = parser.parse_args(argv)
    for name, value in (("KIZUNA_BIND", args.addrport), ("WEB_CONCURRENCY", args.workers), ("WEB_THREADS", args.threads)):
        if value is not None:
            os.environ[name] = str(value)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kizuna.site.settings")
    command = [sys.executable, "-m", "gunicorn", "--config", "python:kizuna.site.gunicorn_conf"]
    if args.pid:
        command += ["--pid", args.pid]
    sys.stdout.flush()
    os.execv(sys.executable, command)
    return 0  # not reached: the process is now gunicorn
