"""Errors a user of the indicators layer can cause (bad wave data, unknown municipalities)."""

from __future__ import annotations

from aimonitor.errors import AimonitorError


class IndicatorError(AimonitorError):
    """A wave cannot be estimated as given; the message names the respondent or variable."""
