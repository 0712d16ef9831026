"""The benchmark page and PDF of a municipality, as its own people, the research team and
everyone else meet them: who gets in, what the page shows of the municipality's own answers,
and how a chosen comparison group counts only the municipalities that publish their answers
under their name.

The expected labels are worked out from the questionnaire file and the stored answers, never
copied from the page.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
import yaml
from django.contrib.auth.models import User
from django.test import Client

from aimonitor.paths import data_dir
from aimonitor.web.accounts.models import Membership
from aimonitor.web.fieldwork.consent import record_naming_consent
from aimonitor.web.fieldwork.models import Answer
from aimonitor.web.fieldwork.reads import read_wave_data
from aimonitor.web.municipalities.models import Municipality
from aimonitor.web.outputs.publish import forget_published
from aimonitor.web.public.dashboard import forget_dashboard
from aimonitor.web.waves.models import Wave

from ..conftest import CAST, MUNICIPALITY_A, MUNICIPALITY_B, make_wave, open_benchmark_links
from ..public.test_dashboard import Page

pytestmark = pytest.mark.django_db

EVERYONE = [None, *CAST]
OWN_PEOPLE = {"researcher", "coordinator_a", "contributor_a"}
PAGE = f"/benchmark/2024/{MUNICIPALITY_A}/"
PDF = f"/benchmark/2024/{MUNICIPALITY_A}/benchmark.pdf"
NOT_NAMED = "maakt de antwoorden niet met naam openbaar"
NO_FIGURES = "De gekozen groep krijgt geen cijfers"


@pytest.fixture(autouse=True)
def _fresh_publications() -> None:
    """Each test's database reuses ids: no publication or page kept from another test."""
    forget_published()
    forget_dashboard()


@pytest.fixture(scope="module")
def instrument() -> dict[str, Any]:
    """The questionnaire file itself, read here without the project's code."""
    text = (data_dir() / "questionnaires" / "ai-monitor-2024.yaml").read_text(encoding="utf-8")
    loaded = yaml.safe_load(text)
    assert isinstance(loaded, dict)
    return loaded


def _item(instrument: dict[str, Any], item_id: str) -> dict[str, Any]:
    (item,) = (i for i in instrument["items"] if i["id"] == item_id)
    return dict(item)


def _label(item: dict[str, Any], code: int) -> str:
    (option,) = (o for o in item["options"] if o["code"] == code)
    return str(option["label"]["nl"])


def stored(year: int, code: str, variable: str) -> Any:
    """The municipality's answer to ``variable`` as stored in the database."""
    return Answer.objects.get(
        response__wave__year=year, response__municipality__code=code, variable=variable
    ).value


def respondents(year: int) -> list[str]:
    """The CBS codes of the municipalities that responded to wave ``year`` (submitted, or
    answered for by a shared organisation), as the estimation reads them."""
    return sorted({r.code for r in read_wave_data(Wave.objects.get(year=year)).respondents})


def member_of(code: str) -> Client:
    """A logged-in contributor of municipality ``code``."""
    user = User.objects.create_user(username=f"contributor-{code}", password="not-a-secret")
    Membership.objects.create(user=user, role=Membership.Role.CONTRIBUTOR, municipality_code=code)
    client = Client()
    client.force_login(user)
    open_benchmark_links(client, user, code)
    return client


def question(page: Page, item_id: str) -> list[list[str]]:
    """The rows of the benchmark's table of question ``item_id`` (header row first)."""
    (key,) = (k for k, caption in page.captions.items() if caption.split(" ")[0] == item_id)
    return page.tables[key]


def benchmark(client: Client, path: str) -> Page:
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200, path
    return Page(response.content.decode())


# --------------------------------------------------------------------------- who


