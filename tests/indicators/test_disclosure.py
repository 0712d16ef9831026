"""Disclosure control: the rules one by one, on figures worked out by hand.

The attack on a whole demo wave is in test_disclosure_attack.py.
"""

from __future__ import annotations

import math

import pytest

from aimonitor.frame import SIZE_CLASSES, Frame
from aimonitor.indicators import ALL, EstimateTable, IndicatorRow, Weighting, catalogue
from aimonitor.indicators.disclosure import (
    MIN_RESPONDENTS,
    PUBLICATION_CLASSES,
    SMALL_GROUP,
    DisclosureCell,
    block_parents,
    feasible_interval,
    grid_floors,
    is_category_share,
    is_group_disclosure,
    is_suppressed,
    protect,
    publication_class,
    publication_grid,
    published,
)
from aimonitor.indicators.estimate import estimate_wave
from aimonitor.stats import Estimate

from .support import codes_in, tiny_questionnaire, wave_of


def share(n: int, lower: float = 0.2, upper: float = 0.8, value: float = 0.5) -> Estimate:
    return Estimate(value, 0.1, lower, upper, n - 1.0, n, "wilson")


# ---------------------------------------------------------------- the minimum n (moved here)


def test_a_figure_on_fewer_than_five_municipalities_is_suppressed() -> None:
    assert MIN_RESPONDENTS == 5
    assert is_suppressed(share(4))
    assert not is_suppressed(share(5))


def test_a_figure_without_a_finite_interval_is_suppressed_whatever_its_n() -> None:
    # a mean in a domain of one respondent: df = 0, interval (−∞, ∞)
    assert is_suppressed(share(200, -math.inf, math.inf), min_n=1)


def test_the_minimum_can_be_set_by_the_caller() -> None:
    assert not is_suppressed(share(3), min_n=3)
    assert is_suppressed(share(9), min_n=10)


# ---------------------------------------------------------------- group disclosure


def test_a_unanimous_answer_is_withheld_in_a_group_of_at_most_ten() -> None:
    assert SMALL_GROUP == 10
    assert is_group_disclosure(10, unanimous=True)
    assert not is_group_disclosure(11, unanimous=True)
    assert not is_group_disclosure(6, unanimous=False)


def test_only_the_shares_of_one_answer_to_a_one_answer_question_are_category_shares() -> None:
    q = tiny_questionnaire()
    kinds = {e.key: is_category_share(e, q) for e in catalogue(q)}
    # B1 is a single choice: 0 % of code 3 leaves the other answers open; 100 % does not.
    assert kinds[("B1", "3")]
    assert kinds[("E1_chat", "1")]  # a grid row with options is a single choice
    assert kinds[("L1", "2")]  # a Likert code
    assert kinds[("R1", "rank1:2")]  # one first place per respondent
    # yes/no shares: a tick, a code group, a top N, "at least one row": 0 % is unanimous too
    assert not kinds[("B2", "1")]
    assert not kinds[("B1", "group:working_on")]
    assert not kinds[("R1", "top2:2")]
    assert not kinds[("E1", "any:used")]
    assert not kinds[("L1", "mean")]


# ---------------------------------------------------------------- publication classes


def test_the_publication_classes_join_the_two_largest_size_classes() -> None:
    assert [c.code for c in PUBLICATION_CLASSES] == ["lt20k", "20k-50k", "50k-100k", "ge100k"]
    members = [m for c in PUBLICATION_CLASSES for m in c.members]
    assert members == [c.code for c in SIZE_CLASSES]  # each frame class exactly once, in order
    assert publication_class("ge250k").code == "ge100k"
    assert publication_class("100k-250k").label.get("nl") == "≥ 100.000 inwoners"
    with pytest.raises(KeyError):
        publication_class("gt1m")


# ---------------------------------------------------------------- rounding


def _row(estimate: Estimate, option: str = "1", suppressed: bool = False) -> IndicatorRow:
    kind = "mean" if option == "mean" else "proportion"
    return IndicatorRow("B1", option, ALL, kind, estimate, suppressed=suppressed)


def test_shares_are_published_to_a_tenth_of_a_percentage_point() -> None:
    raw = Estimate(0.123456, 0.0234567, 0.0794999, 0.1795001, 99.0, 100, "wilson", note="x")
    shown = published(_row(raw))
    assert shown is not None
    assert (shown.estimate, shown.se, shown.ci_lower, shown.ci_upper) == (
        0.123,
        0.023,
        0.079,
        0.18,
    )
    assert (shown.n, shown.df, shown.method, shown.note) == (100, 99.0, "wilson", "x")


