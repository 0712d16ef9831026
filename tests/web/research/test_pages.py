"""What a researcher sees and does in the research portal: importing contacts, preparing,
opening and closing a wave, the fieldwork cockpit and its call list, reopening a response,
the mail texts and the fieldwork log (who may open the pages: ``test_access.py``)."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from aimonitor.frame import load_frame
from aimonitor.indicators import estimate_representativeness
from aimonitor.paths import data_dir
from aimonitor.web.fieldwork.models import MunicipalResponse
from aimonitor.web.research.models import Contact, MailTemplate
from aimonitor.web.survey.models import FieldworkEvent
from aimonitor.web.waves.guards import FrozenError
from aimonitor.web.waves.models import Wave

from ..conftest import MUNICIPALITY_A, MUNICIPALITY_B, Member, respond
from .conftest import Visit

YEAR = 2025
SUBMITTED = MunicipalResponse.Status.SUBMITTED
IN_PROGRESS = MunicipalResponse.Status.IN_PROGRESS


def _text(answer: Any) -> str:
    """The page as a reader sees its text (entities decoded)."""
    return html.unescape(answer.content.decode())


def _import(client: Client, content: bytes, name: str = "contacten.csv") -> Any:
    url = reverse("research:contacts", args=[YEAR])
    return client.post(url, {"file": SimpleUploadedFile(name, content, "text/csv")})


def _rejected(answer: Any) -> dict[int, list[str]]:
    """The rejected lines of the contact page and their reasons."""
    page = _text(answer)
    assert 'id="rejected"' in page
    table = page.split('id="rejected"', 1)[1].split("</table>", 1)[0]
    lines: dict[int, list[str]] = {}
    for line, reason in re.findall(
        r'<td class="utrecht-table__cell">(\d+)</td><td class="utrecht-table__cell">(.*?)</td>',
        table,
    ):
        lines.setdefault(int(line), []).append(reason)
    return lines


# --- the contact import -------------------------------------------------------------------

BAD_FILE = """code,name,email,role
GM0363,Anna de Vries,anna@amsterdam.nl,coordinator
GM9999,Onbekend,x@example.nl,coordinator
GM0501,Bram Visser,bram@brielle.nl,coordinator
GM0599,Carla Mol,carla-at-rotterdam.nl,coordinator
GM0344,,dirk@utrecht.nl,coordinator
GM0014,Eva Kok,eva@groningen.nl,wethouder
GM0363,Anna de Vries,anna@amsterdam.nl,contributor
GM0363,Frank de Wit,frank@amsterdam.nl,coordinator
"""

CLEAN_FILE = """gemeentecode;organisatie;naam;e-mail;rol
GM0363;;Anna de Vries;Anna.deVries@Amsterdam.nl;coördinator
GM0363;;Fatima el Amrani;f.elamrani@amsterdam.nl;bijdrager
GM0532 | GM0388 | GM0498;Werkorganisatie SED;Petra Jansen;p.jansen@sedgemeenten.nl;coördinator
GM0532;Werkorganisatie SED;Kees Bakker;k.bakker@sedgemeenten.nl;bijdrager
GM0599;;Joëlle Çelik;j.celik@rotterdam.nl;coordinator
"""


def test_a_file_of_bad_rows_lists_each_line_with_its_reason_in_dutch_and_stores_nothing(
    visit: Visit, open_wave: Wave
) -> None:
    answer = _import(visit("researcher"), BAD_FILE.encode())
    assert answer.status_code == 422
    rejected = _rejected(answer)
    assert sorted(rejected) == [3, 4, 5, 6, 7, 8, 9]  # line 2 is good, but not stored
    expected = {
        3: "GM9999 is geen gemeente op 1 januari 2025",
        4: "GM0501 (Brielle) is in 2023 opgegaan in GM1992 (Voorne aan Zee): gebruik GM1992",
        5: "“carla-at-rotterdam.nl” is geen geldig e-mailadres",
        6: "De naam ontbreekt",
        7: "Onbekende rol “wethouder”",
        8: "anna@amsterdam.nl staat twee keer bij GM0363 (Amsterdam): op regel 2 en op regel 8",
        9: "GM0363 (Amsterdam) heeft al een coördinator (regel 2)",
    }
    for line, words in expected.items():
        assert len(rejected[line]) == 1, rejected[line]
        assert words in rejected[line][0], (line, rejected[line])
    assert not Contact.objects.exists()
    assert not FieldworkEvent.objects.filter(kind=FieldworkEvent.Kind.IMPORTED).exists()


def test_a_clean_file_stores_every_contact_with_the_shared_organisation_and_lists_them(
    visit: Visit, open_wave: Wave, cast: dict[str, Member]
) -> None:
    researcher = visit("researcher")
    answer = _import(researcher, CLEAN_FILE.encode("utf-8-sig"), "contacten 2025.csv")
    assert answer.status_code == 302
    assert answer["Location"] == reverse("research:contacts", args=[YEAR])
    stored = {c.email: c for c in Contact.objects.filter(wave=open_wave)}
    assert set(stored) == {
        "anna.devries@amsterdam.nl",
        "f.elamrani@amsterdam.nl",
        "p.jansen@sedgemeenten.nl",
        "k.bakker@sedgemeenten.nl",
        "j.celik@rotterdam.nl",
    }
    petra = stored["p.jansen@sedgemeenten.nl"]
    assert (petra.municipality_code, petra.covers) == ("GM0532", ["GM0388", "GM0498"])
    assert (petra.organisation, petra.role) == ("Werkorganisatie SED", "coordinator")
    assert stored["k.bakker@sedgemeenten.nl"].covers == []
    assert stored["f.elamrani@amsterdam.nl"].role == "contributor"
    assert stored["j.celik@rotterdam.nl"].name == "Joëlle Çelik"
    assert all(c.imported_by == cast["researcher"].user for c in stored.values())

    page = researcher.get(answer["Location"])
    assert page.status_code == 200
    text = _text(page)
    assert "5 contactpersonen toegevoegd, 0 bijgewerkt." in text
    for name in (
        "Anna de Vries",
        "Fatima el Amrani",
        "Petra Jansen",
        "Kees Bakker",
        "Joëlle Çelik",
    ):
        assert name in text
    assert "GM0388, GM0498" in text
    assert "Werkorganisatie SED" in text

    event = FieldworkEvent.objects.get(kind=FieldworkEvent.Kind.IMPORTED)
    assert event.actor == cast["researcher"].user
    assert event.wave == open_wave
    assert "contacten 2025.csv" in event.detail
    assert "5 added" in event.detail


def test_importing_the_file_again_updates_the_contacts_rather_than_adding_them(
    visit: Visit, open_wave: Wave
) -> None:
    researcher = visit("researcher")
    assert _import(researcher, CLEAN_FILE.encode()).status_code == 302
    renamed = CLEAN_FILE.replace("Kees Bakker", "Kees Bakker-de Boer")
    again = researcher.post(
        reverse("research:contacts", args=[YEAR]),
        {"file": SimpleUploadedFile("contacten.csv", renamed.encode(), "text/csv")},
        follow=True,
    )
    assert "0 contactpersonen toegevoegd, 5 bijgewerkt." in _text(again)
    assert Contact.objects.filter(wave=open_wave).count() == 5
    assert Contact.objects.get(email="k.bakker@sedgemeenten.nl").name == "Kees Bakker-de Boer"
    imports = FieldworkEvent.objects.filter(kind=FieldworkEvent.Kind.IMPORTED).order_by("at")
    assert [e.detail.split(": ", 1)[1] for e in imports] == [
        "5 added, 0 updated",
        "0 added, 5 updated",
    ]


def test_a_file_that_is_not_utf8_gives_one_message_and_stores_nothing(
    visit: Visit, open_wave: Wave
) -> None:
    latin1 = "code,name,email,role\nGM0599,Joëlle Çelik,j.celik@rotterdam.nl,coordinator\n"
    answer = _import(visit("researcher"), latin1.encode("latin-1"))
    assert answer.status_code == 422
    text = _text(answer)
    assert text.count('class="utrecht-alert utrecht-alert--error"') == 1
    assert "Het bestand is geen UTF-8-tekst" in text
    assert 'id="rejected"' not in text
    assert not Contact.objects.exists()


def test_a_file_without_the_role_column_gives_one_message_in_dutch(
    visit: Visit, open_wave: Wave
) -> None:
    answer = _import(visit("researcher"), b"code,name,email\nGM0363,Anna,anna@amsterdam.nl\n")
    assert answer.status_code == 422
    text = _text(answer)
    assert text.count('class="utrecht-alert utrecht-alert--error"') == 1
    assert "De eerste rij moet de kolommen" in text
    assert "ontbreekt: role/rol" in text
    assert not Contact.objects.exists()


def test_a_second_coordinator_of_a_municipality_with_one_stored_is_refused_naming_both(
    visit: Visit, open_wave: Wave
) -> None:
    researcher = visit("researcher")
    assert _import(researcher, CLEAN_FILE.encode()).status_code == 302
    second = (
        "code,name,email,role\n"
        "GM0014,Gert Bos,g.bos@groningen.nl,coordinator\n"
        "GM0363,Frank de Wit,frank@amsterdam.nl,coordinator\n"
    )
    answer = _import(researcher, second.encode())
    assert answer.status_code == 422
    rejected = _rejected(answer)
    assert list(rejected) == [3]  # the line of the new coordinator ...
    assert "GM0363" in rejected[3][0]
    assert "anna.devries@amsterdam.nl" in rejected[3][0]  # ... and the one stored
    assert "coördinator" in rejected[3][0]
    assert not Contact.objects.filter(email__in=["g.bos@groningen.nl", "frank@amsterdam.nl"])
    assert FieldworkEvent.objects.filter(kind=FieldworkEvent.Kind.IMPORTED).count() == 1


# --- waves --------------------------------------------------------------------------------


OPENS = dt.date.today() + dt.timedelta(days=7)
CLOSES = OPENS + dt.timedelta(days=88)
"""A new wave's fieldwork, from next week on (an open wave cannot close in the past)."""


