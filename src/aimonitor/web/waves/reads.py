"""Every database read of waves (``read_*``): the other apps and the commands ask here."""

from __future__ import annotations

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
    """The years of the published waves, newest first."""
    return list(
        Wave.objects.filter(status=Wave.Status.PUBLISHED)
        .order_by("-year")
        .values_list("year", flat=True)
    )
