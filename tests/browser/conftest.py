"""Browser tests: pages served by pytest-django's live server, rendered in headless Chromium.

Chromium is Debian's package (``/usr/bin/chromium``); ``make test`` installs it when it is
missing (see the Makefile's ``browser`` target). A missing browser is a failure, not a skip.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


class Chromium:
    def __init__(self, executable: str, profile: Path) -> None:
        self.executable = executable
        self.profile = profile

    def _run(self, *args: str, lang: str = "nl") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                self.executable,
                *FLAGS,
                f"--user-data-dir={self.profile}",
                f"--lang={lang}",
                f"--accept-lang={lang}",
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=90,
            check=True,
        )

    def dom(self, url: str, lang: str = "nl") -> str:
        """The document after Chromium has loaded and laid it out (scripts run)."""
        return self._run("--dump-dom", url, lang=lang).stdout

    def console(self, url: str, lang: str = "nl") -> list[str]:
        """What the page wrote to the browser's console while loading (CSP violations among
        them: "... violates the following Content Security Policy directive ...")."""
        stderr = self._run("--enable-logging=stderr", "--v=0", "--dump-dom", url, lang=lang).stderr
        return [line for line in stderr.splitlines() if ":CONSOLE" in line]

    def screenshot(self, url: str, path: Path, width: int = 1280, height: int = 1600) -> Path:
        self._run(f"--screenshot={path}", f"--window-size={width},{height}", url)
        return path


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Chromium:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is not installed: run 'make browser' (apt-get install chromium)")
    return Chromium(executable, tmp_path_factory.mktemp("chromium-profile"))
