"""The R-indicator and its partial indicators, against values worked out by hand and the
fitted propensities of R's glm."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from aimonitor.frame import Frame, Municipality, size_class_of
from aimonitor.indicators import WaveData
from aimonitor.indicators.errors import IndicatorError
from aimonitor.indicators.representativeness import (
    estimate_representativeness,
    fit_propensities,
)


def municipality(code: str, province: str, inhabitants: int) -> Municipality:
    return Municipality(code, code, province, inhabitants, size_class_of(inhabitants))


def frame_of(cells: list[tuple[str, int, int]]) -> Frame:
    """A frame with ``count`` municipalities of ``inhabitants`` in ``province`` per cell."""
    members, number = [], 0
    for province, inhabitants, count in cells:
        for _ in range(count):
            members.append(municipality(f"GM{number:04d}", province, inhabitants))
            number += 1
    return Frame(2024, tuple(members))


SMALL, MEDIUM = 10_000, 30_000  # size classes lt20k and 20k-50k


def test_one_province_gives_each_size_class_its_response_rate() -> None:
    # 10 small municipalities (4 respond) and 6 medium ones (all respond), one province.
    frame = frame_of([("Utrecht", SMALL, 10), ("Utrecht", MEDIUM, 6)])
    codes = ["GM0000", "GM0001", "GM0002", "GM0003"] + [f"GM{i:04d}" for i in range(10, 16)]
    result = estimate_representativeness(frame, codes)
    # Propensities 0.4 (10 times) and 1 (6 times): mean 10/16 = 0.625,
    # S^2 = (10 * 0.225^2 + 6 * 0.375^2) / 15 = 1.35 / 15 = 0.09, S = 0.3, R = 0.4.
    assert (result.population, result.respondents) == (16, 10)
    assert math.isclose(result.mean_propensity, 0.625, rel_tol=1e-12)
    assert math.isclose(result.propensity_sd, 0.3, rel_tol=1e-12)
    assert math.isclose(result.r_indicator, 0.4, rel_tol=1e-12)
    assert math.isclose(result.coefficient_of_variation, 0.3 / 0.625, rel_tol=1e-12)
    size = result.by_size_class
    # All of the spread lies between the size classes.
    assert math.isclose(size.unconditional, 0.3, rel_tol=1e-12)
    assert math.isclose(size.conditional, 0.3, rel_tol=1e-12)  # within the one province
    small, medium = size.categories
    assert (small.key, small.population, small.respondents) == ("lt20k", 10, 4)
    assert math.isclose(small.unconditional, math.sqrt(10 / 15) * (0.4 - 0.625), rel_tol=1e-12)
    assert math.isclose(medium.unconditional, math.sqrt(6 / 15) * (1 - 0.625), rel_tol=1e-12)
    assert result.by_province.unconditional == pytest.approx(0.0, abs=1e-15)
    assert result.by_province.conditional == pytest.approx(0.0, abs=1e-12)


def test_a_two_by_two_frame_where_the_main_effects_model_fits_exactly() -> None:
    # Response rates per (size class, province) cell, chosen so that the log-odds are
    # additive (0, ln 2, -ln 2, 0): the main-effects fit equals the observed rates.
    #            Utrecht        Zeeland
    #   small    2 of 4 (1/2)   4 of 6 (2/3)
    #   medium   2 of 6 (1/3)   2 of 4 (1/2)
    frame = frame_of(
        [
            ("Utrecht", SMALL, 4),
            ("Zeeland", SMALL, 6),
            ("Utrecht", MEDIUM, 6),
            ("Zeeland", MEDIUM, 4),
        ]
    )
    respond = {0: 2, 4: 4, 10: 2, 16: 2}  # first code of a cell -> respondents in it
    codes = [f"GM{start + i:04d}" for start, count in respond.items() for i in range(count)]
    result = estimate_representativeness(frame, codes)
    # Mean 1/2; S^2 = (12 * (1/6)^2) / 19 = 1/57.
    assert math.isclose(result.mean_propensity, 0.5, rel_tol=1e-12)
    assert math.isclose(result.propensity_sd, math.sqrt(1 / 57), rel_tol=1e-10)
    assert math.isclose(result.r_indicator, 1 - 2 / math.sqrt(57), rel_tol=1e-10)
    # Size-class means 0.6 and 0.4, province means 0.4 (Utrecht) and 0.6 (Zeeland):
    # between part (10 * 0.1^2 * 2) / 19 = 1/95; within part 2/15 / 19 = 2/285.
    for partial in (result.by_size_class, result.by_province):
        assert math.isclose(partial.unconditional, math.sqrt(1 / 95), rel_tol=1e-10)
        assert math.isclose(partial.conditional, math.sqrt(2 / 285), rel_tol=1e-10)
        assert partial.unconditional**2 + partial.conditional**2 == pytest.approx(1 / 57)
    small, medium = result.by_size_class.categories
    assert math.isclose(small.mean_propensity, 0.6, rel_tol=1e-10)
    assert math.isclose(small.unconditional, math.sqrt(10 / 19) * 0.1, rel_tol=1e-10)
    assert math.isclose(medium.unconditional, -math.sqrt(10 / 19) * 0.1, rel_tol=1e-10)
    # Small ones: 4 at 1/2 against Utrecht's 0.4, 6 at 2/3 against Zeeland's 0.6.
    assert math.isclose(
        small.conditional, math.sqrt((4 * 0.1**2 + 6 * (1 / 15) ** 2) / 19), rel_tol=1e-10
    )
    utrecht = next(c for c in result.by_province.categories if c.key == "Utrecht")
    assert (utrecht.population, utrecht.respondents) == (10, 4)
    assert math.isclose(utrecht.unconditional, -math.sqrt(10 / 19) * 0.1, rel_tol=1e-10)


def test_equal_response_everywhere_is_fully_representative() -> None:
    frame = frame_of([("Utrecht", SMALL, 4), ("Zeeland", SMALL, 4), ("Utrecht", MEDIUM, 4)])
    codes = ["GM0000", "GM0001", "GM0004", "GM0005", "GM0008", "GM0009"]
    result = estimate_representativeness(frame, codes)
    assert result.r_indicator == pytest.approx(1.0, abs=1e-12)


def test_the_propensities_of_the_demo_wave_meet_the_likelihood_equations(
    demo_waves: dict[int, WaveData], frame: Frame
) -> None:
    # At the maximum of a logistic likelihood with main effects, the fitted numbers of
    # respondents equal the observed ones in every size class and every province.
    codes = {r.code for r in demo_waves[2024].respondents}
    response = np.array([m.code in codes for m in frame.municipalities], dtype=float)
    size = np.array([m.size_class.code for m in frame.municipalities])
    province = np.array([m.province for m in frame.municipalities])
    fitted = fit_propensities(response, [size, province])
    assert np.all((fitted >= 0) & (fitted <= 1))
    for labels in (size, province):
        for key in set(labels.tolist()):
            chosen = labels == key
            assert fitted[chosen].sum() == pytest.approx(response[chosen].sum(), abs=1e-9)
    # The four largest cities all responded: their propensity is (the limit) 1.
    assert fitted[size == "ge250k"] == pytest.approx(1.0, abs=1e-12)
    result = estimate_representativeness(frame, sorted(codes))
    assert result.respondents == len(codes)
    assert math.isclose(result.mean_propensity, len(codes) / 342, rel_tol=1e-12)
    assert 0 < result.r_indicator < 1
    by_class = {c.key: c for c in result.by_size_class.categories}
    assert by_class["ge250k"].respondents == by_class["ge250k"].population == 4


def test_a_frame_of_one_municipality_has_no_r_indicator() -> None:
    with pytest.raises(IndicatorError, match="at least two"):
        estimate_representativeness(frame_of([("Utrecht", SMALL, 1)]), ["GM0000"])


# Fitted values of R's glm(family = binomial) for a 36-unit census (four size classes, three
# provinces), made by representativeness_reference.R, which the JSON embeds with the R version.
R_SCRIPT = Path(__file__).with_name("representativeness_reference.R")
R_REFERENCE = json.loads(R_SCRIPT.with_suffix(".json").read_text(encoding="utf-8"))

# Each reference case: the JSON key of R's fitted values and the factors of its formula.
# Both fit fit_propensities' interface (one label array per unit per factor). In the second,
# region is a coarsening of province, so its dummy is aliased (glm reports an NA coefficient
# and drops it); fit_propensities keeps it, and its least-squares Newton step on the singular
# Hessian reaches the same fitted values, so that case is kept too.
R_CASES = {
    "fitted_size_class_province": ("size_class", "province"),
    "fitted_size_class_province_region": ("size_class", "province", "region"),
}


def test_every_fitted_case_of_the_r_reference_is_checked() -> None:
    assert sorted(key for key in R_REFERENCE if key.startswith("fitted_")) == sorted(R_CASES)


@pytest.mark.parametrize("case", sorted(R_CASES))
def test_the_propensities_match_the_fitted_values_of_r_glm(case: str) -> None:
    response = np.array(R_REFERENCE["responded"], dtype=np.float64)
    factors = [np.array(R_REFERENCE[name]) for name in R_CASES[case]]
    fitted = fit_propensities(response, factors)
    np.testing.assert_allclose(fitted, R_REFERENCE[case], rtol=0, atol=1e-8)


def test_the_r_reference_embeds_the_script_that_made_it() -> None:
    assert R_REFERENCE["generator"].startswith("R version ")
    assert R_REFERENCE["script"] == R_SCRIPT.read_text(encoding="utf-8").splitlines()