def test_the_benchmark_is_for_the_municipalitys_own_people_and_the_research_team(
    demo: None, client_with_benchmarks: Callable[[str | None], Client]
) -> None:
    assert MUNICIPALITY_A in respondents(2024)
    for who in EVERYONE:
        client = client_with_benchmarks(who)
        response = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="nl")
        pdf = client.get(PDF, HTTP_ACCEPT_LANGUAGE="nl")
        if who in OWN_PEOPLE:
            assert response.status_code == 200, who
            assert "Benchmark van Amsterdam, AI Monitor 2024" in response.content.decode()
            for answer in (response, pdf):
                assert "private" in answer["Cache-Control"], who
                assert "no-store" in answer["Cache-Control"], who
            assert pdf.status_code == 200, who
            assert pdf["Content-Type"] == "application/pdf"
            assert pdf.content.startswith(b"%PDF")
            assert pdf["Content-Disposition"].startswith("attachment;")
            assert f"{MUNICIPALITY_A}.pdf" in pdf["Content-Disposition"]
        elif who is None:  # told how to get in, not given anything
            assert response.status_code == 403
            assert pdf.status_code == 403
            assert "Amsterdam" not in response.content.decode()
            assert not pdf.content.startswith(b"%PDF")
        else:  # an account of another municipality: it does not exist for them
            assert response.status_code == 404, who
            assert pdf.status_code == 404, who


def test_a_researcher_without_the_second_factor_does_not_get_the_benchmark(
    demo: None, cast: dict[str, Any]
) -> None:
    client = Client()
    client.force_login(cast["researcher"].user)
    # Without the second factor a researcher is an account without a benchmark link: told
    # how to get in, given nothing.
    page, pdf = client.get(PAGE), client.get(PDF)
    assert (page.status_code, pdf.status_code) == (403, 403)
    assert "Amsterdam" not in page.content.decode()
    assert not pdf.content.startswith(b"%PDF")


def test_a_municipality_that_did_not_respond_has_no_benchmark(
    demo: None, client_with_benchmarks: Callable[[str | None], Client]
) -> None:
    answered = respondents(2024)
    silent = next(
        code
        for code in Municipality.objects.filter(frame_year=2024)
        .order_by("code")
        .values_list("code", flat=True)
        if code not in answered
    )
    path = f"/benchmark/2024/{silent}/"
    client = member_of(silent)
    assert client.get(path).status_code == 404
    assert client.get(path + "benchmark.pdf").status_code == 404
    assert client_with_benchmarks("researcher").get(path).status_code == 404
    assert client_with_benchmarks("researcher").get("/benchmark/2024/GM9999/").status_code == 404


def test_a_closed_wave_shows_the_benchmark_to_its_own_people_when_it_responded(
    demo: None, client_with_benchmarks: Callable[[str | None], Client]
) -> None:
    """2025 is closed, not published: the municipalities see their own benchmark (they
    answered), nobody else does; a wave still open or unknown has none."""
    answered = respondents(2025)
    assert {MUNICIPALITY_A, MUNICIPALITY_B} <= set(answered)
    own = f"/benchmark/2025/{MUNICIPALITY_A}/"
    page = benchmark(client_with_benchmarks("coordinator_a"), own)
    assert "Benchmark van Amsterdam, AI Monitor 2025" in page.text
    assert client_with_benchmarks("researcher").get(own).status_code == 200
    assert client_with_benchmarks("contributor_b").get(own).status_code == 404
    assert client_with_benchmarks(None).get(own).status_code == 403
    assert (
        client_with_benchmarks("contributor_b")
        .get(f"/benchmark/2025/{MUNICIPALITY_B}/")
        .status_code
        == 200
    )
    silent = next(
        code
        for code in Municipality.objects.filter(frame_year=2024)
        .order_by("code")
        .values_list("code", flat=True)
        if code not in answered
    )
    assert member_of(silent).get(f"/benchmark/2025/{silent}/").status_code == 404

    still_open = make_wave(2026)
    still_open.status = Wave.Status.OPEN
    still_open.save()
    for path in ["/benchmark/2026/GM0363/", "/benchmark/2030/GM0363/"]:
        assert client_with_benchmarks("coordinator_a").get(path).status_code == 404, path
        assert client_with_benchmarks("researcher").get(path).status_code == 404, path


# --------------------------------------------------------------------------- what


