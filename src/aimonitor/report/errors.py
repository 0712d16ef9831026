"""Errors of the report a user can fix (bad input), shown as one line by the command."""

from __future__ import annotations

from aimonitor.errors import AimonitorError


class ReportError(AimonitorError):
    """The report cannot be built or written; the message says what to fix."""
