"""The production settings of docs/operations/configuration.md, run as an operator would:
``check --deploy`` and gunicorn behind a (simulated) TLS proxy on loopback."""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ..totp import current_code

BIN = Path(sys.executable).parent
HOST = "monitor.example.nl"
PASSWORD = "Admin-pass-2024!"


def production_env(var_dir: Path) -> dict[str, str]:
    """Exactly the documented production settings (with SQLite for the test's database)."""
    return {
        **os.environ,
        "AIMONITOR_PRODUCTION": "1",
        "DATABASE_URL": f"sqlite:///{var_dir / 'aimonitor.sqlite3'}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
        "SECURE_PROXY_SSL_HEADER": "1",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
        "SECURE_HSTS_PRELOAD": "1",
        "AIMONITOR_VAR_DIR": str(var_dir),
        "DEBUG": "",
    }


def aimonitor(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "aimonitor"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_the_documented_production_settings_pass_the_deployment_check(tmp_path):
    env = production_env(tmp_path)
    documented = Path(__file__).resolve().parents[3] / "docs/operations/configuration.md"
    block = documented.read_text().split("## The documented production settings")[1]
    settings = dict(re.findall(r"^([A-Z_]+)=(\S+)", block, flags=re.MULTILINE))
    site_specific = {"DATABASE_URL", "SECRET_KEY", "AIMONITOR_VAR_DIR"}
    assert site_specific < set(settings)
    assert {name: env[name] for name in settings if name not in site_specific} == {
        name: value for name, value in settings.items() if name not in site_specific
    }
    result = aimonitor("manage", "check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(env: dict[str, str], log_file: Path) -> Iterator[int]:
    """gunicorn with the project's configuration on a free loopback port, until the end."""
    port = free_port()
    with log_file.open("w") as log:
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "-c",
                "python:aimonitor.web.project.gunicorn_conf",
                "aimonitor.web.project.wsgi",
            ],
            env={**env, "AIMONITOR_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(log_file.read_text())
                    time.sleep(0.3)
            yield port
        finally:
            server.terminate()
            server.wait(timeout=30)


SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
"""The administrator's authenticator app (as if set up at the first login)."""
FINISH_SET_UP = (
    "from django.contrib.auth.models import User; "
    "from allauth.mfa.totp.internal.auth import TOTP; "
    "u = User.objects.get(username='admin'); u.set_password({password!r}); u.save(); "
    "TOTP.activate(u, {secret!r})"
)


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """The production settings, after the operator's steps: migrate, collectstatic, an
    administrator's account (``aimonitor researcher --administrator``), who then set a
    password and an authenticator app."""
    var_dir = tmp_path_factory.mktemp("production")
    env = production_env(var_dir)
    for step in (
        ["manage", "migrate", "--no-input", "-v", "0"],
        ["manage", "collectstatic", "--no-input", "-v", "0"],
        ["researcher", "--username", "admin", "--email", "a@b.nl", "--administrator"],
        ["manage", "shell", "-c", FINISH_SET_UP.format(password=PASSWORD, secret=SECRET)],
    ):
        done = aimonitor(*step, env=env)
        assert done.returncode == 0, done.stderr
    with serving(env, var_dir / "gunicorn.log") as port:
        yield port


def request(
    port: int, method: str, path: str, headers: dict[str, str] | None = None, body: str = ""
) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(
        method,
        path,
        body=body or None,
        headers={"Host": HOST, "X-Forwarded-Proto": "https", **(headers or {})},
    )
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    return response


def cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    found = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, value = header.split(";", 1)[0].split("=", 1)
        found[name] = value
        assert "Secure" in header
    return found


def test_behind_the_proxy_the_start_page_is_served_with_the_security_headers(gunicorn):
    response = request(gunicorn, "GET", "/")
    assert response.status == 200
    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_without_the_proxy_header_a_request_is_sent_to_https(gunicorn):
    connection = http.client.HTTPConnection("127.0.0.1", gunicorn, timeout=30)
    connection.request("GET", "/", headers={"Host": HOST})
    response = connection.getresponse()
    assert response.status == 301
    assert response.headers["Location"] == f"https://{HOST}/"


def test_static_files_are_served_in_production(gunicorn):
    connection = http.client.HTTPConnection("127.0.0.1", gunicorn, timeout=30)
    connection.request("GET", "/", headers={"Host": HOST, "X-Forwarded-Proto": "https"})
    page = connection.getresponse().read().decode()
    stylesheet = re.search(r'href="(/static/public/site\.[0-9a-f]+\.css)"', page)
    assert stylesheet is not None, page
    response = request(gunicorn, "GET", stylesheet.group(1))
    assert response.status == 200
    assert "max-age=315360000" in response.headers["Cache-Control"]
    assert request(gunicorn, "GET", "/static/admin/css/base.css").status == 200


def _form(port: int, path: str, session: str = "") -> tuple[str, str]:
    """The CSRF token of the form at ``path`` and the CSRF cookie, through the proxy."""
    headers = {"Cookie": f"sessionid={session}"} if session else {}
    page = request(port, "GET", path, headers=headers)
    assert page.status == 200, page.status
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body.decode())  # type: ignore[attr-defined]
    assert token is not None
    return token.group(1), cookies(page).get("csrftoken", "")


def test_the_admin_login_works_through_the_proxy_with_the_trusted_origin(gunicorn):
    """The admin sends to the researchers' login: password, then the authenticator's code,
    both posted through the TLS proxy (CSRF with the trusted origin), then the admin."""
    admin = request(gunicorn, "GET", "/admin/")
    assert admin.status == 302
    assert admin.headers["Location"].startswith("/admin/login/")
    to_login = request(gunicorn, "GET", admin.headers["Location"])
    assert to_login.headers["Location"].startswith("/account/login/")

    token, csrf = _form(gunicorn, "/account/login/?next=/admin/")
    posted = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={csrf}",
        "Origin": f"https://{HOST}",
        "Referer": f"https://{HOST}/account/login/",
    }
    password = request(
        gunicorn,
        "POST",
        "/account/login/?next=/admin/",
        headers=posted,
        body=f"csrfmiddlewaretoken={token}&login=admin&password={PASSWORD}&next=/admin/",
    )
    assert password.status == 302, password.status
    assert password.headers["Location"].startswith("/account/2fa/authenticate/")
    session = cookies(password)["sessionid"]

    token, renewed = _form(gunicorn, password.headers["Location"], session)
    code = request(
        gunicorn,
        "POST",
        password.headers["Location"],
        headers={**posted, "Cookie": f"csrftoken={renewed or csrf}; sessionid={session}"},
        body=f"csrfmiddlewaretoken={token}&code={current_code(SECRET)}",
    )
    assert code.status == 302, code.status
    assert code.headers["Location"] == "/admin/"
    session = cookies(code)["sessionid"]
    admin = request(gunicorn, "GET", "/admin/", headers={"Cookie": f"sessionid={session}"})
    assert admin.status == 200