def _new_wave(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "year": "2026",
        "questionnaire": "ai-monitor-2024.yaml",
        "frame_year": "2025",
        "opens_on": OPENS.isoformat(),
        "closes_on": CLOSES.isoformat(),
    }
    data.update(changes)
    return data


def test_a_draft_wave_is_created_from_the_home_page(
    visit: Visit, open_wave: Wave, cast: dict[str, Member]
) -> None:
    researcher = visit("researcher")
    answer = researcher.post(reverse("research:home"), _new_wave())
    assert answer.status_code == 302
    assert answer["Location"] == reverse("research:wave", args=[2026])
    wave = Wave.objects.get(year=2026)
    assert wave.status == Wave.Status.DRAFT
    assert (wave.frame_year, wave.frame_sha256) == (2025, "")
    assert (wave.questionnaire_id, wave.questionnaire_version) == ("ai-monitor-2024", "2024.2")
    assert (wave.opens_on, wave.closes_on) == (OPENS, CLOSES)
    event = FieldworkEvent.objects.get(kind=FieldworkEvent.Kind.WAVE_CHANGED, wave=wave)
    assert event.actor == cast["researcher"].user
    assert "ai-monitor-2024.yaml" in event.detail
    home = _text(researcher.get(reverse("research:home")))
    assert "AI Monitor 2026" in home
    assert "AI Monitor 2025" in home
    draft = researcher.get(answer["Location"])
    assert draft.status_code == 200
    assert 'value="open"' in draft.content.decode()  # the draft can be opened


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"year": "2025"}, "Er is al een meting van dit jaar."),
        (
            {"closes_on": (OPENS - dt.timedelta(days=1)).isoformat()},
            "De sluitingsdatum komt na de openingsdatum.",
        ),
    ],
    ids=["existing year", "closing before opening"],
)
def test_a_wave_that_cannot_be_made_answers_422_with_the_message(
    visit: Visit, open_wave: Wave, changes: dict[str, str], message: str
) -> None:
    answer = visit("researcher").post(reverse("research:home"), _new_wave(**changes))
    assert answer.status_code == 422
    assert message in _text(answer)
    assert list(Wave.objects.values_list("year", flat=True).order_by("year")) == [2024, 2025]


