import os
import subprocess
import sys
from pathlib import Path

AIMONITOR = str(Path(sys.executable).parent / "aimonitor")


def run_aimonitor(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [AIMONITOR, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )


def test_a_wrong_database_url_gives_one_clear_line_and_no_traceback(tmp_path):
    result = run_aimonitor(
        "load-frame",
        env={
            "DATABASE_URL": "postgres://nobody@127.0.0.1:1/nowhere",
            "AIMONITOR_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("aimonitor: error: cannot use the postgresql database nowhere")
    assert "DATABASE_URL" in result.stderr


def test_an_unsupported_database_scheme_gives_one_clear_line(tmp_path):
    result = run_aimonitor(
        "load-frame",
        env={"DATABASE_URL": "mysql://root@localhost/x", "AIMONITOR_VAR_DIR": str(tmp_path)},
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "unsupported scheme 'mysql'" in result.stderr


def test_a_missing_frame_file_is_named_and_nothing_is_half_loaded(tmp_path):
    data = tmp_path / "data"
    (data / "frame").mkdir(parents=True)
    result = run_aimonitor(
        "load-frame",
        env={
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "AIMONITOR_VAR_DIR": str(tmp_path),
            "AIMONITOR_DATA_DIR": str(data),
        },
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "municipalities_2023.csv" in result.stderr


def test_a_database_url_with_a_password_never_shows_the_password(tmp_path):
    for url in (
        "postgres://monitor:hunter2@127.0.0.1:1/nowhere",
        "mysql://monitor:hunter2@127.0.0.1/nowhere",
        "postgres://monitor:hunter2@127.0.0.1:1/",
    ):
        result = run_aimonitor(
            "load-frame", env={"DATABASE_URL": url, "AIMONITOR_VAR_DIR": str(tmp_path)}
        )
        assert result.returncode == 2, result.stderr
        assert "hunter2" not in result.stdout + result.stderr
        assert "monitor:***@127.0.0.1" in result.stderr or "nowhere" in result.stderr


def test_the_postgresql_check_of_make_shows_no_password():
    result = subprocess.run(
        [sys.executable, "-m", "aimonitor.web.cli.dbcheck", "postgres://u:hunter2@127.0.0.1:1/x"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "hunter2" not in result.stdout + result.stderr
    assert "postgres://u:***@127.0.0.1:1/x" in result.stderr
