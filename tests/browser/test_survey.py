"""The survey portal end to end: people answer in their own browsers (Playwright driving
Debian's Chromium) on the live server, with JavaScript and without.

A coordinator opens her personal link, invites two colleagues by e-mail, they answer their
themes, the coordinator finishes and submits; what the database holds at the end is what was
entered. Questions appear and disappear as answers route them, a page without JavaScript
still saves, every page type passes axe-core, and no page breaks the Content-Security-Policy.

Screenshots of the main page types go to ``$AIMONITOR_SCREENSHOTS`` (a folder) when set.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect

from aimonitor.questionnaire import Questionnaire
from aimonitor.questionnaire.form import missing_answers
from aimonitor.web.fieldwork.models import Answer, MunicipalResponse
from aimonitor.web.survey.links import issue_link, person_for
from aimonitor.web.waves.models import Wave
from web.conftest import MUNICIPALITY_A

from .conftest import COORDINATOR_NAME, Browsing
from .pages import axe_violations, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

OVERVIEW = f"/vragenlijst/2025/{MUNICIPALITY_A}/"
SAVED = "Opgeslagen"


def theme_url(theme: str) -> str:
    return f"{OVERVIEW}thema/{theme}/"


@pytest.fixture(autouse=True)
def _expect_patiently() -> Iterator[None]:
    """A slow, shared machine: assertions wait up to 10 s for the page (default 5 s)."""
    expect.set_options(timeout=10_000)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("AIMONITOR_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# ------------------------------------------------------------------------ what a person does


def question(page: Page, item: str) -> Locator:
    return page.locator(f"#item-{item}")


def change(page: Page, item: str, action: Callable[[], None]) -> Locator:
    """Do ``action`` (a change in question ``item``) and wait until the page shows what
    became of its autosave: the question swapped in again from the server's answer."""
    question(page, item).evaluate("element => element.setAttribute('data-before-save', '')")
    with page.expect_response(
        lambda r: r.request.method == "POST" and r.url.endswith(f"/vraag/{item}/")
    ) as response:
        action()
    swapped = page.locator(f"#item-{item}:not([data-before-save])")
    expect(
        swapped,
        f"question {item} is not shown again after its save "
        f"(HTTP {response.value.status}): the person does not see what became of it",
    ).to_be_visible()
    return swapped


def save(page: Page, item: str, action: Callable[[], None]) -> Locator:
    """:func:`change`, and the question says it is saved, and so does the page's live region
    (``#save-status``, ``role=status``, which stays on the page so screen readers announce it)."""
    saved = change(page, item, action)
    expect(saved.locator(".survey-status")).to_have_text(SAVED)
    expect(page.locator("#save-status")).to_contain_text(f"{item} ")
    return saved


def choose(page: Page, item: str, label: str) -> Locator:
    """Click the option called ``label`` (a radio button or a check box) of ``item``."""
    return save(page, item, lambda: question(page, item).get_by_label(label, exact=True).click())


def pick(page: Page, variable: str, code: int) -> Locator:
    """Click option ``code`` of ``variable`` (a row of a grid, say), by the input's id."""
    item = variable.split("_", 1)[0]
    return save(page, item, lambda: page.locator(f"#f-{variable}-{code}").click())


def typing(page: Page, field: str, text: str) -> Callable[[], None]:
    """Typing ``text`` into the field ``field`` and leaving it (as a person does: the
    change is saved when the field loses focus)."""

    def action() -> None:
        box = page.locator(f"#f-{field}")
        box.fill(text)
        box.press("Tab")

    return action


def type_in(page: Page, item: str, field: str, text: str) -> Locator:
    return save(page, item, typing(page, field, text))