def test_opening_a_draft_freezes_it_and_is_logged(
    visit: Visit, open_wave: Wave, cast: dict[str, Member]
) -> None:
    researcher = visit("researcher")
    researcher.post(reverse("research:home"), _new_wave())
    answer = researcher.post(
        reverse("research:status", args=[2026]), {"action": "open"}, follow=True
    )
    assert answer.redirect_chain == [(reverse("research:wave", args=[2026]), 302)]
    assert "De meting is open: vragenlijst en kader liggen vast." in _text(answer)
    assert "research-big-figure" in answer.content.decode()  # the fieldwork figures show
    wave = Wave.objects.get(year=2026)
    assert wave.status == Wave.Status.OPEN
    assert wave.frame_sha256 == load_frame(2025).sha256
    assert len(wave.frame_sha256) == 64
    opened = FieldworkEvent.objects.filter(
        kind=FieldworkEvent.Kind.WAVE_CHANGED, wave=wave, detail="opened"
    ).get()
    assert opened.actor == cast["researcher"].user
    wave.frame_year = 2024
    with pytest.raises(FrozenError):
        wave.save()


def test_closing_an_open_wave_is_logged_and_a_closed_wave_cannot_close_again(
    visit: Visit, open_wave: Wave, cast: dict[str, Member]
) -> None:
    researcher = visit("researcher")
    answer = researcher.post(reverse("research:status", args=[YEAR]), {"action": "close"})
    assert answer.status_code == 302
    open_wave.refresh_from_db()
    assert open_wave.status == Wave.Status.CLOSED
    closed = FieldworkEvent.objects.get(kind=FieldworkEvent.Kind.WAVE_CHANGED, detail="closed")
    assert closed.actor == cast["researcher"].user
    again = researcher.post(reverse("research:status", args=[YEAR]), {"action": "close"})
    assert again.status_code == 302
    assert FieldworkEvent.objects.filter(detail="closed").count() == 1
    assert researcher.post(
        reverse("research:status", args=[YEAR]), {"action": "x"}
    ).status_code == (400)


