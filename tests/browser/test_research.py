"""The research team runs the fieldwork in a browser: a researcher logs in with a second
factor, imports contacts (a wrong file first), sends the invitations, a municipality answers
through the link in its mail and submits, the reminders skip it, and the cockpit shows it
submitted. Mail goes through a real SMTP server on loopback."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect

from aimonitor.fieldwork.reminders import ReminderCadence
from aimonitor.frame import load_frame
from aimonitor.web.accounts.models import Membership
from aimonitor.web.fieldwork.models import MunicipalResponse
from aimonitor.web.research.mailing import send_reminders
from aimonitor.web.research.models import Contact, Delivery
from aimonitor.web.research.reads import read_fieldwork_progress
from aimonitor.web.waves.models import Wave
from web.conftest import MUNICIPALITY_A, MUNICIPALITY_B
from web.research.smtp import Inbox, serving
from web.totp import current_code

from .conftest import Browsing
from .test_survey import (
    OVERVIEW,
    answer_every_required_question,
    axe_violations,
    screenshot,
    screenshots,  # noqa: F401  (the fixture)
)

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PASSWORD = "een lang wachtwoord voor de test"
COCKPIT = "/onderzoek/2025/"
BAD_FILE = (
    "code;naam;e-mail;rol\n"
    "GM0363;Carla de Vries;carla.devries@amsterdam.example;coördinator\n"
    "GM9999;Niemand;niemand@example.nl;coördinator\n"
    "GM0599;Rob Rotterdam;geen-adres;coördinator\n"
)
GOOD_FILE = (
    "code;naam;e-mail;rol\n"
    "GM0363;Carla de Vries;carla.devries@amsterdam.example;coördinator\n"
    "GM0599;Rob de Groot;rob.degroot@rotterdam.example;coördinator\n"
)


@pytest.fixture
def smtp(settings: Any) -> Iterator[Inbox]:
    """A real SMTP server on loopback that the live server's mail goes to."""
    with serving(settings) as inbox:
        yield inbox


@pytest.fixture
def researcher(survey_wave: Wave) -> User:
    """A researcher with a password and an authenticator app (the secret known to the test)."""
    user = User.objects.create_user(
        username="rianne", email="rianne@monitor.example", password=PASSWORD, is_staff=True
    )
    Membership.objects.create(user=user, role=Membership.Role.RESEARCHER)
    TOTP.activate(user, SECRET)
    return user


def log_in(page: Page) -> None:
    page.goto(COCKPIT)
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen: onderzoeksteam")
    page.get_by_label("Gebruikersnaam of e-mailadres").fill("rianne")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("input[name=code]")).to_be_visible()
    page.locator("input[name=code]").fill(current_code(SECRET))
    page.locator("input[name=code]").press("Enter")
    expect(page).to_have_url(re.compile(re.escape(COCKPIT) + "$"))


def upload(page: Page, text: str, tmp_path: Path) -> None:
    file = tmp_path / "contacten.csv"
    file.write_text(text, encoding="utf-8")
    page.get_by_label("Contactbestand (CSV)").set_input_files(str(file))
    page.get_by_role("button", name="Controleren en importeren").click()


