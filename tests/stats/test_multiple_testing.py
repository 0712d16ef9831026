"""Welch degrees of freedom, p-values and false discovery rate control of differences."""

from __future__ import annotations

import numpy as np
import pytest

from aimonitor import stats
from aimonitor.stats import Estimate


def share(p: float, se: float, n: int) -> Estimate:
    return Estimate(p, se, p - 2 * se, p + 2 * se, float(n - 1), n, "wilson", degf=n - 1)


def test_benjamini_hochberg_adjusts_as_r_p_adjust_does() -> None:
    raw = np.array([0.001, 0.04, 0.03, 0.2, 0.049, 0.5, 0.0001, 0.04])
    # R 4.2: p.adjust(c(0.001, 0.04, 0.03, 0.2, 0.049, 0.5, 0.0001, 0.04), "BH")
    expected = [0.004, 0.064, 0.064, 0.22857142857142856, 0.06533333333333333, 0.5, 0.0008, 0.064]
    assert stats.benjamini_hochberg(raw) == pytest.approx(expected, rel=1e-15)


def test_a_change_gets_welch_degrees_of_freedom_and_its_p_value() -> None:
    change = stats.difference(share(0.5, 0.03, 100), share(0.4, 0.04, 100), df="welch")
    # (0.03^2 + 0.04^2)^2 / (0.03^4 / 99 + 0.04^4 / 99) = 183.6053412
    assert change.df == pytest.approx(183.6053412, rel=1e-9)
    assert change.p_value == pytest.approx(0.046974292750057926, rel=1e-12)  # 2*pt(-2, df) in R


def test_a_normal_difference_has_the_normal_p_value() -> None:
    change = stats.difference(share(0.5, 0.03, 100), share(0.4, 0.04, 100))
    assert change.df is None
    assert change.p_value == pytest.approx(0.045500263896358424, rel=1e-12)  # 2*pnorm(-2)


def test_welch_degrees_of_freedom_lie_between_the_smaller_side_and_the_sum() -> None:
    small, large = share(0.3, 0.08, 12), share(0.5, 0.02, 200)
    df = stats.welch_df([small, large], [1.0, -1.0])
    assert df is not None
    assert 11 <= df <= 11 + 199


def test_a_change_significant_on_its_own_is_not_claimed_in_a_family_of_null_changes() -> None:
    claimed = stats.difference(share(0.5, 0.03, 100), share(0.4, 0.04, 100), df="welch")
    nulls = [
        stats.difference(share(0.5, 0.03, 100), share(0.5 - k * 0.001, 0.04, 100), df="welch")
        for k in range(20)
    ]
    assert stats.significant(claimed)  # raw: the interval excludes 0 (p = 0.047)
    family = stats.control_fdr([claimed, *nulls])
    assert family[0].p_value == claimed.p_value
    assert family[0].p_adjusted == pytest.approx(min(1.0, 0.046974292750057926 * 21))
    assert not stats.significant(family[0])


def test_a_strong_change_stays_significant_after_fdr_control() -> None:
    strong = stats.difference(share(0.7, 0.03, 100), share(0.4, 0.04, 100), df="welch")
    nulls = [stats.difference(share(0.5, 0.03, 100), share(0.5, 0.04, 100)) for _ in range(5)]
    assert stats.significant(stats.control_fdr([strong, *nulls])[0])


def test_fdr_control_needs_every_p_value() -> None:
    with pytest.raises(stats.EstimationError, match="p-value"):
        stats.control_fdr([share(0.5, 0.03, 100)])