def test_the_dates_of_a_wave_change_and_closing_before_opening_is_refused(
    visit: Visit, open_wave: Wave, cast: dict[str, Member]
) -> None:
    researcher = visit("researcher")
    url = reverse("research:dates", args=[YEAR])
    opens, closes = dt.date(2025, 3, 3), dt.date.today() + dt.timedelta(days=19)
    answer = researcher.post(url, {"opens_on": opens.isoformat(), "closes_on": closes.isoformat()})
    assert answer.status_code == 302
    open_wave.refresh_from_db()
    assert (open_wave.opens_on, open_wave.closes_on) == (opens, closes)
    logged = FieldworkEvent.objects.get(kind=FieldworkEvent.Kind.WAVE_CHANGED)
    assert logged.detail == f"dates 2025-03-03 to {closes.isoformat()}"
    assert logged.actor == cast["researcher"].user

    refused = researcher.post(
        url, {"opens_on": "2025-04-01", "closes_on": "2025-03-31"}, follow=True
    )
    assert "De sluitingsdatum komt na de openingsdatum." in _text(refused)
    open_wave.refresh_from_db()
    assert (open_wave.opens_on, open_wave.closes_on) == (opens, closes)


# --- the cockpit --------------------------------------------------------------------------

COMPLETE = {
    "A1": 14,  # Groningen
    "A3": 1,
    "A4": 1,  # not for a shared organisation: A4a is not asked
    "A5": 4,
    "B1": 4,  # no vision: B2 and B4 are not asked
    **{
        f"B3_{row}": 3
        for row in (
            "guideline",
            "governance",
            "inventory",
            "register",
            "assessment",
            "ethics_board",
            "procurement",
        )
    },
    "B5": 5,
    "C1": 3,
    "C2": 3,  # no team: C3 is not asked
    "C4": 0.5,
    "C5": 6,
    "C6": [7],
    "D1": 1,  # not active: D2-D6, E1, E3 and E5 are not asked
    "E2": 3,
    "E4": [3],
    **{
        f"F1_{row}": 3
        for row in (
            "efficiency",
            "productivity",
            "service",
            "consistency",
            "staff_shortage",
            "cost_savings",
            "accessible_communication",
            "job_satisfaction",
        )
    },
    **{
        f"F2_{row}": 2
        for row in (
            "knowledge",
            "resources",
            "guidelines",
            "ethics",
            "privacy",
            "security",
            "data_quality",
            "supplier_dependence",
            "ai_act",
            "staff_support",
            "political_support",
            "integration",
        )
    },
    "F3": [1, 2, 7],
    **{f"F4_{row}": 3 for row in ("staff", "residents", "costs")},
    "G1": 4,
    "G2": [9],  # no training activity and
    "G3": 1,  # nobody trained: G4 and G6 are not asked
    **{f"G5_{row}": 2 for row in ("staff", "management", "board")},
    "H1": 2,  # no contact: H1a is not asked
}
"""Every required answer the routing asks of Groningen (F5 and H2 are optional), written
out from the questionnaire ``ai-monitor-2024.yaml``."""

RESPONDED = ["GM0363", "GM0599", "GM0532", "GM0388", "GM0498"]
"""Amsterdam and Rotterdam submitted; Stede Broec submitted for the SED organisation and
covers Enkhuizen and Drechterland."""