def test_the_page_shows_the_municipalitys_own_answers_as_stored(
    demo: None, client_with_benchmarks: Callable[[str | None], Client], instrument: dict[str, Any]
) -> None:
    page = benchmark(client_with_benchmarks("contributor_a"), PAGE)

    b1 = question(page, "B1")
    assert b1[0][1] == "Eigen antwoord"
    assert b1[1][1] == _label(_item(instrument, "B1"), stored(2024, MUNICIPALITY_A, "B1"))

    grid = _item(instrument, "B3")
    rows = {row[0]: row[1] for row in question(page, "B3")[1:]}
    for key in ("guideline", "governance", "ethics_board"):
        (row,) = (r for r in grid["rows"] if r["key"] == key)
        answer = stored(2024, MUNICIPALITY_A, f"B3_{key}")
        assert rows[row["label"]["nl"]] == _label(grid, answer), key

    chosen = stored(2024, MUNICIPALITY_A, "B2")
    b2 = {row[0]: row[1] for row in question(page, "B2")[1:]}
    for option in _item(instrument, "B2")["options"]:
        expected = "Gekozen" if option["code"] in chosen else "Niet gekozen"
        assert b2[option["label"]["nl"]] == expected, option["code"]

    fte = stored(2024, MUNICIPALITY_A, "C4")
    assert question(page, "C4")[1][1].startswith(str(fte).replace(".", ","))


def _consenting_peers(count: int) -> list[Municipality]:
    """``count`` responding municipalities other than A with a substantive answer to B1 and a
    name that reads unambiguously on the page (not also a province's)."""
    answered = set(respondents(2024)) - {MUNICIPALITY_A}
    peers = []
    for municipality in Municipality.objects.filter(frame_year=2024, code__in=answered).order_by(
        "code"
    ):
        name = municipality.name
        if len(name) < 6 or name in {"Utrecht", "Groningen"} or "(" in name:
            continue
        value = Answer.objects.filter(
            response__wave__year=2024, response__municipality=municipality, variable="B1"
        ).first()
        if value is None or value.value not in (1, 2, 3, 4):
            continue
        peers.append(municipality)
        if len(peers) == count:
            return peers
    raise AssertionError("the demo has too few responding peers")


def test_a_chosen_group_of_five_named_peers_gets_figures_without_naming_them_further(
    demo: None, client_with_benchmarks: Callable[[str | None], Client]
) -> None:
    wave = Wave.objects.get(year=2024)
    own_answer = stored(2024, MUNICIPALITY_A, "B1")
    peers = _consenting_peers(6)
    named, unnamed = peers[:5], peers[5]
    client = client_with_benchmarks("coordinator_a")
    before = benchmark(client, PAGE)
    assert not before.options  # nobody publishes under their name yet
    assert not any(p.name in before.text for p in peers)
    for municipality in named:
        record_naming_consent(wave, municipality, named=True, by=None)
    record_naming_consent(wave, unnamed, named=False, by=None)

    query = "&".join(f"vergelijk={p.code}" for p in peers)
    page = benchmark(client, f"{PAGE}?{query}")

    # the group has figures: a column of its own, with the plain share of the five
    b1 = question(page, "B1")
    assert b1[0][-1] == "Gekozen gemeenten"
    hits = sum(1 for p in named if stored(2024, p.code, "B1") == own_answer)
    share = (Decimal(hits) / 5 * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert b1[1][-1] == f"{share}% n = 5"
    assert NO_FIGURES not in page.text
    # the consenting peers are named in the list to choose from, chosen, and nowhere else
    for municipality in named:
        assert (municipality.code, municipality.name) in page.options
        assert page.text.count(municipality.name) == 1, municipality.name
    # the one that does not consent is left out, saying why, and cannot be chosen
    assert f"{unnamed.name} ({unnamed.code}): {NOT_NAMED}" in page.text
    assert unnamed.code not in {code for code, _ in page.options}

    # four named peers are too few: a notice and no column of the group
    four = "&".join(f"vergelijk={p.code}" for p in [*named[:4], unnamed])
    too_few = benchmark(client, f"{PAGE}?{four}")
    assert f"{NO_FIGURES}: er blijven 4 gemeenten over, minder dan 5." in too_few.text
    assert "Gekozen gemeenten" not in question(too_few, "B1")[0]
    assert len(question(too_few, "B1")[1]) == len(b1[1]) - 1
    # and a municipality that did not respond is left out as such
    silent = next(
        code
        for code in Municipality.objects.filter(frame_year=2024)
        .order_by("code")
        .values_list("code", flat=True)
        if code not in respondents(2024)
    )
    with_silent = benchmark(client, f"{PAGE}?{query}&vergelijk={silent}")
    assert "heeft niet deelgenomen" in with_silent.text
