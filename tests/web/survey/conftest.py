"""An open wave for the survey tests, last year's submitted answers, and personal links
for the shared cast (``tests/web/conftest.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from aimonitor.web.fieldwork.models import MunicipalResponse
from aimonitor.web.survey.links import IssuedLink, issue_link
from aimonitor.web.waves.models import Wave

from ..conftest import MUNICIPALITY_A, MUNICIPALITY_B, Member, make_wave, respond

LAST_YEAR_A = {"A4": 1, "B1": 2, "B2": [1, 3], "C4": 3}
"""Municipality A's submitted answers of wave 2024 (shown beside this year's questions)."""


@pytest.fixture
def open_wave(frame: None) -> Wave:
    """Wave 2025 (real), open until well after today; wave 2024 holds A's answers."""
    previous = make_wave(2024)
    respond(previous, [MUNICIPALITY_A], answers=LAST_YEAR_A)
    wave = make_wave(2025, frame_year=2025)
    wave.status = Wave.Status.OPEN
    wave.closes_on = dt.date.today() + dt.timedelta(days=30)
    wave.save()
    return wave


@pytest.fixture
def links(cast: dict[str, Member], open_wave: Wave) -> dict[str, IssuedLink]:
    """A personal link of the open wave for every municipal member of the cast: the
    coordinator of A, a contributor of A for theme ``vision``, a contributor of B."""
    return {
        "coordinator_a": issue_link(
            open_wave, MUNICIPALITY_A, cast["coordinator_a"].user, "coordinator"
        ),
        "contributor_a": issue_link(
            open_wave,
            MUNICIPALITY_A,
            cast["contributor_a"].user,
            "contributor",
            themes=["vision"],
        ),
        "contributor_b": issue_link(
            open_wave,
            MUNICIPALITY_B,
            cast["contributor_b"].user,
            "contributor",
            themes=["vision"],
        ),
    }


@pytest.fixture
def visit(links: dict[str, IssuedLink]) -> Callable[[str | None], Client]:
    """A browser of a member of the cast that opened their personal link (``None``: an
    anonymous visitor; ``researcher``: logged in, without a link)."""

    def make(name: str | None) -> Client:
        client = Client()
        if name in links:
            opened = client.get(reverse("survey:open", args=[links[name].token]))
            assert opened.status_code == 302, opened.content
        elif name is not None:
            from django.contrib.auth.models import User

            client.force_login(User.objects.get(username=name))
        return client

    return make


def response_of(wave: Wave, code: str) -> MunicipalResponse:
    return MunicipalResponse.objects.get(wave=wave, municipality__code=code)


@pytest.fixture(autouse=True)
def _fresh_rate_limits(db: None) -> None:
    """Rate limits count per minute in the cache, which outlives a test: every test starts
    with none counted (the test clients share one address)."""
    from django.core.cache import cache

    cache.clear()
