"""The pure logic of the research team's fieldwork tools: contact lists, working days,
reminders.

The web views and the reminders command call it; it reads no database and does not import
Django. :mod:`~aimonitor.fieldwork.contacts` imports the contact persons of the
municipalities from a CSV file, :mod:`~aimonitor.fieldwork.calendar` knows the Dutch
municipalities' working days, and :mod:`~aimonitor.fieldwork.reminders` says when a person
who has not answered is due a reminder.
"""

from aimonitor.fieldwork.calendar import (
    add_working_days,
    dutch_public_holidays,
    easter_sunday,
    is_working_day,
    next_working_day,
)
from aimonitor.fieldwork.contacts import (
    Contact,
    ContactImport,
    ContactRole,
    RejectedRow,
    build_contact_import,
    is_email_address,
    load_contact_import,
)
from aimonitor.fieldwork.errors import ContactFileError, FieldworkError
from aimonitor.fieldwork.reminders import (
    ReminderCadence,
    ReminderKind,
    due_reminder,
    last_call_day,
    reminder_due,
    reminder_schedule,
)

__all__ = [
    "Contact",
    "ContactFileError",
    "ContactImport",
    "ContactRole",
    "FieldworkError",
    "RejectedRow",
    "ReminderCadence",
    "ReminderKind",
    "add_working_days",
    "build_contact_import",
    "due_reminder",
    "dutch_public_holidays",
    "easter_sunday",
    "is_email_address",
    "is_working_day",
    "last_call_day",
    "load_contact_import",
    "next_working_day",
    "reminder_due",
    "reminder_schedule",
]
