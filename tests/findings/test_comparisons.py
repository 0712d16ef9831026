"""Differences are claimed only when significant; otherwise said to be unclear, or left out."""

from __future__ import annotations

import pytest

from aimonitor.findings import (
    ComparisonWording,
    FindingError,
    LabelledValue,
    RowRef,
    compare_groups,
    compare_waves,
    size_gradient,
)
from aimonitor.i18n import Text
from aimonitor.stats.result import Estimate

from .support import EXPERIMENTING, item, proportion

Z95 = 1.959963984540054


def wave(label: str, p: float, se: float = 0.02) -> LabelledValue:
    return item(label, p, se=se, domain=f"wave {label}")


LARGE = Text(nl="grote gemeenten", en="large municipalities")
SMALL = Text(nl="kleine gemeenten", en="small municipalities")


def test_a_significant_rise_between_waves_is_stated_with_both_levels() -> None:
    # d = 0.07, se = 0.02·√2 = 0.0283, interval 0.0146..0.1254.
    finding = compare_waves(wave("2024", 0.41), wave("2025", 0.48), EXPERIMENTING, "ai", "nl")
    assert finding is not None
    assert finding.sentence == (
        "Het aandeel gemeenten dat experimenteert met AI is gestegen van 41% in 2024 naar 48% "
        "in 2025 (+7 procentpunt; 95%-BI +1 tot +13 procentpunt)."
    )
    assert finding.rule == "increase"


def test_a_significant_fall_is_stated_in_english() -> None:
    finding = compare_waves(wave("2024", 0.48), wave("2025", 0.41), EXPERIMENTING, "ai", "en")
    assert finding is not None
    assert finding.sentence == (
        "The share of municipalities experimenting with AI fell from 48% in 2024 to 41% in 2025 "
        "(−7 percentage points; 95% CI −13 to −1 percentage points)."
    )


def test_a_difference_that_is_not_significant_is_said_to_be_unclear() -> None:
    finding = compare_waves(wave("2024", 0.41), wave("2025", 0.44), EXPERIMENTING, "ai", "nl")
    assert finding is not None
    assert finding.rule == "no_clear_difference"
    assert finding.sentence == (
        "Er is geen duidelijk verschil in het aandeel gemeenten dat experimenteert met AI "
        "tussen 2024 en 2025 (41% en 44%; +3 procentpunt; 95%-BI −3 tot +9 procentpunt)."
    )


def test_a_difference_that_is_not_significant_can_be_left_out() -> None:
    unclear = compare_waves(
        wave("2024", 0.41), wave("2025", 0.44), EXPERIMENTING, "ai", "nl", when_unclear="silent"
    )
    clear = compare_waves(
        wave("2024", 0.41), wave("2025", 0.48), EXPERIMENTING, "ai", "nl", when_unclear="silent"
    )
    assert unclear is None
    assert clear is not None


def test_a_known_covariance_can_make_a_change_clear() -> None:
    # d = 0.03; independent se = 0.02·√2 = 0.028: no clear change. With cov = 0.0003 the
    # se is √(0.0004 + 0.0004 − 0.0006) = 0.0141, the interval 0.0023..0.0577.
    earlier, later = wave("2024", 0.41), wave("2025", 0.44)
    unclear = compare_waves(earlier, later, EXPERIMENTING, "ai", "nl")
    clear = compare_waves(earlier, later, EXPERIMENTING, "ai", "nl", covariance=0.0003)
    assert unclear is not None
    assert unclear.rule == "no_clear_difference"
    assert clear is not None
    assert clear.sentence.endswith(
        "gestegen van 41,0% in 2024 naar 44,0% in 2025 "
        "(+3,0 procentpunt; 95%-BI +0,2 tot +5,8 procentpunt)."
    )


def test_a_claimed_difference_never_shows_an_interval_bound_of_zero() -> None:
    # d = 0.102, se = √(0.03² + 0.04²) = 0.05, interval 0.102 ± 1.96·0.05 = 0.0040..0.2000:
    # at whole points "0 tot +20", so one more decimal is shown.
    earlier = LabelledValue(
        Text.neutral("2024"), proportion(0.41, 0.35, 0.47, se=0.03), RowRef("t", "C1")
    )
    later = LabelledValue(
        Text.neutral("2025"), proportion(0.512, 0.44, 0.59, se=0.04), RowRef("t", "C1")
    )
    finding = compare_waves(earlier, later, EXPERIMENTING, "ai", "nl")
    assert finding is not None
    assert finding.sentence.endswith(
        "gestegen van 41,0% in 2024 naar 51,2% in 2025 "
        "(+10,2 procentpunt; 95%-BI +0,4 tot +20,0 procentpunt)."
    )


def test_a_claimed_difference_never_shows_two_equal_levels() -> None:
    # Both levels print as 48% at whole percentages; the claimed rise shows one decimal.
    earlier = LabelledValue(
        Text.neutral("2024"), proportion(0.476, 0.474, 0.478, se=0.001), RowRef("t", "C1")
    )
    later = LabelledValue(
        Text.neutral("2025"), proportion(0.484, 0.482, 0.486, se=0.001), RowRef("t", "C1")
    )
    finding = compare_waves(earlier, later, EXPERIMENTING, "ai", "en")
    assert finding is not None
    assert "rose from 47.6% in 2024 to 48.4% in 2025" in finding.sentence