NEXT_OPEN_FIELD = """() => {
  for (const item of document.querySelectorAll('.survey-item:not(.survey-item--hidden)')) {
    if (!item.querySelector('fieldset') || item.querySelector('.survey-optional')) continue;
    const id = item.id.slice('item-'.length);
    const radios = [...item.querySelectorAll('input[type=radio]:not(:disabled)')];
    for (const name of new Set(radios.map((r) => r.name))) {
      const group = radios.filter((r) => r.name === name);
      if (!group.some((r) => r.checked)) {
        return {item: id, kind: 'radio', id: group[0].id, name, value: group[0].value};
      }
    }
    const boxes = [...item.querySelectorAll('.survey-options input[type=checkbox]')];
    if (boxes.length && !boxes.some((b) => b.checked)) {
      return {item: id, kind: 'checkbox', id: boxes[0].id, name: boxes[0].name,
              value: boxes[0].value};
    }
    for (const input of item.querySelectorAll('input.survey-number-input')) {
      const special = item.querySelector(`input[name="${input.name}__special"]:checked`);
      if (!input.value && !special) {
        return {item: id, kind: 'number', id: input.id, name: input.name, value: '1'};
      }
    }
    const ranks = [...item.querySelectorAll('.survey-rank select')];
    for (const [place, select] of ranks.entries()) {
      if (!select.value) {
        return {item: id, kind: 'rank', id: select.id, name: select.name,
                value: select.options[place + 1].value};
      }
    }
    for (const select of item.querySelectorAll('select:not([multiple])')) {
      if (!select.value && !select.closest('.survey-rank')) {
        return {item: id, kind: 'select', id: select.id, name: select.name,
                value: select.options[1].value};
      }
    }
    for (const text of item.querySelectorAll('textarea')) {
      if (!text.value) {
        return {item: id, kind: 'text', id: text.id, name: text.name,
                value: 'Zie de toelichting.'};
      }
    }
  }
  return null;
}"""


def answer_the_rest(page: Page, entered: dict[str, object]) -> None:
    """Answer every required question the theme page shows and nobody answered yet with its
    first option (1 for a number), waiting for each autosave; questions that routing brings
    in are answered too. What was given is added to ``entered`` (variable -> value)."""
    for _ in range(200):
        task: dict[str, str] | None = page.evaluate(NEXT_OPEN_FIELD)
        if task is None:
            return
        item, kind, name, value = task["item"], task["kind"], task["name"], task["value"]
        if kind in ("radio", "checkbox"):
            save(page, item, page.locator(f"#{task['id']}").click)
        elif kind in ("rank", "select"):
            select(page, item, task["id"], value)
        else:
            type_in(page, item, task["id"].removeprefix("f-"), value)
        if kind == "checkbox":
            entered[name] = [int(value)]
        elif kind == "rank":
            base = name.split("__rank", 1)[0]
            ranking = entered.setdefault(base, [])
            assert isinstance(ranking, list)
            ranking.append(int(value))
        elif kind == "text":
            entered[name] = value
        else:
            entered[name] = int(value)
    pytest.fail("the theme page kept asking for answers")


def select(page: Page, item: str, field_id: str, value: str) -> Locator:
    """Choose ``value`` in the drop-down list ``field_id`` of ``item``."""

    def choosing() -> None:
        page.locator(f"#{field_id}").select_option(value)

    return save(page, item, choosing)


def invite(page: Page, email: str, name: str, themes: list[str]) -> str:
    """Invite a colleague through the overview's form; the personal link from the mail."""
    form = page.locator("form.survey-invite")
    form.get_by_label("E-mailadres").fill(email)
    form.get_by_label("Naam", exact=True).fill(name)
    for theme in themes:
        form.get_by_label(theme, exact=True).check()
    sent = len(mail.outbox)
    form.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("status")).to_have_text("De uitnodiging is verstuurd.")
    assert len(mail.outbox) == sent + 1
    message = mail.outbox[-1]
    assert message.to == [email]
    assert COORDINATOR_NAME in message.body  # who asks
    link = re.search(r"https?://\S+/link/\S+/", str(message.body))
    assert link is not None, message.body
    return link.group(0)


def stored_answers(wave: Wave) -> dict[str, object]:
    response = MunicipalResponse.objects.get(wave=wave, municipality__code=MUNICIPALITY_A)
    return dict(Answer.objects.filter(response=response).values_list("variable", "value"))


def still_the_same_document(page: Page) -> bool:
    """Whether the page is the one marked by :func:`mark_document` (no reload since)."""
    return bool(page.evaluate("() => window.aimonitorTestMark === true"))


def mark_document(page: Page) -> None:
    page.evaluate("() => { window.aimonitorTestMark = true; }")


# ------------------------------------------------------------------------------- the tests


