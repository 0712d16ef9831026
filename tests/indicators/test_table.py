"""The one suppression rule, applied when a row of the estimate table is made."""

from __future__ import annotations

import math

from aimonitor.indicators.table import MIN_RESPONDENTS, is_suppressed
from aimonitor.stats import Estimate


def share(n: int, lower: float = 0.2, upper: float = 0.8) -> Estimate:
    return Estimate(0.5, 0.1, lower, upper, n - 1.0, n, "wilson")


def test_a_figure_on_fewer_than_five_municipalities_is_suppressed() -> None:
    assert MIN_RESPONDENTS == 5
    assert is_suppressed(share(4))
    assert not is_suppressed(share(5))


def test_a_figure_without_a_finite_interval_is_suppressed_whatever_its_n() -> None:
    # a mean in a domain of one respondent: df = 0, interval (−∞, ∞)
    assert is_suppressed(share(200, -math.inf, math.inf), min_n=1)


def test_the_minimum_can_be_set_by_the_caller() -> None:
    assert not is_suppressed(share(3), min_n=3)
    assert is_suppressed(share(9), min_n=10)
