"""Errors a caller of the fieldwork core can cause and fix."""

from __future__ import annotations

from aimonitor.errors import AimonitorError
from aimonitor.i18n import Text


class FieldworkError(AimonitorError):
    """A fieldwork setting cannot be used: a reminder cadence that is not a whole number of
    working days, a date outside the years the working-day calendar knows."""


class ContactFileError(FieldworkError):
    """A contact file cannot be read at all: not text, or without the required columns.

    Rows that are wrong one by one are not errors but :class:`RejectedRow` s of the import.
    ``reason`` says what is wrong in Dutch and English; the message (``str``) is the English.
    """

    def __init__(self, reason: Text) -> None:
        super().__init__(reason.en)
        self.reason = reason
