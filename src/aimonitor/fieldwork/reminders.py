"""When a person who has not answered is due a reminder: pure rules, no sending.

The reminders command asks :func:`due_reminder` (or :func:`reminder_due`) once a day for
every invited person who has not answered, sends what is due and records the date it sent.
Everything follows from the invitation date, the closing date and the dates already sent, so
running the command twice on one day, or again after a day it did not run, never sends more
than the rules allow.

The rules (:class:`ReminderCadence` holds the numbers; all counts are working days,
:mod:`aimonitor.fieldwork.calendar`):

1. A reminder goes out only on a working day, never on the day of the invitation or before
   it, never after the closing day (``closes_on`` is the last day answers are taken, and a
   reminder may still go out on it), and never twice on one day.
2. **Regular reminders**, at most ``max_reminders``: the first ``first_after`` working days
   after the invitation, each next one ``every`` working days after the previous one was
   *sent*. A reminder is due from its date on, so a job that did not run for a few days sends
   ONE reminder when it runs again, and the next one counts from that day.
3. **The last call**, one "last chance" reminder ``last_call_before_close`` working days
   before the closing day, **on top of** the ``max_reminders`` regular ones (0: no last call;
   no closing day: no last call). It goes out to everyone invited before its day, however
   many regular reminders they had. A regular reminder goes out only while the last call is
   at least ``every`` working days away; one that falls due later is left to the last call,
   so no one gets a regular reminder and the last call within fewer than ``every`` working
   days. A last call missed by a job that did not run goes out on a later day up to and
   including the closing day.
4. Only reminders sent on or after ``invited_on`` count: a person invited again starts afresh.
   The reminders sent from the last call's day on are taken as the last call (if the
   closing day is moved later, a last call already sent counts as a regular reminder and a
   new last call goes out before the new closing day).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta
from enum import StrEnum

from aimonitor.fieldwork.calendar import add_working_days, is_working_day
from aimonitor.fieldwork.errors import FieldworkError


class ReminderKind(StrEnum):
    """Which reminder is due: the command words them differently."""

    REGULAR = "regular"
    LAST_CALL = "last_call"


@dataclass(frozen=True)
class ReminderCadence:
    """How often a person who has not answered is reminded; every number counts working days.

    With the defaults: a first reminder 7 working days after the invitation, then every 5
    working days, at most 3, and a last call 2 working days before the closing day, so at most
    four reminders in all.
    """

    first_after: int = 7
    """Working days from the invitation to the first reminder (at least 1)."""
    every: int = 5
    """Working days between two reminders (at least 1)."""
    max_reminders: int = 3
    """Regular reminders at most, the last call not counted (0: only the last call)."""
    last_call_before_close: int = 2
    """Working days before the closing day of the one last call (0: no last call)."""

    def __post_init__(self) -> None:
        least = {"first_after": 1, "every": 1, "max_reminders": 0, "last_call_before_close": 0}
        for field in fields(self):
            value = getattr(self, field.name)
            minimum = least[field.name]
            if type(value) is not int or value < minimum:
                raise FieldworkError(
                    f"reminder cadence: {field.name} must be a whole number of at least "
                    f"{minimum}, got {value!r}"
                )


def last_call_day(
    invited_on: date,
    closes_on: date | None,
    cadence: ReminderCadence,
    extra_closed: Collection[date] = (),
) -> date | None:
    """The working day of the last call to a person invited on ``invited_on``:
    ``last_call_before_close`` working days before ``closes_on``. None without a closing day,
    when the cadence has no last call, or when the person was invited on that day or later."""
    if closes_on is None or cadence.last_call_before_close == 0:
        return None
    day = add_working_days(closes_on, -cadence.last_call_before_close, extra_closed)
    return day if day > invited_on else None


def due_reminder(
    today: date,
    *,
    invited_on: date,
    closes_on: date | None,
    reminders_sent: Sequence[date],
    cadence: ReminderCadence,
    extra_closed: Collection[date] = (),
) -> ReminderKind | None:
    """The reminder due ``today`` for a person invited on ``invited_on`` who has not answered
    and was reminded on the dates ``reminders_sent`` (any order), or None (the module's
    documentation has the rules)."""
    if today <= invited_on or (closes_on is not None and today > closes_on):
        return None
    if not is_working_day(today, extra_closed):
        return None
    sent = sorted({day for day in reminders_sent if day >= invited_on})
    if sent and sent[-1] >= today:
        return None  # already sent today (or a date still to come: send nothing)
    last_call = last_call_day(invited_on, closes_on, cadence, extra_closed)
    if last_call is not None and today >= last_call:
        already = any(day >= last_call for day in sent)
        return None if already else ReminderKind.LAST_CALL
    regular = [day for day in sent if last_call is None or day < last_call]
    if len(regular) >= cadence.max_reminders:
        return None
    if regular:
        next_on = add_working_days(regular[-1], cadence.every, extra_closed)
    else:
        next_on = add_working_days(invited_on, cadence.first_after, extra_closed)
    if today < next_on:
        return None
    if last_call is not None and add_working_days(today, cadence.every, extra_closed) > last_call:
        return None  # the last call comes within `every` working days: wait for it
    return ReminderKind.REGULAR


def reminder_due(
    today: date,
    *,
    invited_on: date,
    closes_on: date | None,
    reminders_sent: Sequence[date],
    cadence: ReminderCadence,
    extra_closed: Collection[date] = (),
) -> bool:
    """Whether a reminder (regular or the last call) is due ``today``: :func:`due_reminder`
    is not None."""
    return (
        due_reminder(
            today,
            invited_on=invited_on,
            closes_on=closes_on,
            reminders_sent=reminders_sent,
            cadence=cadence,
            extra_closed=extra_closed,
        )
        is not None
    )


def reminder_schedule(
    invited_on: date,
    closes_on: date | None,
    cadence: ReminderCadence,
    extra_closed: Collection[date] = (),
) -> list[date]:
    """The working days on which reminders go out to a person who never answers, when the
    command runs every day: the regular reminders and the last call, in date order.

    It is :func:`due_reminder` asked day after day, so the cockpit shows what the command
    does. Without a closing day it ends with the last regular reminder.
    """
    last_call = last_call_day(invited_on, closes_on, cadence, extra_closed)
    sent: list[date] = []
    day = invited_on
    while True:
        day += timedelta(days=1)
        if closes_on is not None and day > closes_on:
            return sent
        if last_call is None and len(sent) >= cadence.max_reminders:
            return sent  # no last call to wait for
        if last_call is not None and sent and sent[-1] >= last_call:
            return sent  # the last call went out: nothing comes after it
        if due_reminder(
            day,
            invited_on=invited_on,
            closes_on=closes_on,
            reminders_sent=sent,
            cadence=cadence,
            extra_closed=extra_closed,
        ):
            sent.append(day)