def test_a_municipality_answers_together_and_the_coordinator_submits_what_was_entered(
    browsing: Browsing, survey_wave: Wave, coordinator_link: str, screenshots: Path
) -> None:
    entered: dict[str, object] = {"A1": 363}  # the municipality's own code, given at the start

    # The coordinator opens her link and lands on the overview of Amsterdam's response.
    carla = browsing.page()
    carla.goto(coordinator_link)
    expect(carla).to_have_url(re.compile(re.escape(OVERVIEW) + "$"))
    expect(carla.get_by_role("heading", level=1)).to_have_text("Amsterdam, AI Monitor 2025")
    welcome = carla.locator(".utrecht-paragraph--lead")
    expect(welcome).to_contain_text(f"Welkom, {COORDINATOR_NAME}.")

    # She invites two colleagues, each for other themes.
    xandra_link = invite(
        carla, "xandra.visser@amsterdam.example", "Xandra Visser", ["1. Visie, strategie en beleid"]
    )
    yusuf_link = invite(
        carla,
        "yusuf.bakker@amsterdam.example",
        "Yusuf Bakker",
        ["2. AI-voortrekkers en AI-teams", "6. AI-geletterdheid en bewustzijn"],
    )
    team = carla.locator(".survey-team")
    expect(team).to_contain_text(
        "Xandra Visser (xandra.visser@amsterdam.example) – Visie, strategie en beleid"
    )
    expect(team).to_contain_text(
        "Yusuf Bakker (yusuf.bakker@amsterdam.example) – "
        "AI-voortrekkers en AI-teams, AI-geletterdheid en bewustzijn"
    )
    screenshot(carla, screenshots, "overview")

    # Xandra opens her link in her own browser and answers "vision".
    xandra = browsing.page()
    xandra.goto(xandra_link)
    expect(xandra.locator(".utrecht-paragraph--lead")).to_contain_text(
        "Welkom, Xandra Visser. U beantwoordt de thema's die aan u zijn toegewezen"
    )
    xandra.get_by_role("link", name="1. Visie, strategie en beleid").click()
    expect(xandra).to_have_url(re.compile(re.escape(theme_url("vision")) + "$"))
    expect(question(xandra, "B1")).to_contain_text("Vorig jaar: In ontwikkeling")
    expect(question(xandra, "B2")).to_be_hidden()
    mark_document(xandra)
    choose(xandra, "B1", "Ja, formeel vastgesteld")
    expect(question(xandra, "B2")).to_be_visible()  # routing: asked now, without a reload
    expect(question(xandra, "B4")).to_be_visible()
    assert still_the_same_document(xandra)
    choose(xandra, "B2", "Transparantie")
    choose(xandra, "B2", "Ethiek / publieke waarden")
    grid = {
        "guideline": 1,
        "governance": 2,
        "inventory": 3,
        "register": 1,
        "assessment": 2,
        "ethics_board": 3,
        "procurement": 98,
    }
    for row, code in grid.items():
        pick(xandra, f"B3_{row}", code)
    choose(xandra, "B4", "College van B&W")
    choose(xandra, "B5", "Toegestaan onder voorwaarden")
    entered |= {"B1": 1, "B2": [1, 2], "B4": 2, "B5": 2}
    entered |= {f"B3_{row}": code for row, code in grid.items()}
    screenshot(xandra, screenshots, "theme")

    # Yusuf answers "champions" in his browser, stops half-way (closes it) ...
    yusuf_browser = browsing.context()
    yusuf = yusuf_browser.new_page()
    yusuf.goto(yusuf_link)
    yusuf.get_by_role("link", name="2. AI-voortrekkers en AI-teams").click()
    choose(yusuf, "C1", "Ja, informeel")
    expect(question(yusuf, "C3")).to_be_hidden()
    choose(yusuf, "C2", "Ja, een vast team")
    expect(question(yusuf, "C3")).to_be_visible()
    choose(yusuf, "C3", "Jurist")
    choose(yusuf, "C3", "Architect")
    type_in(yusuf, "C4", "C4", "2,5")
    choose(yusuf, "C5", "Innovatieteam")
    choose(yusuf, "C6", "Kennisinstellingen")
    entered |= {"C1": 2, "C2": 1, "C3": [5, 7], "C4": 2.5, "C5": 4, "C6": [5]}
    yusuf_browser.close()

    # ... and goes on later in a new browser, with the same link: his answers are there.
    yusuf = browsing.page()
    yusuf.goto(yusuf_link)
    yusuf.get_by_role("link", name="2. AI-voortrekkers en AI-teams").click()
    expect(question(yusuf, "C1").get_by_label("Ja, informeel", exact=True)).to_be_checked()
    expect(question(yusuf, "C3").get_by_label("Jurist", exact=True)).to_be_checked()
    expect(question(yusuf, "C3").get_by_label("Architect", exact=True)).to_be_checked()
    expect(yusuf.locator("#f-C4")).to_have_value("2,5")
    expect(question(yusuf, "C6").get_by_label("Kennisinstellingen", exact=True)).to_be_checked()
    yusuf.get_by_role("link", name="6. AI-geletterdheid en bewustzijn").first.click()
    expect(question(yusuf, "G4")).to_be_hidden()
    choose(yusuf, "G1", "Eerste stappen / ad hoc")
    choose(yusuf, "G2", "Basis-e-learning voor alle medewerkers")
    expect(question(yusuf, "G4")).to_be_visible()
    expect(question(yusuf, "G6")).to_be_visible()
    choose(yusuf, "G3", "1-10%")
    choose(yusuf, "G4", "Gedeeltelijk")
    for row, code in {"staff": 3, "management": 4, "board": 2}.items():
        pick(yusuf, f"G5_{row}", code)
    choose(yusuf, "G6", "Ja")
    entered |= {"G1": 2, "G2": [1], "G3": 2, "G4": 2, "G6": 1}
    entered |= {"G5_staff": 3, "G5_management": 4, "G5_board": 2}
    assert stored_answers(survey_wave) == entered

    # Carla and Xandra both have "vision" open and change B5: Xandra first, then Carla,
    # whose page still shows the answer from before. Carla sees the conflict and keeps hers.
    carla.goto(theme_url("vision"))
    expect(
        question(carla, "B5").get_by_label("Toegestaan onder voorwaarden", exact=True)
    ).to_be_checked()
    choose(xandra, "B5", "Alleen goedgekeurde tools (bijv. Copilot in eigen omgeving)")
    conflict = change(
        carla,
        "B5",
        lambda: question(carla, "B5").get_by_label("Verboden", exact=True).click(),
    )
    alert = conflict.get_by_role("alert")
    expect(alert).to_contain_text("Xandra Visser heeft dit antwoord intussen gewijzigd")
    expect(alert).to_contain_text(
        "Hun antwoord: Alleen goedgekeurde tools (bijv. Copilot in eigen omgeving)"
    )
    expect(alert).to_contain_text("Uw antwoord: Verboden")
    expect(conflict.locator(".survey-status")).to_have_text("")
    assert stored_answers(survey_wave)["B5"] == 3  # nothing overwritten unseen
    screenshot(carla, screenshots, "conflict")
    assert axe_violations(carla) == []
    keep = question(carla, "B5").get_by_role("button", name="Mijn antwoord bewaren")
    save(carla, "B5", keep.click)
    expect(question(carla, "B5").get_by_role("alert")).to_have_count(0)
    entered["B5"] = 4
    assert stored_answers(survey_wave)["B5"] == 4
    xandra.reload()
    expect(question(xandra, "B5").get_by_label("Verboden", exact=True)).to_be_checked()

    # Carla tries to submit: the overview lists what is missing.
    carla.goto(OVERVIEW)
    carla.get_by_role("button", name="Vragenlijst indienen").click()
    summary = carla.locator("#error-summary")
    expect(summary).to_contain_text("Deze vragen hebben nog een antwoord nodig")
    expect(summary.get_by_role("link", name="Wat is uw functie?")).to_have_attribute(
        "href", theme_url("background") + "#item-A3"
    )
    expect(summary.get_by_role("link")).to_have_count(31)  # A3-A5, D1, E2, E4, F, H1
    expect(summary).not_to_contain_text("Heeft uw gemeente een visie of strategie op AI?")

    # She fills in the rest, theme by theme, starting from the list.
    summary.get_by_role("link", name="Wat is uw functie?").click()
    expect(carla).to_have_url(re.compile(re.escape(theme_url("background"))))
    expect(question(carla, "A4")).to_contain_text("Vorig jaar: Nee")
    same = question(carla, "A4").get_by_role("button", name="Zelfde als vorig jaar")
    save(carla, "A4", same.click)
    expect(question(carla, "A4").get_by_label("Nee", exact=True)).to_be_checked()
    entered["A4"] = 1
    choose(carla, "A3", "AI-coördinator / AI-specialist")
    entered["A3"] = 3
    answer_the_rest(carla, entered)

    carla.goto(theme_url("experiments"))
    mark_document(carla)
    choose(carla, "D1", "Alleen experimenten / pilots")
    for item in ("D2", "D3", "D4", "D5", "D6"):
        expect(question(carla, item)).to_be_visible()
    assert still_the_same_document(carla)
    type_in(carla, "D2", "D2_idea", "4")
    type_in(carla, "D2", "D2_pilot", "2")
    save(carla, "D2", carla.locator("#f-D2_production__special-98").click)
    entered |= {"D1": 3, "D2_idea": 4, "D2_pilot": 2, "D2_production": 98}
    answer_the_rest(carla, entered)

    carla.goto(theme_url("ai_types"))
    answer_the_rest(carla, entered)

    carla.goto(theme_url("opportunities"))
    for place, code in enumerate([7, 1, 5], start=1):
        select(carla, "F3", f"f-F3__rank{place}", str(code))
    entered["F3"] = [7, 1, 5]
    type_in(carla, "F5", "F5", "Genoeg mensen die AI verantwoord kunnen inzetten.")
    entered["F5"] = "Genoeg mensen die AI verantwoord kunnen inzetten."
    answer_the_rest(carla, entered)

    carla.goto(theme_url("closing"))
    expect(question(carla, "H1a")).to_be_hidden()
    choose(carla, "H1", "Ja")
    type_in(carla, "H1a", "H1a", "carla.devries@amsterdam.example")
    entered |= {"H1": 1, "H1a": "carla.devries@amsterdam.example"}

    # The overview shows every theme complete; the PDF is there for approval.
    carla.goto(OVERVIEW)
    expect(carla.locator(".survey-themes .utrecht-status-badge")).to_have_count(8)
    with carla.expect_download() as download:
        carla.get_by_role("link", name="Download de antwoorden als pdf").click()
    assert download.value.suggested_filename == f"ai-monitor-2025-{MUNICIPALITY_A}.pdf"
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")

    # She submits; the page says so, and the database holds what was entered.
    carla.get_by_role("button", name="Vragenlijst indienen").click()
    expect(carla.get_by_role("status")).to_have_text("Dank u wel: de vragenlijst is ingediend.")
    expect(carla.get_by_text("Ingediend op")).to_be_visible()
    expect(carla.get_by_role("button", name="Vragenlijst indienen")).to_have_count(0)
    response = MunicipalResponse.objects.get(wave=survey_wave, municipality__code=MUNICIPALITY_A)
    assert response.status == MunicipalResponse.Status.SUBMITTED
    assert stored_answers(survey_wave) == entered
    assert browsing.page_errors == []


