"""No published share of a demo wave sits outside [0, 1] or has an unexplained zero-width
interval, and a share of exactly 0 or 1 does not depend on the columns estimated with it."""

from __future__ import annotations

import numpy as np
import pytest

from aimonitor import stats
from aimonitor.frame import Lineage, load_frame
from aimonitor.indicators import WaveData
from aimonitor.indicators.estimate import estimate_wave, place_respondents
from aimonitor.indicators.matrix import build_matrix
from aimonitor.indicators.weighting import weight_wave


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_no_row_of_a_demo_wave_lies_outside_zero_and_one_or_has_a_silent_zero_width_interval(
    year: int, demo_waves: dict[int, WaveData], lineage: Lineage
) -> None:
    wave = demo_waves[year]
    table = estimate_wave(wave, load_frame(wave.frame_year), lineage=lineage)
    shares = [row for row in table if row.kind == "proportion"]
    assert shares
    for row in shares:
        e = row.estimate
        assert 0.0 <= e.ci_lower <= e.estimate <= e.ci_upper <= 1.0, row.key
        if e.ci_lower == e.ci_upper:
            assert e.note is not None, row.key
        if e.estimate in (0.0, 1.0):
            assert e.boundary, row.key
            assert e.se == 0.0, row.key
            assert e.note is not None, row.key


def test_a_boundary_share_estimated_in_its_block_equals_the_same_column_estimated_alone(
    demo_waves: dict[int, WaveData], lineage: Lineage
) -> None:
    wave = demo_waves[2024]
    frame = load_frame(wave.frame_year)
    members = place_respondents(wave, frame, lineage)
    design = weight_wave(
        [m.size_class.code for m in members], [m.province for m in members], frame
    ).design
    assert design is not None
    matrix = build_matrix(wave)
    shares = np.flatnonzero([e.kind == "proportion" for e in matrix.estimands])
    groups = [
        np.array([m.province for m in members]),
        np.array([m.size_class.code for m in members]),
    ]
    checked = 0
    for group, name in ((g, name) for g in groups for name in sorted(set(g))):
        values = np.where((group == name)[:, None], matrix.values[:, shares], np.nan)
        in_base = np.flatnonzero((~np.isnan(values)).sum(axis=0) > 0)
        block = values[:, in_base]
        together = stats.proportion(design, block)
        for j in range(block.shape[1]):
            column = block[:, j]
            answered = column[~np.isnan(column)]
            if answered.min() != answered.max():
                continue
            alone = stats.proportion(design, block[:, [j]]).rows[0].estimate
            in_block = together.rows[j].estimate
            assert in_block.estimate == alone.estimate == answered[0]
            assert (in_block.ci_lower, in_block.ci_upper) == (alone.ci_lower, alone.ci_upper)
            assert in_block.boundary
            assert in_block.se == 0.0
            checked += 1
    assert checked > 100  # many domains have items everyone answered alike