def test_means_are_published_to_two_decimals_and_a_tiny_negative_is_zero() -> None:
    shown = published(_row(Estimate(3.14159, 0.0449, 3.0536, 3.2296, 50.0, 51, "wald"), "mean"))
    assert shown is not None
    assert (shown.estimate, shown.se, shown.ci_lower, shown.ci_upper) == (3.14, 0.04, 3.05, 3.23)
    change = published(_row(Estimate(-0.0004, 0.01, -0.02, 0.019, None, 300, "wald")))
    assert change is not None
    assert math.copysign(1.0, change.estimate) == 1.0  # printed "0.000", not "-0.000"


def test_a_suppressed_row_publishes_no_figures() -> None:
    assert published(_row(share(3), suppressed=True)) is None


def test_the_publication_grid_lists_a_key_nobody_in_a_domain_was_asked_as_withheld() -> None:
    national = IndicatorRow("B2", "1", ALL, "proportion", share(12))
    first = IndicatorRow("B2", "1", "province=Zeeland", "proportion", share(6))
    other = IndicatorRow("B1", "1", "province=Flevoland", "proportion", share(5))
    table = EstimateTable(2024, False, Weighting("rake", ()), (national, first, other))
    grid = publication_grid(table)
    assert [(r.variable, r.domain, r.suppressed) for r in grid] == [
        ("B2", ALL, False),
        ("B1", ALL, True),  # no row: B1 has none nationally in this hand-made table
        ("B2", "province=Zeeland", False),
        ("B1", "province=Zeeland", True),
        ("B2", "province=Flevoland", True),  # nobody in Flevoland was asked B2
        ("B1", "province=Flevoland", False),
    ]
    assert published(grid[4]) is None


# ---------------------------------------------------------------- differencing


def test_the_feasible_interval_of_a_hidden_figure_by_hand() -> None:
    # Hidden: A (weight 10) and B (weight 20), together 10*1.0 + 20*0.5 = 20.
    # A: at least (20 - 20*1)/10 = 0, at most min(1, 20/10) = 1.
    assert feasible_interval(10, 20, 20.0) == (0.0, 1.0)
    # With C instead (weight 30, share 0.95): 10 + 28.5 = 38.5; A >= (38.5 - 30)/10 = 0.85.
    low, high = feasible_interval(10, 30, 38.5)
    assert (round(low, 12), high) == (0.85, 1.0)
    # Alone in its breakdown a hidden figure is known exactly.
    assert feasible_interval(10, 0, 7.0) == (0.7, 0.7)
    # A Likert mean: the scale 1-5.
    assert feasible_interval(4, 4, 24.0, (1.0, 5.0)) == (1.0, 5.0)


def cell(
    domain: str,
    value: float,
    weight: float,
    n: int,
    *,
    variable: str = "X",
    option: str = "1",
    unanimous: bool = False,
) -> DisclosureCell:
    estimate = Estimate(value, 0.05, max(0.0, value - 0.1), min(1.0, value + 0.1), n - 1.0, n, "w")
    return DisclosureCell(variable, option, domain, estimate, weight, unanimous, variable)


def test_a_hidden_figure_gets_the_complement_that_protects_it() -> None:
    cells = [
        cell(ALL, 48.5 / 60, 60, 52),
        cell("province=A", 1.0, 10, 4),  # fewer than five: hidden
        cell("province=B", 0.5, 20, 20),
        cell("province=C", 0.95, 30, 28),
    ]
    # Hiding C as well leaves A within [0.85, 1] (15 points, too narrow); hiding B leaves
    # A anywhere in [0, 1] (see the test above): B is the complement.
    assert protect(cells) == {("X", "1", "province=A"), ("X", "1", "province=B")}


def test_no_complement_is_added_where_the_national_figure_already_tells_all() -> None:
    cells = [
        cell(ALL, 0.0, 60, 52),
        cell("province=A", 0.0, 10, 4),
        cell("province=B", 0.0, 20, 20),
        cell("province=C", 0.0, 30, 28),
    ]
    # Nationally nobody: every group is 0 %, whatever is hidden.
    assert protect(cells) == {("X", "1", "province=A")}


