"""What keeps the research portal safe and its records right, found in review: no personal
link into a researcher's account, the account pages are the team's, the admin opens where
the researcher was going, researchers' accounts can work in the admin, reasons fit the
history, links follow the closing day, a conflict of two shared responses does not stop the
cockpit, and one round of mails at a time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from aimonitor.web.cli import main
from aimonitor.web.fieldwork.models import Answer, MunicipalResponse
from aimonitor.web.municipalities.models import Municipality
from aimonitor.web.research.mailing import RoundBusyError, send_invitations
from aimonitor.web.research.models import Contact, Delivery
from aimonitor.web.research.reads import read_coverage_problem, read_fieldwork_progress
from aimonitor.web.survey.links import IssuedLink, ResearcherAddressError, person_for
from aimonitor.web.survey.models import AccessLink, FieldworkEvent
from aimonitor.web.waves.models import Wave

from ..conftest import MUNICIPALITY_A, Member, pass_second_factor, respond
from .conftest import Visit

YEAR = 2025


def test_no_personal_link_is_issued_for_a_researchers_account(
    cast: dict[str, Member], open_wave: Wave, capsys: pytest.CaptureFixture[str]
) -> None:
    researcher = cast["researcher"].user
    researcher.username = "rianne@monitor.example"
    researcher.save()
    with pytest.raises(ResearcherAddressError):
        person_for("Rianne@Monitor.example")
    code = main(
        [
            "invite",
            "--wave",
            "2025",
            "--municipality",
            MUNICIPALITY_A,
            "--email",
            "rianne@monitor.example",
        ]
    )
    assert code != 0
    assert "account of a researcher" in capsys.readouterr().err
    assert not AccessLink.objects.filter(user=researcher).exists()


def test_a_contact_with_a_researchers_address_is_recorded_as_not_delivered(
    cast: dict[str, Member], open_wave: Wave
) -> None:
    researcher = cast["researcher"].user
    researcher.username = "rianne@monitor.example"
    researcher.save()
    Contact.objects.create(
        wave=open_wave,
        municipality_code=MUNICIPALITY_A,
        name="Rianne",
        email="rianne@monitor.example",
        role="coordinator",
    )
    run = send_invitations(open_wave, read_fieldwork_progress(open_wave), {})
    assert run.sent == []
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED
    assert "account of a researcher" in delivery.detail
    assert not AccessLink.objects.filter(user=researcher).exists()


def test_a_coordinator_cannot_invite_a_researchers_address(
    visit: Visit, cast: dict[str, Member], open_wave: Wave
) -> None:
    researcher = cast["researcher"].user
    researcher.username = "rianne@monitor.example"
    researcher.save()
    answer = visit("coordinator_a").post(
        reverse("survey:invite", args=[YEAR, MUNICIPALITY_A]),
        {"email": "rianne@monitor.example", "themes": ["vision"]},
    )
    assert answer.status_code == 422
    assert "hoort bij het onderzoeksteam" in answer.content.decode()
    assert not AccessLink.objects.filter(user=researcher).exists()


def test_a_person_who_came_in_through_a_link_gets_no_account_page(
    visit: Visit, open_wave: Wave
) -> None:
    coordinator = visit("coordinator_a")
    for page in ("account_set_password", "account_email", "mfa_index"):
        assert coordinator.get(reverse(page)).status_code == 403
    assert coordinator.post(reverse("account_logout")).status_code == 302


def test_the_admin_opens_where_the_researcher_was_going_after_the_second_factor(
    visit: Visit, open_wave: Wave
) -> None:
    researcher = visit("researcher")
    target = "/admin/research/contact/"
    answer = researcher.get(reverse("admin:login") + f"?next={target}")
    assert answer.status_code == 302
    assert answer["Location"] == target
    elsewhere = researcher.get(reverse("admin:login") + "?next=https://elders.example/")
    assert elsewhere["Location"] == reverse("admin:index")


def test_a_researcher_made_by_the_command_can_keep_the_contacts_in_the_admin(
    open_wave: Wave, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["researcher", "--username", "rianne", "--email", "rianne@monitor.example"]) == 0
    printed = capsys.readouterr().out
    assert "/account/password/reset/" in printed
    rianne = User.objects.get(username="rianne")
    assert rianne.is_staff
    assert not rianne.is_superuser
    assert not rianne.has_usable_password()
    assert rianne.has_perm("research.change_contact")
    assert rianne.has_perm("research.delete_contact")
    client = Client()
    client.force_login(rianne)
    pass_second_factor(client, rianne)
    page = client.get(reverse("admin:index"))
    assert page.status_code == 200
    assert "/admin/research/contact/" in page.content.decode()


def test_a_reason_longer_than_the_history_keeps_is_refused_and_nothing_changes(
    visit: Visit, open_wave: Wave
) -> None:
    respond(open_wave, [MUNICIPALITY_A])
    answer = visit("researcher").post(
        reverse("research:reopen", args=[YEAR, MUNICIPALITY_A]), {"reason": "x" * 101}
    )
    assert answer.status_code == 302
    response = MunicipalResponse.objects.get(wave=open_wave, municipality__code=MUNICIPALITY_A)
    assert response.status == MunicipalResponse.Status.SUBMITTED
    assert not FieldworkEvent.objects.filter(kind=FieldworkEvent.Kind.REOPENED).exists()
    visit("researcher").post(
        reverse("research:reopen", args=[YEAR, MUNICIPALITY_A]), {"reason": "y" * 100}
    )
    event = FieldworkEvent.objects.get(kind=FieldworkEvent.Kind.REOPENED)
    assert event.detail == "y" * 100


def test_moving_the_closing_day_moves_the_end_of_every_link_people_have(
    visit: Visit, open_wave: Wave, links: dict[str, IssuedLink]
) -> None:
    later = open_wave.closes_on + dt.timedelta(days=14)
    visit("researcher").post(
        reverse("research:dates", args=[YEAR]),
        {"opens_on": "2025-01-01", "closes_on": later.isoformat()},
    )
    end_of_closing_day = dt.datetime.combine(
        later + dt.timedelta(days=1), dt.time(), timezone.get_default_timezone()
    )
    for issued in links.values():
        issued.link.refresh_from_db()
        assert issued.link.expires_at == end_of_closing_day


def test_an_open_wave_cannot_be_given_a_closing_day_in_the_past(
    visit: Visit, open_wave: Wave
) -> None:
    before = open_wave.closes_on
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    visit("researcher").post(
        reverse("research:dates", args=[YEAR]),
        {"opens_on": "2025-01-01", "closes_on": yesterday.isoformat()},
    )
    open_wave.refresh_from_db()
    assert open_wave.closes_on == before


def test_two_responses_claiming_one_municipality_do_not_stop_the_cockpit(
    visit: Visit, open_wave: Wave
) -> None:
    # Stede Broec answers for Enkhuizen (388), and Enkhuizen answered itself too.
    respond(open_wave, ["GM0388"])
    lead = MunicipalResponse.objects.create(
        wave=open_wave,
        municipality=Municipality.objects.get(frame_year=open_wave.frame_year, code="GM0532"),
        status=MunicipalResponse.Status.IN_PROGRESS,
    )
    Answer.objects.create(response=lead, variable="A4", value=2)
    Answer.objects.create(response=lead, variable="A4a", value=[388])
    lead.status = MunicipalResponse.Status.SUBMITTED
    lead.save()
    assert read_coverage_problem(open_wave) is not None
    page = visit("researcher").get(reverse("research:wave", args=[YEAR]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Twee ingediende vragenlijsten" in text
    assert "GM0388" in text
    progress = read_fieldwork_progress(open_wave)
    assert progress.total.respondents == 2  # the two responses, without what they cover


def test_one_round_of_mails_of_a_wave_at_a_time(visit: Visit, open_wave: Wave) -> None:
    cache.add(f"research:mail-round:{open_wave.pk}", "busy", timeout=60)
    with pytest.raises(RoundBusyError):
        send_invitations(open_wave, read_fieldwork_progress(open_wave), {})
    page = visit("researcher").post(reverse("research:invite", args=[YEAR]), follow=True)
    assert "worden al verstuurd" in page.content.decode()


def test_a_coordinator_on_a_research_page_is_told_in_dutch_where_to_go(
    visit: Visit, open_wave: Wave
) -> None:
    page = visit("coordinator_a").get(reverse("research:home"))
    assert page.status_code == 403
    text = page.content.decode()
    assert "Geen toegang" in text
    assert "persoonlijke link" in text


@pytest.mark.parametrize(
    "body",
    [
        "{% debug %} {{ link }}",
        "{% include 'research/base.html' %} {{ link }}",
        "{{ link|date:'Y' }}{% lorem 9999999 w %}",
        "{% if link %}{{ name }}{% endif %}",  # the link only where a condition allows
    ],
)
def test_a_mail_text_that_reaches_beyond_its_placeholders_is_refused(
    visit: Visit, open_wave: Wave, body: str
) -> None:
    url = reverse("research:mail", args=[YEAR, "reminder", "nl"])
    answer = visit("researcher").post(url, {"subject": "Herinnering", "body": body})
    assert answer.status_code == 422
