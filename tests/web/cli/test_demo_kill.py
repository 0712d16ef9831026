"""A ``demo-data`` run interrupted while it replaces the demo waves (Ctrl-C, then kill -9)
leaves the database as it was and every built report in place: the reports of replaced
waves are removed only after the new waves are committed.

The runs are real processes on a database of their own (a SQLite file, or on PostgreSQL a
database beside the test database), stopped by a signal at a known moment: after wave 2024
was replaced inside the transaction.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from aimonitor.paths import PROJECT_ROOT

REPORTED_YEARS = (2023, 2024, 2025)

HARNESS = """
import sys, time
from aimonitor.web.cli.bootstrap import setup_django
setup_django()
import aimonitor.web.fieldwork.demo as demo
from aimonitor.web.cli import main

store = demo._store_wave

def store_then_wait(demo_wave, questionnaire):
    wave = store(demo_wave, questionnaire)
    if demo_wave.year == 2024:
        print("wave 2024 replaced, not committed", flush=True)
        time.sleep(600)
    return wave

demo._store_wave = store_then_wait
sys.exit(main(["demo-data", "--seed", "7"]))
"""


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'kill.sqlite3'}"
        return
    import psycopg

    server, _, name = url.partition("?")[0].rpartition("/")
    own = f"{name}_demo_kill"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{own}"')
        connection.execute(f'CREATE DATABASE "{own}"')
    yield f"{server}/{own}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{own}" WITH (FORCE)')


def _environment(database_url: str, var: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url, "AIMONITOR_VAR_DIR": str(var)}


def _waves(database_url: str) -> list[tuple[int, int, str]]:
    query = "SELECT id, year, status FROM waves_wave ORDER BY year"
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
            return list(connection.execute(query))
    import psycopg

    with psycopg.connect(database_url) as connection:
        return list(connection.execute(query))


def test_an_interrupted_or_killed_demo_data_run_keeps_the_database_and_the_reports(
    database_url: str, tmp_path: Path
) -> None:
    var = tmp_path / "var"
    env = _environment(database_url, var)
    aimonitor = str(Path(sys.executable).with_name("aimonitor"))
    subprocess.run([aimonitor, "demo-data"], env=env, check=True, capture_output=True)
    before = _waves(database_url)
    reports = []
    for year in REPORTED_YEARS:
        folder = var / "reports" / str(year) / "nl"
        folder.mkdir(parents=True)
        (folder / "report.html").write_text(f"the report of {year}")
        reports.append(folder / "report.html")

    for stop in (signal.SIGINT, signal.SIGKILL):
        run = subprocess.Popen(
            [sys.executable, "-c", HARNESS],
            env=env,
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert run.stdout is not None
        assert run.stdout.readline().strip() == "wave 2024 replaced, not committed"
        run.send_signal(stop)
        assert run.wait(timeout=120) != 0
        assert _waves(database_url) == before, stop.name
        assert [report.read_text() for report in reports] == [
            f"the report of {year}" for year in REPORTED_YEARS
        ], stop.name
