"""The maturity index of the benchmark: loading, checking against the questionnaire, scoring.

Expected scores are worked out by hand from the rules in data/benchmark/maturity.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from aimonitor.paths import data_dir
from aimonitor.questionnaire import load_questionnaire
from aimonitor.report.errors import ReportError
from aimonitor.report.maturity import (
    MaturityIndex,
    ThemeScore,
    load_maturity_index,
    percentage,
    score_maturity,
)

Q = load_questionnaire(data_dir() / "questionnaires" / "ai-monitor-2024.yaml")
INDEX_FILE = data_dir() / "benchmark" / "maturity.yaml"


@pytest.fixture(scope="module")
def index() -> MaturityIndex:
    return load_maturity_index(INDEX_FILE, Q)


def _theme(scores: tuple[ThemeScore, ...], theme: str) -> ThemeScore:
    (score,) = (s for s in scores if s.theme == theme)
    return score


def _write(tmp_path: Path, themes: str) -> Path:
    path = tmp_path / "maturity.yaml"
    path.write_text(f'id: test\nversion: "1"\nquestionnaire: ai-monitor-2024\nthemes:\n{themes}')
    return path


def test_the_shipped_index_scores_every_numbered_theme_but_opportunities(
    index: MaturityIndex,
) -> None:
    # Sums of each rule's highest points, read off the file: vision 2+2+2+2+1, champions
    # 2+2+1+1+1, experiments 3+3+1, AI types 2+2+2, literacy 3+1+1+2+1.
    assert {t.theme: t.maximum for t in index.themes if t.scored} == {
        "vision": 9,
        "champions": 7,
        "experiments": 7,
        "ai_types": 6,
        "literacy": 8,
    }
    opportunities = index.theme("opportunities")
    assert opportunities is not None
    assert not opportunities.scored
    assert opportunities.note is not None
    assert "Geen score" in opportunities.note.nl


def test_a_theme_scores_its_points_as_a_whole_percentage_of_its_maximum(
    index: MaturityIndex,
) -> None:
    # B1 adopted 2, guideline in development 1, governance not present 0, assessment not
    # answered 0, B5 freely allowed 0: 3 of 9 = 33.3 %.
    answers = {"B1": 1, "B3_guideline": 2, "B3_governance": 3, "B5": 1}
    vision = _theme(score_maturity(index, Q, answers), "vision")
    assert (vision.points, vision.maximum, vision.score) == (3, 9, 33)
    assert [c.points for c in vision.contributions] == [2, 1, 0, 0, 0]
    first = vision.contributions[0]
    assert first.answer is not None
    assert first.answer.nl == "Ja, formeel vastgesteld"
    assessment = vision.contributions[3]
    assert (assessment.asked, assessment.answer) == (True, None)


def test_a_multiple_choice_rule_gives_the_highest_points_of_the_codes_chosen_and_halves_round_up(
    index: MaturityIndex,
) -> None:
    # G1 first steps 2, G2 e-learning 1 and role training 1 (codes 2 and 3 both count 1,
    # once), G3 51-75 % 2, G6 recorded 1 (asked: G2 has code 1): 7 of 8 = 87.5 %, rounded up.
    answers = {"G1": 2, "G2": [1, 2, 3], "G3": 5, "G6": 1}
    literacy = _theme(score_maturity(index, Q, answers), "literacy")
    assert (literacy.points, literacy.maximum, literacy.score) == (7, 8, 88)


def test_an_answer_the_routing_did_not_ask_scores_nothing(index: MaturityIndex) -> None:
    # D1 = 1 (not active) routes D5 and D6 away: their stale answers count 0.
    answers = {"D1": 1, "D5": 4, "D6": [2]}
    experiments = _theme(score_maturity(index, Q, answers), "experiments")
    assert (experiments.points, experiments.score) == (0, 0)
    assert [c.asked for c in experiments.contributions] == [True, False, False]


def test_nobody_answering_anything_scores_zero_in_every_scored_theme(
    index: MaturityIndex,
) -> None:
    scores = score_maturity(index, Q, {})
    assert [s.theme for s in scores] == [
        "vision",
        "champions",
        "experiments",
        "ai_types",
        "literacy",
    ]
    assert {s.score for s in scores} == {0}


def test_percentages_round_half_up_exactly() -> None:
    assert (percentage(1, 8), percentage(1, 200), percentage(1, 3), percentage(2, 3)) == (
        13,
        1,
        33,
        67,
    )


def test_a_rule_on_a_variable_the_questionnaire_does_not_have_is_named(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "  vision:\n    rules:\n      - {key: strategy, variable: B9, "
        "label: {nl: a, en: a}, points: {1: 1}}\n",
    )
    with pytest.raises(ReportError, match=r"theme vision, rule strategy: 'B9' is not a variable"):
        load_maturity_index(path, Q)


def test_a_rule_on_a_code_the_variable_does_not_have_is_named(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "  vision:\n    rules:\n      - {key: strategy, variable: B1, "
        "label: {nl: a, en: a}, points: {7: 1}}\n",
    )
    with pytest.raises(ReportError, match=r"rule strategy: 7 is not a code of B1"):
        load_maturity_index(path, Q)


def test_a_rule_on_a_number_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "  champions:\n    rules:\n      - {key: fte, variable: C4, "
        "label: {nl: a, en: a}, points: {1: 1}}\n",
    )
    with pytest.raises(ReportError, match=r"rule fte: C4 is a numeric variable"):
        load_maturity_index(path, Q)


def test_a_theme_without_a_number_cannot_be_scored(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "  background:\n    rules:\n      - {key: role, variable: A3, "
        "label: {nl: a, en: a}, points: {1: 1}}\n",
    )
    with pytest.raises(ReportError, match=r"'background' is not a numbered theme"):
        load_maturity_index(path, Q)


def test_a_theme_without_rules_must_say_why(tmp_path: Path) -> None:
    path = _write(tmp_path, "  opportunities:\n    rules: []\n")
    with pytest.raises(ReportError, match=r"theme opportunities: a theme without rules needs"):
        load_maturity_index(path, Q)


def test_points_must_be_whole_and_positive(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "  vision:\n    rules:\n      - {key: strategy, variable: B1, "
        "label: {nl: a, en: a}, points: {1: 0}}\n",
    )
    with pytest.raises(ReportError, match=r"rule 1 \(strategy\): points must map"):
        load_maturity_index(path, Q)
