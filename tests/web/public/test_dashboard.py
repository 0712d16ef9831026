"""The public dashboard as a reader meets it: the figures of a published wave per theme, in
the national view and broken down by size class, province and wave, the same as the
estimates export says; the filter's htmx answer; the refusals; the embargo; the languages.

The expected texts are worked out here from the export (``aimonitor estimates``), never
copied from the dashboard's own output.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from aimonitor.web.cli import main
from aimonitor.web.fieldwork.reads import read_response
from aimonitor.web.outputs.publish import forget_published
from aimonitor.web.public.dashboard import forget_dashboard
from aimonitor.web.waves.models import Wave

from ..conftest import CAST

pytestmark = pytest.mark.django_db

EVERYONE = [None, *CAST]
THEMES = ["vision", "champions", "experiments", "ai_types", "opportunities", "literacy"]
DASH = "–"
PROVINCES = {
    "Drenthe",
    "Flevoland",
    "Fryslân",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
}
SIZE_CLASSES_NL = {  # the publication classes of the frame, as a Dutch reader reads them
    "lt20k": "< 20.000 inwoners",
    "20k-50k": "20.000 tot 50.000 inwoners",
    "50k-100k": "50.000 tot 100.000 inwoners",
    "ge100k": "≥ 100.000 inwoners",
}


@pytest.fixture(autouse=True)
def _fresh_publications() -> None:
    """Each test's database reuses ids: no publication or page kept from another test."""
    forget_published()
    forget_dashboard()


class Page(HTMLParser):
    """What a reader sees of an HTML page: its tables (row by row, each cell's text, by the
    id of the section around them), its links, the options of its lists and its text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.captions: dict[str, str] = {}
        self.links: list[str] = []
        self.options: list[tuple[str, str]] = []
        self.words: list[str] = []
        self._section = ""
        self._table = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None
        self._option: tuple[str, list[str]] | None = None
        self.feed(html)
        self.close()

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.words).split())

    def _key(self) -> str:
        return f"{self._section}#{self._table}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "section":
            self._section = attributes.get("id") or ""
            self._table = 0
        elif tag == "table":
            self._table += 1
            self.tables[self._key()] = []
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td") and self._row is not None:
            self._cell = []
        elif tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"] or "")
        elif tag == "option":
            self._option = (attributes.get("value") or "", [])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None and self._row is not None:
            self._row.append(" ".join(" ".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables.setdefault(self._key(), []).append(self._row)
            self._row = None
        elif tag == "caption" and self._caption is not None:
            self.captions[self._key()] = " ".join(" ".join(self._caption).split())
            self._caption = None
        elif tag == "option" and self._option is not None:
            self.options.append((self._option[0], " ".join(self._option[1]).strip()))
            self._option = None

    def handle_data(self, data: str) -> None:
        self.words.append(data)
        for part in (self._cell, self._caption, self._option[1] if self._option else None):
            if part is not None:
                part.append(data)

    def table(self, section: str, number: int = 1) -> list[list[str]]:
        """The rows of the ``number``-th table of section ``section`` (header row first)."""
        return self.tables[f"{section}#{number}"]


def page(client: Client, path: str, lang: str = "nl") -> Page:
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200, path
    return Page(response.content.decode())


def rows_by_label(table: list[list[str]]) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in table[1:]}


@pytest.fixture
def exported(demo: None, tmp_path: Path) -> list[dict[str, str]]:
    """The rows of ``aimonitor estimates --wave 2024``: what the dashboard must agree with."""
    out = tmp_path / "estimates.csv"
    assert main(["estimates", "--wave", "2024", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("#")
    return list(csv.DictReader(io.StringIO(text.split("\n", 1)[1])))


def _percent(share: str) -> str:
    """``0.196`` -> ``20``: a share of the export as a whole percentage, rounded half up."""
    return str((Decimal(share) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def shown(row: dict[str, str]) -> tuple[str, str, str]:
    """The share, its interval and n of an export row as a Dutch table shows them."""
    if not row["estimate"]:
        return DASH, DASH, DASH
    return (
        f"{_percent(row['estimate'])}%",
        f"{_percent(row['ci_lower'])}–{_percent(row['ci_upper'])}%",
        row["n"],
    )


def find(rows: list[dict[str, str]], variable: str, option: str, domain: str) -> dict[str, str]:
    (row,) = (
        r for r in rows if (r["variable"], r["option"], r["domain"]) == (variable, option, domain)
    )
    return row


def option_label(row: dict[str, str], lang: str = "nl") -> str:
    """The answer's label in an export row (``<question> – <answer>``)."""
    return row[f"label_{lang}"].rsplit(" – ", 1)[1]


