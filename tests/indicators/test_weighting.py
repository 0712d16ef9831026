"""Weighting to the frame: raking to size class and province, and the documented fallbacks."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from aimonitor.frame import PROVINCES, Frame, Municipality
from aimonitor.indicators import WaveData
from aimonitor.indicators.estimate import place_respondents
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


def weight_sums(weighted: WeightedDesign, members: list[Municipality], by: str) -> dict[str, float]:
    assert weighted.design is not None
    labels = np.array([m.size_class.code if by == "size_class" else m.province for m in members])
    weights = np.asarray(weighted.design.weights)
    return {label: float(weights[labels == label].sum()) for label in set(labels.tolist())}


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
    cells, notes = collapse_size_classes(["20k-50k", "50k-100k", "100k-250k", "ge250k"], frame)
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
    by_class = weight_sums(weighted, members, "size_class")
    for code, count in frame.size_class_counts().items():
        assert np.isclose(by_class[code], count)


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
    # Amsterdam is the only respondent of both its size class (4 municipalities) and its
    # province (44): no weight can satisfy both margins.
    amsterdam = frame.by_code("GM0363")
    others = [
        next(m for m in frame.municipalities if m.province == p and m.size_class.code == size)
        for p in PROVINCES
        if p != "Noord-Holland"
        for size in ("20k-50k",)
    ]
    others += [m for m in frame.municipalities if m.size_class.code == "lt20k"][:2]
    members = [amsterdam, *others]
    assert {m.province for m in members} == set(PROVINCES)
    weighted = weigh(members, frame)
    assert weighted.weighting.method == "poststratify"
    steps = english_reason(weighted).split("; ")
    # Two empty size classes are collapsed first, then raking fails.
    assert [step.split(" has ")[0] for step in steps[:2]] == [
        "size class 50k-100k",
        "size class 100k-250k",
    ]
    assert steps[2].startswith("raking failed (")
    assert steps[2].endswith("post-stratified by size class only")


def test_respondents_all_in_one_size_class_get_equal_weights_with_the_fpc(frame: Frame) -> None:
    members = [m for m in frame.municipalities if m.size_class.code == "20k-50k"][:10]
    weighted = weigh(members, frame)
    assert weighted.weighting.method == "none"
    assert weighted.weighting.margins == ()
    assert "no weighting, fpc only" in english_reason(weighted)
    assert weighted.design is not None
    assert np.allclose(weighted.design.weights, 342 / 10)


def test_a_single_respondent_gives_no_design(frame: Frame) -> None:
    weighted = weigh([frame.by_code("GM0363")], frame)
    assert weighted.design is None
    assert weighted.weighting.method == "none"
    assert english_reason(weighted) == (
        "1 respondent(s): no design and no estimates (a variance needs two)"
    )
