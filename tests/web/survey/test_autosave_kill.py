"""An answer that the page shows as saved is on disk.

Several people of one municipality stream autosaves into gunicorn (the project's
configuration, three sync workers) on PostgreSQL; in the middle of the stream the whole
server (master and workers) is killed with SIGKILL, as a power cut or the OOM killer
would. After a restart, every save that was answered "Opgeslagen" is in the database: the
value with its revision in the answer's history, and as the stored answer the last
acknowledged value, or a value sent after it (a save in flight at the kill may or may not
have landed; one that never got an answer is not promised). A resent autosave is still
applied once after the restart.

The test uses ``transactional_db``: the rows it makes are committed, so the server (a
separate process on the same test database) sees them, and it sees the server's.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from aimonitor.questionnaire import Questionnaire
from aimonitor.web.fieldwork.models import Answer, MunicipalResponse
from aimonitor.web.survey.links import IssuedLink, issue_link, person_for
from aimonitor.web.waves.models import Wave

from ..conftest import MUNICIPALITY_A, Member

pytestmark = pytest.mark.postgres_only

BIN = Path(sys.executable).parent
WORKERS = 3
ACKS_BEFORE_KILL = 150
"""Saves answered "Opgeslagen" (in all) before the kill, or as many as came in
``STREAM_SECONDS`` on a slow machine; every stream has at least three."""
STREAM_SECONDS = 10.0
STREAM_DEADLINE = 40.0
TIMEOUT = 30.0


# ----------------------------------------------------------------------- the server


def database_url() -> str:
    """The test database (``test_…``) as a DATABASE_URL for the server process."""
    db = connection.settings_dict
    user = urllib.parse.quote(str(db.get("USER") or ""))
    password = str(db.get("PASSWORD") or "")
    credentials = user + (":" + urllib.parse.quote(password) if password else "")
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{credentials}@{host}:{port}/{urllib.parse.quote(str(db['NAME']))}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """gunicorn in a process group of its own (master and workers), to kill as a whole."""

    port: int
    env: dict[str, str]
    log_file: Path
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log_file.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    str(BIN / "gunicorn"),
                    "-c",
                    "python:aimonitor.web.project.gunicorn_conf",
                    "aimonitor.web.project.wsgi",
                ],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while True:  # listening, and a worker answers
            try:
                status, _ = request(self.port, "GET", "/vragenlijst/")
                if status in (200, 403):
                    return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("gunicorn did not start:\n" + self.log_file.read_text()[-5000:])
            time.sleep(0.2)

    def kill(self) -> None:
        """SIGKILL to the whole process group: the master and every worker at once."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        deadline = time.monotonic() + 30
        while _group_alive(self.process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _group_alive(self.process.pid), "gunicorn workers survived SIGKILL"
        self.process = None

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None


def _group_alive(pgid: int) -> bool:
    """Whether a live (not zombie) process of the group is left."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


@contextmanager
def serving(tmp_path: Path) -> Iterator[Server]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "SECRET_KEY": str(settings.SECRET_KEY),  # the links were signed with it
        "AIMONITOR_VAR_DIR": str(tmp_path / "var"),
        "AIMONITOR_LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": str(WORKERS),
        "DEBUG": "",
        "OPENBLAS_NUM_THREADS": "1",
    }
    env.pop("AIMONITOR_PRODUCTION", None)
    port = free_port()
    server = Server(port, {**env, "AIMONITOR_BIND": f"127.0.0.1:{port}"}, tmp_path / "gunicorn.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()  # before the test database is flushed


# ------------------------------------------------------------------------ the browsers


def request(
    port: int, method: str, path: str, headers: dict[str, str] | None = None, body: str = ""
) -> tuple[int, bytes]:
    """One request on a connection of its own (gunicorn's sync workers close each one)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        conn.request(method, path, body=body.encode() or None, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@dataclass
class Browser:
    """A person's browser after opening their personal link: the session and CSRF cookies."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def open_link(self, token: str) -> None:
        """Open the link and follow it to the overview, as a browser does."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            conn.request("GET", reverse("survey:open", args=[token]))
            response = conn.getresponse()
            response.read()
            assert response.status == 302, response.status
            for header in response.headers.get_all("Set-Cookie") or []:
                name, value = header.split(";", 1)[0].split("=", 1)
                self.cookies[name] = value
            overview = response.headers["Location"]
        finally:
            conn.close()
        assert {"sessionid", "csrftoken"} <= set(self.cookies), self.cookies
        status, _ = request(self.port, "GET", overview, headers={"Cookie": self._cookie()})
        assert status == 200, status

    def _cookie(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def autosave(self, item: str, form: dict[str, str]) -> tuple[int, str]:
        status, body = request(
            self.port,
            "POST",
            reverse("survey:item", args=[2025, MUNICIPALITY_A, item]),
            headers={
                "Cookie": self._cookie(),
                "X-CSRFToken": self.cookies["csrftoken"],
                "HX-Request": "true",
                "Content-Type": "application/x-www-form-urlencoded",
            },
            body=urllib.parse.urlencode(form),
        )
        return status, body.decode()


# ------------------------------------------------------------------------- the streams


@dataclass
class Send:
    """One autosave as sent: the value each variable should get; what came back."""

    item: str
    values: dict[str, object]
    status: int | None = None  # None: no answer (the server died)
    revisions: dict[str, int] = field(default_factory=dict)  # from the page, when saved

    @property
    def acknowledged(self) -> bool:
        return self.status == 200


@dataclass
class Stream:
    """A thread of one person's browser saving its own questions, over and over."""

    name: str
    browser: Browser
    items: dict[str, list[str]]  # item -> its variables (a grid has several)
    choices: dict[str, list[str]]  # variable -> the texts to send ([] for C4: numbers)
    seed: int
    sends: list[Send] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def acks(self) -> int:
        return sum(s.acknowledged for s in self.sends)

    def run(self, killing: threading.Event, stop: threading.Event) -> None:
        """Save until ``stop``; no answer is a failure unless the server is ``killing``."""
        rng = random.Random(self.seed)
        revision: dict[str, int] = {}
        last: dict[str, object] = {}
        items = sorted(self.items)
        while not stop.is_set():
            item = rng.choice(items)
            form: dict[str, str] = {}
            values: dict[str, object] = {}
            for variable in self.items[item]:
                text, value = self._next_value(rng, variable, last.get(variable))
                form[variable] = text
                form[f"{variable}__revision"] = str(revision.get(variable, 0))
                values[variable] = value
                last[variable] = value
            send = Send(item, values)
            self.sends.append(send)  # before sending: it may land without an answer
            try:
                status, page = self.browser.autosave(item, form)
            except (OSError, http.client.HTTPException) as error:
                if killing.is_set():
                    return  # the server is gone: this save may or may not have landed
                self.errors.append(f"{item}: {error!r} before the kill")
                continue
            send.status = status
            if status == 200 and "Opgeslagen" in page:
                for variable in values:
                    shown = re.search(rf'name="{variable}__revision" value="(\d+)"', page)
                    assert shown is not None, page[:2000]
                    send.revisions[variable] = revision[variable] = int(shown.group(1))
            elif status == 200:
                send.status = -200  # answered, but not "saved"
                self.errors.append(f"{item}: 200 without 'Opgeslagen'")
            elif status != 429:  # the save rate limit is not a failure of the server
                self.errors.append(f"{item}: {status} {page[:300]!r}")

    def _next_value(
        self, rng: random.Random, variable: str, previous: object
    ) -> tuple[str, object]:
        """Always a different value than the last one sent: every save really writes."""
        while True:
            options = self.choices[variable]
            if options:
                text = rng.choice(options)
                value: object = int(text)
            else:  # C4: 0 to 97 fte, one decimal, written the Dutch way
                tenths = rng.randint(0, 970)
                text, value = f"{tenths // 10},{tenths % 10}", tenths / 10
            if value != previous:
                return text, value


# ------------------------------------------------------------------------------ the test


def _people(wave: Wave, cast: dict[str, Member]) -> dict[str, IssuedLink]:
    """Four people of municipality A, each with their own questions."""
    return {
        "coordinator_a": issue_link(
            wave, MUNICIPALITY_A, cast["coordinator_a"].user, "coordinator"
        ),
        "contributor_a": issue_link(
            wave, MUNICIPALITY_A, cast["contributor_a"].user, "contributor", themes=["vision"]
        ),
        "champions_a": issue_link(
            wave,
            MUNICIPALITY_A,
            person_for("voortrekker@amsterdam.example", "Voortrekker"),
            "contributor",
            themes=["champions"],
        ),
        "background_a": issue_link(
            wave,
            MUNICIPALITY_A,
            person_for("achtergrond@amsterdam.example", "Achtergrond"),
            "contributor",
            themes=["background", "experiments"],
        ),
    }


STREAMS: dict[str, tuple[str, list[str]]] = {
    # stream -> (whose browser, their items)
    "coordinator numbers": ("coordinator_a", ["C4"]),
    "coordinator choices": ("coordinator_a", ["A3", "D1"]),
    "vision": ("contributor_a", ["B1", "B3", "B5"]),
    "champions": ("champions_a", ["C1", "C2"]),
    "background": ("background_a", ["A4", "A5"]),
}


def _answers(response: MunicipalResponse) -> dict[str, tuple[object, int]]:
    return {
        variable: (value, revision)
        for variable, value, revision in Answer.objects.filter(response=response).values_list(
            "variable", "value", "revision"
        )
    }


def _history(response: MunicipalResponse, variable: str) -> list[tuple[int, object]]:
    return list(
        Answer.history.filter(response_id=response.pk, variable=variable).values_list(
            "revision", "value"
        )
    )


def test_every_acknowledged_autosave_survives_a_kill_of_the_server(
    transactional_db: None, cast: dict[str, Member], open_wave: Wave, tmp_path: Path
) -> None:
    started = time.monotonic()
    links = _people(open_wave, cast)
    q = Questionnaire.from_dict(open_wave.questionnaire, source="wave 2025")
    with serving(tmp_path) as server:
        browsers = {name: Browser(server.port) for name in links}
        for name, browser in browsers.items():
            browser.open_link(links[name].token)
        response = MunicipalResponse.objects.get(wave=open_wave, municipality__code=MUNICIPALITY_A)

        streams: list[Stream] = []
        for seed, (stream_name, (person, items)) in enumerate(STREAMS.items()):
            variables = {i: [v.name for v in q.variables() if v.item == i] for i in items}
            choices = {
                v: [] if q.variable(v).type == "numeric" else _codes(q, v)
                for names in variables.values()
                for v in names
            }
            streams.append(
                Stream(stream_name, browsers[person], variables, choices, seed=2025 + seed)
            )
        killing, stop = threading.Event(), threading.Event()
        threads = [
            threading.Thread(target=s.run, args=(killing, stop), daemon=True) for s in streams
        ]
        for thread in threads:
            thread.start()
        streaming = time.monotonic()
        deadline = streaming + STREAM_DEADLINE
        while True:
            acks = [s.acks() for s in streams]
            long_enough = time.monotonic() - streaming > STREAM_SECONDS
            if min(acks) >= 3 and (sum(acks) >= ACKS_BEFORE_KILL or long_enough):
                break
            assert time.monotonic() < deadline, [(s.name, s.acks(), s.errors) for s in streams]
            assert all(t.is_alive() for t in threads), [s.errors for s in streams]
            time.sleep(0.02)
        time.sleep(random.Random(7).uniform(0.0, 0.05))  # somewhere inside a save
        in_flight = [s.name for s in streams if s.sends and s.sends[-1].status is None]
        streamed = time.monotonic() - streaming
        killing.set()
        server.kill()
        stop.set()
        for thread in threads:
            thread.join(timeout=TIMEOUT + 5)
        assert not any(t.is_alive() for t in threads)
        for stream in streams:
            assert not stream.errors, (stream.name, stream.errors)

        server.start()  # the same port, the same database; the sessions are in it
        stored = _answers(response)
        acknowledged = 0
        landed_unanswered: list[str] = []
        for stream in streams:
            for variable in {v for names in stream.items.values() for v in names}:
                sends = [s for s in stream.sends if variable in s.values]
                acked = [i for i, s in enumerate(sends) if s.acknowledged]
                acknowledged += len(acked)
                history = _history(response, variable)
                for i in acked:  # every save the page showed as saved is in the history
                    expected = (sends[i].revisions[variable], sends[i].values[variable])
                    assert expected in history, (variable, expected, history)
                if not acked:
                    assert variable not in stored or stored[variable][0] in [
                        s.values[variable] for s in sends
                    ], (variable, stored.get(variable), sends)
                    continue
                last = acked[-1]
                assert variable in stored, f"{variable}: acknowledged, then lost"
                value, revision = stored[variable]
                later = [s.values[variable] for s in sends[last:]]
                assert value in later, (variable, value, later)
                landed = revision - sends[last].revisions[variable]
                assert 0 <= landed <= len(sends) - 1 - last, (variable, revision, sends[last:])
                if landed == 0:
                    assert value == sends[last].values[variable], (variable, value)
                else:
                    landed_unanswered.append(variable)
        assert acknowledged >= 3 * len(streams)

        # After the restart: a resent autosave (the same body twice) is applied once, one
        # after the other and at the same moment (a retry racing its original).
        coordinator = browsers["coordinator_a"]
        before, revision = _answers(response)["C4"]
        text = "12,5" if before != 12.5 else "13,5"
        rows = len(_history(response, "C4"))
        body = {"C4": text, "C4__revision": str(revision)}
        for _ in range(2):
            status, page = coordinator.autosave("C4", body)
            assert status == 200, (status, page[:2000])
            assert "Opgeslagen" in page
        assert _answers(response)["C4"] == (float(text.replace(",", ".")), revision + 1)
        assert len(_history(response, "C4")) == rows + 1

        both = threading.Barrier(2)
        results: list[tuple[int, str]] = []

        def resend() -> None:
            both.wait()
            results.append(coordinator.autosave("C5", {"C5": "3", "C5__revision": "0"}))

        racing = [threading.Thread(target=resend) for _ in range(2)]
        for thread in racing:
            thread.start()
        for thread in racing:
            thread.join(timeout=TIMEOUT + 5)
        assert [status for status, _ in results] == [200, 200], [r[1][:500] for r in results]
        assert all("Opgeslagen" in page for _, page in results)
        assert _answers(response)["C5"] == (3, 1)
        assert len(_history(response, "C5")) == 1
    _report(streams, in_flight, landed_unanswered, streamed, time.monotonic() - started)


def _codes(q: Questionnaire, variable: str) -> list[str]:
    v = q.variable(variable)
    return [str(c) for c in range(1, 100) if v.code_label(c) is not None]


def _report(
    streams: list[Stream],
    in_flight: list[str],
    landed_unanswered: list[str],
    streamed: float,
    seconds: float,
) -> None:
    summary: dict[str, Any] = {
        s.name: f"{s.acks()} acknowledged of {len(s.sends)} sent" for s in streams
    }
    print(
        f"\nstreams: {summary}; in flight at the kill: {in_flight}; "
        f"unanswered saves that landed: {landed_unanswered}; "
        f"streamed {streamed:.1f} s; test body {seconds:.1f} s"
    )
