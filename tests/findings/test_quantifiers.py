"""The verbal quantifier follows from the estimate and its interval, as displayed."""

from __future__ import annotations

import itertools

import pytest

from aimonitor.findings import Population, quantify, select_rule
from aimonitor.formatting import InvalidEstimateError, displayed_interval
from aimonitor.i18n import Text

from .support import proportion


def rule_for(p: float, lower: float, upper: float, *, decimals: int = 0) -> str:
    return select_rule(proportion(p, lower, upper), decimals=decimals).key


def test_an_interval_wholly_below_half_with_an_estimate_close_to_it_is_almost_half() -> None:
    estimate = proportion(0.46, 0.43, 0.49)
    assert quantify(estimate, "nl").phrase == "bijna de helft van de gemeenten"
    assert quantify(estimate, "en").phrase == "almost half of municipalities"


def test_an_interval_that_contains_half_is_about_half_not_almost_half() -> None:
    assert quantify(proportion(0.48, 0.43, 0.53), "nl").phrase == (
        "ongeveer de helft van de gemeenten"
    )


def test_almost_half_needs_the_estimate_within_five_points_of_half() -> None:
    assert rule_for(0.45, 0.41, 0.49) == "almost_half"
    assert rule_for(0.44, 0.40, 0.48) == "minority"


def test_an_upper_bound_that_displays_as_50_percent_is_no_longer_below_half() -> None:
    # 49.49% shows as 49%: almost half; 49.5% shows as 50%, inside the interval: about half.
    assert rule_for(0.46, 0.43, 0.4949) == "almost_half"
    assert rule_for(0.46, 0.43, 0.495) == "about_half"


def test_the_rules_read_the_numbers_at_the_number_of_decimals_shown() -> None:
    assert rule_for(0.46, 0.43, 0.4951, decimals=0) == "about_half"
    assert rule_for(0.46, 0.43, 0.4951, decimals=1) == "almost_half"


def test_a_majority_is_claimed_only_when_the_lower_bound_exceeds_half() -> None:
    assert rule_for(0.58, 0.51, 0.65) == "majority"
    # Lower bound 50.4% shows as 50%: no majority, and 58% is too far from half for "about".
    assert quantify(proportion(0.58, 0.504, 0.65), "nl").phrase == "58% van de gemeenten"


def test_just_over_half_needs_the_interval_above_half_and_the_estimate_close_to_it() -> None:
    assert quantify(proportion(0.54, 0.51, 0.57), "nl").phrase == ("ruim de helft van de gemeenten")
    assert quantify(proportion(0.54, 0.51, 0.57), "en").phrase == (
        "just over half of municipalities"
    )


def test_about_three_quarters_reproduces_the_published_vision_finding() -> None:
    assert quantify(proportion(0.76, 0.71, 0.81), "nl").phrase == (
        "ongeveer driekwart van de gemeenten"
    )
    assert quantify(proportion(0.72, 0.69, 0.744), "en").phrase == (
        "almost three quarters of municipalities"
    )
    # An upper bound of 74.5% is printed as 75%, so the interval reaches three quarters.
    assert rule_for(0.72, 0.69, 0.745) == "about_three_quarters"


def test_virtually_none_needs_the_whole_interval_below_five_percent() -> None:
    assert quantify(proportion(0.01, 0.0, 0.04), "nl").phrase == "vrijwel geen gemeenten"
    assert rule_for(0.02, 0.0, 0.05) == "small_minority"


def test_virtually_all_and_almost_all_depend_on_the_lower_bound() -> None:
    assert quantify(proportion(0.98, 0.955, 1.0), "nl").phrase == "vrijwel alle gemeenten"
    assert quantify(proportion(0.95, 0.92, 0.98), "en").phrase == "almost all municipalities"
    assert rule_for(0.95, 0.90, 0.98) != "almost_all"  # 90% itself is not above 90%


def test_one_in_five_takes_the_bare_noun_and_singular_agreement_in_english() -> None:
    nl = quantify(proportion(0.21, 0.17, 0.25), "nl")
    en = quantify(proportion(0.21, 0.17, 0.25), "en")
    assert (nl.phrase, nl.number) == ("een op de vijf gemeenten", "singular")
    assert (en.phrase, en.number) == ("one in five municipalities", "singular")


def test_half_of_takes_singular_agreement_in_dutch_and_plural_in_english() -> None:
    assert quantify(proportion(0.46, 0.43, 0.49), "nl").number == "singular"
    assert quantify(proportion(0.46, 0.43, 0.49), "en").number == "plural"


def test_a_wide_interval_gets_the_percentage_instead_of_about_or_almost() -> None:
    wide = quantify(proportion(0.45, 0.30, 0.60), "nl")
    assert wide.phrase == "45% van de gemeenten"
    assert wide.states_percentage


def test_a_wide_interval_above_half_still_supports_a_majority() -> None:
    assert quantify(proportion(0.80, 0.62, 0.90), "en").phrase == "a majority of municipalities"


def test_an_interval_exactly_25_points_wide_is_not_too_wide() -> None:
    # 37.5% and 62.5% display as 38% and 63%: exactly 25 points.
    assert rule_for(0.50, 0.375, 0.625) == "about_half"


def test_an_estimate_far_from_any_benchmark_with_an_interval_across_half_is_a_percentage() -> None:
    assert quantify(proportion(0.42, 0.37, 0.51), "en").phrase == "42% of municipalities"


def test_the_population_is_the_callers() -> None:
    large = Population(
        definite=Text(nl="de grote gemeenten", en="large municipalities"),
        bare=Text(nl="grote gemeenten", en="large municipalities"),
    )
    estimate = proportion(0.46, 0.43, 0.49)
    assert quantify(estimate, "nl", population=large).phrase == (
        "bijna de helft van de grote gemeenten"
    )


def test_an_estimate_that_is_not_a_proportion_is_refused() -> None:
    with pytest.raises(InvalidEstimateError):
        quantify(proportion(3.8, 3.6, 4.0), "nl")


BELOW_HALF = {"almost_half", "minority", "small_minority", "wide_minority", "virtually_none"}
ABOVE_HALF = {"just_over_half", "majority", "large_majority", "wide_majority", "almost_all"}


def test_no_wording_contradicts_the_numbers_printed_beside_it() -> None:
    grid = [i / 100 for i in range(0, 101, 3)]
    checked = 0
    for lower, p, upper in itertools.product(grid, repeat=3):
        if not lower <= p <= upper:
            continue
        estimate = proportion(p, lower, upper)
        shown = displayed_interval(estimate)
        key = select_rule(estimate).key
        checked += 1
        if key in BELOW_HALF:
            assert shown.upper < 50, (key, shown)
        if key in ABOVE_HALF:
            assert shown.lower > 50, (key, shown)
        if key.startswith("about_"):
            assert shown.upper - shown.lower <= 25, (key, shown)
        if key == "about_half":
            assert shown.lower <= 50 <= shown.upper, (key, shown)
    assert checked > 5000
