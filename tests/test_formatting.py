"""Number formatting per language: rounding, separators, intervals, differences."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_decimal

from aimonitor.formatting import (
    InvalidEstimateError,
    difference_decimals,
    displayed_interval,
    format_difference,
    format_difference_interval,
    format_estimate,
    format_interval,
    format_level,
    format_mean,
    format_mean_difference,
    format_n,
    format_number,
    format_percent,
    format_point_difference,
    format_rate,
)
from aimonitor.i18n import UnknownLanguageError
from aimonitor.stats.result import Estimate


def proportion(p: float, lower: float, upper: float, level: float = 0.95) -> Estimate:
    return Estimate(p, 0.02, lower, upper, None, 118, "wilson", level)


def test_a_proportion_is_shown_as_a_whole_percentage_in_both_languages() -> None:
    assert format_percent(0.48, "nl") == "48%"
    assert format_percent(0.48, "en") == "48%"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.485, "49%"), (0.4849, "48%"), (0.125, "13%"), (0.005, "1%"), (0.004999, "0%")],
)
def test_percentages_round_half_up_at_the_decimal_value_written(
    value: float, expected: str
) -> None:
    # 0.485 and 0.125 are not exact binary floats; they still round up as written.
    assert format_percent(value, "nl") == expected


def test_optional_decimals_use_a_decimal_comma_in_dutch_and_a_point_in_english() -> None:
    assert format_percent(0.042, "nl", decimals=1) == "4,2%"
    assert format_percent(0.042, "en", decimals=1) == "4.2%"
    assert format_percent(0.04, "nl", decimals=1) == "4,0%"


def test_plain_numbers_get_the_thousands_separator_of_the_language() -> None:
    assert format_number(1234, "nl") == "1.234"
    assert format_number(1234, "en") == "1,234"
    assert format_number(1234567.25, "nl", decimals=1) == "1.234.567,3"


@pytest.mark.parametrize("value", [0, 7, 342, 1234, 98765.4321, 1234567.5])
@pytest.mark.parametrize(("lang", "babel_locale"), [("nl", "nl_NL"), ("en", "en_GB")])
def test_plain_numbers_agree_with_the_locale_data_of_babel(
    value: float, lang: str, babel_locale: str
) -> None:
    expected = format_decimal(value, format="#,##0.00", locale=babel_locale)
    assert format_number(value, lang, decimals=2) == expected


def test_means_show_one_decimal_by_default() -> None:
    assert format_mean(3.84, "nl") == "3,8"
    assert format_mean(3.84, "en") == "3.8"
    assert format_mean(3.85, "nl") == "3,9"


def test_the_number_of_respondents_reads_n_equals() -> None:
    assert format_n(118, "nl") == "n = 118"
    assert format_n(1234, "nl") == "n = 1.234"
    assert format_n(1234, "en") == "n = 1,234"


def test_an_interval_names_its_level_in_the_convention_of_the_language() -> None:
    assert format_interval(0.43, 0.53, "nl") == "95%-BI 43–53%"
    assert format_interval(0.43, 0.53, "en") == "95% CI 43–53%"
    assert format_interval(0.0421, 0.0519, "nl", level=0.9, decimals=1) == "90%-BI 4,2–5,2%"


def test_a_confidence_level_shows_only_the_decimals_it_needs() -> None:
    assert format_level(0.95, "nl") == "95%"
    assert format_level(0.995, "nl") == "99,5%"
    assert format_level(0.995, "en") == "99.5%"


def test_an_estimate_and_its_interval_are_formatted_together() -> None:
    assert format_estimate(proportion(0.46, 0.43, 0.49), "nl") == ("46%", "95%-BI 43–49%")
    assert format_estimate(proportion(0.46, 0.43, 0.49), "en") == ("46%", "95% CI 43–49%")


@pytest.mark.parametrize(
    ("p", "lower", "upper"),
    [
        (0.485, 0.485, 0.52),  # estimate at the lower bound, on a rounding half
        (0.4849999, 0.4849999, 0.4849999),  # a degenerate interval
        (0.125, 0.1, 0.125),  # estimate at the upper bound, on a rounding half
        (0.0, 0.0, 0.031),
        (1.0, 0.969, 1.0),
    ],
)
def test_the_displayed_estimate_never_falls_outside_the_displayed_interval(
    p: float, lower: float, upper: float
) -> None:
    for decimals in (0, 1, 2):
        shown = displayed_interval(proportion(p, lower, upper), decimals=decimals)
        assert shown.lower <= shown.estimate <= shown.upper


def test_float_noise_at_a_bound_is_absorbed_rather_than_shown() -> None:
    # The lower bound lies a hair above the estimate (a float artefact) and rounds up from
    # a half; the display still keeps the estimate inside.
    shown = displayed_interval(proportion(0.4849999999999, 0.485, 0.52))
    assert (shown.lower, shown.estimate, shown.upper) == (Decimal(48), Decimal(48), Decimal(52))


def test_an_estimate_outside_its_interval_is_rejected() -> None:
    with pytest.raises(InvalidEstimateError, match="outside its interval"):
        displayed_interval(proportion(0.60, 0.43, 0.53))


def test_an_interval_outside_zero_to_one_is_not_a_proportion() -> None:
    with pytest.raises(InvalidEstimateError, match="not an interval of a proportion"):
        displayed_interval(proportion(3.8, 3.6, 4.0))


def test_a_percentage_point_difference_carries_its_sign_and_unit() -> None:
    assert format_point_difference(0.06, "nl") == "+6 procentpunt"
    assert format_point_difference(0.06, "en") == "+6 percentage points"
    assert format_point_difference(-0.01, "en") == "−1 percentage point"
    assert format_point_difference(-0.065, "nl") == "−7 procentpunt"


def test_a_difference_that_rounds_to_zero_has_no_sign() -> None:
    assert format_point_difference(-0.004, "nl") == "0 procentpunt"
    assert format_point_difference(0.004, "en") == "0 percentage points"


def test_a_difference_interval_is_written_with_to_and_explicit_signs() -> None:
    assert format_difference_interval(-0.02, 0.14, "nl") == "95%-BI −2 tot +14 procentpunt"
    assert format_difference_interval(0.01, 0.11, "en") == "95% CI +1 to +11 percentage points"


def test_a_difference_of_means_is_signed_with_one_decimal() -> None:
    assert format_mean_difference(0.44, "nl") == "+0,4"
    assert format_mean_difference(-0.35, "en") == "−0.4"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(UnknownLanguageError, match="'de'"):
        format_percent(0.5, "de")


def test_an_interval_of_means_has_one_decimal_and_the_local_decimal_sign():
    from aimonitor.formatting import format_mean_interval

    assert format_mean_interval(3.44, 3.76, "nl") == "95%-BI 3,4–3,8"
    assert format_mean_interval(3.44, 3.76, "en") == "95% CI 3.4–3.8"


def difference(d: float, lower: float, upper: float) -> Estimate:
    return Estimate(d, 0.03, lower, upper, None, 236, "difference")


def test_a_claimed_difference_whose_bound_would_print_as_zero_gets_one_more_decimal() -> None:
    # 0.3 points prints as "0" at whole points, as "+0,3" at one decimal.
    assert difference_decimals(difference(0.07, 0.003, 0.137), "proportion") == 1
    assert difference_decimals(difference(-0.07, -0.137, -0.003), "proportion") == 1
    # a mean: 0.04 prints as "0,0" at one decimal, as "+0,04" at two.
    assert difference_decimals(difference(0.5, 0.04, 0.96), "mean") == 2


def test_a_bound_of_exactly_half_a_point_prints_as_one_and_needs_no_more_decimals() -> None:
    # 0.005 is 0.5 points: rounded half away from zero it prints "+1", never "0".
    at_half = difference(0.07, 0.005, 0.135)
    assert difference_decimals(at_half, "proportion") == 0
    assert format_difference(at_half, "nl", "proportion", decimals=0) == (
        "+7 procentpunt",
        "95%-BI +1 tot +14 procentpunt",
    )
    assert difference_decimals(difference(0.07, 0.0049, 0.1351), "proportion") == 1


def test_a_difference_whose_interval_holds_zero_keeps_the_usual_decimals() -> None:
    # not claimed, so a bound printing as 0 is what it is
    assert difference_decimals(difference(0.05, -0.003, 0.103), "proportion") == 0


def test_levels_that_would_print_equal_get_more_decimals_at_most_two() -> None:
    # 47.6% and 48.4% both print as 48%; one decimal tells them apart.
    claimed = difference(0.008, 0.006, 0.010)
    assert difference_decimals(claimed, "proportion", levels=(0.476, 0.484)) == 1
    # 48.001% and 48.002%: even two more decimals do not; the rule stops there.
    tiny = difference(0.00001, 0.000005, 0.000015)
    assert difference_decimals(tiny, "proportion", levels=(0.48001, 0.48002)) == 2


def test_a_difference_of_means_is_written_with_its_interval() -> None:
    assert format_difference(difference(0.44, -0.06, 0.94), "en", "mean") == (
        "+0.4",
        "95% CI −0.1 to +0.9",
    )


def test_a_rate_is_a_whole_percentage_or_a_dash_when_nothing_can_be_divided() -> None:
    assert format_rate(35 / 56, "nl") == "63%"
    assert format_rate(0.0, "en") == "0%"
    assert format_rate(None, "nl") == "–"
