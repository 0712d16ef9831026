"""The mail tests' helpers: a real SMTP server on loopback that can refuse addresses, and a
clock that can be set.

:func:`serving` starts an aiosmtpd server on a free port (aiosmtpd cannot bind port 0) and points
Django's SMTP backend at it; its :class:`Inbox` keeps every message it accepted, parsed as
a reader sees it (headers and body decoded). ``Inbox.refuse`` makes the server answer an
address with a rejection, as a receiving server does for an unknown mailbox.

:func:`patch_clock` sets the time Django sees (``django.utils.timezone.now`` and the model fields
whose default is it), so mails can be sent "on" a day of the past and reminders simulated
day by day. The test files make fixtures of both (``smtp`` and ``clock``).
"""

from __future__ import annotations

import datetime as dt
import logging
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from django.apps import apps
from django.utils import timezone

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
BASE_URL = "https://monitor.example.nl"
"""The scheme and host of the links in the mails of these tests."""


@dataclass(frozen=True)
class Mail:
    """A message as its recipient reads it."""

    to: str
    subject: str
    body: str

    @property
    def link_path(self) -> str:
        """The path of the personal link in the body (after :data:`BASE_URL`)."""
        links = [word for word in self.body.split() if word.startswith(BASE_URL + "/")]
        assert len(links) == 1, f"expected one personal link in the mail, found {links}"
        return links[0].removeprefix(BASE_URL)


class Inbox:
    """What the SMTP server received, and the addresses it refuses."""

    def __init__(self) -> None:
        self.mails: list[Mail] = []
        self.refused: dict[str, str] = {}

    def refuse(self, address: str, reply: str = "550 no such user") -> None:
        self.refused[address] = reply

    def to(self, address: str) -> list[Mail]:
        return [mail for mail in self.mails if mail.to == address]

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook name)
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if address in self.refused:
            return self.refused[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802 (aiosmtpd's hook name)
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        message = cast(
            EmailMessage,
            message_from_bytes(envelope.original_content or b"", policy=policy.default),
        )
        body = message.get_content()
        assert isinstance(body, str)
        for address in envelope.rcpt_tos:
            # the lines as a mail program shows them (SMTP carries them ending in CRLF)
            text = body.replace("\r\n", "\n")
            self.mails.append(Mail(str(address), str(message["Subject"]), text))
        return "250 OK"


def free_port() -> int:
    """A port nobody listens on (now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(settings: Any) -> Iterator[Inbox]:
    """A real SMTP server on loopback while the block runs; Django's mail (``settings``:
    pytest-django's fixture) goes to it, links start with :data:`BASE_URL`."""
    inbox = Inbox()
    # the server's own log of every SMTP command is noise in the output the tests read
    server_log = logging.getLogger("mail.log")
    level = server_log.level
    server_log.setLevel(logging.WARNING)
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_TIMEOUT = 5
    settings.BASE_URL = BASE_URL
    try:
        yield inbox
    finally:
        controller.stop()
        server_log.setLevel(level)


class Clock:
    """The time Django sees; :meth:`set` to a moment in Amsterdam time."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def set(self, day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
        self.now = dt.datetime.combine(day, dt.time(hour, minute), AMSTERDAM).astimezone(dt.UTC)
        return self.now


def patch_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Django's time, settable: ``timezone.now`` and every model field defaulting to it
    (``Delivery.at``, ``AccessLink.created_at``, ...) read the clock."""
    original = timezone.now
    the_clock = Clock(original())
    monkeypatch.setattr(timezone, "now", the_clock)
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if getattr(field, "default", None) is original:
                monkeypatch.setattr(field, "default", the_clock)
                # Field.get_default caches the default's callable: replace the cache too.
                monkeypatch.setitem(field.__dict__, "_get_default", the_clock)
    return the_clock
