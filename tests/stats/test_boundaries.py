"""Shares of exactly 0 or 1 are decided from counts, whatever the floating-point sums give."""

from __future__ import annotations

import numpy as np
import pytest

from aimonitor import stats
from aimonitor.stats.intervals import NOTE_BOUNDARY, NOTE_CENSUS


def raked_design(n: int, seed: int) -> tuple[stats.Design, np.ndarray, np.ndarray]:
    """A raked design with uneven weights (the sums of shares are not exact in floating point)."""
    rng = np.random.default_rng(seed)
    size = rng.choice(["a", "b", "c"], size=n)
    province = rng.choice(["p", "q", "r", "s"], size=n)
    design = stats.design_from_arrays(fpc=np.full(n, 342.0))
    raked = stats.rake(
        design,
        [
            stats.Margin("size", size, {"a": 150.0, "b": 120.0, "c": 72.0}),
            stats.Margin("province", province, {"p": 91.0, "q": 83.0, "r": 97.0, "s": 71.0}),
        ],
    )
    return raked, size, province


def block_with_one_all_ones_column(province: np.ndarray, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    block = rng.integers(0, 2, size=(province.shape[0], 40)).astype(np.float64)
    block[:, 17] = np.where(province == "q", 1.0, block[:, 17])  # all "yes" within q
    block[:, 23] = np.where(province == "r", 0.0, block[:, 23])  # all "no" within r
    block[rng.random(block.shape) < 0.1] = np.nan  # item non-response
    return block


@pytest.mark.parametrize("seed", range(12))
def test_an_all_yes_column_in_a_block_is_exactly_one_with_its_boundary_interval(seed: int) -> None:
    design, _, province = raked_design(211, seed)
    block = block_with_one_all_ones_column(province, seed)
    in_block = stats.proportion(design, block, by=province)
    alone = stats.proportion(design, block[:, [17]], by=province)
    together = in_block.get("v18", level="1", domain="q")
    single = alone.get("v1", level="1", domain="q")
    assert together.estimate == 1.0
    assert single.estimate == 1.0
    assert together.se == 0.0
    assert together.boundary
    assert together.ci_upper == 1.0
    assert together.ci_lower < 1.0
    assert together.note == NOTE_BOUNDARY
    assert (together.ci_lower, together.ci_upper) == (single.ci_lower, single.ci_upper)


@pytest.mark.parametrize("seed", range(12))
def test_an_all_no_column_in_a_block_is_exactly_zero_with_its_boundary_interval(seed: int) -> None:
    design, _, province = raked_design(211, seed)
    block = block_with_one_all_ones_column(province, seed)
    zero = stats.proportion(design, block, by=province).get("v24", level="1", domain="r")
    assert zero.estimate == 0.0
    assert zero.se == 0.0
    assert zero.boundary
    assert zero.ci_lower == 0.0
    assert zero.ci_upper > 0.0
    assert zero.note == NOTE_BOUNDARY


@pytest.mark.parametrize("seed", range(12))
def test_no_share_or_bound_lies_outside_zero_and_one(seed: int) -> None:
    design, size, province = raked_design(211, seed)
    block = block_with_one_all_ones_column(province, seed)
    for by in (size, province, None):
        for row in stats.proportion(design, block, by=by):
            e = row.estimate
            assert 0.0 <= e.ci_lower <= e.estimate <= e.ci_upper <= 1.0
            if e.ci_lower == e.ci_upper:
                assert e.note is not None


def test_a_share_strictly_between_zero_and_one_is_not_a_boundary_share() -> None:
    design, _, province = raked_design(211, 3)
    block = block_with_one_all_ones_column(province, 3)
    row = stats.proportion(design, block, by=province).get("v18", level="1", domain="p")
    assert 0.0 < row.estimate < 1.0
    assert not row.boundary
    assert row.se > 0.0


def test_a_change_against_an_all_yes_domain_uses_the_uncertainty_of_its_interval() -> None:
    design, _, province = raked_design(211, 5)
    block = block_with_one_all_ones_column(province, 5)
    full = stats.proportion(design, block, by=province).get("v18", level="1", domain="q")
    # an earlier wave 96 % with SE 2 points: the change may not rest on that SE alone
    earlier = stats.Estimate(0.96, 0.02, 0.90, 0.99, 60.0, 61, "wilson")
    change = stats.difference(full, earlier, df="welch")
    assert change.se > 0.02 + 1e-6
    assert change.se == pytest.approx(np.hypot(stats.comparison_se(full), 0.02))


def test_a_share_that_varies_only_within_a_take_all_stratum_has_no_sampling_error() -> None:
    # stratum "big": all 4 of 4 answered (fpc factor 0); stratum "small": 30 of 90, all "no"
    strata = np.array(["big"] * 4 + ["small"] * 30)
    fpc = np.array([4.0] * 4 + [90.0] * 30)
    design = stats.design_from_arrays(strata=strata, fpc=fpc)
    yes = np.zeros((34, 1))
    yes[0, 0] = 1.0  # one of the big ones
    row = stats.proportion(design, yes).rows[0].estimate
    assert row.estimate == pytest.approx(1 / 94)
    assert row.se == 0.0
    assert (row.ci_lower, row.ci_upper) == (row.estimate, row.estimate)
    assert row.note == NOTE_CENSUS
    assert not row.boundary
