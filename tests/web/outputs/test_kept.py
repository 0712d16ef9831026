"""Results kept for every worker: made once in a background thread, read by everyone after,
a reader told to wait rather than kept past the worker timeout, and a failure said."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.core.cache import cache

from aimonitor.errors import AimonitorError
from aimonitor.web.outputs.kept import forget_kept, kept

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _in_the_background(settings: Any) -> None:
    settings.KEPT_IN_BACKGROUND = True
    settings.KEPT_WAIT_SECONDS = 1
    cache.clear()


def test_a_result_is_made_once_and_then_read_by_every_worker() -> None:
    made: list[int] = []

    def make() -> str:
        made.append(1)
        return "figures"

    assert kept(("figures", 1), make) == "figures"
    forget_kept()  # another worker: nothing in its memory, the shared cache has it
    assert kept(("figures", 1), make) == "figures"
    assert made == [1]
    assert kept(("figures", 2), make) == "figures"  # another key is made anew
    assert made == [1, 1]


def test_a_slow_result_lets_the_reader_go_and_is_there_for_the_next() -> None:
    release = threading.Event()

    def make() -> str:
        release.wait(10)
        return "slow figures"

    started = time.monotonic()
    assert kept(("slow",), make) is None  # not ready within the wait: the reader is told so
    assert time.monotonic() - started < 5
    assert kept(("slow",), lambda: "made twice") is None  # someone is making it: no second
    release.set()
    deadline = time.monotonic() + 10
    while (found := kept(("slow",), lambda: "made twice")) is None:
        assert time.monotonic() < deadline, "the result never arrived"
        time.sleep(0.1)
    assert found == "slow figures"


def test_a_failure_is_said_to_every_reader_for_a_while() -> None:
    tries: list[int] = []

    def make() -> str:
        tries.append(1)
        raise AimonitorError("the population frame 2024 has changed")

    with pytest.raises(AimonitorError, match="frame 2024 has changed"):
        kept(("broken",), make)
    with pytest.raises(AimonitorError, match="frame 2024 has changed"):
        kept(("broken",), make)
    assert tries == [1]


def test_a_result_is_made_in_the_language_of_the_reader_who_asked() -> None:
    from django.utils import translation

    with translation.override("en"):
        assert kept(("language", "en"), translation.get_language) == "en"
    with translation.override("nl"):
        assert kept(("language", "nl"), translation.get_language) == "nl"


def test_waits_in_a_row_share_one_deadline() -> None:
    release = threading.Event()

    def make() -> str:
        release.wait(10)
        return "late"

    deadline = time.monotonic() + 1
    started = time.monotonic()
    assert kept(("first",), make, deadline=deadline) is None
    assert kept(("second",), make, deadline=deadline) is None
    assert time.monotonic() - started < 2.5, "the second wait started its own second"
    release.set()