# --------------------------------------------------------------------------- the figures


def test_the_national_figures_are_those_of_the_estimates_export(
    exported: list[dict[str, str]], client: Client
) -> None:
    vision = page(client, "/dashboard/2024/vision/")
    national = rows_by_label(vision.table("v-B1"))
    for option in ["1", "2", "3", "4", "98"]:
        row = find(exported, "B1", option, "all")
        assert row["estimate"], "the national figures of B1 are all published"
        share, interval, n = shown(row)
        assert national[option_label(row)][:3] == [share, interval, n], option
    # the example of the brief, worked out by hand from the export's 0.196 (0.166–0.229)
    formally = find(exported, "B1", "1", "all")
    assert (formally["estimate"], formally["ci_lower"], formally["ci_upper"]) == (
        "0.196",
        "0.166",
        "0.229",
    )
    assert national["Ja, formeel vastgesteld"][:2] == ["20%", "17–23%"]


def test_the_breakdowns_show_every_province_the_four_size_classes_and_each_published_wave(
    exported: list[dict[str, str]], client: Client
) -> None:
    option = find(exported, "B1", "1", "all")
    column = option_label(option)

    by_province = page(client, "/dashboard/2024/vision/?per=provincie").table("v-B1-province")
    assert by_province[0][0] == "Provincie"
    at = by_province[0].index(column)
    cells = {row[0]: row[at] for row in by_province[1:]}
    assert (
        set(cells)
        == PROVINCES
        == {
            r["domain"].removeprefix("province=")
            for r in exported
            if r["domain"].startswith("province=")
        }
    )
    withheld = [
        r for r in exported if r["domain"].startswith("province=") and r["variable"] == "B1"
    ]
    assert any(not r["estimate"] for r in withheld), "the demo withholds some province"
    for row in withheld:
        if row["option"] != "1":
            continue
        province = row["domain"].removeprefix("province=")
        if row["estimate"]:
            assert cells[province] == "{} {} n = {}".format(*shown(row)), province
        else:
            assert cells[province] == DASH, f"{province}: withheld in the export"

    by_size = page(client, "/dashboard/2024/vision/?per=grootteklasse").table("v-B1-size_class")
    sizes = {row[0]: row[at] for row in by_size[1:]}
    assert list(sizes) == list(SIZE_CLASSES_NL.values())
    for code, label in SIZE_CLASSES_NL.items():
        row = find(exported, "B1", "1", f"size_class={code}")
        assert sizes[label] == "{} {} n = {}".format(*shown(row)), label

    by_wave = page(client, "/dashboard/2024/vision/?per=trend").table("v-B1-trend")
    waves = {row[0]: row[at] for row in by_wave[1:]}
    assert list(waves) == ["2023", "2024"]
    assert waves["2024"] == "{} {} n = {}".format(*shown(option))


