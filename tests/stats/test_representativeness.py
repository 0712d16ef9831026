"""The R-indicator and partial R-indicators of a census, against hand computation and R.

Hand examples are small enough to work out on paper (the working is in the comments). The
two-variable reference ``representativeness_reference.json`` holds R's ``glm`` fitted values,
made by ``representativeness_reference.R`` (beside this file; the JSON carries the same script
text and the R version). Regenerate from ``tests/stats`` with
``Rscript representativeness_reference.R representativeness_reference.json``.
"""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from aimonitor.errors import AimonitorError
from aimonitor.stats import (
    EstimationError,
    PartialIndicator,
    Representativeness,
    StatsError,
    estimate_representativeness,
)

HERE = Path(__file__).parent
REFERENCE = json.loads((HERE / "representativeness_reference.json").read_text(encoding="utf-8"))

# One variable: 6 small municipalities (2 respond) and 4 large ones (3 respond), with the
# categories interleaved so that "small" appears first.
S, L = "small", "large"
ONE_SIZE = [S, L, S, S, L, S, L, S, L, S]
ONE_RESPONDED = [True, True, False, False, True, True, False, False, True, False]

# Two variables whose cell response rates are additive in the logit, so the main-effects
# maximum likelihood fit is the cell rates themselves (the saturated fit lies in the model):
#   cell (a, x): 2 units, 1 responds -> 1/2 (logit 0)
#   cell (a, y): 3 units, 2 respond  -> 2/3 (logit  log 2)
#   cell (b, x): 3 units, 1 responds -> 1/3 (logit -log 2)
#   cell (b, y): 2 units, 1 responds -> 1/2 (logit 0)
# logit = 0 - log 2 [b] + log 2 [y]: additive.
TWO_A = ["a", "a", "a", "a", "a", "b", "b", "b", "b", "b"]
TWO_B = ["x", "x", "y", "y", "y", "x", "x", "x", "y", "y"]
TWO_RESPONDED = [True, False, True, True, False, True, False, False, True, False]
TWO_RHO = [1 / 2, 1 / 2, 2 / 3, 2 / 3, 2 / 3, 1 / 3, 1 / 3, 1 / 3, 1 / 2, 1 / 2]