def test_an_answer_brings_in_and_takes_away_the_questions_it_routes_without_a_reload(
    browsing: Browsing, coordinator_link: str
) -> None:
    page = browsing.page()
    page.goto(coordinator_link)
    page.goto(theme_url("vision"))
    vision_progress = page.locator("#progress li", has_text="Visie, strategie en beleid")
    expect(vision_progress).to_contain_text("0 van 9 beantwoord")
    mark_document(page)
    choose(page, "B1", "Nee")
    expect(question(page, "B2")).to_be_hidden()
    expect(question(page, "B4")).to_be_hidden()
    choose(page, "B1", "In ontwikkeling")
    expect(question(page, "B2")).to_be_visible()
    expect(question(page, "B4")).to_be_visible()
    expect(vision_progress).to_contain_text("1 van 11 beantwoord")
    choose(page, "B2", "Duurzaamheid")  # the question that came in can be answered
    choose(page, "B1", "Nee")
    expect(question(page, "B2")).to_be_hidden()
    expect(question(page, "B4")).to_be_hidden()
    expect(vision_progress).to_contain_text("1 van 9 beantwoord")

    # A question asked when either of two answers says so (G4: G2 or G3).
    page.get_by_role("link", name="6. AI-geletterdheid en bewustzijn").click()
    mark_document(page)
    choose(page, "G3", "0%")
    expect(question(page, "G4")).to_be_hidden()
    choose(page, "G3", "11-25%")
    expect(question(page, "G4")).to_be_visible()
    expect(question(page, "G6")).to_be_visible()
    choose(page, "G3", "0%")
    expect(question(page, "G4")).to_be_hidden()
    choose(page, "G2", "Training voor management")
    expect(question(page, "G4")).to_be_visible()
    assert still_the_same_document(page)


