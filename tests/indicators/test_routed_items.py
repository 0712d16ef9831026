"""Items that only apply after an earlier answer are routed, so a municipality that was not
shown them is not in their base, whatever is stored for it (decision 0010).

B4 (the level that adopted the vision) is shown when B1 is 1 or 2 (a vision adopted or in
development); G4 and G6 (literacy follow-ups) when G2 names a training (codes 1-4) or G3
says some staff were trained (codes 2-6).
"""

from __future__ import annotations

import pytest

from aimonitor.frame import Frame
from aimonitor.indicators import EstimateTable, Respondent, WaveData, estimate_wave
from aimonitor.questionnaire import Questionnaire

from .support import codes_in


@pytest.fixture
def table(instrument: Questionnaire, frame: Frame) -> EstimateTable:
    answers = [
        {"B1": 1, "B4": 2, "G2": [1], "G3": 1, "G4": 1},  # e-learning offered, nobody done yet
        {"B1": 1, "B4": 2, "G2": [5], "G3": 3, "G4": 2},  # 11-25% of staff trained
        {"B1": 2, "B4": 4, "G2": [9], "G3": 1, "G4": 3},  # no training: G4 not shown
        {"B1": 2, "B4": 4, "G2": [98], "G3": 98, "G4": 1},  # does not know: G4 not shown
        {"B1": 4, "B4": 1},  # no vision: B4 not shown, the stored answer does not count
        {"B1": 4, "B4": 1},
    ]
    codes = codes_in(frame, "20k-50k", len(answers))
    respondents = tuple(Respondent(c, a) for c, a in zip(codes, answers, strict=True))
    return estimate_wave(WaveData(2024, 2024, instrument, respondents), frame)


def test_a_routed_item_is_not_in_the_base_of_municipalities_not_shown_it(
    table: EstimateTable,
) -> None:
    assert table.get("B1", "4").estimate.n == 6
    assert table.get("B4", "4").estimate.n == 4
    # The two stored answers "council" (1) of municipalities without a vision are not counted.
    assert table.get("B4", "1").estimate.estimate == 0.0


def test_b4_no_longer_offers_not_applicable(
    table: EstimateTable, instrument: Questionnaire
) -> None:
    assert instrument.variable("B4").special_codes == (98,)
    assert table.find("B4", "99") is None


def test_literacy_follow_ups_are_based_on_municipalities_with_training(
    table: EstimateTable,
) -> None:
    assert table.get("G4", "1").estimate.n == 2
    assert table.get("G4", "3").estimate.estimate == 0.0  # stored, but not shown
    assert table.find("G6", "1") is None  # shown to two, answered by none