def test_a_complementary_figure_is_protected_like_the_one_it_covers() -> None:
    cells = [
        cell(ALL, 0.1, 100, 90),
        cell("province=A", 0.0, 10, 4),  # fewer than five: hidden
        cell("province=B", 0.0, 10, 9),
        cell("province=C", 0.15, 40, 30),
        cell("province=D", 0.1, 40, 38),
    ]
    # Nationally 0.1 * 100 = 10. Hidden A and B hold 0 of it: A would be known to be 0.
    # Hiding C leaves A in [0, 6/10]; but then C (6 of the 10) lies within
    # [max(0, (6 - 10)/40), 6/40] = [0, 0.15]: 15 points, less than the 20 required (the
    # national figure alone would leave C [0, 10/40], 25 points). Hiding D too gives
    # R = 10: C and D in [0, 10/40] = [0, 0.25] and A in [0, 1]. Hiding B instead adds
    # nothing (it holds 0) and would itself be known to be 0.
    assert protect(cells) == {
        ("X", "1", "province=A"),
        ("X", "1", "province=C"),
        ("X", "1", "province=D"),
    }


def test_a_complement_that_later_complements_make_unneeded_is_published_again() -> None:
    cells = [
        cell(ALL, 10.3 / 130, 130, 110),
        cell("province=A", 0.2, 20, 3),  # fewer than five: hidden
        cell("province=B", 0.05, 30, 29),
        cell("province=C", 0.06, 40, 39),
        cell("province=D", 0.06, 40, 39),
    ]
    # Weighted: A 4, B 1.5, C 2.4, D 2.4; nationally 10.3. Every hidden cell needs 20 points
    # (the national figure alone leaves each at least [0, 10.3/40] = 25.75 points).
    # First B, which leaves the least short: R = 5.5, A in [0, 5.5/20], B in [0, 5.5/30]
    # (18.3 points). Then C: R = 7.9, C in [0, 7.9/40] (19.75 points). Then D: R = 10.3,
    # all wide enough. Without B, R = 8.8: A in [0, 0.44], C and D in [0, 8.8/40 = 0.22]:
    # B is not needed and is published again. Without C (or D) D (or C) would be short.
    assert protect(cells) == {
        ("X", "1", "province=A"),
        ("X", "1", "province=C"),
        ("X", "1", "province=D"),
    }


def test_a_zero_share_hidden_with_its_variable_is_protected_too() -> None:
    def code(domain: str, option: str, value: float, weight: float, n: int) -> DisclosureCell:
        unanimous = value == 1.0 and n <= 10
        return cell(domain, value, weight, n, option=option, unanimous=unanimous)

    cells = [
        code(ALL, "1", 35 / 60, 60, 48),
        code(ALL, "2", 17.5 / 60, 60, 48),
        code(ALL, "3", 7.5 / 60, 60, 48),
        code("province=A", "1", 1.0, 10, 8),  # all eight answered 1: hidden
        code("province=A", "2", 0.0, 10, 8),
        code("province=A", "3", 0.0, 10, 8),
        code("province=B", "1", 0.5, 20, 15),
        code("province=B", "2", 0.5, 20, 15),
        code("province=B", "3", 0.0, 20, 15),
        code("province=C", "1", 0.5, 30, 25),
        code("province=C", "2", 0.25, 30, 25),
        code("province=C", "3", 0.25, 30, 25),
    ]
    # Code 1 of A alone is covered by B ((10 + 10 - 20)/10 = 0 <= A <= 1) as well as by C
    # ((10 + 15 - 30)/10 < 0 <= A <= 1). But with B, code 3 of A and of B (both 0 %, hidden
    # with their variable) would hold all of 0 of the national 7.5: both known to be 0.
    # With C: code 3 of A in [0, 7.5/10], of C in [0, 7.5/30] = [0, 0.25]; code 2 of C in
    # [0, 0.25]; code 1 of C in [(25 - 10)/30, 25/30] = [0.5, 0.83]. All at least 20 points.
    assert protect(cells) == {
        ("X", option, domain)
        for option in ("1", "2", "3")
        for domain in ("province=A", "province=C")
    }


def test_a_unanimous_small_group_is_hidden_with_its_whole_variable() -> None:
    cells = [
        cell(ALL, 0.6, 60, 50, option="1"),
        cell(ALL, 0.4, 60, 50, option="2"),
        cell("province=A", 1.0, 10, 8, option="1", unanimous=True),
        cell("province=A", 0.0, 10, 8, option="2"),
        cell("province=B", 0.5, 50, 42, option="1"),
        cell("province=B", 0.5, 50, 42, option="2"),
    ]
    hidden = protect(cells)
    # A's code 2 (0 %) goes with code 1 (100 %): the codes add up to 1. B is the complement.
    assert hidden == {
        ("X", "1", "province=A"),
        ("X", "2", "province=A"),
        ("X", "1", "province=B"),
        ("X", "2", "province=B"),
    }


