"""``aimonitor reminders --wave 2025``: what a cron job or the research team sees.

Invitations go out on Monday 2 November 2026; the wave closes on Friday 18 December. With
the default cadence the first reminder is due 7 working days later, on Wednesday 11 November
(Tue 3, Wed 4, Thu 5, Fri 6, Mon 9, Tue 10, Wed 11; no Dutch holiday in between), and the
last call on Wednesday 16 December is far enough away (11 November + 5 working days is
18 November). Utrecht submits on 5 November; Amsterdam's contributor is not reminded.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from aimonitor.frame import load_frame
from aimonitor.web.cli import main
from aimonitor.web.research.mailing import send_invitations
from aimonitor.web.research.models import Contact, Delivery
from aimonitor.web.research.reads import read_fieldwork_progress
from aimonitor.web.waves.models import Wave

from ..conftest import respond
from .smtp import Clock, Inbox, free_port

JAN = "jan@amsterdam.nl"
FATIMA = "fatima@amsterdam.nl"
PIET = "piet@rotterdam.nl"
UKKIE = "ukkie@utrecht.nl"
SKIPPED = "skipped (already done, responded or not due)"

NOVEMBER_2 = dt.date(2026, 11, 2)
NOVEMBER_11 = dt.date(2026, 11, 11)


@pytest.fixture
def invited(open_wave: Wave, smtp: Inbox, clock: Clock) -> Wave:
    """Wave 2025 closing on 18 December 2026; its four contacts invited on 2 November;
    Utrecht submitted on 5 November."""
    open_wave.closes_on = dt.date(2026, 12, 18)
    open_wave.save()
    for code, email, role in [
        ("GM0363", JAN, "coordinator"),
        ("GM0363", FATIMA, "contributor"),
        ("GM0599", PIET, "coordinator"),
        ("GM0344", UKKIE, "coordinator"),
    ]:
        Contact.objects.create(
            wave=open_wave, municipality_code=code, email=email, name=email, role=role
        )
    clock.set(NOVEMBER_2, 10)
    names = {m.code: m.name for m in load_frame(open_wave.frame_year).municipalities}
    sent = send_invitations(open_wave, read_fieldwork_progress(open_wave), names).sent
    assert sorted(sent) == [FATIMA, JAN, PIET, UKKIE]
    clock.set(dt.date(2026, 11, 5), 14)
    respond(open_wave, ["GM0344"])
    smtp.mails.clear()
    return open_wave


def reminders(*options: str) -> int:
    return main(["reminders", "--wave", "2025", *options])


def test_the_command_sends_the_reminders_that_are_due_and_prints_the_counts(
    invited: Wave, smtp: Inbox, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    clock.set(NOVEMBER_11, 9)

    assert reminders() == 0

    assert capsys.readouterr().out == f"reminders wave 2025: 2 sent, 0 not delivered, 1 {SKIPPED}\n"
    assert sorted(mail.to for mail in smtp.mails) == [JAN, PIET]
    assert {mail.subject for mail in smtp.mails} == {
        "Herinnering: AI Monitor Gemeenten 2025 voor Amsterdam",
        "Herinnering: AI Monitor Gemeenten 2025 voor Rotterdam",
    }


def test_the_command_run_again_the_same_day_sends_nothing(
    invited: Wave, smtp: Inbox, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    clock.set(NOVEMBER_11, 9)
    reminders()
    capsys.readouterr()
    clock.set(NOVEMBER_11, 10)

    assert reminders() == 0

    assert capsys.readouterr().out == f"reminders wave 2025: 0 sent, 0 not delivered, 3 {SKIPPED}\n"
    assert len(smtp.mails) == 2


def test_the_command_sends_nothing_before_the_first_reminder_is_due(
    invited: Wave, smtp: Inbox, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    clock.set(dt.date(2026, 11, 10), 17)  # 6 working days after the invitation

    assert reminders() == 0

    assert capsys.readouterr().out == f"reminders wave 2025: 0 sent, 0 not delivered, 3 {SKIPPED}\n"
    assert smtp.mails == []


def test_the_commands_cadence_options_are_used(
    invited: Wave, smtp: Inbox, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--first-after 8``: not on Wednesday 11 November, but on Thursday the 12th."""
    clock.set(NOVEMBER_11, 9)
    reminders("--first-after", "8", "--every", "3", "--max", "1", "--last-call", "1")
    clock.set(dt.date(2026, 11, 12), 9)
    reminders("--first-after", "8", "--every", "3", "--max", "1", "--last-call", "1")

    assert capsys.readouterr().out.splitlines() == [
        f"reminders wave 2025: 0 sent, 0 not delivered, 3 {SKIPPED}",
        f"reminders wave 2025: 2 sent, 0 not delivered, 1 {SKIPPED}",
    ]
    assert sorted(mail.to for mail in smtp.mails) == [JAN, PIET]


