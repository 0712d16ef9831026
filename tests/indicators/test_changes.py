"""Changes between waves: differences of matching rows, independent-sample standard errors."""

from __future__ import annotations

import math

import pytest

from aimonitor.frame import Frame, Lineage, load_frame
from aimonitor.indicators import EstimateTable, IndicatorRow, WaveData, Weighting
from aimonitor.indicators.changes import estimate_changes
from aimonitor.indicators.errors import IndicatorError
from aimonitor.indicators.estimate import estimate_wave
from aimonitor.stats import Estimate

WEIGHTING = Weighting("rake", ("size_class", "province"), None, 200, 342)


def row(option: str, estimate: float, se: float, n: int = 100, **kw: object) -> IndicatorRow:
    interval = (estimate - 2 * se, estimate + 2 * se)
    return IndicatorRow(
        variable="B1",
        option=option,
        domain="all",
        kind="proportion",
        estimate=Estimate(estimate, se, *interval, n - 1.0, n, "wilson"),
        **kw,  # type: ignore[arg-type]
    )


def table(wave: int, *rows: IndicatorRow) -> EstimateTable:
    return EstimateTable(wave=wave, synthetic=False, weighting=WEIGHTING, rows=rows)


def test_a_change_is_the_difference_with_the_root_sum_of_squares_standard_error() -> None:
    changes = estimate_changes(table(2025, row("1", 0.5, 0.03)), table(2024, row("1", 0.4, 0.04)))
    change = changes.get("B1", "1")
    assert change.kind == "difference"
    assert change.estimate.estimate == pytest.approx(0.1)
    assert change.estimate.se == pytest.approx(0.05)  # sqrt(0.03^2 + 0.04^2)
    # Welch-Satterthwaite: 0.0025^2 / (0.0009^2 / 99 + 0.0016^2 / 99) = 183.605...
    assert change.estimate.df == pytest.approx(183.6053, rel=1e-6)
    t = 1.972968617  # qt(0.975, 183.6053412) in R
    assert (change.estimate.ci_lower, change.estimate.ci_upper) == pytest.approx(
        (0.1 - t * 0.05, 0.1 + t * 0.05), rel=1e-6
    )
    assert change.estimate.n == 200
    assert (changes.wave, changes.compared_with) == (2025, 2024)


def test_only_keys_present_in_both_waves_get_a_change() -> None:
    changes = estimate_changes(
        table(2025, row("1", 0.5, 0.03), row("2", 0.2, 0.02)),
        table(2024, row("1", 0.4, 0.04), row("3", 0.1, 0.01)),
    )
    assert [r.option for r in changes] == ["1"]


def test_a_change_is_suppressed_when_either_wave_is() -> None:
    changes = estimate_changes(
        table(2025, row("1", 0.5, 0.03, suppressed=True), row("2", 0.5, 0.03)),
        table(2024, row("1", 0.4, 0.04), row("2", 0.4, 0.04, suppressed=True)),
    )
    assert [r.suppressed for r in changes] == [True, True]


def test_a_table_of_changes_cannot_be_compared_again() -> None:
    changes = estimate_changes(table(2025, row("1", 0.5, 0.03)), table(2024, row("1", 0.4, 0.04)))
    with pytest.raises(IndicatorError, match="already holds changes"):
        estimate_changes(changes, table(2023, row("1", 0.3, 0.04)))


def test_the_demo_waves_2025_against_2024_give_finite_changes_for_every_shared_key(
    demo_waves: dict[int, WaveData], frame: Frame, lineage: Lineage
) -> None:
    current = estimate_wave(demo_waves[2025], load_frame(2025), lineage=lineage)
    previous = estimate_wave(demo_waves[2024], frame, lineage=lineage)
    changes = estimate_changes(current, previous)
    shared = {r.key for r in current} & {r.key for r in previous}
    assert {r.key for r in changes} == shared
    assert changes.synthetic
    for change in changes:
        before = previous.get(*change.key)
        now = current.get(*change.key)
        assert change.estimate.estimate == pytest.approx(
            now.estimate.estimate - before.estimate.estimate
        )
        assert math.isfinite(change.estimate.se)
        assert change.estimate.se >= max(now.estimate.se, before.estimate.se)
        unbounded = not math.isfinite(change.estimate.ci_upper - change.estimate.ci_lower)
        assert change.suppressed == (now.suppressed or before.suppressed or unbounded)
