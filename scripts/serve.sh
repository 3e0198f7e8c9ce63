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
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "Kizuna is at http://$host:$port/ (Ctrl-C stops it)"
$kizuna runserver --noreload "$host:$port"