@pytest.fixture
def fieldwork(open_wave: Wave) -> Wave:
    respond(open_wave, [MUNICIPALITY_A, MUNICIPALITY_B])
    respond(open_wave, ["GM0532"], answers={"A1": 532, "A4": 2, "A4a": [388, 498]})
    respond(open_wave, ["GM0344"], status=IN_PROGRESS, answers={"A1": 344, "B1": 1})  # Utrecht
    respond(open_wave, ["GM0014"], status=IN_PROGRESS, answers=COMPLETE)
    respond(open_wave, ["GM0034"], status=IN_PROGRESS)  # Almere: opened, nothing answered
    respond(open_wave, ["GM0037"], status=IN_PROGRESS, answers={"A1": 37})  # only its own code
    return open_wave


def _lists(page: str) -> dict[str, set[str]]:
    """The codes of the municipalities in each list of the cockpit, by state."""
    lists = {}
    for part in page.split('<details class="research-list" id="list-')[1:]:
        state, body = part.split('"', 1)
        body = body.split("</details>", 1)[0]
        lists[state] = set(re.findall(r'<span class="research-code">(GM\d{4})</span>', body))
    return lists


def test_the_cockpit_shows_the_counts_per_state_the_rate_and_every_municipality_in_its_list(
    visit: Visit, fieldwork: Wave
) -> None:
    answer = visit("researcher").get(reverse("research:wave", args=[YEAR]))
    assert answer.status_code == 200
    page = _text(answer)
    # 5 of 342 responded: 1.46% is 1% in whole percentages
    assert re.search(r'research-big-figure">5</span>[^<]*342[^<]*\(1%\)', page), page[:3000]
    totals = dict(re.findall(r'href="#list-(\w+)">[^<:]+: (\d+)</a>', page))
    assert totals == {
        "not_started": "335",
        "in_progress": "1",
        "awaiting_sign_off": "1",
        "submitted": "3",
        "covered": "2",
    }
    for label in (
        "Niet begonnen",
        "Bezig",
        "Wacht op indienen",
        "Ingediend",
        "Via werkorganisatie",
    ):
        assert label in page
    lists = _lists(page)
    assert lists["submitted"] == {"GM0363", "GM0599", "GM0532"}
    assert lists["covered"] == {"GM0388", "GM0498"}
    assert lists["in_progress"] == {"GM0344"}
    assert lists["awaiting_sign_off"] == {"GM0014"}
    assert "GM0034" in lists["not_started"]  # opened, nothing answered
    assert "GM0037" in lists["not_started"]  # only the prefilled municipality
    assert len(lists["not_started"]) == 335
    assert 'id="list-covered"' in page
    covered = page.split('id="list-covered"', 1)[1].split("</details>", 1)[0]
    assert "Via werkorganisatie (2)" in covered
    assert "Enkhuizen" in covered
    assert "Drechterland" in covered


def test_the_r_indicator_of_the_cockpit_counts_the_covered_municipalities_in_dutch_format(
    visit: Visit, fieldwork: Wave
) -> None:
    page = _text(visit("researcher").get(reverse("research:wave", args=[YEAR])))
    shown = re.search(r"<strong>(\d),(\d\d)</strong>", page)
    assert shown is not None, "the R-indicator with a decimal comma"
    expected = estimate_representativeness(load_frame(2025), RESPONDED).r_indicator
    assert f"{shown[1]}.{shown[2]}" == f"{expected:.2f}"
    # the partial indicators, three decimals with a comma; a minus sign for a lagging group
    assert re.search(r">\u2212?0,\d{3}<", page)


