from __future__ import annotations

import numpy as np
import pytest

from aimonitor.stats import (
    CalibrationError,
    ConvergenceError,
    Design,
    Margin,
    calibrate,
    design_from_arrays,
    mean,
    poststratify,
    rake,
)

SIZE = {"a": 9.0, "b": 11.0}
PROVINCE = {"x": 12.0, "y": 8.0}


def test_poststratification_reproduces_the_cell_totals(
    census: tuple[Design, np.ndarray, np.ndarray],
) -> None:
    design, size, _ = census
    weighted = poststratify(design, Margin("size", size, SIZE))
    assert weighted.weights[size == "a"].sum() == pytest.approx(9.0, rel=1e-14)
    assert weighted.weights[size == "b"].sum() == pytest.approx(11.0, rel=1e-14)
    assert design.weights.tolist() == [2.5] * 8  # the input design is unchanged


def test_raking_converges_to_both_margins(census: tuple[Design, np.ndarray, np.ndarray]) -> None:
    design, size, province = census
    raked = rake(design, [Margin("size", size, SIZE), Margin("province", province, PROVINCE)])
    for labels, totals in ((size, SIZE), (province, PROVINCE)):
        for level, target in totals.items():
            assert raked.weights[labels == level].sum() == pytest.approx(target, rel=1e-12)


def test_raking_stops_with_a_clear_error_when_a_margin_level_is_absent(
    census: tuple[Design, np.ndarray, np.ndarray],
) -> None:
    design, size, _ = census
    with pytest.raises(CalibrationError, match="level 'c' has no respondents"):
        rake(design, [Margin("size", size, {**SIZE, "c": 1.0})])


def test_a_level_in_the_data_without_a_population_total_is_an_error(
    census: tuple[Design, np.ndarray, np.ndarray],
) -> None:
    design, size, _ = census
    with pytest.raises(CalibrationError, match="'b' occurs in the data"):
        poststratify(design, Margin("size", size, {"a": 20.0}))


def test_margins_whose_totals_do_not_add_up_are_refused(
    census: tuple[Design, np.ndarray, np.ndarray],
) -> None:
    design, size, province = census
    with pytest.raises(CalibrationError, match="do not add up"):
        rake(design, [Margin("size", size, SIZE), Margin("province", province, {"x": 1, "y": 1})])


def test_impossible_margins_raise_a_convergence_error() -> None:
    design = design_from_arrays(fpc=np.full(4, 10.0))
    a = ["p", "p", "q", "q"]
    b = ["u", "u", "v", "v"]  # b is a copy of a, but the totals disagree
    with pytest.raises(ConvergenceError, match="did not converge"):
        rake(design, [Margin("a", a, {"p": 5, "q": 5}), Margin("b", b, {"u": 2, "v": 8})], maxit=50)


def test_linear_calibration_to_one_margin_equals_poststratification(
    census: tuple[Design, np.ndarray, np.ndarray],
) -> None:
    design, size, _ = census
    y = np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0])
    post = poststratify(design, Margin("size", size, SIZE))
    cal = calibrate(design, [Margin("size", size, SIZE)], calfun="linear")
    np.testing.assert_allclose(cal.weights, post.weights, rtol=1e-13)
    a, b = mean(post, y).get("v1"), mean(cal, y).get("v1")
    assert a.se == pytest.approx(b.se, rel=1e-12)


def test_rake_with_greg_variance_equals_raking_calibration(
    census: tuple[Design, np.ndarray, np.ndarray],
) -> None:
    design, size, province = census
    margins = [Margin("size", size, SIZE), Margin("province", province, PROVINCE)]
    y = np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0])
    raked = mean(rake(design, margins, variance="greg"), y).get("v1")
    calibrated = mean(calibrate(design, margins, calfun="raking"), y).get("v1")
    assert raked.estimate == pytest.approx(calibrated.estimate, rel=1e-12)
    assert raked.se == pytest.approx(calibrated.se, rel=1e-10)


def test_calibration_reaching_negative_weights_is_refused() -> None:
    design = design_from_arrays(weights=np.ones(4))
    with pytest.raises(CalibrationError, match="negative"):
        calibrate(design, numeric={"x": ([0.0, 0.0, 0.0, 10.0], -50.0)}, population_size=4)
