from __future__ import annotations

import math
from typing import Literal

import numpy as np
import pytest
from scipy import stats as sps

from aimonitor.stats import (
    Design,
    EstimationError,
    StatsError,
    design_effect,
    design_from_arrays,
    mean,
    proportion,
    total,
)


def test_srs_mean_and_se_match_the_textbook_formula(srs4: Design) -> None:
    # s^2 = 5/3, V = (1 - 4/10) * s^2 / 4 = 0.25
    result = mean(srs4, [[1.0], [2.0], [3.0], [4.0]], names=["y"], df="normal").get("y")
    assert result.estimate == pytest.approx(2.5, rel=1e-14)
    assert result.se == pytest.approx(0.5, rel=1e-14)
    assert result.ci_lower == pytest.approx(2.5 - sps.norm.ppf(0.975) * 0.5, rel=1e-14)
    assert result.n == 4


def test_srs_total_is_n_times_the_mean_with_n_times_the_se(srs4: Design) -> None:
    result = total(srs4, [1.0, 2.0, 3.0, 4.0], names=["y"]).get("y")
    assert result.estimate == pytest.approx(25.0, rel=1e-14)
    assert result.se == pytest.approx(5.0, rel=1e-14)
    assert result.df == 3


def test_a_nan_means_not_in_the_base_and_gives_the_domain_estimate(
    census: tuple[Design, np.ndarray, np.ndarray],
) -> None:
    design, size, _ = census
    y = np.array([1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0])
    routed = np.where(size == "a", y, np.nan)
    by_nan = mean(design, routed, names=["y"]).get("y")
    by_domain = mean(design, y, names=["y"], by=size).get("y", domain="a")
    assert by_nan == by_domain
    assert by_nan.n == 4
    assert by_nan.df == 3


def test_vectorised_columns_equal_one_column_at_a_time(
    census: tuple[Design, np.ndarray, np.ndarray],
) -> None:
    design, size, _ = census
    matrix = np.array([[1, 5], [0, 3], [1, 4], [1, 1], [0, 2], [0, 2], [1, 5], [1, 4.0]])
    together = mean(design, matrix, names=["a", "b"], by=size)
    for j, name in enumerate(["a", "b"]):
        alone = mean(design, matrix[:, j], names=[name], by=size)
        for domain in ("a", "b"):
            assert together.get(name, domain=domain) == alone.get(name, domain=domain)


def test_proportion_of_zero_gets_the_documented_boundary_interval_not_nan(srs4: Design) -> None:
    result = proportion(srs4, [0.0, 0.0, 0.0, 0.0], names=["x"], method="beta").get("x", level="1")
    assert result.estimate == 0.0
    assert result.se == 0.0
    # Clopper-Pearson with n = 4 respondents and 0 successes: upper = 1 - 0.025^(1/4)
    assert result.ci_lower == 0.0
    assert result.ci_upper == pytest.approx(1 - 0.025**0.25, rel=1e-12)
    assert result.note is not None


def test_proportion_of_one_with_wilson_uses_n_respondents(srs4: Design) -> None:
    result = proportion(srs4, np.ones(4), names=["x"]).get("x", level="1")
    t2 = sps.t.ppf(0.975, 3) ** 2
    assert result.ci_lower == pytest.approx(4 / (4 + t2), rel=1e-12)
    assert result.ci_upper == 1.0  # exactly: the estimate may never fall outside its interval
    assert not math.isnan(result.ci_lower)


def test_a_domain_with_one_respondent_has_df_zero_and_the_whole_range(
    census: tuple[Design, np.ndarray, np.ndarray],
) -> None:
    design, _, _ = census
    domain = np.array(["one"] + ["rest"] * 7)
    y = np.array([1.0, 0, 1, 0, 1, 0, 1, 0])
    share = proportion(design, y, names=["y"], by=domain, method="logit").get(
        "y", level="1", domain="one"
    )
    assert (share.n, share.df, share.ci_lower, share.ci_upper) == (1, 0.0, 0.0, 1.0)
    assert "df = 0" in (share.note or "")
    average = mean(design, y, names=["y"], by=domain).get("y", domain="one")
    assert (average.ci_lower, average.ci_upper) == (-math.inf, math.inf)


def test_an_unknown_proportion_method_is_an_error_naming_the_choices(srs4: Design) -> None:
    with pytest.raises(StatsError, match=r"unknown proportion CI method 'exact'.*wilson"):
        proportion(srs4, np.ones(4), method="exact")


def test_proportions_refuse_values_other_than_zero_and_one(srs4: Design) -> None:
    with pytest.raises(EstimationError, match="0/1"):
        proportion(srs4, [0.0, 2.0, 1.0, 0.0])


def test_a_variable_without_respondents_in_a_domain_is_an_error(srs4: Design) -> None:
    with pytest.raises(EstimationError, match="no respondents"):
        mean(srs4, [np.nan, np.nan, 1.0, 2.0], by=["a", "a", "b", "b"])


@pytest.mark.parametrize("kind", ["mean", "total"])
def test_the_design_effect_of_a_simple_random_sample_is_one(
    srs4: Design, kind: Literal["mean", "total"]
) -> None:
    values = [[1.0, 2.0], [2.0, 4.0], [3.0, 1.0], [4.0, 7.0]]
    effects = design_effect(srs4, values, names=["a", "b"], kind=kind)
    assert effects == {"a": pytest.approx(1.0, rel=1e-12), "b": pytest.approx(1.0, rel=1e-12)}


def test_two_clusters_of_alike_members_have_a_design_effect_of_three_and_three_quarters() -> None:
    # mean 2; influence values +-5/20 sum to PSU totals -0.5 and 0.5, variance 2 * 0.5 = 1;
    # SRS: 4/3 * (mean squared deviation 1) * (20 - 4) / (20 * 4) = 4/15; 1 / (4/15) = 3.75
    design = design_from_arrays(weights=np.full(4, 5.0), ids=["a", "a", "b", "b"])
    effect = design_effect(design, [1.0, 1.0, 3.0, 3.0], names=["y"])
    assert effect == {"y": pytest.approx(3.75, rel=1e-12)}


def test_a_design_effect_from_given_estimates_is_the_hand_computed_one() -> None:
    # The two-cluster design above (deff 3.75 by hand), with the variance taken from the
    # estimates' SE instead of being computed again; 8-bit values are the same numbers.
    design = design_from_arrays(weights=np.full(4, 5.0), ids=["a", "a", "b", "b"])
    values = np.array([[1], [1], [3], [3]], dtype=np.int8)
    means = mean(design, values, names=["y"])
    assert means.get("y").se == pytest.approx(1.0, rel=1e-12)
    effect = design_effect(design, values, names=["y"], estimates=means)
    assert effect == {"y": pytest.approx(3.75, rel=1e-12)}
    by_domain = mean(design, values, names=["y"], by=["u", "v", "u", "v"])
    with pytest.raises(EstimationError, match="no domains"):
        design_effect(design, values, names=["y"], estimates=by_domain)