def _frame_2025() -> list[dict[str, str]]:
    with (data_dir() / "frame" / "municipalities_2025.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _cells(raw: str, table: int, label: str) -> list[int]:
    """A row of the cockpit's response table (0: by size class, 1: by province): the
    municipalities, the count in each state (not started, in progress, awaiting sign-off,
    submitted, covered) and the respondents of its meter."""
    body = raw.split('research-cells"')[table + 1].split("</table>", 1)[0]
    row = re.search(r'scope="row">' + re.escape(label) + r"</th>(.*?)</tr>", body, re.S)
    assert row is not None, label
    numbers = re.findall(r'utrecht-table__cell--numeric">(\d+)</td>', row[1])
    meter = re.search(r'<meter min="0" max="(\d+)" value="(\d+)"', row[1])
    assert meter is not None
    assert meter[1] == numbers[0]
    return [int(n) for n in numbers] + [int(meter[2])]


def test_a_shared_organisations_response_counts_its_municipalities_per_size_class(
    visit: Visit, fieldwork: Wave
) -> None:
    """By hand from the frame file: Enkhuizen (18,847 inhabitants) is covered in the class
    below 20,000; Stede Broec (22,253) submitted and Drechterland (20,476) is covered in
    the class of 20,000 to 50,000, with Stadskanaal (opened, nothing answered); Amsterdam
    and Rotterdam submitted and Utrecht is in progress in the largest class; Groningen
    (244,441) awaits sign-off; all four of Noord-Holland's responses are Amsterdam's and
    the SED organisation's."""
    raw = visit("researcher").get(reverse("research:wave", args=[YEAR])).content.decode()
    frame = _frame_2025()

    def size(low: int, high: float) -> int:
        return sum(1 for m in frame if low <= int(m["inhabitants"]) < high)

    small, middle = size(0, 20_000), size(20_000, 50_000)
    large, largest = size(100_000, 250_000), size(250_000, float("inf"))
    assert _cells(raw, 0, "&lt; 20.000 inwoners") == [small, small - 1, 0, 0, 0, 1, 1]
    assert _cells(raw, 0, "20.000 tot 50.000 inwoners") == [middle, middle - 2, 0, 0, 1, 1, 2]
    assert _cells(raw, 0, "100.000 tot 250.000 inwoners") == [large, large - 1, 0, 1, 0, 0, 0]
    assert _cells(raw, 0, "≥ 250.000 inwoners") == [largest, largest - 3, 1, 0, 2, 0, 2]
    holland = sum(1 for m in frame if m["province"] == "Noord-Holland")
    assert _cells(raw, 1, "Noord-Holland") == [holland, holland - 4, 0, 0, 2, 2, 4]


def test_the_call_list_lists_exactly_who_has_not_responded_with_their_contact(
    visit: Visit, fieldwork: Wave
) -> None:
    for code, name, email, role in [
        ("GM0344", "Joëlle Çelik", "j.celik@utrecht.nl", "coordinator"),
        ("GM0344", "Piet Smit", "p.smit@utrecht.nl", "contributor"),
        ("GM0014", "Rik Dijkstra", "r.dijkstra@groningen.nl", "contributor"),
        ("GM0363", "Anna de Vries", "anna@amsterdam.nl", "coordinator"),
    ]:
        Contact.objects.create(
            wave=fieldwork, municipality_code=code, name=name, email=email, role=role
        )
    answer = visit("researcher").get(reverse("research:call_list", args=[YEAR]))
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/csv")
    assert "attachment" in answer["Content-Disposition"]
    body = answer.content
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark, for Excel
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    header, data = rows[0], rows[1:]
    assert len(header) > 5
    assert all(len(row) == len(header) for row in data)
    by_code = {row[0]: dict(zip(header, row, strict=True)) for row in data}
    assert len(by_code) == len(data)
    frame_codes = {row["code"] for row in _frame_2025()}
    assert set(by_code) == frame_codes - set(RESPONDED)
    assert len(by_code) == 337
    assert by_code["GM0344"]["contact"] == "Joëlle Çelik"  # the coordinator first
    assert by_code["GM0344"]["e-mail"] == "j.celik@utrecht.nl"
    assert by_code["GM0014"]["e-mail"] == "r.dijkstra@groningen.nl"  # else whoever there is
    assert by_code["GM0014"]["status"] == "Wacht op indienen"
    assert by_code["GM0344"]["status"] == "Bezig"
    assert by_code["GM0034"]["status"] == "Niet begonnen"
    assert by_code["GM0034"]["contact"] == by_code["GM0034"]["e-mail"] == ""
    assert by_code["GM0344"]["gemeente"] == "Utrecht"


def test_the_call_list_names_a_shared_organisations_contact_for_the_municipalities_it_covers(
    visit: Visit, open_wave: Wave
) -> None:
    researcher = visit("researcher")
    assert _import(researcher, CLEAN_FILE.encode()).status_code == 302
    answer = researcher.get(reverse("research:call_list", args=[YEAR]))
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))
    by_code = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    # Stede Broec answers for Enkhuizen (GM0388) and Drechterland (GM0498): call Petra.
    for covered in ("GM0388", "GM0498"):
        assert by_code[covered]["contact"] == "Petra Jansen"
        assert by_code[covered]["e-mail"] == "p.jansen@sedgemeenten.nl"
    assert by_code["GM0532"]["contact"] == "Petra Jansen"


