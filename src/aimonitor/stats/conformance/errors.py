"""Errors of the R conformance harness: a malformed spec or data file."""

from __future__ import annotations

from aimonitor.stats import StatsError


class SpecError(StatsError):
    """An estimation spec (JSON) or its data is malformed; the message names the case and the
    field."""