def test_a_researcher_imports_invites_and_sees_a_submission_arrive_in_the_cockpit(
    browsing: Browsing,
    survey_wave: Wave,
    researcher: User,
    smtp: Inbox,
    tmp_path: Path,
    screenshots: Path,  # noqa: F811
) -> None:
    # She logs in with her password and the code of her authenticator app.
    rianne = browsing.page()
    log_in(rianne)
    expect(rianne.get_by_role("heading", level=1)).to_have_text("AI Monitor 2025")
    expect(rianne.locator(".research-big")).to_contain_text("0 van de 342 gemeenten")

    # She imports a contact file with two wrong rows: nothing is stored, each row is named.
    rianne.get_by_role("link", name="0 contactpersonen").click()
    upload(rianne, BAD_FILE, tmp_path)
    rejected = rianne.locator("#rejected")
    expect(rejected).to_contain_text("2 regels zijn afgewezen; er is niets geïmporteerd.")
    expect(rejected.locator("tbody tr")).to_have_count(2)
    expect(rejected.locator("tbody tr").nth(0)).to_contain_text("3")
    expect(rejected.locator("tbody tr").nth(0)).to_contain_text("GM9999")
    expect(rejected.locator("tbody tr").nth(1)).to_contain_text("4")
    assert not Contact.objects.exists()
    assert axe_violations(rianne) == []

    # The corrected file goes in whole.
    upload(rianne, GOOD_FILE, tmp_path)
    expect(rianne.get_by_role("status")).to_contain_text("2 contactpersonen toegevoegd")
    expect(rianne.locator("main table")).to_contain_text("carla.devries@amsterdam.example")
    assert Contact.objects.filter(wave=survey_wave).count() == 2

    # She sends the invitations: each coordinator gets a mail with a personal link.
    rianne.goto(COCKPIT)
    rianne.get_by_role("button", name="Uitnodigingen versturen").click()
    expect(rianne.get_by_role("status")).to_contain_text("Uitnodigingen: 2 verzonden")
    carla_mail = smtp.to("carla.devries@amsterdam.example")
    assert len(carla_mail) == 1
    assert "Amsterdam" in carla_mail[0].subject

    # Amsterdam's coordinator opens the link from her mail, answers and submits.
    carla = browsing.page()
    carla.goto(carla_mail[0].link_path)
    expect(carla).to_have_url(re.compile(re.escape(OVERVIEW) + "$"))
    answer_every_required_question(survey_wave)
    carla.reload()
    carla.get_by_role("button", name="Vragenlijst indienen").click()
    expect(carla.get_by_role("status")).to_have_text("Dank u wel: de vragenlijst is ingediend.")

    # Weeks later the reminders go out: Rotterdam gets one, Amsterdam none.
    later = timezone.now() + dt.timedelta(days=14)
    while later.weekday() >= 5:
        later += dt.timedelta(days=1)
    names = {m.code: m.name for m in load_frame(survey_wave.frame_year).municipalities}
    run = send_reminders(
        survey_wave,
        read_fieldwork_progress(survey_wave),
        names,
        ReminderCadence(first_after=5, every=5, max_reminders=2, last_call_before_close=0),
        now=later,
    )
    assert run.sent == ["rob.degroot@rotterdam.example"]
    assert len(smtp.to("carla.devries@amsterdam.example")) == 1
    assert Delivery.objects.filter(kind="reminder", municipality_code=MUNICIPALITY_B).count() == 1

    # The cockpit shows Amsterdam submitted, and who is left to chase.
    rianne.goto(COCKPIT)
    expect(rianne.locator(".research-big")).to_contain_text("1 van de 342 gemeenten")
    submitted = rianne.locator("#list-submitted")
    submitted.locator("summary").click()
    expect(submitted).to_contain_text("Ingediend (1)")
    expect(submitted).to_contain_text("Amsterdam")
    expect(rianne.locator("#list-not_started")).to_contain_text("Rotterdam")
    expect(rianne.locator("#list-not_started")).to_contain_text("uitgenodigd")
    screenshot(rianne, screenshots, "cockpit")
    assert axe_violations(rianne) == []
    status = MunicipalResponse.objects.get(wave=survey_wave, municipality__code=MUNICIPALITY_A)
    assert status.status == MunicipalResponse.Status.SUBMITTED
    violations = [line for line in browsing.console if "Content Security Policy" in line]
    assert violations == []
    assert browsing.page_errors == []


def test_a_coordinators_link_opens_no_research_page(
    browsing: Browsing, survey_wave: Wave, researcher: User
) -> None:
    from aimonitor.web.survey.links import issue_link, person_for

    issued = issue_link(
        survey_wave, MUNICIPALITY_A, person_for("carla@amsterdam.example"), "coordinator"
    )
    page = browsing.page()
    page.goto(f"/link/{issued.token}/")
    expect(page).to_have_url(re.compile(re.escape(OVERVIEW) + "$"))
    answer = page.goto(COCKPIT)
    assert answer is not None
    assert answer.status == 403


def test_a_wrong_code_does_not_let_the_researcher_in(
    browsing: Browsing, survey_wave: Wave, researcher: User
) -> None:
    page = browsing.page()
    page.goto(COCKPIT)
    page.get_by_label("Gebruikersnaam of e-mailadres").fill("rianne")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    right = current_code(SECRET)
    page.locator("input[name=code]").fill("000000" if right != "000000" else "111111")
    page.locator("input[name=code]").press("Enter")
    expect(page.locator("input[name=code]")).to_be_visible()
    page.goto(COCKPIT)
    expect(page).not_to_have_url(re.compile(re.escape(COCKPIT) + "$"))
