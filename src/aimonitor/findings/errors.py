"""Errors a caller of the findings engine can cause and fix."""

from __future__ import annotations

from aimonitor.errors import AimonitorError


class FindingError(AimonitorError):
    """A finding cannot be formed from the given estimates (wrong kind, bad parameters)."""
