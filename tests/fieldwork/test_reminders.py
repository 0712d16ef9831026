"""When a person who has not answered is reminded: a simulated spring of daily runs.

The dates are worked out by hand on the 2026 calendar: Good Friday 3 April is a working
day; Easter Monday 6 April, Koningsdag Monday 27 April, Bevrijdingsdag Tuesday 5 May and
Hemelvaartsdag Thursday 14 May are not. The wave of these tests invites on Wednesday
1 April and closes on Monday 18 May, so the last call (two working days before closing,
Friday 15th and, skipping Ascension Day, Wednesday 13th) is on Wednesday 13 May.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

import pytest

from aimonitor.errors import AimonitorError
from aimonitor.fieldwork import (
    FieldworkError,
    ReminderCadence,
    ReminderKind,
    due_reminder,
    last_call_day,
    reminder_due,
    reminder_schedule,
)

INVITED = date(2026, 4, 1)
CLOSES = date(2026, 5, 18)
DEFAULT = ReminderCadence()


def due(
    today: date,
    sent: list[date],
    *,
    invited_on: date = INVITED,
    closes_on: date | None = CLOSES,
    cadence: ReminderCadence = DEFAULT,
) -> ReminderKind | None:
    """The reminder due ``today`` in the wave of these tests."""
    return due_reminder(
        today, invited_on=invited_on, closes_on=closes_on, reminders_sent=sent, cadence=cadence
    )


def simulate(
    cadence: ReminderCadence = DEFAULT,
    *,
    invited_on: date = INVITED,
    closes_on: date | None = CLOSES,
    job_down: Collection[date] = (),
    runs_per_day: int = 1,
) -> list[date]:
    """Run the reminders job every day of April to June 2026 (except ``job_down``), as
    often as ``runs_per_day``, and return the days a reminder was sent."""
    sent: list[date] = []
    day = date(2026, 4, 1)
    while day <= date(2026, 6, 30):
        for _run in range(runs_per_day if day not in job_down else 0):
            if reminder_due(
                day,
                invited_on=invited_on,
                closes_on=closes_on,
                reminders_sent=sent,
                cadence=cadence,
            ):
                sent.append(day)
        day += timedelta(days=1)
    return sent


def test_the_default_cadence_reminds_three_times_and_gives_a_last_call() -> None:
    # first: 7 working days after 1 April = 2, 3 (Good Friday), 7, 8, 9, 10, 13 April;
    # then 5 working days on: 14..17, 20 April; then 21..24, (27 Koningsdag) 28 April
    assert simulate() == [
        date(2026, 4, 13),
        date(2026, 4, 20),
        date(2026, 4, 28),
        date(2026, 5, 13),
    ]


def test_running_the_job_several_times_a_day_sends_nothing_more() -> None:
    assert simulate(runs_per_day=3) == simulate()


def test_a_job_that_did_not_run_for_days_catches_up_with_one_reminder() -> None:
    down = {date(2026, 4, 8) + timedelta(days=n) for n in range(9)}  # 8 to 16 April
    # due since 13 April, sent when the job runs again on Friday 17th; five working days on
    # is Friday 24th; then (Koningsdag) 28, 29, 30 April, 1 and 4 May
    assert simulate(job_down=down) == [
        date(2026, 4, 17),
        date(2026, 4, 24),
        date(2026, 5, 4),
        date(2026, 5, 13),
    ]


def test_no_regular_reminder_comes_within_five_working_days_before_the_last_call() -> None:
    down = {date(2026, 4, 8) + timedelta(days=n) for n in range(9)}
    # a fourth reminder would be due on 12 May (5 May is Bevrijdingsdag: 6, 7, 8, 11, 12),
    # one day before the last call: it is left to the last call
    assert simulate(ReminderCadence(max_reminders=5), job_down=down) == [
        date(2026, 4, 17),
        date(2026, 4, 24),
        date(2026, 5, 4),
        date(2026, 5, 13),
    ]


def test_more_regular_reminders_come_until_the_last_call() -> None:
    # the fourth on 6 May (29, 30 April, 1, 4, then Bevrijdingsdag, 6 May); a fifth would be
    # due on 13 May, the day of the last call, which it is
    assert simulate(ReminderCadence(max_reminders=5)) == [
        date(2026, 4, 13),
        date(2026, 4, 20),
        date(2026, 4, 28),
        date(2026, 5, 6),
        date(2026, 5, 13),
    ]


def test_without_a_closing_day_the_regular_reminders_stop_at_the_maximum() -> None:
    assert simulate(closes_on=None) == [date(2026, 4, 13), date(2026, 4, 20), date(2026, 4, 28)]


def test_a_cadence_without_last_call_sends_only_the_regular_reminders() -> None:
    cadence = ReminderCadence(last_call_before_close=0)
    assert simulate(cadence) == [date(2026, 4, 13), date(2026, 4, 20), date(2026, 4, 28)]


def test_a_cadence_of_only_a_last_call() -> None:
    assert simulate(ReminderCadence(max_reminders=0)) == [date(2026, 5, 13)]


def test_the_schedule_shows_what_the_daily_job_sends() -> None:
    assert reminder_schedule(INVITED, CLOSES, DEFAULT) == [
        date(2026, 4, 13),
        date(2026, 4, 20),
        date(2026, 4, 28),
        date(2026, 5, 13),
    ]
    assert reminder_schedule(INVITED, None, DEFAULT) == [
        date(2026, 4, 13),
        date(2026, 4, 20),
        date(2026, 4, 28),
    ]


def test_no_reminder_goes_out_after_the_closing_day() -> None:
    # closing on Friday 10 April: the first reminder (13 April) would come too late; the
    # last call is two working days before: Wednesday 8 April
    closes = date(2026, 4, 10)
    assert reminder_schedule(INVITED, closes, DEFAULT) == [date(2026, 4, 8)]
    assert due(date(2026, 4, 13), [date(2026, 4, 8)], closes_on=closes) is None


def test_a_missed_last_call_still_goes_out_on_the_closing_day_but_not_after() -> None:
    sent = [date(2026, 4, 13), date(2026, 4, 20), date(2026, 4, 28)]
    assert due(CLOSES, sent) is ReminderKind.LAST_CALL
    assert due(CLOSES + timedelta(days=1), sent) is None


def test_the_command_can_tell_a_regular_reminder_from_the_last_call() -> None:
    assert due(date(2026, 4, 13), []) is ReminderKind.REGULAR
    assert due(date(2026, 5, 13), [date(2026, 4, 13)]) is ReminderKind.LAST_CALL
    assert last_call_day(INVITED, CLOSES, DEFAULT) == date(2026, 5, 13)


def test_no_reminder_on_a_weekend_or_holiday_even_when_one_is_due() -> None:
    sent = [date(2026, 4, 13), date(2026, 4, 20)]  # the third is due from 28 April
    for day in (date(2026, 5, 2), date(2026, 5, 3), date(2026, 5, 5)):  # Sat, Sun, 5 May
        assert due(day, sent) is None
    assert due(date(2026, 5, 4), sent) is ReminderKind.REGULAR


def test_a_person_invited_late_gets_the_last_call_before_a_first_reminder() -> None:
    # invited Friday 8 May: the first reminder (7 working days on) would be after closing
    assert reminder_schedule(date(2026, 5, 8), CLOSES, DEFAULT) == [date(2026, 5, 13)]


def test_a_person_invited_on_the_last_calls_day_gets_no_reminder() -> None:
    assert reminder_schedule(date(2026, 5, 13), CLOSES, DEFAULT) == []


def test_no_reminder_on_the_day_of_the_invitation() -> None:
    assert due(INVITED, [], cadence=ReminderCadence(first_after=1)) is None
    assert due(date(2026, 4, 2), [], cadence=ReminderCadence(first_after=1)) is not None


def test_a_new_invitation_starts_the_reminders_afresh() -> None:
    # invited again on Monday 20 April: seven working days on is 21..24, 28, 29, 30 April
    earlier = [date(2026, 4, 13)]
    assert due(date(2026, 4, 29), earlier, invited_on=date(2026, 4, 20)) is None
    assert due(date(2026, 4, 30), earlier, invited_on=date(2026, 4, 20)) is not None


def test_reminders_given_in_any_order_or_twice_count_once() -> None:
    sent = [date(2026, 4, 20), date(2026, 4, 13), date(2026, 4, 20)]
    assert due(date(2026, 4, 24), sent) is None
    assert due(date(2026, 4, 28), sent) is ReminderKind.REGULAR


def test_the_research_teams_closing_days_count_as_no_working_days() -> None:
    closed = {date(2026, 4, 13)}
    assert reminder_schedule(INVITED, None, DEFAULT, extra_closed=closed)[0] == date(2026, 4, 14)


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("first_after", 0),
        ("every", 0),
        ("every", -5),
        ("max_reminders", -1),
        ("last_call_before_close", -2),
        ("every", 2.5),
        ("max_reminders", True),
    ],
)
def test_a_cadence_that_is_not_a_whole_number_of_working_days_is_refused(
    setting: str, value: object
) -> None:
    with pytest.raises(FieldworkError, match=f"{setting} must be a whole number") as info:
        ReminderCadence(**{setting: value})  # type: ignore[arg-type]
    assert isinstance(info.value, AimonitorError)