def test_without_javascript_a_theme_saves_by_its_button_and_a_wrong_number_is_pointed_out(
    browsing: Browsing, survey_wave: Wave, coordinator_link: str, screenshots: Path
) -> None:
    page = browsing.page(java_script_enabled=False)
    page.goto(coordinator_link)
    page.get_by_role("link", name="2. AI-voortrekkers en AI-teams").click()
    page.get_by_label("Ja, formeel aangesteld", exact=True).check()
    page.locator("#f-C4").fill("veel")
    page.get_by_role("button", name="Antwoorden opslaan").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_contain_text("Eén antwoord vraagt uw aandacht")
    expect(summary).to_contain_text("Uw andere antwoorden zijn opgeslagen.")
    to_field = summary.get_by_role("link", name=re.compile("^C4: "))
    expect(to_field).to_have_attribute("href", "#item-C4")
    # The summary comes first: right after the page's heading, before every question.
    assert page.evaluate(
        "() => document.querySelector('h1').nextElementSibling.id === 'error-summary'"
    )
    message = page.locator("#error-C4")
    expect(message).to_be_visible()
    expect(message).not_to_be_empty()
    expect(to_field).to_contain_text(message.inner_text())
    box = page.locator("#f-C4")
    expect(box).to_have_value("veel")  # what was typed stays, to correct it
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(box).to_have_attribute("aria-describedby", "error-C4")
    screenshot(page, screenshots, "error-summary")
    stored = stored_answers(survey_wave)
    assert stored["C1"] == 1
    assert "C4" not in stored

    page.locator("#f-C4").fill("12")
    page.get_by_role("button", name="Antwoorden opslaan").click()
    expect(page.locator(".utrecht-alert--ok")).to_have_text("Uw antwoorden zijn opgeslagen.")
    expect(page.locator("#error-summary")).to_have_count(0)
    expect(page.locator("#f-C4")).to_have_value("12")
    assert stored_answers(survey_wave)["C4"] == 12