# --- reopening a response -----------------------------------------------------------------


def _reopen(client: Client, reason: str, code: str = MUNICIPALITY_A) -> Any:
    return client.post(reverse("research:reopen", args=[YEAR, code]), {"reason": reason})


def test_a_submitted_response_is_reopened_with_a_reason_and_logged(
    visit: Visit, open_wave: Wave, cast: dict[str, Member]
) -> None:
    respond(open_wave, [MUNICIPALITY_A])
    reason = "Op verzoek van de coördinator: B1 was verkeerd ingevuld"
    answer = visit("researcher").post(
        reverse("research:reopen", args=[YEAR, MUNICIPALITY_A]), {"reason": reason}, follow=True
    )
    assert "De vragenlijst van GM0363 is weer open." in _text(answer)
    response = MunicipalResponse.objects.get(wave=open_wave, municipality__code=MUNICIPALITY_A)
    assert response.status == IN_PROGRESS
    event = FieldworkEvent.objects.get(kind=FieldworkEvent.Kind.REOPENED)
    assert (event.wave, event.municipality_code) == (open_wave, MUNICIPALITY_A)
    assert event.detail == reason
    assert event.actor == cast["researcher"].user


@pytest.mark.parametrize("reason", ["", "   "], ids=["empty", "blank"])
def test_a_response_is_not_reopened_without_a_reason(
    visit: Visit, open_wave: Wave, reason: str
) -> None:
    respond(open_wave, [MUNICIPALITY_A])
    answer = visit("researcher").post(
        reverse("research:reopen", args=[YEAR, MUNICIPALITY_A]), {"reason": reason}, follow=True
    )
    assert "Zeg waarom de vragenlijst wordt heropend." in _text(answer)
    response = MunicipalResponse.objects.get(wave=open_wave, municipality__code=MUNICIPALITY_A)
    assert response.status == SUBMITTED
    assert not FieldworkEvent.objects.filter(kind=FieldworkEvent.Kind.REOPENED).exists()


def test_a_response_of_a_closed_wave_is_not_reopened(visit: Visit, open_wave: Wave) -> None:
    respond(open_wave, [MUNICIPALITY_A])
    open_wave.status = Wave.Status.CLOSED
    open_wave.save()
    answer = visit("researcher").post(
        reverse("research:reopen", args=[YEAR, MUNICIPALITY_A]),
        {"reason": "te laat ingediend"},
        follow=True,
    )
    assert answer.status_code == 200
    assert 'role="alert"' in answer.content.decode()
    response = MunicipalResponse.objects.get(wave=open_wave, municipality__code=MUNICIPALITY_A)
    assert response.status == SUBMITTED
    assert not FieldworkEvent.objects.filter(kind=FieldworkEvent.Kind.REOPENED).exists()


def test_a_response_that_is_not_submitted_is_not_reopened(visit: Visit, open_wave: Wave) -> None:
    respond(open_wave, [MUNICIPALITY_A], status=IN_PROGRESS)
    answer = visit("researcher").post(
        reverse("research:reopen", args=[YEAR, MUNICIPALITY_A]), {"reason": "x"}, follow=True
    )
    assert 'role="alert"' in answer.content.decode()
    assert not FieldworkEvent.objects.filter(kind=FieldworkEvent.Kind.REOPENED).exists()


# --- mail texts ---------------------------------------------------------------------------

REMINDER = {
    "subject": "Nog even: AI Monitor {{ year }} voor {{ municipality }}",
    "body": "Beste {{ name }},\n\nWilt u de vragenlijst nog invullen?\n\n{{ link }}\n",
}


def test_the_reminder_text_is_saved_for_the_wave(visit: Visit, open_wave: Wave) -> None:
    researcher = visit("researcher")
    url = reverse("research:mail", args=[YEAR, "reminder", "nl"])
    default = _text(researcher.get(url))
    assert "Herinnering: AI Monitor Gemeenten {{ year }}" in default  # the shipped text
    answer = researcher.post(url, REMINDER)
    assert answer.status_code == 302
    saved = MailTemplate.objects.get(wave=open_wave, kind="reminder", language="nl")
    assert (saved.subject, saved.body.replace("\r\n", "\n").strip()) == (
        REMINDER["subject"],
        REMINDER["body"].strip(),
    )
    assert MailTemplate.objects.count() == 1  # not the invitation, not English, not 2024
    shown = _text(researcher.get(url))
    assert "Wilt u de vragenlijst nog invullen?" in shown
    other = _text(researcher.get(reverse("research:mail", args=[YEAR, "invitation", "nl"])))
    assert "Wilt u de vragenlijst nog invullen?" not in other