def test_a_debug_page_and_the_log_of_a_database_failure_show_no_password(tmp_path):
    """DEBUG=1 asked for, and the database down: the error page and the log name the
    database, with its traceback in the log, but never its password."""
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": "postgres://monitor:hunter2-secret@127.0.0.1:1/aimonitor",
        "AIMONITOR_VAR_DIR": str(tmp_path),
    }
    env.pop("AIMONITOR_PRODUCTION", None)
    log_file = tmp_path / "gunicorn.log"
    with serving(env, log_file) as port:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", "/", headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        page = response.read().decode()
    assert response.status == 500
    assert "OperationalError" in page  # the debug page, with settings and local variables
    assert "hunter2-secret" not in page
    log = log_file.read_text()
    assert '"traceback": "Traceback (most recent call last)' in log
    assert "hunter2-secret" not in log


def test_in_production_a_server_error_shows_nothing_and_is_logged_with_its_traceback(tmp_path):
    """The database was never migrated: the start page fails. The visitor sees Django's
    bare error page; the log holds one JSON line with the whole traceback."""
    log_file = tmp_path / "gunicorn.log"
    with serving(production_env(tmp_path), log_file) as port:
        response = request(port, "GET", "/")
    assert response.status == 500
    assert b"Traceback" not in response.body  # type: ignore[attr-defined]
    assert b"no such table" not in response.body  # type: ignore[attr-defined]
    errors = [
        json.loads(line)
        for line in log_file.read_text().splitlines()
        if line.startswith("{") and '"level": "ERROR"' in line
    ]
    assert [(e["logger"], e["status"], e["path"]) for e in errors] == [("django.request", 500, "/")]
    assert errors[0]["traceback"].startswith("Traceback (most recent call last)")
    assert "no such table" in errors[0]["traceback"]