def stacked(box: Locator, *parts: str) -> list[str]:
    """Where the parts of ``box`` (CSS selectors, in reading order) do not stand one under
    the other."""
    places = []
    for part in parts:
        place = box.locator(part).first.bounding_box()
        assert place is not None, part
        places.append((part, place))
    return [
        f"{below} is beside {above}, not under it"
        for (above, a), (below, b) in pairwise(places)
        if b["y"] < a["y"] + a["height"] - 1
    ]


def test_an_error_summary_reads_from_top_to_bottom(
    browsing: Browsing, coordinator_link: str
) -> None:
    """Its heading, the list of answers to look at and the note stand under one another,
    as a summary is read (not side by side in narrow columns)."""
    page = browsing.page(java_script_enabled=False)
    page.goto(coordinator_link)
    page.goto(theme_url("champions"))
    page.locator("#f-C4").fill("veel")
    page.get_by_role("button", name="Antwoorden opslaan").click()
    problems = [f"theme: {p}" for p in stacked(page.locator("#error-summary"), "h2", "ul", "p")]
    page.goto(OVERVIEW)
    page.get_by_role("button", name="Vragenlijst indienen").click()
    problems += [f"overview: {p}" for p in stacked(page.locator("#error-summary"), "h3", "ul")]
    assert problems == []


def test_with_javascript_a_wrong_number_is_pointed_out_as_soon_as_the_field_is_left(
    browsing: Browsing, survey_wave: Wave, coordinator_link: str
) -> None:
    page = browsing.page()
    page.goto(coordinator_link)
    page.goto(theme_url("champions"))
    shown = change(page, "C4", typing(page, "C4", "100000"))
    expect(page.locator("#error-C4")).to_contain_text("Geef een getal van")
    expect(page.locator("#f-C4")).to_have_value("100000")
    expect(page.locator("#f-C4")).to_have_attribute("aria-invalid", "true")
    expect(shown.locator(".survey-status")).to_have_text("")
    expect(page.locator("#save-status")).to_contain_text("C4")
    assert "C4" not in stored_answers(survey_wave)
    type_in(page, "C4", "C4", "4")
    expect(page.locator("#error-C4")).to_have_count(0)
    assert stored_answers(survey_wave)["C4"] == 4


@pytest.fixture
def contributor_link(survey_wave: Wave) -> str:
    """The link of Xandra Visser, who answers theme "vision" for Amsterdam."""
    xandra = person_for("xandra.visser@amsterdam.example", "Xandra Visser")
    issued = issue_link(survey_wave, MUNICIPALITY_A, xandra, "contributor", themes=["vision"])
    return reverse("survey:open", args=[issued.token])


