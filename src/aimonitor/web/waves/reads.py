"""Every database read of waves (``read_*``): the other apps and the commands ask here."""

from __future__ import annotations

import threading
import time

from aimonitor.errors import AimonitorError
from aimonitor.web.waves.models import Wave


def read_wave_years() -> list[int]:
    """The years of all waves, oldest first."""
    return list(Wave.objects.order_by("year").values_list("year", flat=True))


def read_wave(year: int) -> Wave:
    """The wave of ``year``; an unknown year is an error naming the known ones."""
    try:
        return Wave.objects.get(year=year)
    except Wave.DoesNotExist:
        known = ", ".join(str(y) for y in read_wave_years()) or "none (run 'aimonitor demo-data')"
        raise AimonitorError(f"unknown wave {year}; known waves: {known}") from None


def read_waves_until(year: int) -> list[Wave]:
    """The wave of ``year`` and every earlier wave, oldest first (an unknown year is an error)."""
    read_wave(year)
    return list(Wave.objects.filter(year__lte=year).order_by("year"))


def read_waves_newest_first() -> list[Wave]:
    return list(Wave.objects.order_by("-year"))


def read_holds_real_wave(year: int) -> bool:
    """Whether ``year`` has a wave of real (not synthetic) responses."""
    return Wave.objects.filter(year=year, is_synthetic=False).exists()


def read_is_published(year: int) -> bool:
    """Whether the wave of ``year`` is published: until then its outputs are not public
    (the embargo); an unknown year is not published."""
    return Wave.objects.filter(year=year, status=Wave.Status.PUBLISHED).exists()


def read_published_waves() -> list[Wave]:
    """The published waves, newest first, without their questionnaires (a wave's
    questionnaire is large JSON, and the lists that call this do not show it)."""
    return list(
        Wave.objects.filter(status=Wave.Status.PUBLISHED).defer("questionnaire").order_by("-year")
    )


def read_published_years() -> list[int]:
    """The years of the published waves, newest first (as :func:`read_published_ids`)."""
    return [year for year, _ in reversed(read_published_ids())]


PUBLISHED_SECONDS = 2.0
"""How long a worker trusts what it read of the published waves (:func:`read_published_ids`)."""

_published_ids: tuple[float, tuple[tuple[int, int], ...]] | None = None
_published_lock = threading.Lock()


def read_published_ids() -> tuple[tuple[int, int], ...]:
    """The year and id of every published wave, oldest first: what the public dashboard
    asks on every request (its pages are kept per publication). Read at most once every
    :data:`PUBLISHED_SECONDS` by a process, and again at once when this process saves or
    deletes a wave (:func:`forget_published_ids`); another worker sees a new publication
    within those seconds. Publishing cannot be undone (the embargo never comes back), so a
    worker's copy can only be late in showing a wave, never show one under embargo."""
    global _published_ids
    found = _published_ids
    if found is not None and time.monotonic() - found[0] < PUBLISHED_SECONDS:
        return found[1]
    with _published_lock:
        ids = tuple(
            Wave.objects.filter(status=Wave.Status.PUBLISHED)
            .order_by("year")
            .values_list("year", "pk")
        )
        _published_ids = (time.monotonic(), ids)
    return ids


def forget_published_ids(*_: object, **__: object) -> None:
    """Make the next :func:`read_published_ids` of this process read the database (a wave
    was saved or deleted here; tests, whose databases reuse ids)."""
    global _published_ids
    _published_ids = None
