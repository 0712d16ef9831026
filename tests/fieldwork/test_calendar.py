"""Dutch working days: the municipalities' public holidays, weekends and closing days.

Expected dates are worked out by hand from a calendar (1 January 2026 is a Thursday) and
from the published Easter dates.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from aimonitor.errors import AimonitorError
from aimonitor.fieldwork import (
    FieldworkError,
    add_working_days,
    dutch_public_holidays,
    easter_sunday,
    is_working_day,
    next_working_day,
)
from aimonitor.i18n import Text


@pytest.mark.parametrize(
    "easter",
    [
        date(2016, 3, 27),
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
        date(2038, 4, 25),  # the latest possible date
        date(2285, 3, 22),  # the earliest possible date
    ],
)
def test_easter_falls_on_its_published_date(easter: date) -> None:
    assert easter_sunday(easter.year) == easter


def test_the_holidays_of_2026_are_the_ten_days_of_the_cao_gemeenten() -> None:
    assert dutch_public_holidays(2026) == {
        date(2026, 1, 1): Text(nl="Nieuwjaarsdag", en="New Year's Day"),
        date(2026, 4, 5): Text(nl="Eerste Paasdag", en="Easter Sunday"),
        date(2026, 4, 6): Text(nl="Tweede Paasdag", en="Easter Monday"),
        date(2026, 4, 27): Text(nl="Koningsdag", en="King's Day"),
        date(2026, 5, 5): Text(nl="Bevrijdingsdag", en="Liberation Day"),
        date(2026, 5, 14): Text(nl="Hemelvaartsdag", en="Ascension Day"),
        date(2026, 5, 24): Text(nl="Eerste Pinksterdag", en="Whit Sunday"),
        date(2026, 5, 25): Text(nl="Tweede Pinksterdag", en="Whit Monday"),
        date(2026, 12, 25): Text(nl="Eerste Kerstdag", en="Christmas Day"),
        date(2026, 12, 26): Text(nl="Tweede Kerstdag", en="Boxing Day"),
    }


def test_good_friday_is_a_working_day_for_municipalities() -> None:
    assert is_working_day(date(2026, 4, 3))


def test_liberation_day_is_a_day_off_also_outside_lustrum_years() -> None:
    assert not is_working_day(date(2026, 5, 5))  # a Tuesday; 2026 is not a lustrum year
    assert not is_working_day(date(2025, 5, 5))  # a Monday


def test_kings_day_moves_to_saturday_26_april_when_the_27th_is_a_sunday() -> None:
    assert date(2025, 4, 26) in dutch_public_holidays(2025)
    assert date(2025, 4, 27) not in dutch_public_holidays(2025)
    assert date(2014, 4, 26) in dutch_public_holidays(2014)  # the first Koningsdag
    assert is_working_day(date(2025, 4, 28))  # no Monday off in its place


def test_a_day_with_two_holidays_carries_both_names() -> None:
    holidays = dutch_public_holidays(2016)  # Easter 27 March: Ascension on 5 May
    assert holidays[date(2016, 5, 5)] == Text(
        nl="Bevrijdingsdag en Hemelvaartsdag", en="Liberation Day and Ascension Day"
    )
    assert len(holidays) == 9


def test_2026_has_254_working_days() -> None:
    # 365 days from a Thursday: 52 weeks and one Thursday, 261 weekdays; seven holidays fall
    # on a weekday (1 Jan, 6 Apr, 27 Apr, 5 May, 14 May, 25 May, 25 Dec), 26 Dec is a Saturday
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(365)]
    assert sum(is_working_day(day) for day in days) == 254


def test_weekends_are_not_working_days() -> None:
    assert not is_working_day(date(2026, 6, 6))  # Saturday
    assert not is_working_day(date(2026, 6, 7))  # Sunday
    assert is_working_day(date(2026, 6, 8))


def test_one_working_day_after_the_friday_before_kings_day_is_tuesday() -> None:
    assert add_working_days(date(2026, 4, 24), 1) == date(2026, 4, 28)


def test_working_days_are_counted_across_easter() -> None:
    # Thursday 2 April + Good Friday (1) + Easter weekend and Monday skipped + Tuesday (2)
    assert add_working_days(date(2026, 4, 2), 2) == date(2026, 4, 7)


def test_counting_back_skips_ascension_day() -> None:
    # two working days before Monday 18 May 2026: Friday 15th, then Wednesday 13th
    assert add_working_days(date(2026, 5, 18), -2) == date(2026, 5, 13)


def test_adding_no_working_days_keeps_the_day_even_on_a_sunday() -> None:
    assert add_working_days(date(2026, 4, 5), 0) == date(2026, 4, 5)


def test_the_next_working_day_after_christmas_eve_is_the_monday_after_christmas() -> None:
    assert next_working_day(date(2026, 12, 24)) == date(2026, 12, 28)


def test_the_next_working_day_is_never_the_day_itself() -> None:
    assert next_working_day(date(2026, 6, 8)) == date(2026, 6, 9)


def test_closing_days_between_christmas_and_new_year_are_skipped_into_the_next_year() -> None:
    closed = {date(2026, 12, day) for day in (28, 29, 30, 31)}
    assert not is_working_day(date(2026, 12, 29), closed)
    # 1 January 2027 (a Friday) is a holiday, then the weekend
    assert next_working_day(date(2026, 12, 24), closed) == date(2027, 1, 4)


def test_a_year_before_koningsdag_existed_is_refused_not_guessed() -> None:
    with pytest.raises(FieldworkError, match="starts in 2014") as info:
        is_working_day(date(2013, 4, 30))
    assert isinstance(info.value, AimonitorError)
