from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as sps

from aimonitor.stats import (
    Estimate,
    Estimates,
    EstimationError,
    LabelledEstimate,
    contrast,
    difference,
    differences,
    significant,
)

Z = sps.norm.ppf(0.975)


def wave(estimate: float, se: float, n: int, degf: int) -> Estimate:
    return Estimate(estimate, se, estimate - Z * se, estimate + Z * se, None, n, "wald", degf=degf)


def test_wave_difference_adds_variances_of_independent_samples() -> None:
    a = Estimate(0.6, 0.03, 0.5, 0.7, None, 120, "wald", degf=119)
    b = Estimate(0.5, 0.04, 0.4, 0.6, None, 110, "wald", degf=109)
    diff = difference(a, b)
    assert diff.estimate == pytest.approx(0.1, rel=1e-14)
    assert diff.se == pytest.approx(0.05, rel=1e-14)
    assert diff.ci_upper - diff.estimate == pytest.approx(Z * 0.05)
    assert diff.df is None
    assert (diff.n, diff.method, diff.degf) == (230, "difference", 228)


def test_a_difference_with_degrees_of_freedom_uses_the_t_quantile() -> None:
    a = Estimate(0.6, 0.03, 0.5, 0.7, None, 120, "wald", degf=119)
    b = Estimate(0.5, 0.04, 0.4, 0.6, None, 110, "wald", degf=109)
    with_t = difference(a, b, df=228)
    assert with_t.df == 228
    assert with_t.ci_upper - with_t.estimate == pytest.approx(sps.t.ppf(0.975, 228) * 0.05)


def test_a_share_of_zero_is_compared_with_the_uncertainty_of_its_interval_not_se_zero() -> None:
    # 0 of 111: design SE 0, published interval 0-3.33%; the other wave 1.9% with SE 1.4 points
    zero = Estimate(0.0, 0.0, 0.0, 0.0333, df=None, n=111, method="wilson", boundary=True)
    other = Estimate(0.019, 0.014, 0.005, 0.066, df=None, n=96, method="wilson")
    result = difference(zero, other)
    implied = 0.0333 / (2 * Z)
    assert result.se == pytest.approx(np.hypot(implied, 0.014), rel=1e-12)
    assert not significant(result)  # no significant change claimed


def test_a_positive_covariance_narrows_the_interval_of_a_difference() -> None:
    a, b = wave(0.40, 0.03, 100, 99), wave(0.50, 0.04, 100, 99)
    diff = difference(a, b, covariance=0.0006)
    assert diff.se == pytest.approx(math.sqrt(0.0009 + 0.0016 - 0.0012), rel=1e-12)
    assert diff.se < difference(a, b).se


def test_a_covariance_the_standard_errors_do_not_allow_is_refused() -> None:
    a, b = wave(0.40, 0.03, 100, 99), wave(0.50, 0.04, 100, 99)
    with pytest.raises(EstimationError, match="exceeds what the standard errors allow"):
        difference(a, b, covariance=0.002)


@pytest.mark.parametrize(
    ("a", "b", "covariance"),
    [
        (Estimate(0.4, -0.01, 0.3, 0.5, None, 10, "wald"), wave(0.5, 0.04, 10, 9), 0.0),
        (Estimate(0.4, math.nan, 0.3, 0.5, None, 10, "wald"), wave(0.5, 0.04, 10, 9), 0.0),
        (Estimate(math.nan, 0.01, 0.3, 0.5, None, 10, "wald"), wave(0.5, 0.04, 10, 9), 0.0),
        (wave(0.4, 0.03, 10, 9), wave(0.5, 0.04, 10, 9), math.nan),
    ],
    ids=["negative se", "NaN se", "NaN estimate", "NaN covariance"],
)
def test_a_difference_of_impossible_inputs_is_a_clear_error(
    a: Estimate, b: Estimate, covariance: float
) -> None:
    with pytest.raises(EstimationError):
        difference(a, b, covariance=covariance)


def test_a_difference_without_degrees_of_freedom_above_zero_is_refused() -> None:
    with pytest.raises(EstimationError, match="degrees of freedom"):
        difference(wave(0.4, 0.03, 10, 9), wave(0.5, 0.04, 10, 9), df=0)


