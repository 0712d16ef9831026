"""Dutch working days: the days a municipal civil servant can be expected to read mail.

A working day is Monday to Friday and not a public holiday of the municipalities. The
holidays are those of the cao Gemeenten (the collective agreement of municipal staff; since
the cao Gemeenten 2023, article 6.6):

- Nieuwjaarsdag (1 January);
- Eerste and Tweede Paasdag (Easter Sunday and Monday);
- Koningsdag (27 April, or Saturday 26 April when the 27th is a Sunday);
- Bevrijdingsdag (5 May) **every year**: the cao Gemeenten 2023 made it a paid day off for all
  municipal staff, not only in the lustrum years (2025, 2030, …) as many other agreements do;
- Hemelvaartsdag (Ascension, Easter + 39 days);
- Eerste and Tweede Pinksterdag (Whit Sunday and Monday, Easter + 49 and + 50 days);
- Eerste and Tweede Kerstdag (25 and 26 December).

**Goede Vrijdag (Good Friday) is a working day.** It is a national holiday in name only: the
cao Gemeenten does not list it, and municipalities generally work on it. A municipality or
the research team that closes on it (or on the days between Christmas and New Year, a common
collective closing) passes those days as ``extra_closed``.

A holiday on a Saturday or Sunday is not moved to a weekday (the Netherlands has no
substitute days). In 2016 Hemelvaartsdag fell on 5 May: the one date has both names.

Koningsdag has been 27 April since 2014 (before, Koninginnedag was 30 April); the calendar
knows the years from :data:`FIRST_YEAR` on and refuses earlier dates rather than guess.
Easter follows the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from functools import cache

from aimonitor.fieldwork.errors import FieldworkError
from aimonitor.i18n import Text

FIRST_YEAR = 2014
"""The first year the calendar knows: Koningsdag has been 27 April since 2014."""

_DAY = timedelta(days=1)


def easter_sunday(year: int) -> date:
    """Easter Sunday of ``year`` in the Gregorian calendar (the anonymous algorithm)."""
    golden = year % 19  # the year's place in the 19-year lunar cycle
    century, year_of_century = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    moon_correction = (century - (century + 8) // 25 + 1) // 3
    epact = (19 * golden + century - leap_centuries - moon_correction + 15) % 30
    leap_years, year_rest = divmod(year_of_century, 4)
    weekday = (32 + 2 * century_rest + 2 * leap_years - epact - year_rest) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    return date(year, month, day + 1)


def _check_year(year: int) -> None:
    if year < FIRST_YEAR:
        raise FieldworkError(
            f"the working-day calendar starts in {FIRST_YEAR} (Koningsdag on 27 April); "
            f"got a date in {year}"
        )


@cache
def _holidays(year: int) -> tuple[tuple[date, Text], ...]:
    _check_year(year)
    easter = easter_sunday(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:  # Sunday: celebrated on Saturday the 26th
        kings_day = date(year, 4, 26)
    named = [
        (date(year, 1, 1), Text.translated("New Year's Day")),
        (easter, Text.translated("Easter Sunday")),
        (easter + _DAY, Text.translated("Easter Monday")),
        (kings_day, Text.translated("King's Day")),
        (date(year, 5, 5), Text.translated("Liberation Day")),
        (easter + 39 * _DAY, Text.translated("Ascension Day")),
        (easter + 49 * _DAY, Text.translated("Whit Sunday")),
        (easter + 50 * _DAY, Text.translated("Whit Monday")),
        (date(year, 12, 25), Text.translated("Christmas Day")),
        (date(year, 12, 26), Text.translated("Boxing Day")),
    ]
    holidays: dict[date, Text] = {}
    for day, name in sorted(named, key=lambda pair: pair[0]):
        if day in holidays:
            name = Text.translated("{first} and {second}").format(first=holidays[day], second=name)
        holidays[day] = name
    return tuple(holidays.items())


def dutch_public_holidays(year: int) -> dict[date, Text]:
    """The municipalities' public holidays of ``year``, in date order, with their names.

    Weekend holidays (Easter and Whit Sunday always) are included; Good Friday is not (see the
    module's documentation). :class:`FieldworkError` for a year before :data:`FIRST_YEAR`.
    """
    return dict(_holidays(year))


def is_working_day(day: date, extra_closed: Collection[date] = ()) -> bool:
    """Whether ``day`` is Monday to Friday, not a public holiday and not in ``extra_closed``."""
    holidays = _holidays(day.year)  # first: a year the calendar does not know is refused
    if day.weekday() >= 5 or day in extra_closed:
        return False
    return all(holiday != day for holiday, _name in holidays)


def next_working_day(day: date, extra_closed: Collection[date] = ()) -> date:
    """The first working day after ``day`` (never ``day`` itself)."""
    return add_working_days(day, 1, extra_closed)


def add_working_days(day: date, n: int, extra_closed: Collection[date] = ()) -> date:
    """The day ``n`` working days after ``day``, or ``-n`` working days before it when ``n``
    is negative; ``day`` itself when ``n`` is 0 (working day or not).

    Only the days after (or before) ``day`` are counted: from Friday 24 April 2026, one
    working day on is Tuesday 28 April (the weekend, then Koningsdag on Monday the 27th).
    """
    step = _DAY if n >= 0 else -_DAY
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day, extra_closed):
            remaining -= 1
    return day
