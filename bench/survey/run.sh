#!/bin/sh
# Benchmark: the survey portal (a theme page, an autosave that writes, a resent autosave)
# beside a bare Django view, wrk against gunicorn with PostgreSQL on loopback.
# Usage (from the repository root): sh bench/survey/run.sh [DATABASE_URL] [SECONDS]
# The database is dropped and made again (its name must start with "bench").
# PY overrides the interpreter (default .venv/bin/python).
set -e
DB=${1:-postgres://postgres@127.0.0.1:5432/bench_survey}
SECONDS_PER_RUN=${2:-15}
PY=${PY:-.venv/bin/python}
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }
echo "== the project's gunicorn configuration (sync workers, 2 per core + 1)"
$PY bench/survey/driver.py --db-url "$DB" --duration "$SECONDS_PER_RUN"
echo "== the same, database connections kept open between requests (CONN_MAX_AGE=60)"
$PY bench/survey/driver.py --db-url "$DB" --duration "$SECONDS_PER_RUN" --conn-max-age 60
