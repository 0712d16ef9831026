"""The indicator matrix: 0/1 shares, values for means, NaN for respondents not in the base."""

from __future__ import annotations

import math

import numpy as np
import pytest

from aimonitor.indicators import WaveData
from aimonitor.indicators.errors import IndicatorError
from aimonitor.indicators.matrix import build_matrix
from aimonitor.paths import data_dir
from aimonitor.questionnaire import load_questionnaire

from .support import wave_of

CODES = ["GM0001", "GM0002", "GM0003", "GM0004"]
ANSWERS = [
    {"B1": 1, "B2": [1, 2], "E1_chat": 1, "E1_code": 3, "L1": 4, "N1": 2.5, "R1": [2, 1]},
    {"B1": 2, "B2": [3], "E1_chat": 3, "E1_code": 98, "L1": 98, "N1": 98, "R1": [1, 3]},
    {"B1": 3, "B2": [1], "E1_chat": 3, "L1": 2, "N1": 0, "R1": [3]},
    {"B1": 98, "E1_code": 2, "T1": "prima"},
]


def wave() -> WaveData:
    return wave_of(ANSWERS, CODES)


def column(variable: str, option: str) -> list[float | None]:
    values = build_matrix(wave()).column(variable, option)
    return [None if math.isnan(v) else float(v) for v in values]


def test_a_code_is_1_for_who_chose_it_and_0_for_other_answers() -> None:
    assert column("B1", "1") == [1, 0, 0, 0]
    assert column("B1", "98") == [0, 0, 0, 1]


def test_a_multiple_choice_code_counts_wherever_it_stands_in_the_list() -> None:
    real = load_questionnaire(data_dir() / "questionnaires" / "ai-monitor-2024.yaml")
    answers = [{"B1": 1, "B2": [1, 2, 3, 4]}, {"B1": 2, "B2": [4]}]
    values = build_matrix(wave_of(answers, CODES[:2], real)).column("B2", "4")
    assert values.tolist() == [1.0, 1.0]


def test_a_group_is_1_for_any_of_its_codes() -> None:
    assert column("B1", "group:working_on") == [1, 1, 0, 0]


def test_an_answer_to_an_item_not_shown_is_not_in_the_base() -> None:
    # The third respondent answered B2, but B1 = 3 hides it.
    assert column("B2", "1") == [1, 0, None, None]
    assert column("B2", "3") == [0, 1, None, None]


def test_a_likert_mean_leaves_dont_know_out_and_the_shares_keep_it() -> None:
    assert column("L1", "mean") == [4, None, 2, None]
    assert column("L1", "98") == [0, 1, 0, None]


def test_a_numeric_mean_uses_the_number_and_leaves_special_codes_out() -> None:
    assert column("N1", "mean") == [2.5, None, 0, None]


def test_a_ranking_counts_first_places_and_the_top_n() -> None:
    assert column("R1", "rank1:1") == [0, 1, 0, None]
    assert column("R1", "top2:1") == [1, 1, 0, None]
    assert column("R1", "top2:3") == [0, 1, 1, None]


def test_any_row_counts_respondents_with_a_row_in_the_group_among_those_with_a_row() -> None:
    assert column("E1", "any:used") == [1, 0, 0, 1]


def test_a_grid_row_left_empty_is_not_in_that_rows_base() -> None:
    assert column("E1_code", "98") == [0, 1, None, 0]


def test_the_matrix_has_one_row_per_respondent_and_one_column_per_estimand() -> None:
    matrix = build_matrix(wave())
    assert matrix.values.shape == (4, len(matrix.estimands))
    assert matrix.codes == tuple(CODES)


def test_a_wave_without_respondents_gives_an_empty_matrix() -> None:
    matrix = build_matrix(wave_of([], []))
    assert matrix.values.shape == (0, len(matrix.estimands))


def test_an_answer_that_is_not_a_code_names_the_municipality_and_variable() -> None:
    with pytest.raises(IndicatorError, match=r"^GM0002: answer to B1: 7 is not a code of B1$"):
        build_matrix(wave_of([{"B1": 1}, {"B1": 7}], CODES[:2]))


def test_the_shares_of_all_codes_of_a_single_choice_sum_to_1_for_every_respondent(
    demo_waves: dict[int, WaveData],
) -> None:
    matrix = build_matrix(demo_waves[2024])
    columns = [
        j for j, e in enumerate(matrix.estimands) if e.variable == "D1" and e.option.isdigit()
    ]
    sums = matrix.values[:, columns].sum(axis=1)
    answered = sums[~np.isnan(sums)]
    assert len(answered) > 100
    assert np.all(answered == 1)