def test_the_later_of_two_changes_can_take_over_the_answer_given_meanwhile(
    browsing: Browsing, survey_wave: Wave, coordinator_link: str, contributor_link: str
) -> None:
    carla = browsing.page()
    carla.goto(coordinator_link)
    carla.goto(theme_url("vision"))
    xandra = browsing.page()
    xandra.goto(contributor_link)
    xandra.goto(theme_url("vision"))
    choose(xandra, "B1", "In ontwikkeling")

    conflict = change(carla, "B1", question(carla, "B1").get_by_label("Nee", exact=True).click)
    expect(conflict.get_by_role("alert")).to_contain_text(
        "Xandra Visser heeft dit antwoord intussen gewijzigd"
    )
    take = question(carla, "B1").get_by_role("button", name="Hun antwoord overnemen")
    taken = change(carla, "B1", take.click)
    expect(taken.get_by_role("alert")).to_have_count(0)
    expect(taken.get_by_label("In ontwikkeling", exact=True)).to_be_checked()
    expect(question(carla, "B2")).to_be_visible()  # asked, given the answer she took over
    assert stored_answers(survey_wave)["B1"] == 2


def test_a_keyboard_user_keeps_their_place_when_a_question_is_saved(
    browsing: Browsing, coordinator_link: str
) -> None:
    page = browsing.page()
    page.goto(coordinator_link)
    page.goto(theme_url("background"))
    question(page, "A3").get_by_label("Beleidsadviseur", exact=True).focus()
    save(page, "A3", lambda: page.keyboard.press("Space"))
    expect(question(page, "A3").get_by_label("Beleidsadviseur", exact=True)).to_be_focused()
    question(page, "A4").get_by_role("button", name="Zelfde als vorig jaar").focus()
    save(page, "A4", lambda: page.keyboard.press("Enter"))
    focus_in_question = "() => document.getElementById('item-A4').contains(document.activeElement)"
    assert page.evaluate(focus_in_question), (
        "after 'Zelfde als vorig jaar' the focus is on "
        + page.evaluate("() => document.activeElement.tagName")
    )


# ------------------------------------------------------------------------- accessibility


THEMES = (
    "background",
    "vision",
    "champions",
    "experiments",
    "ai_types",
    "opportunities",
    "literacy",
    "closing",
)
FIELD = re.compile(r'- (radio|checkbox|textbox|combobox|listbox) "([^"]*)"')


def test_every_field_of_a_question_has_a_name_of_its_own(
    browsing: Browsing, coordinator_link: str
) -> None:
    """A screen reader announces a field by its name: two fields of one question with the
    same name ("Weet niet", "Weet niet") cannot be told apart."""
    page = browsing.page()
    page.goto(coordinator_link)
    page.goto(theme_url("experiments"))
    choose(page, "D1", "Alleen experimenten / pilots")  # asks D2-D6 (and E1, E3, E5)
    ambiguous: dict[str, list[str]] = {}
    for theme in THEMES:
        page.goto(theme_url(theme))
        for item in page.locator(".survey-item:not(.survey-item--hidden)").all():
            fields = FIELD.findall(item.aria_snapshot())
            twice = {f"{role} {name!r}" for role, name in fields if fields.count((role, name)) > 1}
            if twice:
                ambiguous[str(item.get_attribute("id"))] = sorted(twice)
    assert ambiguous == {}


def answer_every_required_question(wave: Wave) -> None:
    """Store an answer to every question that must be answered (first option, 1, a text)."""
    response = MunicipalResponse.objects.get(wave=wave, municipality__code=MUNICIPALITY_A)
    questionnaire = Questionnaire.from_dict(wave.questionnaire, source="test")
    answers = dict(Answer.objects.filter(response=response).values_list("variable", "value"))
    while missing := missing_answers(questionnaire, answers):
        variable = missing[0]
        value: object
        if variable.type == "numeric":
            value = 1
        elif variable.type == "text":
            value = "niemand@amsterdam.example"
        elif variable.type == "ranking":
            value = [c.code for c in variable.codes[: variable.max_choices or 1]]
        elif variable.type == "municipalities":
            value = [599]  # Rotterdam
        elif variable.type == "multiple_choice":
            value = [variable.codes[0].code]
        else:
            value = variable.codes[0].code
        Answer.objects.create(response=response, variable=variable.name, value=value)
        answers[variable.name] = value


