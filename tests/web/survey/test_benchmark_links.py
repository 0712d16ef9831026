"""Benchmark links: after the fieldwork the coordinator of every municipality that took part
gets a personal link that opens its benchmark, and nothing else."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from aimonitor.web.cli import main
from aimonitor.web.outputs.publish import forget_published
from aimonitor.web.survey.links import issue_link, person_for, revoke_link
from aimonitor.web.survey.models import AccessLink
from aimonitor.web.waves.models import Wave

from ..conftest import MUNICIPALITY_A, MUNICIPALITY_B, Member

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver/link/[^\s]+/")


@pytest.fixture(autouse=True)
def _fresh_publications() -> None:
    forget_published()


def test_the_coordinator_gets_a_link_that_opens_the_benchmark_and_not_the_questionnaire(
    demo: None, cast: dict[str, Member], capsys: pytest.CaptureFixture[str]
) -> None:
    wave = Wave.objects.get(year=2024)
    issue_link(wave, MUNICIPALITY_A, cast["coordinator_a"].user, "coordinator")
    # Someone who coordinated before and whose link was taken back (they left) gets nothing.
    former = person_for("vertrokken@amsterdam.example")
    revoke_link(issue_link(wave, MUNICIPALITY_A, former, "coordinator").link)
    mail.outbox.clear()
    code = main(
        [
            "benchmark-links",
            "--wave",
            "2024",
            "--municipality",
            MUNICIPALITY_A,
            "--base-url",
            "http://testserver",
        ]
    )
    assert code == 0
    assert f"{MUNICIPALITY_A} Amsterdam: benchmark sent to" in capsys.readouterr().out
    (sent,) = mail.outbox
    assert sent.to == [cast["coordinator_a"].user.email or cast["coordinator_a"].user.username]
    assert sent.subject == "AI Monitor 2024: de benchmark van Amsterdam"
    assert "De link werkt tot" in sent.body
    url = LINK.search(sent.body)
    assert url is not None

    client = Client()
    opened = client.get(url.group(0).removeprefix("http://testserver"))
    assert opened.status_code == 302
    assert opened["Location"] == f"/benchmark/2024/{MUNICIPALITY_A}/"
    page = client.get(opened["Location"])
    assert page.status_code == 200
    assert "Benchmark van Amsterdam, AI Monitor 2024" in page.content.decode()
    # The link is not a way into the questionnaire of any wave.
    assert client.get(f"/vragenlijst/2025/{MUNICIPALITY_A}/").status_code == 403
    assert client.get(f"/benchmark/2024/{MUNICIPALITY_B}/").status_code == 404

    # Taking the link back ends what it opened, also for the session it opened.
    revoke_link(AccessLink.objects.get(purpose="benchmark", municipality_code=MUNICIPALITY_A))
    assert client.get(opened["Location"]).status_code == 403


def test_benchmark_links_wait_until_the_wave_is_closed(
    demo: None, cast: dict[str, Member], capsys: pytest.CaptureFixture[str]
) -> None:
    wave = Wave.objects.get(year=2025)
    wave.status = Wave.Status.OPEN
    wave.save()
    assert main(["benchmark-links", "--wave", "2025"]) != 0
    assert "close it before sending benchmarks" in capsys.readouterr().err
    assert mail.outbox == []
    # A link issued anyway (by hand) opens a page that says the results are not out yet.
    issued = issue_link(wave, MUNICIPALITY_A, cast["coordinator_a"].user, "benchmark")
    answer = Client().get(f"/link/{issued.token}/")
    assert answer.status_code == 404
    assert "nog niet gepubliceerd" in answer.content.decode()


def test_a_municipality_that_did_not_take_part_gets_no_benchmark_link(
    demo: None, capsys: pytest.CaptureFixture[str]
) -> None:
    taking_part = set(
        Wave.objects.get(year=2024)
        .responses.filter(status="submitted")
        .values_list("municipality__code", flat=True)
    )
    absent = next(f"GM{n:04d}" for n in range(1, 2000) if f"GM{n:04d}" not in taking_part)
    assert main(["benchmark-links", "--wave", "2024", "--municipality", absent]) != 0
    assert f"did not take part in wave 2024: {absent}" in capsys.readouterr().err
    assert mail.outbox == []


def test_the_contributors_of_the_wave_get_a_link_too_and_each_person_one(
    demo: None, cast: dict[str, Member], capsys: pytest.CaptureFixture[str]
) -> None:
    wave = Wave.objects.get(year=2024)
    coordinator = cast["coordinator_a"].user
    issue_link(wave, MUNICIPALITY_A, coordinator, "coordinator")
    issue_link(wave, MUNICIPALITY_A, coordinator, "contributor")  # the same person twice
    issue_link(wave, MUNICIPALITY_A, cast["contributor_a"].user, "contributor")
    # a contributor of another municipality gets nothing of Amsterdam
    issue_link(wave, MUNICIPALITY_B, cast["contributor_b"].user, "contributor")
    mail.outbox.clear()
    assert main(["benchmark-links", "--wave", "2024", "--municipality", MUNICIPALITY_A]) == 0
    received = sorted(address for sent in mail.outbox for address in sent.to)
    expected = sorted(
        person.email or person.username for person in (coordinator, cast["contributor_a"].user)
    )
    assert received == expected
    assert all("de benchmark van Amsterdam" in sent.subject for sent in mail.outbox)
    assert (
        AccessLink.objects.filter(purpose="benchmark", municipality_code=MUNICIPALITY_B).count()
        == 0
    )
