#!/bin/sh
# Benchmark: the survey portal (a theme page, an autosave that writes, a resent autosave)
# beside a bare Django view, wrk against gunicorn with PostgreSQL on loopback.
# Usage (from the repository root): sh bench/survey/run.sh [DATABASE_URL] [SECONDS] [ROUNDS]
# The database is dropped and made again (its name must start with "bench").
# PY overrides the interpreter (default .venv/bin/python).
set -e
DB=${1:-postgres://postgres@127.0.0.1:5432/bench_survey}
SECONDS_PER_RUN=${2:-15}
ROUNDS=${3:-3}
PY=${PY:-.venv/bin/python}
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }
run() {
  $PY bench/survey/driver.py --db-url "$DB" --duration "$SECONDS_PER_RUN" --repeat "$ROUNDS" "$@"
}
echo "== the project's configuration (sync workers, 2 per core + 1), 50 connections"
run
echo "== the same, with a new database connection for every request (CONN_MAX_AGE=0)"
run --conn-max-age 0
echo "== the bare view without gunicorn's worker recycling (max_requests 0)"
run --modes bare -- --max-requests 0
echo "== 5 connections"
run --connections 5