def test_every_page_type_passes_axe_core_in_dutch_and_in_english(
    browsing: Browsing, survey_wave: Wave, coordinator_link: str
) -> None:
    page = browsing.page()
    found: dict[str, list[str]] = {}

    page.goto("/link/dit-is-geen-geldige-link/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet")
    found["link problem"] = axe_violations(page)

    page.goto(coordinator_link)
    found["overview"] = axe_violations(page)

    page.goto(theme_url("vision"))
    choose(page, "B1", "In ontwikkeling")  # with the questions routing brings in
    found["theme"] = axe_violations(page)

    page.goto(theme_url("champions"))
    # The wrong number is left (its autosave answered) before the form is posted: the test
    # server shares one SQLite connection between its threads, which two requests at once
    # would trip over (a server does not; the race is the test's, not the person's).
    change(page, "C4", typing(page, "C4", "veel"))
    page.get_by_role("button", name="Antwoorden opslaan").click()
    expect(page.locator("#error-summary")).to_be_visible()
    found["theme with an error summary"] = axe_violations(page)

    page.goto(OVERVIEW)
    page.get_by_role("button", name="Vragenlijst indienen").click()
    expect(page.locator("#error-summary")).to_be_visible()
    found["overview listing what is missing"] = axe_violations(page)

    page.goto(OVERVIEW)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    found["overview in English"] = axe_violations(page)
    page.goto(theme_url("vision"))
    expect(page.get_by_role("button", name="Save answers")).to_be_visible()
    found["theme in English"] = axe_violations(page)
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    answer_every_required_question(survey_wave)
    page.goto(OVERVIEW)
    page.get_by_role("button", name="Vragenlijst indienen").click()
    expect(page.get_by_role("status")).to_have_text("Dank u wel: de vragenlijst is ingediend.")
    found["overview after submission"] = axe_violations(page)
    page.goto(theme_url("vision"))
    found["theme after submission"] = axe_violations(page)

    assert {name: v for name, v in found.items() if v} == {}


# ------------------------------------------------------------------ Content-Security-Policy


def test_no_page_of_the_survey_breaks_the_content_security_policy(
    browsing: Browsing, survey_wave: Wave, coordinator_link: str
) -> None:
    page = browsing.page()
    page.goto("/link/dit-is-geen-geldige-link/")
    page.goto(coordinator_link)
    page.get_by_role("button", name="Uitnodiging versturen").click()  # refused: no address
    expect(page.locator(".survey-invite [role=alert]")).to_be_visible()
    page.goto(theme_url("background"))
    save(page, "A4", question(page, "A4").get_by_role("button", name="Zelfde als vorig jaar").click)
    choose(page, "A4", "Ja")  # brings in A4a (an out-of-band swap)
    expect(question(page, "A4a")).to_be_visible()
    page.goto(theme_url("champions"))
    type_in(page, "C4", "C4", "3")
    # The wrong number is left (its autosave answered) before the form is posted: the test
    # server shares one SQLite connection between its threads, which two requests at once
    # would trip over (a server does not; the race is the test's, not the person's).
    change(page, "C4", typing(page, "C4", "veel"))
    page.get_by_role("button", name="Antwoorden opslaan").click()
    expect(page.locator("#error-summary")).to_be_visible()
    page.goto(OVERVIEW)
    page.get_by_role("button", name="Vragenlijst indienen").click()
    expect(page.locator("#error-summary")).to_be_visible()
    page.goto(OVERVIEW)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    answer_every_required_question(survey_wave)
    page.goto(OVERVIEW)
    page.get_by_role("button", name="Submit the response").click()
    expect(page.get_by_role("status")).to_have_text("Thank you: the response has been submitted.")
    page.goto(theme_url("vision"))

    violations = [
        line
        for line in browsing.console
        if "Content Security Policy" in line or "Content-Security-Policy" in line
    ]
    assert violations == []
    assert browsing.page_errors == []


# ----------------------------------------------------------------------------- languages


def test_the_language_switch_keeps_the_person_on_the_page_they_read(
    browsing: Browsing, coordinator_link: str
) -> None:
    """Also on a page that answered a form post: the overview listing what is missing after
    a refused submission, the overview with a refused invitation."""
    page = browsing.page()
    page.goto(coordinator_link)
    page.goto(theme_url("vision"))
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(re.escape(theme_url("vision")) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("1. Vision, strategy and policy")

    page.goto(OVERVIEW)
    page.get_by_role("button", name="Submit the response").click()
    expect(page.locator("#error-summary")).to_contain_text("These questions still need an answer")
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Amsterdam, AI Monitor 2025")

    page.get_by_role("button", name="Uitnodiging versturen").click()  # no address, no theme
    refused = page.locator(".survey-invite [role=alert]")
    expect(refused).to_contain_text("Kies ten minste één thema.")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Amsterdam, AI Monitor 2025")
