"""Errors a user of the statistics core can cause (bad data, bad designs, impossible margins)."""

from __future__ import annotations

from aimonitor.errors import AimonitorError


class StatsError(AimonitorError):
    """Base class of every expected error raised by :mod:`aimonitor.stats`."""


class DesignError(StatsError):
    """The survey design cannot be built: bad weights, strata, PSUs or fpc."""


class CalibrationError(StatsError):
    """Weighting is impossible: an empty cell, a missing level, totals that do not add up."""


class ConvergenceError(CalibrationError):
    """Raking or calibration did not converge within the iteration limit."""


class EstimationError(StatsError):
    """An estimate cannot be computed (e.g. a domain without respondents)."""