def test_htmx_gets_only_the_figures_of_the_chosen_view(demo: None, client: Client) -> None:
    whole = client.get("/dashboard/2024/vision/?per=provincie").content.decode()
    fragment = client.get(
        "/dashboard/2024/vision/?per=provincie", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in fragment
    assert "<form" not in fragment
    assert "Drenthe" in fragment
    assert "Zuid-Holland" in fragment
    figures, _, language_form = fragment.partition('<input id="language-next"')
    assert figures.strip() in whole
    # the language form is told to return to the view now shown (an out-of-band swap)
    assert 'value="/dashboard/2024/vision/?per=provincie" hx-swap-oob="true"' in language_form
    national = client.get("/dashboard/2024/vision/", HTTP_HX_REQUEST="true").content.decode()
    assert "Drenthe" not in national
    assert "Landelijke cijfers" in national


def test_going_back_to_a_view_chosen_with_the_filter_gives_the_whole_page_again(
    demo: None, client: Client
) -> None:
    """The filter puts its address in the browser's history (``hx-push-url``). Going back to
    it, htmx keeps no copy (``historyCacheSize`` 0) and fetches the address again, sending
    ``HX-Request`` (its ``historyRestoreAsHxRequest`` is on by default) and
    ``HX-History-Restore-Request``, and puts the answer in place of the whole page."""
    restored = client.get(
        "/dashboard/2024/vision/?per=provincie",
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert restored.status_code == 200
    body = restored.content.decode()
    assert "<html" in body, "only the figures: the page loses its header, themes and filter"
    whole = Page(body)
    assert "/dashboard/2024/champions/" in whole.links
    assert "Drenthe" in whole.text


def test_the_overview_gives_the_response_and_a_link_to_every_theme(
    demo: None, client: Client
) -> None:
    newest = client.get("/dashboard/")
    assert newest.status_code == 302
    assert newest["Location"] == "/dashboard/2024/"
    overview = page(client, "/dashboard/2024/")
    response = read_response(Wave.objects.get(year=2024)).total
    assert (response.respondents, response.population) == (221, 342)
    assert "221 van de 342 gemeenten deden mee" in overview.text
    themes = [f"/dashboard/2024/{theme}/" for theme in THEMES]
    assert set(themes) <= set(overview.links)
    assert "/dashboard/2023/" in overview.links  # the other published wave
    assert not any("2025" in link for link in overview.links)
    for link in {link.split("#")[0] for link in overview.links if link.startswith(tuple(themes))}:
        assert client.get(link).status_code == 200, link  # every finding's link leads somewhere


def test_wrong_addresses_are_refused_for_everyone(
    demo: None, client_as: Callable[[str | None], Client]
) -> None:
    """A view that does not exist is a bad request; a wave that is not published (2025 is
    closed), unknown, or a theme that does not exist is not found, for researchers too."""
    for who in EVERYONE:
        client = client_as(who)
        wrong_view = client.get("/dashboard/2024/vision/?per=gemeente")
        assert wrong_view.status_code == 400, who
        assert "landelijk" in wrong_view.content.decode()
        for path in [
            "/dashboard/2025/",
            "/dashboard/2025/vision/",
            "/dashboard/2025/vision/?per=trend",
            "/dashboard/2022/",
            "/dashboard/2024/unknown/",
            "/dashboard/2024/B1/",
        ]:
            assert client.get(path).status_code == 404, (who, path)
        assert client.get("/dashboard/").headers["Location"] == "/dashboard/2024/", who


# --------------------------------------------------------------------------- the embargo


def test_publishing_a_wave_lifts_its_embargo_on_the_dashboard(demo: None, client: Client) -> None:
    for path in ["/dashboard/2025/", "/dashboard/2025/vision/"]:
        assert client.get(path).status_code == 404, path
    # the pages of 2024 are kept meanwhile
    assert "2025" not in page(client, "/dashboard/2024/vision/?per=trend").text
    before = page(client, "/dashboard/2024/")

    wave = Wave.objects.get(year=2025)
    wave.status = Wave.Status.PUBLISHED
    wave.save()

    assert client.get("/dashboard/")["Location"] == "/dashboard/2025/"
    overview = page(client, "/dashboard/2025/")
    response = read_response(wave).total
    assert f"{response.respondents} van de 342 gemeenten deden mee" in overview.text
    trend = page(client, "/dashboard/2025/vision/?per=trend").table("v-B1-trend")
    assert [row[0] for row in trend[1:]] == ["2023", "2024", "2025"]
    assert "/dashboard/2025/" not in before.links
    assert "/dashboard/2025/" in page(client, "/dashboard/2024/").links


# --------------------------------------------------------------------------- languages


def test_an_english_reader_gets_english_labels_and_a_dutch_reader_dutch_ones(
    exported: list[dict[str, str]], client: Client
) -> None:
    path = "/dashboard/2024/vision/?per=grootteklasse"
    dutch = page(client, path, "nl").table("v-B1-size_class")
    english = page(client, path, "en").table("v-B1-size_class")
    option = find(exported, "B1", "1", "all")
    assert option_label(option, "en") == "Yes, formally adopted"
    assert english[0][0] == "Size class"
    assert option_label(option, "en") in english[0]
    assert [row[0] for row in english[1:]] == [
        "< 20,000 inhabitants",
        "20,000 to 50,000 inhabitants",
        "50,000 to 100,000 inhabitants",
        "≥ 100,000 inhabitants",
    ]
    assert dutch[0][0] == "Gemeentegrootte"
    assert [row[0] for row in dutch[1:]] == list(SIZE_CLASSES_NL.values())
    # the language cookie chooses too, over the browser's language
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    overview = page(client, "/dashboard/2024/", "nl")
    assert "221 of 342 municipalities took part" in overview.text
    assert "Vision, strategy and policy" in overview.text
