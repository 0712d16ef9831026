"""Browser tests: pages served by pytest-django's live server, rendered in headless Chromium.

Chromium is Debian's package (``/usr/bin/chromium``); ``make test`` installs it when it is
missing (see the Makefile's ``browser`` target). A missing browser is a failure, not a skip.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from aimonitor.web.municipalities.loading import load_frame_into_database
from aimonitor.web.survey.links import issue_link, person_for
from aimonitor.web.waves.models import Wave
from web.conftest import MUNICIPALITY_A, make_wave, respond
from web.survey.conftest import LAST_YEAR_A

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


# ------------------------------------------------------------------ Playwright: the survey

PLAYWRIGHT_FLAGS = [flag for flag in FLAGS if flag not in ("--headless", "--hide-scrollbars")]
"""Playwright starts Chromium headless itself; the other flags as for the subprocess."""


@pytest.fixture(scope="module")
def playwright_chromium() -> Iterator[Browser]:
    """Debian's Chromium driven through Playwright, for the tests of one module.

    Playwright's sync API keeps an event loop running in the test's thread, and Django then
    refuses the test's own database queries ("You cannot call this from an async context").
    DJANGO_ALLOW_ASYNC_UNSAFE lifts that for as long as the browser runs, and only then: the
    queries are synchronous, the live server answers from threads of its own."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is not installed: run 'make browser' (apt-get install chromium)")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=PLAYWRIGHT_FLAGS)
            try:
                yield browser
            finally:
                browser.close()


@dataclass
class Browsing:
    """Browser contexts (each a person's own browser: cookies, session) on the live server;
    everything their pages write to the console is kept, with the page's address."""

    browser: Browser
    base_url: str
    console: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    contexts: list[BrowserContext] = field(default_factory=list)

    def context(self, *, locale: str = "nl-NL", **options: Any) -> BrowserContext:
        context = self.browser.new_context(base_url=self.base_url, locale=locale, **options)
        context.set_default_timeout(15_000)
        context.on("console", self._console)
        context.on("weberror", lambda error: self.page_errors.append(str(error.error)))
        self.contexts.append(context)
        return context

    def page(self, **options: Any) -> Page:
        """A page in a new context of its own."""
        return self.context(**options).new_page()

    def _console(self, message: ConsoleMessage) -> None:
        page = message.page
        self.console.append(f"{message.type} {page.url if page else '?'}: {message.text}")

    def close(self) -> None:
        for context in self.contexts:
            with contextlib.suppress(PlaywrightError):
                context.close()


@pytest.fixture
def browsing(
    playwright_chromium: Browser, live_server: Any, transactional_db: None
) -> Iterator[Browsing]:
    """New browser contexts on the live server (``browsing.context()``), closed afterwards;
    the rate limits (kept in the cache) start from zero for every test."""
    cache.clear()
    browsing = Browsing(playwright_chromium, live_server.url)
    yield browsing
    browsing.close()
    cache.clear()


@pytest.fixture
def survey_wave(transactional_db: None) -> Wave:
    """Wave 2025 open until well after today, with municipality A's (Amsterdam) submitted
    answers of wave 2024 shown beside the questions as last year's."""
    load_frame_into_database()
    previous = make_wave(2024)
    respond(previous, [MUNICIPALITY_A], answers=LAST_YEAR_A)
    wave = make_wave(2025, frame_year=2025)
    wave.status = Wave.Status.OPEN
    wave.closes_on = dt.date.today() + dt.timedelta(days=30)
    wave.save()
    return wave


COORDINATOR_EMAIL = "carla.devries@amsterdam.example"
COORDINATOR_NAME = "Carla de Vries"


@pytest.fixture
def coordinator_link(survey_wave: Wave) -> str:
    """The path of the personal link of Amsterdam's coordinator in wave 2025."""
    issued = issue_link(
        survey_wave,
        MUNICIPALITY_A,
        person_for(COORDINATOR_EMAIL, COORDINATOR_NAME),
        "coordinator",
    )
    return reverse("survey:open", args=[issued.token])