def no_warnings(
    responded: Sequence[bool], auxiliaries: Mapping[str, Sequence[str]]
) -> Representativeness:
    """Estimate with every warning turned into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return estimate_representativeness(responded, auxiliaries)


def assert_score_equations_hold(
    result: Representativeness,
    responded: Sequence[bool],
    auxiliaries: Mapping[str, Sequence[str]],
    tolerance: float,
) -> None:
    """At the maximum likelihood estimate of a logistic model with an intercept and the
    dummies of every variable, X'(y - mu) = 0: in every category of every variable the
    fitted propensities add up to the observed respondents, and over all units too."""
    assert sum(result.propensities) == pytest.approx(sum(responded), abs=tolerance)
    for values in auxiliaries.values():
        for category in set(values):
            members = [i for i, value in enumerate(values) if value == category]
            observed = sum(responded[i] for i in members)
            fitted = sum(result.propensities[i] for i in members)
            assert fitted == pytest.approx(observed, abs=tolerance), category


def partials_by_definition(
    rho: Sequence[float], auxiliaries: Mapping[str, Sequence[str]], variable: str
) -> dict[str | None, tuple[float, float]]:
    """(P_U, P_C) of ``variable`` and of each category, straight from the definitions (sums
    over units in plain Python, dividing by N), from the given propensities."""
    n = len(rho)
    mean = sum(rho) / n
    values = auxiliaries[variable]
    others = [name for name in auxiliaries if name != variable]
    cell_of = [tuple(auxiliaries[name][i] for name in others) for i in range(n)]
    cell_mean = {
        cell: sum(rho[i] for i in range(n) if cell_of[i] == cell) / cell_of.count(cell)
        for cell in set(cell_of)
    }
    result: dict[str | None, tuple[float, float]] = {}
    between = within = 0.0
    for category in dict.fromkeys(values):
        members = [i for i in range(n) if values[i] == category]
        category_mean = sum(rho[i] for i in members) / len(members)
        squares = sum((rho[i] - cell_mean[cell_of[i]]) ** 2 for i in members)
        between += len(members) * (category_mean - mean) ** 2
        within += squares
        result[category] = (
            math.sqrt(len(members) / n) * (category_mean - mean),
            math.sqrt(squares / n),
        )
    result[None] = (math.sqrt(between / n), math.sqrt(within / n))
    return result


def test_one_variable_gives_each_category_its_response_rate_and_r_by_hand() -> None:
    result = no_warnings(ONE_RESPONDED, {"size_class": ONE_SIZE})
    # Propensities: small 2/6 = 1/3, large 3/4; mean (6/3 + 4 * 3/4) / 10 = 5/10 = 1/2.
    expected = [1 / 3 if s == "small" else 3 / 4 for s in ONE_SIZE]
    assert result.propensities == pytest.approx(expected, abs=1e-14)
    assert (result.population, result.respondents) == (10, 5)
    assert result.mean_propensity == pytest.approx(0.5, abs=1e-14)
    # S^2 = (6 (1/3 - 1/2)^2 + 4 (3/4 - 1/2)^2) / 9 = (1/6 + 1/4) / 9 = 5/108.
    assert result.propensity_sd == pytest.approx(math.sqrt(5 / 108), rel=1e-13)
    assert result.r_indicator == pytest.approx(1 - 2 * math.sqrt(5 / 108), rel=1e-13)
    # CV = S / mean = 2 sqrt(5/108).
    assert result.coefficient_of_variation == pytest.approx(2 * math.sqrt(5 / 108), rel=1e-13)


def test_one_variable_partials_by_hand_with_conditional_equal_to_unconditional() -> None:
    result = no_warnings(ONE_RESPONDED, {"size_class": ONE_SIZE})
    # P_U^2 = (6 (1/6)^2 + 4 (1/4)^2) / 10 = (1/6 + 1/4) / 10 = 1/24.
    # P_U(small) = sqrt(6/10) (1/3 - 1/2) = -sqrt(0.6)/6; P_U(large) = sqrt(0.4)/4.
    # With one auxiliary the other variables form one cell (everybody), whose mean is the
    # overall mean: P_C(X) = P_U(X) and P_C(X=k) = |P_U(X=k)|.
    variable = result.partial("size_class")
    assert variable == PartialIndicator(
        "size_class", None, variable.unconditional, variable.conditional, 10, 5
    )
    assert variable.unconditional == pytest.approx(math.sqrt(1 / 24), rel=1e-13)
    assert variable.conditional == pytest.approx(math.sqrt(1 / 24), rel=1e-13)
    small = result.partial("size_class", "small")
    large = result.partial("size_class", "large")
    assert (small.population, small.respondents) == (6, 2)
    assert (large.population, large.respondents) == (4, 3)
    assert small.unconditional == pytest.approx(-math.sqrt(0.6) / 6, rel=1e-13)
    assert large.unconditional == pytest.approx(math.sqrt(0.4) / 4, rel=1e-13)
    assert small.conditional == pytest.approx(math.sqrt(0.6) / 6, rel=1e-13)
    assert large.conditional == pytest.approx(math.sqrt(0.4) / 4, rel=1e-13)


def test_partials_list_each_variable_first_then_its_categories_in_order_of_appearance() -> None:
    result = no_warnings(TWO_RESPONDED, {"B": TWO_B, "A": TWO_A})
    assert [(p.variable, p.category) for p in result.partials] == [
        ("B", None),
        ("B", "x"),
        ("B", "y"),
        ("A", None),
        ("A", "a"),
        ("A", "b"),
    ]
    with pytest.raises(KeyError):
        result.partial("A", "c")
    with pytest.raises(KeyError):
        result.partial("province")


def test_an_additive_two_by_two_census_is_fitted_by_its_cell_rates() -> None:
    result = no_warnings(TWO_RESPONDED, {"A": TWO_A, "B": TWO_B})
    assert result.propensities == pytest.approx(TWO_RHO, abs=1e-14)
    # mean 5/10 = 1/2; only the 6 units of (a, y) and (b, x) deviate, by 1/6 each:
    # S^2 = 6 (1/6)^2 / 9 = 1/54, R = 1 - 2/sqrt(54), CV = 2/sqrt(54).
    assert result.propensity_sd == pytest.approx(1 / math.sqrt(54), rel=1e-13)
    assert result.r_indicator == pytest.approx(1 - 2 / math.sqrt(54), rel=1e-13)
    assert result.coefficient_of_variation == pytest.approx(2 / math.sqrt(54), rel=1e-13)


def test_two_variable_partials_by_hand() -> None:
    result = no_warnings(TWO_RESPONDED, {"A": TWO_A, "B": TWO_B})
    # A: rates a 3/5, b 2/5 (5 units each). P_U(A)^2 = (5 (0.1)^2 + 5 (0.1)^2) / 10 = 0.01;
    # P_U(A=a) = sqrt(1/2) 0.1, P_U(A=b) = -sqrt(1/2) 0.1. B: x 2/5, y 3/5, the same values.
    # P_C(A): within the cells of B. Cell x: (a, x) 2 units at 1/2, (b, x) 3 at 1/3, mean 2/5:
    # squares 2 (1/10)^2 + 3 (1/15)^2 = 1/50 + 1/75 = 1/30; cell y likewise 1/30.
    # P_C(A)^2 = (1/30 + 1/30) / 10 = 1/150; category a: (a, x) 1/50 + (a, y) 1/75 = 1/30,
    # P_C(A=a)^2 = 1/300, and the same for b. B is the mirror image.
    for variable, low, high in (("A", "b", "a"), ("B", "x", "y")):
        whole = result.partial(variable)
        assert whole.unconditional == pytest.approx(0.1, rel=1e-12)
        assert whole.conditional == pytest.approx(math.sqrt(1 / 150), rel=1e-12)
        under = result.partial(variable, low)
        over = result.partial(variable, high)
        assert under.unconditional == pytest.approx(-math.sqrt(0.5) * 0.1, rel=1e-12)
        assert over.unconditional == pytest.approx(math.sqrt(0.5) * 0.1, rel=1e-12)
        assert under.conditional == pytest.approx(math.sqrt(1 / 300), rel=1e-12)
        assert over.conditional == pytest.approx(math.sqrt(1 / 300), rel=1e-12)
        assert (under.population, under.respondents, over.respondents) == (5, 2, 3)


def reference_auxiliaries(*names: str) -> dict[str, list[str]]:
    return {name: REFERENCE[name] for name in names}


def test_the_fitted_propensities_match_r_glm() -> None:
    auxiliaries = reference_auxiliaries("size_class", "province")
    result = no_warnings(REFERENCE["responded"], auxiliaries)
    # R's fit converged with epsilon 1e-15 (the script): equal to rounding
    assert result.propensities == pytest.approx(REFERENCE["fitted_size_class_province"], abs=1e-13)


def test_an_aliased_variable_is_dropped_from_the_model_as_r_does() -> None:
    # region is a coarsening of province: its dummy is in the span of the province dummies,
    # R reports an NA coefficient, and the fitted values do not change.
    auxiliaries = reference_auxiliaries("size_class", "province", "region")
    result = no_warnings(REFERENCE["responded"], auxiliaries)
    # R's fit stopped at epsilon 1e-12 (its QR misses the alias below that): 1e-10
    expected = REFERENCE["fitted_size_class_province_region"]
    assert result.propensities == pytest.approx(expected, abs=1e-10)
    # Within the cells of size class and province, region does not vary: no conditional part.
    assert result.partial("region").conditional == pytest.approx(0.0, abs=1e-12)


def test_the_fit_solves_the_score_equations() -> None:
    for names in (("size_class", "province"), ("size_class", "province", "region")):
        auxiliaries = reference_auxiliaries(*names)
        result = no_warnings(REFERENCE["responded"], auxiliaries)
        assert_score_equations_hold(result, REFERENCE["responded"], auxiliaries, 1e-10)
        # so the mean propensity is the response rate, 21/36
        assert sum(REFERENCE["responded"]) == 21
        assert result.mean_propensity == pytest.approx(21 / 36, abs=1e-12)


def test_r_and_the_partials_from_r_fitted_values_by_their_definitions() -> None:
    auxiliaries = reference_auxiliaries("size_class", "province")
    result = no_warnings(REFERENCE["responded"], auxiliaries)
    rho = REFERENCE["fitted_size_class_province"]
    n = len(rho)
    mean = sum(rho) / n
    sd = math.sqrt(sum((r - mean) ** 2 for r in rho) / (n - 1))
    assert result.propensity_sd == pytest.approx(sd, rel=1e-11)
    assert result.r_indicator == pytest.approx(1 - 2 * sd, rel=1e-11)
    assert result.coefficient_of_variation == pytest.approx(sd / mean, rel=1e-11)
    for variable in auxiliaries:
        for category, (unconditional, conditional) in partials_by_definition(
            rho, auxiliaries, variable
        ).items():
            row = result.partial(variable, category)
            assert row.unconditional == pytest.approx(unconditional, rel=1e-10, abs=1e-13)
            assert row.conditional == pytest.approx(conditional, rel=1e-10, abs=1e-13)


def test_the_squares_of_the_category_partials_add_up_to_the_variable_partial() -> None:
    auxiliaries = reference_auxiliaries("size_class", "province")
    result = no_warnings(REFERENCE["responded"], auxiliaries)
    for variable in auxiliaries:
        whole = result.partial(variable)
        categories = [p for p in result.partials if p.variable == variable and p.category]
        assert sum(p.unconditional**2 for p in categories) == pytest.approx(
            whole.unconditional**2, rel=1e-12
        )
        assert sum(p.conditional**2 for p in categories) == pytest.approx(
            whole.conditional**2, rel=1e-12
        )
        assert sum(p.population for p in categories) == whole.population == 36
        assert sum(p.respondents for p in categories) == whole.respondents == 21


def test_an_under_represented_category_has_a_negative_unconditional_partial() -> None:
    auxiliaries = reference_auxiliaries("size_class", "province")
    result = no_warnings(REFERENCE["responded"], auxiliaries)
    # Overall 21/36 = 0.583. <20k: 6 of 14 = 0.429 (under), >=100k: 4 of 5 = 0.8 (over),
    # south: 5 of 12 = 0.417 (under), north and middle: 8 of 12 = 0.667 (over).
    for variable, category, sign in (
        ("size_class", "<20k", -1),
        ("size_class", ">=100k", 1),
        ("province", "south", -1),
        ("province", "north", 1),
        ("province", "middle", 1),
    ):
        row = result.partial(variable, category)
        assert math.copysign(1, row.unconditional) == sign, (variable, category)
        assert row.conditional > 0
    # P_U(size_class = <20k) = sqrt(14/36) (6/14 - 21/36), since the fit reproduces the rate
    assert result.partial("size_class", "<20k").unconditional == pytest.approx(
        math.sqrt(14 / 36) * (6 / 14 - 21 / 36), rel=1e-11
    )


@pytest.mark.parametrize("everyone", [False, True], ids=["nonresponse", "response"])
def test_a_category_where_all_or_none_responded_goes_to_0_or_1_without_warning(
    everyone: bool,
) -> None:
    # The additive 2 x 2 census plus a category c of A (3 units) in which nobody (everybody)
    # responded. c's coefficient runs off to -inf (+inf): no finite maximum. In the limit
    # c's propensities are 0 (1) and the other units are fitted as without c, by their
    # additive cell rates.
    responded = [*TWO_RESPONDED, everyone, everyone, everyone]
    auxiliaries = {"A": [*TWO_A, "c", "c", "c"], "B": [*TWO_B, "x", "y", "y"]}
    result = no_warnings(responded, auxiliaries)
    limit = 1.0 if everyone else 0.0
    assert result.propensities == pytest.approx([*TWO_RHO, limit, limit, limit], abs=1e-9)
    assert_score_equations_hold(result, responded, auxiliaries, 1e-9)
    # P_U(A=c) = sqrt(3/13) (limit - 8/13) with 8 (or 5) respondents of 13
    rate = (5 + 3 * everyone) / 13
    assert result.partial("A", "c").unconditional == pytest.approx(
        math.sqrt(3 / 13) * (limit - rate), abs=1e-9
    )


def test_a_variable_that_separates_respondents_completely_fits_0_and_1() -> None:
    # a: 3 units, all respond; b: 4 units, none. Propensities 1, 1, 1, 0, 0, 0, 0; mean 3/7.
    # S^2 = (3 (4/7)^2 + 4 (3/7)^2) / 6 = (84/49) / 6 = 2/7; R = 1 - 2 sqrt(2/7) < 0.
    # P_U^2 = (84/49) / 7 = 12/49.
    result = no_warnings([True] * 3 + [False] * 4, {"A": ["a"] * 3 + ["b"] * 4})
    assert result.propensities == pytest.approx([1, 1, 1, 0, 0, 0, 0], abs=1e-9)
    assert result.propensity_sd == pytest.approx(math.sqrt(2 / 7), abs=1e-9)
    assert result.r_indicator == pytest.approx(1 - 2 * math.sqrt(2 / 7), abs=1e-9)
    assert result.partial("A").unconditional == pytest.approx(math.sqrt(12) / 7, abs=1e-9)
    assert result.partial("A", "b").unconditional == pytest.approx(
        math.sqrt(4 / 7) * (0 - 3 / 7), abs=1e-9
    )


@pytest.mark.parametrize(("flag", "propensity", "cv"), [(False, 0.0, math.nan), (True, 1.0, 0.0)])
def test_when_nobody_or_everybody_responded_every_propensity_is_exactly_0_or_1(
    flag: bool, propensity: float, cv: float
) -> None:
    result = no_warnings([flag] * 5, {"A": ["a", "b", "a", "b", "b"]})
    assert result.propensities == (propensity,) * 5
    assert (result.r_indicator, result.propensity_sd, result.mean_propensity) == (
        1.0,
        0.0,
        propensity,
    )
    # CV = 0/0 when nobody responded: NaN; S = 0 over a mean of 1: 0
    assert math.isnan(cv) == math.isnan(result.coefficient_of_variation)
    if not math.isnan(cv):
        assert result.coefficient_of_variation == cv
    assert all(p.unconditional == 0 and p.conditional == 0 for p in result.partials)


def test_without_auxiliaries_every_propensity_is_the_response_rate_and_r_is_1() -> None:
    result = no_warnings([True, False, False, True], {})
    assert result.propensities == pytest.approx([0.5] * 4, abs=1e-15)
    assert result.r_indicator == pytest.approx(1.0, abs=1e-15)
    assert result.coefficient_of_variation == pytest.approx(0.0, abs=1e-15)
    assert result.partials == ()


def test_a_variable_with_one_category_has_no_partial_spread() -> None:
    result = no_warnings(ONE_RESPONDED, {"size_class": ONE_SIZE, "country": ["NL"] * 10})
    # The constant variable adds no column: the fit is the one-variable fit.
    assert result.r_indicator == pytest.approx(1 - 2 * math.sqrt(5 / 108), rel=1e-13)
    country = result.partial("country")
    assert country.unconditional == pytest.approx(0.0, abs=1e-15)
    assert country.conditional == pytest.approx(0.0, abs=1e-15)
    # and size class, conditional on the one cell of country, keeps its full spread
    assert result.partial("size_class").conditional == pytest.approx(math.sqrt(1 / 24), rel=1e-12)


BAD_INPUTS: list[tuple[str, Any, Any, str]] = [
    ("lengths differ", [True, False, True], {"A": ["a", "b"]}, "2 values for 3 units"),
    ("empty population", [], {"A": []}, "at least two units"),
    ("one unit", [True], {"A": ["a"]}, "at least two units"),
    ("numbers as flags", [1, 0, 1], {"A": ["a", "b", "a"]}, "True or False"),
    ("missing flag", [True, None, False], {"A": ["a", "b", "a"]}, "True or False"),
    ("missing category", [True, False, True], {"A": ["a", None, "a"]}, "must be strings"),
    ("numeric categories", [True, False], {"A": [1, 2]}, "must be strings"),
    ("one string as categories", [True, False], {"A": "ab"}, "not one string"),
    ("one string as flags", "TF", {"A": ["a", "b"]}, "True/False"),
]


@pytest.mark.parametrize(
    ("responded", "auxiliaries", "message"),
    [case[1:] for case in BAD_INPUTS],
    ids=[case[0] for case in BAD_INPUTS],
)
def test_bad_input_raises_the_stats_error_with_a_clear_message(
    responded: Any, auxiliaries: Any, message: str
) -> None:
    with pytest.raises(EstimationError, match=message) as caught:
        estimate_representativeness(responded, auxiliaries)
    assert isinstance(caught.value, StatsError)
    assert isinstance(caught.value, AimonitorError)


def test_the_stored_reference_carries_the_r_script_that_made_it() -> None:
    script = (HERE / "representativeness_reference.R").read_text(encoding="utf-8")
    assert REFERENCE["script"] == script.rstrip("\n").split("\n")
    assert REFERENCE["generator"].startswith("R version 4.")