def test_means_are_compared_in_scale_points() -> None:
    row = RowRef("t_barriers", "F2", option="knowledge")
    earlier = LabelledValue(Text.neutral("2024"), Estimate(3.4, 0.1, 3.2, 3.6, None, 118, "t"), row)
    later = LabelledValue(Text.neutral("2025"), Estimate(3.9, 0.1, 3.7, 4.1, None, 118, "t"), row)
    topic = ComparisonWording(topic=Text(nl="het gebrek aan kennis", en="the lack of knowledge"))
    finding = compare_waves(earlier, later, topic, "barriers", "nl", scale="mean")
    assert finding is not None
    # d = 0.5, se = 0.1414, interval 0.223..0.777.
    assert finding.sentence == (
        "Het gebrek aan kennis is gestegen van 3,4 in 2024 naar 3,9 in 2025 "
        "(+0,5; 95%-BI +0,2 tot +0,8)."
    )


def test_the_first_group_is_the_subject_of_a_group_comparison() -> None:
    large = LabelledValue(
        LARGE, proportion(0.62, 0.50, 0.74, se=0.06), RowRef("t", "C1", domain=">100k")
    )
    small = LabelledValue(
        SMALL, proportion(0.35, 0.28, 0.42, se=0.035), RowRef("t", "C1", domain="<20k")
    )
    more = compare_groups(large, small, EXPERIMENTING, "ai", "nl")
    less = compare_groups(small, large, EXPERIMENTING, "ai", "en")
    assert more is not None
    assert less is not None
    # d = 0.27, se = √(0.06² + 0.035²) = 0.0695, interval 0.134..0.406.
    assert more.sentence == (
        "Grote gemeenten experimenteren vaker met AI dan kleine gemeenten "
        "(62% tegenover 35%; +27 procentpunt; 95%-BI +13 tot +41 procentpunt)."
    )
    assert less.sentence.startswith(
        "Small municipalities experiment with AI less often than large municipalities "
        "(35% versus 62%; −27 percentage points;"
    )
    assert more.references == (large.ref, small.ref)


def test_group_comparisons_need_more_and_less_wording_only_when_a_difference_is_claimed() -> None:
    topic_only = ComparisonWording(topic=Text.neutral("AI use"))
    with pytest.raises(FindingError, match="'more' and 'less'"):
        compare_groups(item("a", 0.7), item("b", 0.3), topic_only, "ai", "en")
    unclear = compare_groups(item("a", 0.50), item("b", 0.49), topic_only, "ai", "en")
    assert unclear is not None
    assert unclear.sentence.startswith("There is no clear difference in AI use between a and b")


def size_classes(*shares: float, se: float = 0.03) -> list[LabelledValue]:
    labels = ["kleine gemeenten", "middelgrote gemeenten", "grote gemeenten"]
    return [
        LabelledValue(
            Text.neutral(label),
            proportion(p, p - Z95 * se, p + Z95 * se, se=se),
            RowRef("t", "C1", domain=label),
        )
        for label, p in zip(labels, shares, strict=True)
    ]


def test_a_gradient_is_claimed_when_the_largest_and_smallest_classes_differ() -> None:
    finding = size_gradient(size_classes(0.35, 0.50, 0.60), EXPERIMENTING, "ai", "nl")
    assert finding is not None
    assert finding.rule == "larger_more"
    assert finding.sentence.startswith(
        "Grote gemeenten experimenteren vaker met AI dan kleine gemeenten (60% tegenover 35%;"
    )
    assert [ref.domain for ref in finding.references] == ["grote gemeenten", "kleine gemeenten"]


def test_no_gradient_is_claimed_when_only_a_middle_class_stands_out() -> None:
    finding = size_gradient(size_classes(0.40, 0.60, 0.42), EXPERIMENTING, "ai", "nl")
    assert finding is not None
    assert finding.rule == "no_clear_gradient"
    assert finding.sentence.startswith("Er is geen duidelijk verschil")
    silent = size_gradient(
        size_classes(0.40, 0.60, 0.42), EXPERIMENTING, "ai", "nl", when_unclear="silent"
    )
    assert silent is None


def test_with_few_degrees_of_freedom_a_gradient_needs_a_larger_difference() -> None:
    # d = 0.25, se = 0.03·√2 = 0.042: clear with the normal quantile (1.96), not with the t
    # quantile of 1 degree of freedom (12.71), whose interval is 0.25 ± 0.54.
    classes = size_classes(0.35, 0.50, 0.60)
    normal = size_gradient(classes, EXPERIMENTING, "ai", "nl")
    few = size_gradient(classes, EXPERIMENTING, "ai", "nl", df=1)
    assert normal is not None
    assert few is not None
    assert (normal.rule, few.rule) == ("larger_more", "no_clear_gradient")


def test_a_gradient_needs_at_least_two_classes() -> None:
    with pytest.raises(FindingError, match="at least two"):
        size_gradient(size_classes(0.4, 0.5, 0.6)[:1], EXPERIMENTING, "ai", "nl")
