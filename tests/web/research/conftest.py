"""The research portal's tests: the open wave and personal links of the survey tests, and a
browser per member of the cast (municipal members through their personal link, the
researcher logged in with a second factor)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from aimonitor.web.survey.links import IssuedLink

from ..conftest import Member, pass_second_factor
from ..survey.conftest import _fresh_rate_limits, links, open_wave  # noqa: F401  (fixtures)
from .smtp import Clock, Inbox, patch_clock, serving

Visit = Callable[[str | None], Client]


@pytest.fixture
def visit(links: dict[str, IssuedLink], cast: dict[str, Member]) -> Visit:  # noqa: F811
    def make(name: str | None) -> Client:
        client = Client()
        if name in links:
            opened = client.get(reverse("survey:open", args=[links[name].token]))
            assert opened.status_code == 302, opened.content
        elif name is not None:
            client.force_login(cast[name].user)
            pass_second_factor(client, cast[name].user)
        return client

    return make


@pytest.fixture
def smtp(settings: Any) -> Iterator[Inbox]:
    """A real SMTP server on loopback that Django's mail goes to (:mod:`.smtp`)."""
    with serving(settings) as inbox:
        yield inbox


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The time Django sees, settable (:mod:`.smtp`)."""
    return patch_clock(monkeypatch)
