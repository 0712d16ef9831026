"""Every public address, walked as a visitor without an account and as a contributor of
another municipality than A: nothing breaks, nothing of a wave under embargo is there, and
municipality A's benchmark and its own answers are nowhere to be seen.

The addresses come from the pages' own links (followed from the start page and the
dashboard), the views of the dashboard, the API's own schema and the URL conf, besides the
few a visitor types (the benchmark links come by e-mail).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from aimonitor.i18n import SUPPORTED_LANGUAGES
from aimonitor.report.files import write_report_set
from aimonitor.web.outputs.publish import forget_published
from aimonitor.web.outputs.reports import REPORT_FILES, report_dir
from aimonitor.web.public.dashboard import VIEW_PARAMETER, VIEWS, forget_dashboard

from ..conftest import MUNICIPALITY_A, MUNICIPALITY_B
from .test_dashboard import Page

pytestmark = pytest.mark.django_db

PUBLISHED = (2023, 2024)
EMBARGOED = 2025
FOLLOWED = ("/dashboard/", "/rapport/", "/api/", "/benchmark/")
"""The links worth following: the public outputs (the survey, the accounts and the admin
have tests of their own)."""


@pytest.fixture(autouse=True)
def _fresh_publications() -> None:
    """Each test's database reuses ids: no publication or page kept from another test."""
    forget_published()
    forget_dashboard()


@pytest.fixture
def reports(demo: None, settings: Any) -> None:
    """Stand-in built reports of every wave in every language: those of a published wave are
    public, the one of 2025 is under embargo."""
    for year in (*PUBLISHED, EMBARGOED):
        for lang in SUPPORTED_LANGUAGES:
            content = f"the report of {year} ({lang})".encode()
            write_report_set(dict.fromkeys(REPORT_FILES, content), report_dir(year, lang))


def _is_of_embargoed_wave(path: str) -> bool:
    parts = urlsplit(path).path.strip("/").split("/")
    if parts[0] in ("dashboard", "rapport"):
        return len(parts) > 1 and parts[1] == str(EMBARGOED)
    if parts[0] == "api":
        return len(parts) > 2 and parts[1] == "waves" and parts[2] == str(EMBARGOED)
    return False


def _typed_addresses() -> list[str]:
    """The addresses a visitor may type or get sent, from the URL conf and the API schema."""
    years = (*PUBLISHED, EMBARGOED, 2022)
    addresses = [reverse("index"), reverse("dashboard")]
    for year in years:
        addresses.append(reverse("dashboard-wave", kwargs={"year": year}))
        for lang in SUPPORTED_LANGUAGES:
            addresses.append(reverse("report", kwargs={"year": year, "lang": lang}))
            for filename in REPORT_FILES:
                addresses.append(
                    reverse(
                        "report-file", kwargs={"year": year, "lang": lang, "filename": filename}
                    )
                )
        for code in (MUNICIPALITY_A, MUNICIPALITY_B):
            addresses.append(reverse("survey:benchmark", kwargs={"year": year, "code": code}))
            addresses.append(reverse("survey:benchmark-pdf", kwargs={"year": year, "code": code}))
    return addresses


def _api_addresses(schema: dict[str, Any]) -> list[str]:
    """Every GET of the API's schema, for each wave where it takes one."""
    addresses = []
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        if "{year}" in path:
            addresses += [path.replace("{year}", str(y)) for y in (*PUBLISHED, EMBARGOED)]
        else:
            addresses.append(path)
    return addresses


def _body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


def _own_answer_rows(page: Page) -> set[tuple[str, str, str]]:
    """The own answers of a benchmark page: per line of a question, the question, the line's
    label and the answer (the tables of the questions, not those of the maturity rules)."""
    rows = set()
    for key, table in page.tables.items():
        caption = page.captions.get(key, "")
        if caption and len(table) > 1 and table[0][1:2] == ["Eigen antwoord"]:
            rows |= {(caption, row[0], row[1]) for row in table[1:]}
    return rows


def test_every_public_address_works_and_keeps_the_embargo_and_a_benchmark_private(
    reports: None, client_with_benchmarks: Callable[[str | None], Client]
) -> None:
    researcher = client_with_benchmarks("researcher")
    secrets: dict[int, set[tuple[str, str, str]]] = {}
    titles = []
    for year in (2024, EMBARGOED):
        own = researcher.get(f"/benchmark/{year}/{MUNICIPALITY_A}/", HTTP_ACCEPT_LANGUAGE="nl")
        assert own.status_code == 200
        page = Page(own.content.decode())
        secrets[year] = _own_answer_rows(page)
        assert len(secrets[year]) > 50, "A's benchmark shows its own answers"
        titles.append(f"Benchmark van Amsterdam, AI Monitor {year}")
        assert titles[-1] in page.text
        titles.append(f"Amsterdam ({MUNICIPALITY_A})")
    schema = json.loads(Client().get("/api/openapi.json").content)

    for who in (None, "contributor_b"):
        client = client_with_benchmarks(who)
        queue = [*_typed_addresses(), *_api_addresses(schema), "/api/openapi.json"]
        seen: set[str] = set()
        reached: list[str] = []
        while queue:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            response = client.get(path, HTTP_ACCEPT_LANGUAGE="nl")
            status = response.status_code
            assert status < 500, (who, path, status)
            if status in (301, 302):
                queue.append(response["Location"])
                continue
            if _is_of_embargoed_wave(path):
                assert status == 404, (who, path, status)
            if urlsplit(path).path.startswith("/benchmark/") and MUNICIPALITY_A in path:
                assert status == (403 if who is None else 404), (who, path, status)
            if status != 200:
                continue
            reached.append(path)
            body = _body(response)
            if response["Content-Type"].startswith("application/pdf"):
                continue
            text = body.decode()
            for title in titles:
                assert title not in text, (who, path, title)
            if not response["Content-Type"].startswith("text/html"):
                continue
            page = Page(text)
            answers = _own_answer_rows(page)
            if answers:  # a benchmark they may see (B's): not A's, under any name
                assert "Amsterdam" not in page.text, (who, path)
                assert MUNICIPALITY_A not in text, (who, path)
                for wave, rows in secrets.items():
                    # another municipality gives some of A's answers, never all of them
                    assert not rows <= answers, (who, path, wave)
            for href in page.links:
                link = urljoin(path, href).split("#")[0]
                if link.startswith(FOLLOWED):
                    assert not _is_of_embargoed_wave(link), (who, path, link)
                    queue.append(link)
            if urlsplit(path).path.count("/") == 4 and path.startswith("/dashboard/"):
                base = urlsplit(path).path  # a theme page: each of its views
                queue += [f"{base}?{VIEW_PARAMETER}={view}" for view in VIEWS]

        themes = [p for p in reached if p.startswith("/dashboard/2024/") and "?" in p]
        assert len(themes) >= 6 * len(VIEWS), (who, themes)
        assert f"/dashboard/2023/vision/?{VIEW_PARAMETER}=trend" in reached, who
        assert "/rapport/2024/nl/" in reached, who
        assert "/api/waves/2024/codebook" in reached, who
        assert not any(_is_of_embargoed_wave(p) for p in reached), who
        if who == "contributor_b":  # their own benchmark, of every wave they answered
            assert f"/benchmark/2024/{MUNICIPALITY_B}/" in reached
            assert f"/benchmark/{EMBARGOED}/{MUNICIPALITY_B}/benchmark.pdf" in reached
