"""Benchmark of the survey portal: wrk against gunicorn with PostgreSQL on loopback.

Prepares a database of its own (dropped and made again each run): migrated, the frame
loaded, wave 2024 closed with submitted answers of 50 municipalities (shown as "last year"),
wave 2025 open, and a coordinator of each of these municipalities who opened their personal
link (through the real link view, in process) with C4 answered 5 (revision 1). Then serves
the project with gunicorn (the project's configuration, ``bench.survey.settings`` for the bare
view) and runs wrk with one thread per connection, each thread one person (``wrk.lua``):

    bare        GET /bench/bare/: a view returning a short HttpResponse, no database
    theme       GET of the theme page "champions" (survey:theme) of the person's response
    save_same   POST autosave of C4 with the stored value: found unchanged, nothing written
    save_write  POST autosave of C4 alternating 5 and 6: every save writes

An autosave posts what htmx posts from the theme page: the whole form, C4 changed.

Usage (from the repository root; run.sh runs the recorded series):

    .venv/bin/python bench/survey/driver.py [--duration 15] [--repeat 3] [--connections 50]
        [--workers N] [--conn-max-age S] [--modes bare,theme,...] [--db-url URL]
        [-- extra gunicorn arguments]

Prints the machine, every run as a JSON line (with the CPU-seconds of gunicorn, PostgreSQL,
wrk and the rest of the machine), and a table of medians over the rounds (req/s, p50 and p99
latency, ratio of throughput to the bare view, CPU per request, status counts), and checks
that save_write wrote once per acknowledged save (the revisions in the database against
wrk's count of 200s) and save_same not at all.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
YEAR = 2025
THEME = "champions"
PEOPLE = 50
MODES = ("bare", "theme", "save_same", "save_write")


def prepare_database(url: str) -> None:
    """Drop and create the benchmark's database (never any other)."""
    import psycopg

    parsed = urllib.parse.urlsplit(url)
    name = parsed.path.lstrip("/")
    if not name.startswith("bench"):
        raise SystemExit(f"refusing to drop {name!r}: the benchmark's database starts 'bench'")
    admin = urllib.parse.urlunsplit(parsed._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare_data(people: int) -> list[dict[str, str]]:
    """Everything in the database; the people's municipality and cookies."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from aimonitor.paths import data_dir
    from aimonitor.questionnaire import load_questionnaire
    from aimonitor.web.fieldwork.models import Answer, MunicipalResponse
    from aimonitor.web.municipalities.loading import load_frame_into_database
    from aimonitor.web.municipalities.models import Municipality
    from aimonitor.web.survey.links import issue_link, person_for
    from aimonitor.web.waves.models import Wave

    call_command("migrate", verbosity=0)
    load_frame_into_database()
    instrument = load_questionnaire(data_dir() / "questionnaires" / "ai-monitor-2024.yaml")

    def make_wave(year: int, frame_year: int) -> Wave:  # as tests/web/conftest.py does
        return Wave.objects.create(
            year=year,
            status=Wave.Status.CLOSED,
            frame_year=frame_year,
            questionnaire_id=instrument.id,
            questionnaire_version=instrument.version,
            questionnaire=instrument.to_dict(),
            is_synthetic=False,
        )

    codes_2024 = set(Municipality.objects.filter(frame_year=2024).values_list("code", flat=True))
    codes = [
        code
        for code in Municipality.objects.filter(frame_year=YEAR)
        .order_by("-inhabitants")
        .values_list("code", flat=True)
        if code in codes_2024
    ][:people]
    previous = make_wave(YEAR - 1, 2024)
    last_year = {"A4": 1, "B1": 2, "B2": [1, 3], "C1": 1, "C2": 1, "C4": 3}
    for code in codes:
        response = MunicipalResponse.objects.create(
            wave=previous,
            municipality=Municipality.objects.get(frame_year=2024, code=code),
            status=MunicipalResponse.Status.IN_PROGRESS,
        )
        for variable, value in last_year.items():
            Answer.objects.create(response=response, variable=variable, value=value)
        response.status = MunicipalResponse.Status.SUBMITTED
        response.save()
    wave = make_wave(YEAR, YEAR)
    wave.status = Wave.Status.OPEN
    wave.closes_on = None
    wave.save()

    rows: list[dict[str, str]] = []
    for i, code in enumerate(codes):
        person = person_for(f"coordinator{i}@{code.lower()}.example", f"Coördinator {code}")
        token = issue_link(wave, code, person, "coordinator").token
        client = Client()
        opened = client.get(f"/link/{token}/", REMOTE_ADDR=f"10.0.{i // 200}.{i % 200 + 1}")
        assert opened.status_code == 302, opened.status_code
        overview = client.get(opened["Location"])
        assert overview.status_code == 200, overview.status_code
        saved = client.post(
            f"/vragenlijst/{YEAR}/{code}/vraag/C4/", {"C4": "5", "C4__revision": "0"}
        )
        assert saved.status_code == 200, saved.content[:500]
        rows.append(
            {
                "code": code,
                "session": client.cookies["sessionid"].value,
                "csrf": client.cookies["csrftoken"].value,
            }
        )
    return rows


def stored_c4() -> dict[str, tuple[object, int]]:
    """Municipality code -> C4's stored value and revision in the open wave."""
    from aimonitor.web.fieldwork.models import Answer

    return {
        code: (value, revision)
        for code, value, revision in Answer.objects.filter(
            response__wave__year=YEAR, variable="C4"
        ).values_list("response__municipality__code", "value", "revision")
    }


def rest_of_page(code: str, csrf: str) -> str:
    """The rest of the body a browser posts with an autosave of C4: htmx sends the whole
    form of the theme page, so the other questions the page shows, with their stored
    answers and revisions, and the CSRF field (urlencoded, starting with ``&``)."""
    from aimonitor.questionnaire import Questionnaire
    from aimonitor.questionnaire.entry import build_fields
    from aimonitor.web.fieldwork.models import Answer
    from aimonitor.web.waves.models import Wave

    wave = Wave.objects.get(year=YEAR)
    q = Questionnaire.from_dict(wave.questionnaire, source=f"wave {YEAR}")
    stored = {
        a.variable: a
        for a in Answer.objects.filter(response__wave=wave, response__municipality__code=code)
    }
    values = {name: a.value for name, a in stored.items()}
    fields: list[tuple[str, str]] = [("csrfmiddlewaretoken", csrf)]
    for item in q.items_of(THEME):
        if item.id == "C4" or not q.is_shown(item.id, values):
            continue
        for variable in q.variables():
            if variable.item != item.id:
                continue
            answer = stored.get(variable.name)
            if answer is not None:
                for name, texts in build_fields(variable, answer.value).items():
                    fields.extend((name, text) for text in texts)
            fields.append((f"{variable.name}__revision", str(answer.revision if answer else 0)))
    return "&" + urllib.parse.urlencode(fields)


def write_sessions(people: list[dict[str, str]], path: Path) -> None:
    """The people as a Lua table for wrk.lua, with C4 as stored now: ``value`` is what
    save_same sends (the stored value), save_write starts with ``other`` and alternates;
    ``rest`` is the rest of the theme page's form."""
    stored = stored_c4()
    rows = []
    for person in people:
        value, revision = stored[person["code"]]
        same = "5" if value == 5 else "6"
        fields = {**person, "value": same, "other": "6" if same == "5" else "5"}
        fields["revision"] = str(revision)
        fields["rest"] = rest_of_page(person["code"], person["csrf"])
        rows.append("{" + ", ".join(f"{k}={json.dumps(v)}" for k, v in fields.items()) + "}")
    path.write_text("return {\n  " + ",\n  ".join(rows) + "\n}\n")


def revisions_of_c4() -> int:
    return sum(revision for _, revision in stored_c4().values())


def settle() -> int:
    """Wait until the saves still queued when wrk stopped are done (gunicorn serves the
    requests of connections wrk closed): C4's revisions stay the same for a second."""
    last = revisions_of_c4()
    for _ in range(60):
        time.sleep(1)
        now = revisions_of_c4()
        if now == last:
            return now
        last = now
    raise SystemExit("the server kept writing for a minute after wrk stopped")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int | str) -> list[str]:
    """Fields of /proc/PID/stat from the state on (index 0 is field 3 of proc(5))."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def _processes() -> Iterator[tuple[int, list[str]]]:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                yield int(entry.name), _stat(entry.name)
            except OSError:
                continue


def _tree_cpu(leader: int, *, by_group: bool) -> float:
    """CPU seconds of ``leader`` and its children: the live ones, and the finished ones it
    waited for (a gunicorn master and its workers; the postmaster and its backends)."""
    try:
        own = _stat(leader)
    except OSError:
        return 0.0
    ticks = sum(int(x) for x in own[11:15])
    for pid, fields in _processes():
        if pid != leader and int(fields[2 if by_group else 1]) == leader:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / TICK


def _postmaster() -> int | None:
    for pid, fields in _processes():
        try:
            comm = Path(f"/proc/{pid}/comm").read_text().strip()
            parent = Path(f"/proc/{fields[1]}/comm").read_text().strip()
        except OSError:
            continue
        if comm == "postgres" and parent != "postgres":
            return pid
    return None


def _machine_busy() -> float:
    values = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values[:8]
    return (user + nice + system + irq + softirq + steal) / TICK


class CpuMeter:
    """Where the machine's CPU went during a run: gunicorn (master and workers), PostgreSQL
    (every database: others may use it too), wrk, and the rest of the machine."""

    def __init__(self, server: int) -> None:
        self.server = server
        self.postmaster = _postmaster()

    def sample(self) -> dict[str, float]:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return {
            "machine": _machine_busy(),
            "gunicorn": _tree_cpu(self.server, by_group=True),
            "postgres": _tree_cpu(self.postmaster, by_group=False) if self.postmaster else 0.0,
            "wrk": children.ru_utime + children.ru_stime,
        }

    @staticmethod
    def spent(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
        used = {key: after[key] - before[key] for key in before}
        used["other"] = used["machine"] - used["gunicorn"] - used["postgres"] - used["wrk"]
        return {key: round(value, 1) for key, value in used.items()}


@contextmanager
def gunicorn(env: dict[str, str], log: Path, extra: list[str]) -> Iterator[tuple[int, int]]:
    port = free_port()
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "-c",
                "python:aimonitor.web.project.gunicorn_conf",
                *extra,
                "aimonitor.web.project.wsgi",
            ],
            env={**env, "AIMONITOR_BIND": f"127.0.0.1:{port}"},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", "/bench/bare/")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("gunicorn did not start:\n" + log.read_text()[-3000:])
            time.sleep(0.3)
        time.sleep(3)  # every worker booted (they import Django after the fork)
        yield port, server.pid
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def run_wrk(
    port: int, mode: str, sessions: Path, connections: int, duration: int
) -> dict[str, Any]:
    done = subprocess.run(
        [
            "wrk",
            f"-t{connections}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(HERE / "wrk.lua"),
            f"http://127.0.0.1:{port}",
        ],
        env={
            **os.environ,
            "BENCH_MODE": mode,
            "BENCH_SESSIONS": str(sessions),
            "BENCH_YEAR": str(YEAR),
        },
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("{"))
    result: dict[str, Any] = json.loads(line)
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[:2]
    pg = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{cpu}, {os.cpu_count()} CPUs; Python {sys.version.split()[0]}; "
        f"{' '.join(wrk)}; {pg}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )


def code_version() -> str:
    done = subprocess.run(
        ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or "?"


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds per measured run")
    parser.add_argument("--warmup", type=int, default=3, help="seconds before each run")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * multiprocessing.cpu_count() + 1,
        help="WEB_CONCURRENCY (the project's default: 2 per core + 1)",
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="CONN_MAX_AGE in seconds (0: a new connection per request); default: the "
        "project's setting",
    )
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--repeat", type=int, default=1, help="rounds of all modes (medians)")
    parser.add_argument(
        "--db-url", default="postgres://postgres@127.0.0.1:5432/bench_survey", help="dropped!"
    )
    parser.add_argument("gunicorn_args", nargs="*", help="extra gunicorn arguments, after --")
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="aimonitor-bench-survey-"))
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
    }
    env.pop("AIMONITOR_PRODUCTION", None)
    env.pop("BENCH_CONN_MAX_AGE", None)
    if args.conn_max_age is not None:
        env["BENCH_CONN_MAX_AGE"] = str(args.conn_max_age)
    os.environ.update(env)
    sys.path[0] = str(ROOT)  # not bench/survey: bench.survey.settings is a package module

    print(f"machine: {machine()}")
    print(
        f"gunicorn: the project's configuration (sync workers), WEB_CONCURRENCY={args.workers}"
        f", extra {args.gunicorn_args or 'none'}; "
        f"wrk -t{args.connections} -c{args.connections} -d{args.duration}s "
        f"(warm-up {args.warmup} s)"
    )
    started = time.monotonic()
    prepare_database(args.db_url)
    people = prepare_data(PEOPLE)
    sessions = var_dir / "sessions.lua"
    print(f"prepared in {time.monotonic() - started:.1f} s: {PEOPLE} people, {var_dir}")
    from django.conf import settings

    db = settings.DATABASES["default"]
    print(
        f"database: CONN_MAX_AGE={db.get('CONN_MAX_AGE')}, "
        f"CONN_HEALTH_CHECKS={db.get('CONN_HEALTH_CHECKS')}; code: {code_version()}"
    )

    runs: dict[str, list[dict[str, Any]]] = {mode: [] for mode in args.modes.split(",")}
    with gunicorn(env, var_dir / "gunicorn.log", args.gunicorn_args) as (port, pid):
        meter = CpuMeter(pid)
        for _ in range(args.repeat):
            for mode, done in runs.items():
                write_sessions(people, sessions)
                if args.warmup:
                    run_wrk(port, mode, sessions, args.connections, args.warmup)
                    settle()
                    write_sessions(people, sessions)
                before = revisions_of_c4()
                at_start, cpu = load(), meter.sample()
                result = run_wrk(port, mode, sessions, args.connections, args.duration)
                result["cpu_s"] = meter.spent(cpu, meter.sample())
                result["load"] = at_start
                result["written"] = settle() - before
                done.append(result)
                print(json.dumps(result))
    table(runs, args.connections)
    shutil.rmtree(var_dir, ignore_errors=True)


def table(runs: dict[str, list[dict[str, Any]]], connections: int) -> None:
    """Medians over the rounds; the statuses and CPU of all rounds together."""

    def median(mode: str, key: str) -> float:
        return float(statistics.median(r[key] for r in runs[mode]))

    bare = median("bare", "rps") if runs.get("bare") else None
    print()
    print(
        "| request | req/s (rounds) | p50 ms | p99 ms | × bare | CPU ms per request: "
        "gunicorn + PostgreSQL | statuses | CPU s: gunicorn / PostgreSQL / wrk / rest |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for mode, done in runs.items():
        rps = median(mode, "rps")
        ratio = f"{rps / bare:.2f}" if bare else "-"
        total = {key: sum(r[key] for r in done) for key in done[0] if isinstance(done[0][key], int)}
        if mode == "bare":
            statuses = f"non-2xx {total['non_2xx_3xx']}"
        else:
            statuses = f"200: {total['n200']}, 422: {total['n422']}, 429: {total['n429']}"
            statuses += f", other: {total['nother']}"
        if mode.startswith("save"):
            statuses += f"; revisions written: {total['written']}"
        errors = sum(total[k] for k in ("connect_errors", "read_errors", "write_errors"))
        if errors + total["timeouts"]:
            statuses += f"; socket errors {errors}, timeouts {total['timeouts']}"
        cpu = {k: sum(r["cpu_s"][k] for r in done) for k in done[0]["cpu_s"]}
        rounds = " / ".join(f"{r['rps']:.0f}" for r in done)
        requests = sum(r["requests"] for r in done)
        per_request = (
            f"{cpu['gunicorn'] * 1000 / requests:.1f} + {cpu['postgres'] * 1000 / requests:.1f}"
        )
        print(
            f"| {mode} | {rps:.0f} ({rounds}) | {median(mode, 'p50_us') / 1000:.0f} "
            f"| {median(mode, 'p99_us') / 1000:.0f} | {ratio} | {per_request} | {statuses} "
            f"| {cpu['gunicorn']:.0f} / {cpu['postgres']:.0f} / {cpu['wrk']:.0f} / "
            f"{cpu['other']:.0f} of {cpu['machine']:.0f} busy |"
        )
    for mode, done in runs.items():
        for r in done:
            # wrk stops with up to one save per connection in flight: those may still write.
            if mode == "save_write" and not 0 <= r["written"] - r["n200"] <= connections:
                print(f"save_write: {r['n200']} saves answered 200 but {r['written']} revisions")
            if mode == "save_same" and r["written"]:
                print(f"save_same wrote {r['written']} revisions: it should write none")


if __name__ == "__main__":
    main()
