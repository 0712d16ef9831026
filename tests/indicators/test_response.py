"""Response counts against the frame, with respondents placed as the estimates place them."""

from __future__ import annotations

import pytest

from aimonitor.frame import Frame, Lineage
from aimonitor.indicators import IndicatorError, response_summary

from .support import wave_of


def test_respondents_are_counted_by_size_class_and_province(frame: Frame) -> None:
    # Amsterdam and Rotterdam (ge250k), and Utrecht (ge250k, province Utrecht).
    wave = wave_of([{}, {}, {}], ["GM0363", "GM0599", "GM0344"])
    summary = response_summary(wave, frame)
    assert (summary.total.respondents, summary.total.population) == (3, 342)
    ge250k = next(cell for cell in summary.by_size_class if cell.key == "ge250k")
    assert (ge250k.respondents, ge250k.population, ge250k.rate) == (3, 4, 0.75)
    utrecht = next(cell for cell in summary.by_province if cell.key == "Utrecht")
    assert utrecht.respondents == 1


def test_a_pre_merger_code_counts_for_its_successor_with_the_lineage(
    frame: Frame, lineage: Lineage
) -> None:
    wave = wave_of([{}], ["GM0398"])  # Heerhugowaard, now Dijk en Waard (Noord-Holland)
    with pytest.raises(IndicatorError, match="GM0398 is not a municipality in the 2024 frame"):
        response_summary(wave, frame)
    summary = response_summary(wave, frame, lineage=lineage)
    holland = next(cell for cell in summary.by_province if cell.key == "Noord-Holland")
    assert holland.respondents == 1
