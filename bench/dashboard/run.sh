#!/bin/sh
# Benchmark: a theme page of the public dashboard (and its htmx fragment) beside a bare Django
# view, wrk against gunicorn with PostgreSQL on loopback (bench/dashboard/driver.py).
# Usage (from the repository root): sh bench/dashboard/run.sh [DATABASE_URL] [SECONDS] [ROUNDS]
set -e
DB=${1:-postgres://postgres@127.0.0.1:5432/bench_dashboard}
PY=${PY:-.venv/bin/python}
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }
$PY bench/dashboard/driver.py --db-url "$DB" --duration "${2:-15}" --repeat "${3:-3}"
