"""Benchmark of the public dashboard: wrk against gunicorn with PostgreSQL on loopback,
beside a bare Django view (issue 12: a theme page under 100 ms p99 at 50 readers).

Prepares a database of its own (dropped and made again each run): migrated, the frame and
the synthetic demo waves loaded (2023 and 2024 published). Then serves the project with
gunicorn (its own configuration; ``bench.survey.settings`` adds the bare view) and runs wrk
with 50 connections, each a reader without a cookie:

    bare        GET /bench/bare/: a short HttpResponse, no database
    page        GET of a theme page (BENCH_PATH, default the province view of theme 4)
    fragment    the same with ``HX-Request: true``: only the figures, as htmx asks them

A warm-up run first: each gunicorn worker estimates the published waves once and keeps the
figures (``aimonitor.web.outputs.publish``, ``aimonitor.web.public.dashboard``); the
measured runs are what readers get after that. Reuses the survey benchmark's gunicorn,
wrk and CPU accounting (bench/survey/driver.py).

Usage (from the repository root): ``sh bench/dashboard/run.sh [DATABASE_URL] [SECONDS]
[ROUNDS]``, or ``.venv/bin/python bench/dashboard/driver.py --help``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[0] = str(ROOT)  # bench.survey is a package of the repository root

from bench.survey import driver  # noqa: E402

PATH = "/dashboard/2024/ai_types/?per=provincie"
MODES = ("bare", "page", "fragment")


def prepare_data() -> None:
    """Migrate, load the frame and the synthetic demo waves (in process)."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from aimonitor.web.fieldwork.demo import store_demo_waves
    from aimonitor.web.municipalities.loading import load_frame_into_database

    load_frame_into_database()
    store_demo_waves(seed=2024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds per measured run")
    parser.add_argument("--warmup", type=int, default=10, help="seconds before each run")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2 * multiprocessing.cpu_count() + 1)
    parser.add_argument("--path", default=PATH, help="the dashboard page to read")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of all modes (medians)")
    parser.add_argument(
        "--db-url", default="postgres://postgres@127.0.0.1:5432/bench_dashboard", help="dropped!"
    )
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="aimonitor-bench-dashboard-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.survey.settings",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "DATABASE_URL": args.db_url,
        "AIMONITOR_VAR_DIR": str(var_dir),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "WEB_CONCURRENCY": str(args.workers),
        "DEBUG": "",
        "OPENBLAS_NUM_THREADS": "1",
        "BENCH_PATH": args.path,
    }
    env.pop("AIMONITOR_PRODUCTION", None)
    env.pop("BENCH_CONN_MAX_AGE", None)
    os.environ.update(env)

    print(f"machine: {driver.machine()}")
    print(
        f"gunicorn: the project's configuration (sync workers), WEB_CONCURRENCY={args.workers}; "
        f"wrk -t{args.connections} -c{args.connections} -d{args.duration}s "
        f"(warm-up {args.warmup} s); page {args.path}"
    )
    started = time.monotonic()
    driver.prepare_database(args.db_url)
    prepare_data()
    sessions = var_dir / "sessions.lua"
    sessions.write_text('return {{code="", session="", csrf="", rest=""}}\n')
    print(f"prepared in {time.monotonic() - started:.1f} s; code: {driver.code_version()}")

    runs: dict[str, list[dict[str, Any]]] = {mode: [] for mode in MODES}
    with driver.gunicorn(env, var_dir / "gunicorn.log", []) as (port, pid):
        meter = driver.CpuMeter(pid)
        for _ in range(args.repeat):
            for mode, done in runs.items():
                if args.warmup:
                    driver.run_wrk(port, mode, sessions, args.connections, args.warmup)
                at_start, cpu = driver.load(), meter.sample()
                result = driver.run_wrk(port, mode, sessions, args.connections, args.duration)
                result["cpu_s"] = meter.spent(cpu, meter.sample())
                result["load"] = at_start
                done.append(result)
                print(json.dumps(result))
    driver.table(runs, args.connections)
    shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
