"""Checking answer values against the variable conventions the database and demo rely on."""

from __future__ import annotations

import pytest

from aimonitor.paths import PROJECT_ROOT
from aimonitor.questionnaire import Questionnaire, answer_problem, load_questionnaire

INSTRUMENT = PROJECT_ROOT / "data" / "questionnaires" / "ai-monitor-2024.yaml"


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return load_questionnaire(INSTRUMENT)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("B1", 2),
        ("B1", 98),
        ("A1", 363),
        ("B3_guideline", 1),
        ("A5", 4),
        ("F2_knowledge", 98),
        ("C4", 2.5),
        ("C4", 98),
        ("D2_pilot", 0),
        ("B2", [1, 2, 3, 4, 5]),
        ("C6", [7]),
        ("F3", [2, 1, 3]),
        ("F5", "Meer kennis nodig"),
        ("A4a", [388, 498]),
        ("B1", None),
    ],
)
def test_values_following_the_conventions_are_accepted(
    q: Questionnaire, variable: str, value: object
) -> None:
    assert answer_problem(q.variable(variable), value) is None


@pytest.mark.parametrize(
    ("variable", "value", "problem"),
    [
        ("B1", 7, "7 is not a code of B1"),
        ("B1", "1", "expects an integer code, got '1'"),
        ("B1", True, "expects an integer code, got True"),
        ("A5", 6, "6 is not a code of A5"),
        ("C4", 120, "120 is outside 0-97"),
        ("C4", 2.25, "2.25 has more than 1 decimals"),
        ("D2_pilot", 1.5, "1.5 has more than 0 decimals"),
        ("B2", [1, 2, 3, 4, 5, 6], "at most 5 codes, got 6"),
        ("C6", [7, 1], "code 7 must be chosen on its own"),
        ("C6", [98, 1], "code 98 must be chosen on its own"),
        ("F3", [1, 2, 3, 4], "at most 3 codes, got 4"),
        ("F3", [1, 1], "a code is given twice"),
        ("D4", 1, "expects a list of codes, got 1"),
        ("F5", 3, "expects text"),
        (
            "A4a",
            "Enkhuizen",
            "expects a list of municipality numbers (363 for GM0363), got 'Enkhuizen'",
        ),
        ("A4a", ["GM0388"], "expects CBS municipality numbers (363 for GM0363), got 'GM0388'"),
        ("A4a", [388, 0], "expects CBS municipality numbers (363 for GM0363), got 0"),
        ("A4a", [10388], "expects CBS municipality numbers (363 for GM0363), got 10388"),
        ("A4a", [388, 388], "a municipality is given twice"),
    ],
)
def test_values_breaking_the_conventions_are_explained(
    q: Questionnaire, variable: str, value: object, problem: str
) -> None:
    assert answer_problem(q.variable(variable), value) == problem
