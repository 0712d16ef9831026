from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as sps

from aimonitor.stats.intervals import wilson
from aimonitor.stats.quantiles import weighted_quantile


def test_wilson_interval_matches_the_closed_form_for_half_of_a_hundred() -> None:
    z = sps.norm.ppf(0.975)
    lower, upper = wilson(np.array([0.5]), np.array([100.0]), np.array([z]))
    half = z * np.sqrt(0.25 / 100 + z**2 / 40000) / (1 + z**2 / 100)
    assert lower[0] == pytest.approx(0.5 - half, rel=1e-14)
    assert upper[0] == pytest.approx(0.5 + half, rel=1e-14)


def test_the_math_rule_median_of_equal_weights_is_the_middle_value() -> None:
    x = np.array([5.0, 1.0, 3.0, 4.0, 2.0])
    assert weighted_quantile(x, np.ones(5), 0.5, "math") == 3.0


def test_the_hf7_rule_with_equal_weights_is_type_7() -> None:
    x = np.array([1.0, 2.0, 3.0, 4.0])
    assert weighted_quantile(x, np.ones(4), 0.5, "hf7") == pytest.approx(np.quantile(x, 0.5))


def test_everyone_answering_gives_a_proportion_without_sampling_error() -> None:
    from aimonitor.stats import design_from_arrays, proportion

    census = design_from_arrays(fpc=np.full(10, 10.0))
    answers = np.array([1.0, 1, 1, 0, 0, 0, 0, 0, 0, 0])
    result = proportion(census, answers, names=["x"]).get("x", level="1")
    assert result.estimate == pytest.approx(0.3)
    assert (result.ci_lower, result.ci_upper) == (pytest.approx(0.3), pytest.approx(0.3))
    assert result.note is not None
    assert "every unit" in result.note
