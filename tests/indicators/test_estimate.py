"""Estimating a wave: hand-checked shares, domains, suppression, merged codes, edge cases."""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np
import pytest

from aimonitor.frame import PROVINCES, Frame, Lineage
from aimonitor.indicators import ALL, EstimateTable, WaveData
from aimonitor.indicators.errors import IndicatorError
from aimonitor.indicators.estimate import estimate_wave

from .support import codes_in, wave_of

# Five municipalities of one size class: equal weights N/n, so shares are plain shares.
FIVE: list[dict[str, object]] = [
    {"B1": 1, "B2": [1, 2], "L1": 4, "N1": 1.5},
    {"B1": 1, "B2": [1], "L1": 2, "N1": 98},
    {"B1": 2, "B2": [3], "L1": 98, "N1": 3.5},
    {"B1": 3, "L1": 5},
    {"B1": 98, "L1": 1, "N1": 1},
]


@pytest.fixture(scope="module")
def five(frame: Frame) -> EstimateTable:
    return estimate_wave(wave_of(FIVE, codes_in(frame, "20k-50k", 5)), frame)


@pytest.fixture(scope="module")
def demo(demo_waves: dict[int, WaveData], frame: Frame, lineage: Lineage) -> EstimateTable:
    return estimate_wave(demo_waves[2024], frame, lineage=lineage)


def test_shares_of_a_tiny_wave_are_the_plain_shares_with_n_the_respondents(
    five: EstimateTable,
) -> None:
    assert five.weighting.method == "none"
    assert (five.get("B1", "1").estimate.estimate, five.get("B1", "1").estimate.n) == pytest.approx(
        (0.4, 5)
    )
    assert five.get("B1", "98").estimate.estimate == pytest.approx(0.2)
    assert five.get("B1", "group:working_on").estimate.estimate == pytest.approx(0.6)
    assert five.get("B2", "1").estimate.estimate == pytest.approx(2 / 3)
    assert five.get("B2", "1").estimate.n == 3


def test_means_leave_special_codes_out(five: EstimateTable) -> None:
    likert = five.get("L1", "mean")
    assert likert.estimate.estimate == pytest.approx(3.0)
    assert (likert.estimate.n, likert.kind) == (4, "mean")
    assert five.get("N1", "mean").estimate.estimate == pytest.approx(2.0)
    assert five.get("L1", "98").estimate.estimate == pytest.approx(0.2)


def test_the_standard_error_is_the_srs_one_with_the_finite_population_correction(
    five: EstimateTable,
) -> None:
    # p = 0.4 of n = 5 out of N = 342: s^2 = 5 * 0.4 * 0.6 / 4; var = (1 - n/N) s^2 / n.
    expected = math.sqrt((1 - 5 / 342) * (5 * 0.4 * 0.6 / 4) / 5)
    row = five.get("B1", "1")
    assert row.estimate.se == pytest.approx(expected)
    assert (row.estimate.df, row.estimate.method, row.kind) == (4, "wilson", "proportion")


def test_rows_resting_on_fewer_than_five_respondents_are_suppressed(
    five: EstimateTable, frame: Frame
) -> None:
    assert not five.get("B1", "1").suppressed
    assert five.get("B2", "1").suppressed
    assert five.get("L1", "mean").suppressed
    lenient = estimate_wave(wave_of(FIVE, codes_in(frame, "20k-50k", 5)), frame, min_n=3)
    assert not lenient.get("B2", "1").suppressed


def test_domains_without_respondents_and_items_nobody_answered_have_no_rows(
    five: EstimateTable, frame: Frame
) -> None:
    assert five.find("B1", "1", "size_class=20k-50k") is not None
    assert five.find("B1", "1", "size_class=lt20k") is None
    assert five.find("R1", "rank1:1") is None
    provinces = {frame.by_code(code).province for code in codes_in(frame, "20k-50k", 5)}
    assert {row.domain for row in five} == {
        ALL,
        "size_class=20k-50k",
        *(f"province={province}" for province in provinces),
    }