def test_a_variable_hidden_nationally_is_hidden_everywhere() -> None:
    cells = [
        cell(ALL, 1.0, 6, 6, unanimous=True),
        cell("province=A", 1.0, 3, 3, unanimous=True),
        cell("province=B", 1.0, 3, 3, unanimous=True),
        cell(ALL, 0.5, 60, 50, variable="Y"),
    ]
    assert protect(cells) == {("X", "1", ALL), ("X", "1", "province=A"), ("X", "1", "province=B")}


def test_a_routed_question_is_hidden_where_the_question_before_it_is() -> None:
    cells = [
        cell(ALL, 0.5, 60, 50),
        cell("province=A", 1.0, 10, 4),  # fewer than five: hidden, B its only complement
        cell("province=B", 0.5, 50, 46),
        cell(ALL, 0.3, 30, 25, variable="Z"),
        cell("province=A", 0.2, 10, 8, variable="Z"),
        cell("province=B", 0.35, 20, 17, variable="Z"),
    ]
    # Z is asked only after X: its n in a domain counts the answers to X that route to it.
    assert protect(cells, parents={"Z": ("X",)}) == {
        ("X", "1", "province=A"),
        ("X", "1", "province=B"),
        ("Z", "1", "province=A"),
        ("Z", "1", "province=B"),
    }


def test_a_grid_share_takes_the_row_that_would_betray_it_and_protects_both() -> None:
    def row(variable: str, domain: str, value: float, weight: float, n: int) -> DisclosureCell:
        return cell(domain, value, weight, n, variable=variable, option="group:used")

    cells = [
        cell(ALL, 20 / 30, 30, 21, variable="G", option="any:used"),
        cell("province=A", 1.0, 10, 6, variable="G", option="any:used", unanimous=True),
        cell("province=B", 0.5, 20, 15, variable="G", option="any:used"),
        row("G_r1", ALL, 11 / 30, 30, 21),
        row("G_r1", "province=A", 0.9, 10, 6),
        row("G_r1", "province=B", 0.1, 20, 15),
        row("G_r2", ALL, 7 / 30, 30, 21),
        row("G_r2", "province=A", 0.5, 10, 6),
        row("G_r2", "province=B", 0.1, 20, 15),
    ]
    floors = {("G", "any:used"): (("G_r1", "group:used"), ("G_r2", "group:used"))}
    hidden = protect(cells, floors=floors)
    # A's 100 % is at least row 1's 90 %: row 1 goes too, and each gets B as complement.
    # Row 2's 50 % leaves A's share in [0.5, 1]: it stays.
    assert hidden == {
        ("G", "any:used", "province=A"),
        ("G", "any:used", "province=B"),
        ("G_r1", "group:used", "province=A"),
        ("G_r1", "group:used", "province=B"),
    }


def test_the_blocks_and_floors_follow_from_the_questionnaire() -> None:
    q = tiny_questionnaire()
    parents = block_parents(q)
    assert parents["B2"] == ("B1",)  # B2 is shown if B1 in (1, 2)
    assert "B1" not in parents
    assert grid_floors(q) == {
        ("E1", "any:used"): (("E1_chat", "group:used"), ("E1_code", "group:used"))
    }


# ---------------------------------------------------------------- in a whole table


def test_a_small_size_class_where_everyone_answered_the_same_is_not_published(
    frame: Frame,
) -> None:
    # Six municipalities of 20k-50k all answer B1 = 1 ("adopted"); of twelve of lt20k, six
    # answer 1 and six 3.
    codes = codes_in(frame, "20k-50k", 6) + codes_in(frame, "lt20k", 12)
    answers = [{"B1": 1}] * 12 + [{"B1": 3}] * 6
    table = estimate_wave(wave_of(answers, codes), frame)
    unanimous = table.get("B1", "1", "size_class=20k-50k")
    assert unanimous.estimate.estimate == pytest.approx(1.0)
    assert unanimous.suppressed
    assert table.get("B1", "3", "size_class=20k-50k").suppressed  # 0 %: the codes add up
    # The national figure minus lt20k would give 20k-50k back: lt20k is hidden too.
    assert table.get("B1", "1", "size_class=lt20k").suppressed
    assert not table.get("B1", "1", ALL).suppressed
