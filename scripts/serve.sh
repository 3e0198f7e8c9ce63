#!/usr/bin/env bash
# Serves Kizuna at http://HOST:PORT with a background-task worker beside it.
# Stops both on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
host=${1:-127.0.0.1}
port=${2:-8000}
kizuna=.venv/bin/kizuna
$kizuna db_worker --queue-name default --interval 1 &
worker=$!
# The monthly check-in reminders of transfer plans: checked once a day (each plan
# gets at most one reminder a month, so running it more often sends nothing twice).
# In production, run `kizuna plans_remind` from cron instead.
( while true; do $kizuna plans_remind >/dev/null 2>&1 || true; sleep 86400; done ) &
reminders=$!
trap 'kill $worker $reminders 2>/dev/null || true' EXIT INT TERM
echo "Kizuna is at http://$host:$port/ (Ctrl-C stops it)"
$kizuna runserver --noreload "$host:$port"