def test_a_domain_with_one_respondent_gives_suppressed_rows_and_never_a_nan(frame: Frame) -> None:
    codes = codes_in(frame, "20k-50k", 5) + codes_in(frame, "lt20k", 1)
    answers: list[dict[str, object]] = [*FIVE, {"B1": 2, "L1": 3}]
    table = estimate_wave(wave_of(answers, codes), frame, min_n=1)
    mean = table.get("L1", "mean", "size_class=lt20k")
    assert (mean.estimate.n, mean.estimate.estimate, mean.suppressed) == (
        1,
        3.0,
        True,
    )  # interval is infinite
    share = table.get("B1", "2", "size_class=lt20k")
    # One respondent is a group that answered unanimously: never published, whatever min_n.
    assert (share.estimate.n, share.estimate.estimate, share.suppressed) == (1, 1.0, True)
    assert (share.estimate.ci_lower, share.estimate.ci_upper) == (0.0, 1.0)
    for row in table:
        assert not math.isnan(row.estimate.estimate)
        assert not math.isnan(row.estimate.se)


def test_a_wave_without_respondents_gives_an_empty_table_and_says_why(frame: Frame) -> None:
    table = estimate_wave(wave_of([], []), frame)
    assert len(table) == 0
    assert table.weighting.method == "none"
    assert table.weighting.fallback_reason is not None


def test_a_response_stored_under_a_pre_merger_code_counts_for_its_successor(
    frame: Frame, lineage: Lineage
) -> None:
    # Heerhugowaard (GM0398) became Dijk en Waard (GM1980) in 2022.
    codes = ["GM0398", *codes_in(frame, "20k-50k", 4)]
    table = estimate_wave(wave_of(FIVE, codes), frame, lineage=lineage)
    assert table.get("B1", "1").estimate.n == 5
    assert table.find("B1", "1", "size_class=50k-100k") is not None  # Dijk en Waard's class
    assert frame.by_code("GM1980").size_class.code == "50k-100k"


def test_a_pre_merger_code_without_the_lineage_is_a_clear_error(frame: Frame) -> None:
    with pytest.raises(IndicatorError, match=r"^GM0398 is not a municipality in the 2024 frame"):
        estimate_wave(wave_of(FIVE[:2], ["GM0398", "GM0363"]), frame)


def test_an_unknown_code_is_a_clear_error(frame: Frame, lineage: Lineage) -> None:
    with pytest.raises(IndicatorError, match=r"^GM9999 is not a municipality .* nor merged into"):
        estimate_wave(wave_of(FIVE[:2], ["GM9999", "GM0363"]), frame, lineage=lineage)


def test_two_responses_for_one_municipality_are_refused(frame: Frame, lineage: Lineage) -> None:
    with pytest.raises(IndicatorError, match=r"^GM1980: two responses in wave 2024"):
        estimate_wave(wave_of(FIVE[:2], ["GM0398", "GM0416"]), frame, lineage=lineage)


def test_the_interval_method_for_proportions_can_be_chosen(frame: Frame) -> None:
    table = estimate_wave(wave_of(FIVE, codes_in(frame, "20k-50k", 5)), frame, method="logit")
    assert table.get("B1", "1").estimate.method == "logit"
    assert table.get("L1", "mean").estimate.method == "wald"


def test_every_published_demo_row_has_a_finite_estimate_inside_its_interval(
    demo: EstimateTable,
) -> None:
    assert demo.synthetic
    published = [row for row in demo if not row.suppressed]
    assert len(published) > 1000
    for row in published:
        numbers = (
            row.estimate.estimate,
            row.estimate.se,
            row.estimate.ci_lower,
            row.estimate.ci_upper,
        )
        assert all(math.isfinite(x) for x in numbers), row.key
        assert row.estimate.ci_lower <= row.estimate.estimate <= row.estimate.ci_upper, row.key
        assert row.estimate.n >= 5


def test_the_demo_table_has_every_domain_and_every_estimand_overall(
    demo: EstimateTable, demo_waves: dict[int, WaveData]
) -> None:
    domains = {row.domain for row in demo}
    # Size classes as published: 100k-250k and ge250k (four cities) together.
    expected = {ALL, *(f"size_class={c}" for c in ("lt20k", "20k-50k", "50k-100k", "ge100k"))}
    expected |= {f"province={p}" for p in PROVINCES}
    assert domains == expected
    # A2 is only asked when A1 is skipped; every demo respondent answered A1.
    assert demo.find("A2", "1") is None
    assert demo.get("B1", "group:working_on").estimate.n == len(demo_waves[2024].respondents)


