"""Weighting to the frame (design v2): a stratified sample by size class with take-all strata,
raked to size class and province_rest, and the documented fallbacks."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from aimonitor import stats
from aimonitor.frame import PROVINCES, Frame, Municipality, size_class_of
from aimonitor.indicators import WaveData
from aimonitor.indicators.estimate import place_respondents
from aimonitor.indicators.matrix import build_matrix
from aimonitor.indicators.weighting import WeightedDesign, collapse_size_classes, weight_wave


def weigh(members: list[Municipality], frame: Frame) -> WeightedDesign:
    return weight_wave([m.size_class.code for m in members], [m.province for m in members], frame)


def demo_members(
    wave: WaveData, frame: Frame, keep: Callable[[Municipality], bool] = lambda m: True
) -> list[Municipality]:
    return [m for m in place_respondents(wave, frame) if keep(m)]


def english_reason(weighted: WeightedDesign) -> str:
    """The fallback reason as the estimates exports print it."""
    reason = weighted.weighting.fallback_reason
    assert reason is not None
    return reason.get("en")


def weights_of(weighted: WeightedDesign) -> np.ndarray:
    assert weighted.design is not None
    return np.asarray(weighted.design.weights)


def weight_sums(weighted: WeightedDesign, members: list[Municipality], by: str) -> dict[str, float]:
    labels = np.array([m.size_class.code if by == "size_class" else m.province for m in members])
    weights = weights_of(weighted)
    return {label: float(weights[labels == label].sum()) for label in set(labels.tolist())}


def municipality(code: str, province: str, inhabitants: int) -> Municipality:
    return Municipality(code, code, province, inhabitants, size_class_of(inhabitants))


def small_frame() -> Frame:
    """18 municipalities of one province: 10 below 20k, 6 of 20k-50k, 2 of 250k or more."""
    members = [municipality(f"GM{i:04d}", "Utrecht", 10_000) for i in range(10)]
    members += [municipality(f"GM{i:04d}", "Utrecht", 30_000) for i in range(10, 16)]
    members += [municipality(f"GM{i:04d}", "Utrecht", 300_000) for i in range(16, 18)]
    return Frame(2024, tuple(members))


def test_the_demo_wave_is_raked_to_the_size_class_and_province_counts_of_the_frame(
    demo_waves: dict[int, WaveData], frame: Frame
) -> None:
    members = demo_members(demo_waves[2024], frame)
    weighted = weigh(members, frame)
    assert weighted.weighting.method == "rake"
    assert weighted.weighting.margins == ("size_class", "province")
    assert weighted.weighting.fallback_reason is None
    assert (weighted.weighting.respondents, weighted.weighting.population) == (len(members), 342)
    by_class = weight_sums(weighted, members, "size_class")
    for code, count in frame.size_class_counts().items():
        assert np.isclose(by_class[code], count)
    by_province = weight_sums(weighted, members, "province")
    for province, count in frame.province_counts().items():
        assert np.isclose(by_province[province], count)


def test_the_four_largest_cities_get_weight_exactly_one_when_all_of_them_responded(
    demo_waves: dict[int, WaveData], frame: Frame
) -> None:
    members = demo_members(demo_waves[2024], frame)
    largest = [m.size_class.code == "ge250k" for m in members]
    assert sum(largest) == frame.size_class_counts()["ge250k"] == 4  # all four answered
    weighted = weigh(members, frame)
    assert weighted.weighting.take_all == ("ge250k",)
    weights = weights_of(weighted)
    assert weights[largest].tolist() == [1.0, 1.0, 1.0, 1.0]  # exactly, not approximately
    # Raking did move the other weights away from their base weight N_h / n_h.
    others = [m.size_class.code == "100k-250k" for m in members]
    base = frame.size_class_counts()["100k-250k"] / sum(others)
    assert not np.allclose(weights[others], base)


def test_the_take_all_stratum_adds_no_sampling_variance(
    demo_waves: dict[int, WaveData], frame: Frame
) -> None:
    members = demo_members(demo_waves[2024], frame)
    weighted = weigh(members, frame)
    assert weighted.design is not None
    in_take_all = np.array([m.size_class.code == "ge250k" for m in members])
    # A total that is 0 outside the take-all stratum is known exactly: its SE is 0.
    amsterdam = np.array([m.code == "GM0363" for m in members], dtype=float)
    [row] = stats.total(weighted.design, amsterdam[:, None])
    assert (row.estimate.estimate, row.estimate.se) == (1.0, 0.0)
    # A share within the four (two of them "yes") is a fact about all four: SE 0.
    answers = (np.cumsum(in_take_all) % 2).astype(float)
    [domain] = stats.mean(weighted.design, np.where(in_take_all, answers, np.nan)[:, None])
    assert (domain.estimate.estimate, domain.estimate.se) == (0.5, 0.0)
    assert domain.estimate.df == 3  # R's degf of the subset: 4 PSUs - 1 stratum


def test_base_weights_are_n_h_over_n_h_and_the_variance_is_that_of_stratified_sampling() -> None:
    frame = small_frame()
    codes = ["GM0000", "GM0001", "GM0002", "GM0003", "GM0010", "GM0011", "GM0012"]
    codes += ["GM0016", "GM0017"]
    members = [frame.by_code(c) for c in codes]
    weighted = weigh(members, frame)
    assert weighted.weighting.method == "rake"
    assert weighted.weighting.take_all == ("ge250k",)
    # One province, so raking has nothing to correct: 10/4 below 20k, 6/3, and 2/2 = 1.
    assert weights_of(weighted).tolist() == [2.5] * 4 + [2.0] * 3 + [1.0] * 2
    # Total of y: sum_h N_h^2 (1 - n_h/N_h) s_h^2 / n_h, by hand:
    # below 20k y = 1, 0, 1, 1: s^2 = 0.25, 100 * 0.6 * 0.25 / 4 = 3.75;
    # 20k-50k y = 0, 1, 0: s^2 = 1/3, 36 * 0.5 * (1/3) / 3 = 2; the take-all pair adds 0.
    y = np.array([1, 0, 1, 1, 0, 1, 0, 1, 0], dtype=float)
    assert weighted.design is not None
    [row] = stats.total(weighted.design, y[:, None])
    assert math.isclose(row.estimate.estimate, 2.5 * 3 + 2.0 * 1 + 1.0 * 1, rel_tol=1e-15)
    assert math.isclose(row.estimate.se, math.sqrt(3.75 + 2.0), rel_tol=1e-12)
    assert row.estimate.df == 9 - 3  # n - number of strata, the take-all stratum included


def test_a_stratum_with_one_respondent_is_collapsed_with_its_neighbour(
    demo_waves: dict[int, WaveData], frame: Frame
) -> None:
    members = demo_members(
        demo_waves[2024], frame, lambda m: m.size_class.code != "ge250k" or m.code == "GM0363"
    )
    weighted = weigh(members, frame)
    assert english_reason(weighted) == (
        "size class ge250k has one respondent: collapsed with 100k-250k "
        "(a variance needs two respondents per stratum)"
    )
    assert weighted.weighting.method == "rake"
    assert weighted.weighting.take_all == ()
    # Amsterdam and the 100k-250k respondents together stand for the 28 + 4 municipalities.
    by_class = weight_sums(weighted, members, "size_class")
    assert np.isclose(by_class["100k-250k"] + by_class["ge250k"], 28 + 4)
    assert weighted.design is not None
    assert weighted.design.n_strata == 4


def test_collapsing_tells_an_empty_class_from_a_class_with_one_respondent(frame: Frame) -> None:
    cells, notes = collapse_size_classes(
        ["lt20k", "20k-50k", "20k-50k", "100k-250k", "100k-250k", "ge250k", "ge250k"], frame
    )
    assert cells["lt20k"] == cells["20k-50k"] == cells["50k-100k"] == "lt20k+20k-50k+50k-100k"
    assert cells["100k-250k"] == "100k-250k"
    assert [note.get("en") for note in notes] == [
        "size class lt20k has one respondent: collapsed with 20k-50k "
        "(a variance needs two respondents per stratum)",
        "size class 50k-100k has no respondents: collapsed with lt20k+20k-50k",
    ]
    assert notes[0].get("nl") == (
        "gemeentegrootte lt20k heeft één respondent: samengevoegd met 20k-50k "
        "(een variantie vraagt minstens twee respondenten per stratum)"
    )


def test_a_size_class_without_respondents_is_collapsed_into_its_neighbour(
    demo_waves: dict[int, WaveData], frame: Frame
) -> None:
    members = demo_members(demo_waves[2024], frame, lambda m: m.size_class.code != "ge250k")
    weighted = weigh(members, frame)
    assert weighted.weighting.method == "rake"
    assert english_reason(weighted) == (
        "size class ge250k has no respondents: collapsed with 100k-250k"
    )
    # The 100k-250k respondents now stand for the 28 + 4 municipalities of both classes.
    assert np.isclose(weight_sums(weighted, members, "size_class")["100k-250k"], 32)


def test_the_smallest_size_class_collapses_into_the_next_larger_one(frame: Frame) -> None:
    respondents = ["20k-50k", "50k-100k", "100k-250k", "ge250k"] * 2
    cells, notes = collapse_size_classes(respondents, frame)
    assert cells["lt20k"] == cells["20k-50k"] == "lt20k+20k-50k"
    assert [note.get("en") for note in notes] == [
        "size class lt20k has no respondents: collapsed with 20k-50k"
    ]


def test_a_province_without_respondents_falls_back_to_post_stratification_by_size_class(
    demo_waves: dict[int, WaveData], frame: Frame
) -> None:
    members = demo_members(demo_waves[2024], frame, lambda m: m.province != "Flevoland")
    weighted = weigh(members, frame)
    assert weighted.weighting.method == "poststratify"
    assert weighted.weighting.margins == ("size_class",)
    assert english_reason(weighted) == (
        "province Flevoland has no respondents: post-stratified by size class only"
    )
    # Post-stratification by size class is the stratified design: N_h / n_h, take-all 1.
    weights = weights_of(weighted)
    sizes = frame.size_class_counts()
    for code, count in sizes.items():
        chosen = [m.size_class.code == code for m in members]
        assert np.allclose(weights[chosen], count / sum(chosen), rtol=1e-15)
    assert weights[[m.size_class.code == "ge250k" for m in members]].tolist() == [1.0] * 4


def test_a_province_whose_only_respondents_are_take_all_cannot_be_raked(
    demo_waves: dict[int, WaveData], frame: Frame
) -> None:
    members = demo_members(
        demo_waves[2024],
        frame,
        lambda m: m.province != "Noord-Holland" or m.size_class.code == "ge250k",
    )
    assert [m.name for m in members if m.province == "Noord-Holland"] == ["Amsterdam"]
    weighted = weigh(members, frame)
    assert weighted.weighting.method == "poststratify"
    assert english_reason(weighted) == (
        "province Noord-Holland has no respondents outside the take-all size classes: "
        "post-stratified by size class only"
    )


def test_the_dutch_report_gets_every_fallback_step_in_dutch(
    demo_waves: dict[int, WaveData], frame: Frame
) -> None:
    members = demo_members(
        demo_waves[2024],
        frame,
        lambda m: m.province != "Flevoland" and m.size_class.code != "ge250k",
    )
    reason = weigh(members, frame).weighting.fallback_reason
    assert reason is not None
    assert reason.get("nl") == (
        "gemeentegrootte ge250k heeft geen respondenten: samengevoegd met 100k-250k; "
        "provincie Flevoland heeft geen respondenten: alleen gepoststratificeerd naar "
        "gemeentegrootte"
    )


def test_raking_that_cannot_meet_both_margins_falls_back_to_post_stratification(
    frame: Frame,
) -> None:
    # The only small respondents are two from Zeeland, and they are Zeeland's only
    # respondents: their weights would have to add up to 65 (small municipalities) and to 13
    # (Zeeland) at once.
    zeeland = [
        m for m in frame.municipalities if m.province == "Zeeland" and m.size_class.code == "lt20k"
    ][:2]
    others = [
        m
        for p in PROVINCES
        if p != "Zeeland"
        for m in [
            m for m in frame.municipalities if m.province == p and m.size_class.code == "20k-50k"
        ][:2]
    ]
    members = [*zeeland, *others]
    assert len(zeeland) == 2
    assert {m.province for m in members} == set(PROVINCES)
    weighted = weigh(members, frame)
    assert weighted.weighting.method == "poststratify"
    steps = english_reason(weighted).split("; ")
    # Three empty size classes are collapsed first, then raking fails.
    assert [step.split(" has ")[0] for step in steps[:3]] == [
        "size class 50k-100k",
        "size class 100k-250k",
        "size class ge250k",
    ]
    assert steps[3].startswith("raking failed (")
    assert steps[3].endswith("post-stratified by size class only")


def test_respondents_all_in_one_size_class_get_equal_weights_with_the_fpc(frame: Frame) -> None:
    members = [m for m in frame.municipalities if m.size_class.code == "20k-50k"][:10]
    weighted = weigh(members, frame)
    assert weighted.weighting.method == "none"
    assert weighted.weighting.margins == ()
    assert "no weighting, fpc only" in english_reason(weighted)
    assert np.allclose(weights_of(weighted), 342 / 10)


def test_a_single_respondent_gives_no_design(frame: Frame) -> None:
    weighted = weigh([frame.by_code("GM0363")], frame)
    assert weighted.design is None
    assert weighted.weighting.method == "none"
    assert english_reason(weighted) == (
        "1 respondent(s): no design and no estimates (a variance needs two)"
    )


def test_every_figure_of_the_four_largest_cities_has_no_sampling_error(
    demo_waves: dict[int, WaveData], frame: Frame
) -> None:
    wave = demo_waves[2024]
    members = place_respondents(wave, frame)
    weighted = weight_wave(
        [m.size_class.code for m in members], [m.province for m in members], frame
    )
    assert weighted.weighting.take_all == ("ge250k",)
    assert weighted.design is not None
    largest = np.array([m.size_class.code == "ge250k" for m in members])
    assert largest.sum() == 4
    matrix = build_matrix(wave)
    shares = [j for j, e in enumerate(matrix.estimands) if e.kind == "proportion"]
    values = np.where(largest[:, None], matrix.values[:, shares], np.nan)
    answered = [j for j in range(len(shares)) if not np.isnan(values[:, j]).all()]
    rows = stats.proportion(weighted.design, values[:, answered])
    assert len(rows) > 100
    assert {row.estimate.se for row in rows} == {0.0}


def test_a_wave_in_which_every_municipality_answered_has_no_sampling_error(frame: Frame) -> None:
    members = list(frame.municipalities)
    weighted = weigh(members, frame)
    assert weighted.weighting.take_all == ("lt20k", "20k-50k", "50k-100k", "100k-250k", "ge250k")
    assert set(weights_of(weighted).tolist()) == {1.0}
    assert weighted.design is not None
    third = (np.arange(len(members)) % 3 == 0).astype(float)
    [row] = stats.proportion(weighted.design, third[:, None])
    assert (row.estimate.estimate, row.estimate.se) == (114 / 342, 0.0)
