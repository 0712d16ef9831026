"""Every test run keeps its local state out of the real ``var/`` folder.

Every test gets a ``REPORTS_DIR`` and ``STATIC_ROOT`` of its own, so no test can remove or
replace a report that ``aimonitor demo`` built; ``AIMONITOR_VAR_DIR`` points at a fresh
temporary folder for the commands a test starts in a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ["AIMONITOR_VAR_DIR"] = tempfile.mkdtemp(prefix="aimonitor-test-var-")


@pytest.fixture(autouse=True)
def _reports_outside_var(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    settings.REPORTS_DIR = tmp_path_factory.mktemp("reports")
    settings.STATIC_ROOT = tmp_path_factory.mktemp("static")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Users are made with a cheap hasher in the tests: the production one (PBKDF2 with a
    million rounds) took ~0.7 s a user, and the access cast makes four per test, over 40 % of
    the suite's time. Logins still go through Django's hasher API."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _kept_in_the_request(settings: Any) -> Iterator[None]:
    """The public outputs are made in the request itself (not in a background thread, whose
    own database connection cannot see a test's uncommitted data), and nothing kept by one
    test is seen by the next: their databases reuse ids. tests/web/outputs/test_kept.py
    tests the background making."""
    from aimonitor.web.outputs.kept import forget_kept
    from aimonitor.web.outputs.publish import forget_published

    settings.KEPT_IN_BACKGROUND = False
    forget_kept()
    forget_published()
    yield
    forget_kept()
    forget_published()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 512 KiB tmpfs to fill: a real full (or, remounted, read-only) disk. Mounting needs
    root, as the build machines and CI have; elsewhere the test is skipped, saying why."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)