def test_the_size_class_and_province_n_add_up_to_the_overall_n(demo: EstimateTable) -> None:
    totals: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in demo:
        part = row.domain.split("=")[0]
        totals[(row.variable, row.option)][part] += row.estimate.n
    for key, by_part in totals.items():
        assert by_part["size_class"] == by_part[ALL], key
        assert by_part["province"] == by_part[ALL], key


def test_the_shares_of_all_codes_of_a_single_choice_sum_to_1_in_every_domain(
    demo: EstimateTable,
) -> None:
    sums: dict[str, float] = defaultdict(float)
    for row in demo:
        if row.variable == "D1" and row.option.isdigit():
            sums[row.domain] += row.estimate.estimate
    assert len(sums) == 1 + 4 + 12  # national, publication size classes, provinces
    assert np.allclose(list(sums.values()), 1.0)


def test_a_group_share_is_the_sum_of_its_codes_shares(demo: EstimateTable) -> None:
    group = demo.get("D1", "group:experimenting").estimate.estimate
    codes = sum(demo.get("D1", code).estimate.estimate for code in ("3", "4", "5"))
    assert group == pytest.approx(codes)


def test_any_row_in_a_group_is_at_least_the_share_of_each_row(demo: EstimateTable) -> None:
    any_used = demo.get("E1", "any:used")
    for row in ("copilot_m365", "copilot_chat", "public_chatbots", "own_llm", "embedded_genai"):
        assert (
            any_used.estimate.estimate
            >= demo.get(f"E1_{row}", "group:used").estimate.estimate - 1e-12
        )


def test_top_n_shares_are_at_least_the_first_place_shares_and_sum_to_the_ranks_given(
    demo: EstimateTable, demo_waves: dict[int, WaveData]
) -> None:
    top3 = [demo.get("F3", f"top3:{code}").estimate.estimate for code in range(1, 13)]
    first = [demo.get("F3", f"rank1:{code}").estimate.estimate for code in range(1, 13)]
    assert all(t >= f - 1e-12 for t, f in zip(top3, first, strict=True))
    assert sum(first) == pytest.approx(1.0)
    assert sum(top3) <= 3.0 + 1e-9


def test_a_minimum_cell_size_below_1_is_refused(frame: Frame) -> None:
    with pytest.raises(IndicatorError, match="min_n must be at least 1, got 0"):
        estimate_wave(wave_of(FIVE, codes_in(frame, "20k-50k", 5)), frame, min_n=0)


def without(wave: WaveData, frame: Frame, size_class: str = "", province: str = "") -> WaveData:
    kept = tuple(
        r
        for r in wave.respondents
        if frame.by_code(r.code).size_class.code != size_class
        and frame.by_code(r.code).province != province
    )
    return WaveData(wave.year, wave.frame_year, wave.questionnaire, kept, wave.synthetic)


def test_a_demo_wave_without_a_province_is_post_stratified_and_has_no_rows_for_it(
    demo_waves: dict[int, WaveData], frame: Frame
) -> None:
    table = estimate_wave(without(demo_waves[2024], frame, province="Drenthe"), frame)
    assert table.weighting.method == "poststratify"
    assert table.weighting.fallback_reason is not None
    assert "province Drenthe has no respondents" in table.weighting.fallback_reason.get("en")
    assert not any(row.domain == "province=Drenthe" for row in table)
    assert 0 < table.get("B1", "group:working_on").estimate.estimate < 1


def test_a_demo_wave_without_the_largest_cities_is_still_raked_with_collapsed_classes(
    demo_waves: dict[int, WaveData], frame: Frame
) -> None:
    table = estimate_wave(without(demo_waves[2024], frame, size_class="ge250k"), frame)
    assert table.weighting.method == "rake"
    assert table.weighting.fallback_reason is not None
    assert table.weighting.fallback_reason.get("en") == (
        "size class ge250k has no respondents: collapsed with 100k-250k"
    )
    assert not any(row.domain == "size_class=ge250k" for row in table)
    published = [row for row in table if not row.suppressed]
    assert all(
        row.estimate.ci_lower <= row.estimate.estimate <= row.estimate.ci_upper for row in published
    )
