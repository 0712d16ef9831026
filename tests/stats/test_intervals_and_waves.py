from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as sps

from aimonitor.stats import Estimate, difference
from aimonitor.stats.intervals import wilson
from aimonitor.stats.quantiles import weighted_quantile


def test_wilson_interval_matches_the_closed_form_for_half_of_a_hundred() -> None:
    z = sps.norm.ppf(0.975)
    lower, upper = wilson(np.array([0.5]), np.array([100.0]), np.array([z]))
    half = z * np.sqrt(0.25 / 100 + z**2 / 40000) / (1 + z**2 / 100)
    assert lower[0] == pytest.approx(0.5 - half, rel=1e-14)
    assert upper[0] == pytest.approx(0.5 + half, rel=1e-14)


def test_wave_difference_adds_variances_of_independent_samples() -> None:
    a = Estimate(0.6, 0.03, 0.5, 0.7, None, 120, "wald", degf=119)
    b = Estimate(0.5, 0.04, 0.4, 0.6, None, 110, "wald", degf=109)
    diff = difference(a, b)
    assert diff.estimate == pytest.approx(0.1, rel=1e-14)
    assert diff.se == pytest.approx(0.05, rel=1e-14)
    assert diff.ci_upper - diff.estimate == pytest.approx(sps.norm.ppf(0.975) * 0.05)
    with_t = difference(a, b, df="sum")
    assert with_t.df == 228


def test_the_math_rule_median_of_equal_weights_is_the_middle_value() -> None:
    x = np.array([5.0, 1.0, 3.0, 4.0, 2.0])
    assert weighted_quantile(x, np.ones(5), 0.5, "math") == 3.0


def test_the_hf7_rule_with_equal_weights_is_type_7() -> None:
    x = np.array([1.0, 2.0, 3.0, 4.0])
    assert weighted_quantile(x, np.ones(4), 0.5, "hf7") == pytest.approx(np.quantile(x, 0.5))