def test_a_contrast_of_three_independent_estimates_weights_their_variances() -> None:
    # the middle group against the average of the outer two: 0.5 - (0.3 + 0.4) / 2 = 0.15
    low, mid, high = wave(0.3, 0.02, 50, 49), wave(0.5, 0.03, 60, 59), wave(0.4, 0.04, 70, 69)
    result = contrast([low, mid, high], [-0.5, 1.0, -0.5])
    variance = 0.25 * 0.02**2 + 0.03**2 + 0.25 * 0.04**2
    assert result.estimate == pytest.approx(0.15, rel=1e-14)
    assert result.se == pytest.approx(math.sqrt(variance), rel=1e-14)
    assert result.ci_lower == pytest.approx(0.15 - Z * math.sqrt(variance), rel=1e-12)
    assert result.n == 180


def test_a_contrast_with_a_covariance_matrix_is_c_prime_v_c() -> None:
    a, b = wave(0.40, 0.03, 100, 99), wave(0.50, 0.04, 100, 99)
    matrix = [[0.0009, 0.0006], [0.0006, 0.0016]]
    result = contrast([a, b], [2.0, 1.0], covariance=matrix)
    # 4 * 0.0009 + 0.0016 + 2 * 2 * 0.0006
    assert result.se == pytest.approx(math.sqrt(0.0036 + 0.0016 + 0.0024), rel=1e-12)
    assert result.estimate == pytest.approx(1.3, rel=1e-14)


def test_the_difference_is_the_contrast_one_minus_one() -> None:
    a, b = wave(0.40, 0.03, 100, 99), wave(0.50, 0.04, 100, 99)
    assert difference(a, b) == contrast([a, b], [1, -1])
    assert difference(a, b, covariance=0.0003) == contrast(
        [a, b], [1, -1], covariance=[[0.0009, 0.0003], [0.0003, 0.0016]]
    )


@pytest.mark.parametrize(
    ("coefficients", "covariance"),
    [
        ([1.0], None),
        ([1.0, -1.0], [[0.0009, 0.0]]),
        ([1.0, -1.0], [[0.0009, 0.0001], [0.0, 0.0016]]),
        ([1.0, math.inf], None),
    ],
    ids=["one coefficient for two", "matrix not square", "matrix not symmetric", "infinite"],
)
def test_a_contrast_that_does_not_fit_its_estimates_is_a_clear_error(
    coefficients: list[float], covariance: list[list[float]] | None
) -> None:
    a, b = wave(0.40, 0.03, 100, 99), wave(0.50, 0.04, 100, 99)
    with pytest.raises(EstimationError):
        contrast([a, b], coefficients, covariance=covariance)


@pytest.mark.parametrize(
    ("lower", "upper", "expected"),
    [
        (0.01, 0.2, True),
        (-0.2, -0.01, True),
        (0.0, 0.2, False),
        (-0.2, 0.0, False),
        (-0.1, 0.1, False),
    ],
)
def test_a_result_is_significant_only_when_its_interval_excludes_the_null(
    lower: float, upper: float, expected: bool
) -> None:
    estimate = Estimate((lower + upper) / 2, 0.05, lower, upper, None, 100, "difference")
    assert significant(estimate) is expected


def test_significance_can_be_tested_against_another_null_value() -> None:
    estimate = Estimate(0.6, 0.02, 0.56, 0.64, None, 100, "wilson")
    assert significant(estimate, null=0.5)
    assert not significant(estimate, null=0.6)


def test_wave_differences_with_summed_degrees_of_freedom_use_t() -> None:
    now = Estimates((LabelledEstimate("x", wave(0.6, 0.03, 120, 20)),))
    before = Estimates((LabelledEstimate("x", wave(0.5, 0.04, 110, 10)),))
    result = differences(now, before, df="sum").get("x")
    assert result.df == 30
    assert result.ci_upper - result.estimate == pytest.approx(sps.t.ppf(0.975, 30) * 0.05)


def test_wave_differences_need_the_same_rows_in_both_waves() -> None:
    now = Estimates((LabelledEstimate("x", wave(0.6, 0.03, 120, 20)),))
    before = Estimates((LabelledEstimate("y", wave(0.5, 0.04, 110, 10)),))
    with pytest.raises(EstimationError, match="do not match"):
        differences(now, before)