@pytest.mark.parametrize(
    "body",
    [
        "Beste {{ name }},\n\nWilt u de vragenlijst nog invullen?\n",
        "{% if name %}Beste {{ name }},{{ link }}\n",
        "Beste {{ name|shout }}, {{ link }}\n",
    ],
    ids=["without the link", "unclosed tag", "unknown filter"],
)
def test_a_mail_text_without_the_link_or_with_a_syntax_error_is_refused(
    visit: Visit, open_wave: Wave, body: str
) -> None:
    researcher = visit("researcher")
    url = reverse("research:mail", args=[YEAR, "reminder", "nl"])
    answer = researcher.post(url, {"subject": REMINDER["subject"], "body": body})
    assert answer.status_code == 422
    page = _text(answer)
    alert = page.split('class="utrecht-alert utrecht-alert--error"', 1)[1].split("</ul>", 1)[0]
    assert re.search(r"<li>[^<]+</li>", alert), "the reason is shown"
    assert not MailTemplate.objects.exists()


# --- the fieldwork log --------------------------------------------------------------------


def test_the_fieldwork_log_lists_the_events_with_who_and_what(
    visit: Visit, open_wave: Wave
) -> None:
    researcher = visit("researcher")
    respond(open_wave, [MUNICIPALITY_A])
    _import(researcher, CLEAN_FILE.encode(), "contactlijst.csv")
    _reopen(researcher, "gevraagd door de gemeentesecretaris")
    answer = researcher.get(reverse("research:log"))
    assert answer.status_code == 200
    page = _text(answer)
    rows = re.findall(r'<tr class="utrecht-table__row">\s*(<td.*?)</tr>', page, re.S)
    cells = [re.findall(r'<td class="utrecht-table__cell">(.*?)</td>', row, re.S) for row in rows]
    reopened = next(c for c in cells if c[5] == "gevraagd door de gemeentesecretaris")
    assert (reopened[2], reopened[3], reopened[4]) == ("2025", MUNICIPALITY_A, "researcher")
    imported = next(c for c in cells if c[5].startswith("contactlijst.csv"))
    assert (imported[2], imported[4]) == ("2025", "researcher")
    assert reopened[1] == "heropend"
    assert imported[1] == "contacten geïmporteerd"


# --- refusals, in the page's language -----------------------------------------------------


def _refusal(client: Client, wave: Wave, case: str) -> str:
    """The alert text of a refused change."""
    if case == "reopen on a closed wave":
        respond(wave, [MUNICIPALITY_A])
        wave.status = Wave.Status.CLOSED
        wave.save()
        answer = client.post(
            reverse("research:reopen", args=[YEAR, MUNICIPALITY_A]), {"reason": "x"}, follow=True
        )
    elif case == "close a closed wave":
        wave.status = Wave.Status.CLOSED
        wave.save()
        answer = client.post(
            reverse("research:status", args=[YEAR]), {"action": "close"}, follow=True
        )
    else:
        url = reverse("research:mail", args=[YEAR, "reminder", "nl"])
        answer = client.post(url, {"subject": "Herinnering", "body": "Beste {{ name }},\n"})
        assert answer.status_code == 422
    page = _text(answer)
    alert = re.search(r'utrecht-alert--error" role="alert">(.*?)</div></div></div>', page, re.S)
    assert alert is not None, "the refusal is shown"
    return re.sub(r"<[^>]+>", " ", alert[1]).strip()


@pytest.mark.parametrize(
    ("case", "english", "named"),
    [
        ("reopen on a closed wave", "is not open", "2025"),
        ("close a closed wave", "is not open", "2025"),
        ("mail text without the link", "must contain", "{{ link }}"),
    ],
)
def test_a_refused_change_is_explained_in_dutch(
    visit: Visit, open_wave: Wave, case: str, english: str, named: str
) -> None:
    """The Dutch page says why in Dutch, as every other message of the portal does (the
    conventions: everything a user reads is Dutch first)."""
    message = _refusal(visit("researcher"), open_wave, case)
    assert named in message
    assert english not in message, message
