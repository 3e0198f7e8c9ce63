#!/usr/bin/env bash
# Serves Kizuna at http://HOST:PORT under gunicorn (`kizuna serve`) with a task
# worker beside it (`kizuna worker`, which also schedules the periodic jobs, such
# as the plans' monthly check-in reminders). Ctrl-C stops both.
# In production, run the same two commands under a service manager (docs/deploy.md).
set -euo pipefail
cd "$(dirname "$0")/.."
host=${1:-127.0.0.1}
port=${2:-8000}
kizuna=.venv/bin/kizuna
$kizuna worker --interval 1 --no-startup-delay &
worker=$!
$kizuna serve "$host:$port" &
web=$!
trap 'kill -TERM $worker $web 2>/dev/null || true; wait $worker $web 2>/dev/null || true' EXIT INT TERM
echo "Kizuna is at http://$host:$port/ (Ctrl-C stops it)"
wait -n $worker $web
