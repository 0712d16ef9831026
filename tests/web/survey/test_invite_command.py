"""``aimonitor invite``: a researcher issues a coordinator link; the mail goes out through a
real SMTP server on loopback; every mistake is one clear line and issues nothing."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from django.test import Client

from aimonitor.web.cli import main
from aimonitor.web.survey.models import AccessLink
from aimonitor.web.waves.models import Wave


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        self.messages.append(message_from_bytes(envelope.original_content or b""))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp(settings: Any) -> Iterator[_Inbox]:
    """A real SMTP server on loopback (aiosmtpd cannot bind port 0: a free port first)."""
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    try:
        yield inbox
    finally:
        controller.stop()


def test_a_coordinator_link_is_mailed_over_smtp_and_opens_the_response(
    open_wave: Wave, smtp: _Inbox, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["invite", "--wave", "2025", "--municipality", "gm0363", "--email", "io@amsterdam.nl"]
    )
    printed = capsys.readouterr().out
    assert code == 0
    url = next(line for line in printed.splitlines() if "/link/" in line).strip()
    assert len(smtp.messages) == 1
    mailed = smtp.messages[0]
    assert mailed["To"] == "io@amsterdam.nl"
    body = mailed.get_payload(decode=True)
    assert isinstance(body, bytes)
    assert url in body.decode()
    path = url.split("127.0.0.1:8000", 1)[1]
    assert Client().get(path).status_code == 302
    assert AccessLink.objects.get(user__email="io@amsterdam.nl").purpose == "coordinator"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--wave", "2031"], "there is no wave 2031"),
        (["--municipality", "GM9999"], "GM9999 is not a municipality of the 2025 frame"),
        (["--email", "geen-adres"], "is not an e-mail address"),
        (["--purpose", "boss"], "unknown purpose 'boss'"),
        (["--purpose", "contributor"], "a contributor needs --themes"),
        (["--purpose", "contributor", "--themes", "weather"], "unknown themes weather"),
    ],
)
def test_a_wrong_invitation_is_one_clear_line_and_issues_nothing(
    open_wave: Wave, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    base = {"--wave": "2025", "--municipality": "GM0363", "--email": "io@amsterdam.nl"}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    argv = ["invite", *[part for pair in base.items() for part in pair]]
    assert main(argv) != 0
    error = capsys.readouterr().err
    assert message in error
    assert "Traceback" not in error
    assert not AccessLink.objects.exists()


def test_a_wave_that_is_not_open_takes_no_invitations(
    open_wave: Wave, capsys: pytest.CaptureFixture[str]
) -> None:
    open_wave.status = Wave.Status.CLOSED
    open_wave.save()
    argv = ["invite", "--wave", "2025", "--municipality", "GM0363", "--email", "a@b.nl"]
    assert main(argv) != 0
    assert "wave 2025 is closed: open it before inviting" in capsys.readouterr().err