def test_the_command_names_each_mail_that_was_not_delivered(
    invited: Wave, smtp: Inbox, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    smtp.refuse(PIET, "550 no such user")
    clock.set(NOVEMBER_11, 9)

    assert reminders() == 1  # a mail not delivered fails the run, so a timer shows it

    assert capsys.readouterr().out.splitlines() == [
        f"reminders wave 2025: 1 sent, 1 not delivered, 1 {SKIPPED}",
        f"  not delivered: {PIET} (GM0599): 550 no such user",
    ]
    assert [mail.to for mail in smtp.mails] == [JAN]
    assert Delivery.objects.get(kind="reminder", email=PIET).status == "bounced"


def test_the_command_with_the_mail_server_down_names_every_failure_and_finishes(
    invited: Wave, clock: Clock, capsys: pytest.CaptureFixture[str], settings: Any
) -> None:
    settings.EMAIL_PORT = free_port()  # nobody listens
    clock.set(NOVEMBER_11, 9)

    reminders()

    printed = capsys.readouterr()
    lines = printed.out.splitlines()
    assert lines[0] == f"reminders wave 2025: 0 sent, 2 not delivered, 1 {SKIPPED}"
    assert [line.split(": ConnectionRefusedError")[0] for line in lines[1:]] == [
        f"  not delivered: {JAN} (GM0363)",
        f"  not delivered: {PIET} (GM0599)",
    ]
    assert "Traceback" not in printed.err
    assert sorted(Delivery.objects.filter(kind="reminder").values_list("email", "status")) == [
        (JAN, "failed"),
        (PIET, "failed"),
    ]


def test_an_unknown_wave_is_one_clear_line(
    open_wave: Wave, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["reminders", "--wave", "2031"]) != 0

    printed = capsys.readouterr()
    assert printed.err == "aimonitor: error: there is no wave 2031\n"
    assert printed.out == ""


@pytest.mark.parametrize("status", [Wave.Status.CLOSED, Wave.Status.PUBLISHED])
def test_a_wave_that_is_not_open_sends_nothing_and_says_so(
    invited: Wave, smtp: Inbox, clock: Clock, capsys: pytest.CaptureFixture[str], status: str
) -> None:
    invited.status = Wave.Status.CLOSED
    invited.save()
    invited.status = status
    invited.save()
    clock.set(NOVEMBER_11, 9)  # reminders would be due

    assert reminders() == 0

    assert capsys.readouterr().out == f"wave 2025 is not open ({status}): no reminders\n"
    assert smtp.mails == []
    assert not Delivery.objects.filter(kind="reminder").exists()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--every", "0", "reminder cadence: every must be a whole number of at least 1, got 0"),
        (
            "--first-after",
            "0",
            "reminder cadence: first_after must be a whole number of at least 1, got 0",
        ),
        ("--max", "-1", "must be a whole number of at least 0, got -1"),
        ("--last-call", "-2", "must be a whole number of at least 0, got -2"),
    ],
)
def test_a_bad_cadence_is_one_clear_line_and_sends_nothing(
    invited: Wave,
    smtp: Inbox,
    clock: Clock,
    capsys: pytest.CaptureFixture[str],
    option: str,
    value: str,
    message: str,
) -> None:
    clock.set(NOVEMBER_11, 9)

    assert reminders(option, value) != 0

    printed = capsys.readouterr()
    assert printed.err.startswith("aimonitor: error: ")
    assert message in printed.err
    assert printed.err.count("\n") == 1
    assert "Traceback" not in printed.err
    assert smtp.mails == []


def test_a_cadence_that_is_not_a_number_is_refused_by_the_command_line(
    open_wave: Wave, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        reminders("--every", "vijf")

    assert exit_.value.code != 0
    assert "argument --every: invalid int value: 'vijf'" in capsys.readouterr().err
