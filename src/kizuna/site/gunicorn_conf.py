"""Gunicorn's settings for `kizuna serve` (read by gunicorn's master process).

Everything comes from the environment, with defaults from the machine:
KIZUNA_BIND (127.0.0.1:8000), WEB_CONCURRENCY (2 × CPUs + 1 processes),
WEB_THREADS (4 threads a process: processes for the CPU, threads to wait on the
database), WEB_TIMEOUT (60 s), WEB_GRACEFUL_TIMEOUT (30 s), WEB_MAX_REQUESTS
(a worker is replaced after about 2,000 requests), FORWARDED_ALLOW_IPS (the
proxies whose X-Forwarded-* headers are believed; loopback by default).

The master does not import Django: SIGHUP starts new workers with the code and
settings on disk and stops the old ones once their requests are done (a
graceful restart); SIGTERM stops after the requests in flight.

The web processes share PROMETHEUS_MULTIPROC_DIR for their metrics (default:
<data dir>/metrics/<address>), emptied when the master starts.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"{name} must be a whole number of 1 or more, not {value!r}.")
    return int(value)


_cpus = os.cpu_count() or 1
bind = os.environ.get("KIZUNA_BIND", "127.0.0.1:8000")
workers = _int("WEB_CONCURRENCY", 2 * _cpus + 1)
threads = _int("WEB_THREADS", 4)
worker_class = "gthread"
timeout = _int("WEB_TIMEOUT", 60)
graceful_timeout = _int("WEB_GRACEFUL_TIMEOUT", 30)
keepalive = 5
max_requests = _int("WEB_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = None  # the application logs each request (logger kizuna.request) with its id
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
proc_name = "kizuna"
wsgi_app = "kizuna.site.wsgi:application"

_data_dir = Path(os.environ.get("KIZUNA_DATA_DIR", Path(__file__).resolve().parents[3] / "var"))
_metrics_dir = os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR",
    str(_data_dir / "metrics" / "".join(c if c.isalnum() else "_" for c in bind)),
)
raw_env = [f"PROMETHEUS_MULTIPROC_DIR={_metrics_dir}"]


def on_starting(server) -> None:
    """Once, when the master starts: an empty metrics directory, as the client asks."""
    directory = Path(_metrics_dir)
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)


def child_exit(server, worker) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
