"""The shipped instrument ``data/questionnaires/ai-monitor-2024.yaml``: complete, valid and
routed as the brief describes."""

from __future__ import annotations

import pytest

from aimonitor.paths import PROJECT_ROOT
from aimonitor.questionnaire import GridItem, Questionnaire, load_questionnaire

INSTRUMENT = PROJECT_ROOT / "data" / "questionnaires" / "ai-monitor-2024.yaml"

BRIEF_ITEMS = (
    [f"A{n}" for n in range(1, 6)]
    + [f"B{n}" for n in range(1, 6)]
    + [f"C{n}" for n in range(1, 7)]
    + [f"D{n}" for n in range(1, 7)]
    + [f"E{n}" for n in range(1, 6)]
    + [f"F{n}" for n in range(1, 6)]
    + [f"G{n}" for n in range(1, 7)]
    + ["H1", "H2"]
)

INACTIVE = {"D1": 2}
ACTIVE = {"D1": 4, "C2": 1, "B1": 1, "A1": 363, "A4": 1, "H1": 2}


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return load_questionnaire(INSTRUMENT)


def test_every_item_of_the_brief_is_in_the_instrument(q: Questionnaire) -> None:
    ids = {entry.id for entry in q.items}
    assert set(BRIEF_ITEMS) <= ids
    assert ids - set(BRIEF_ITEMS) == {"A4a", "H1a"}


def test_the_themes_are_the_six_published_ones_plus_background_and_closing(
    q: Questionnaire,
) -> None:
    assert [theme.id for theme in q.themes] == [
        "background",
        "vision",
        "champions",
        "experiments",
        "ai_types",
        "opportunities",
        "literacy",
        "closing",
    ]
    assert [theme.number for theme in q.themes[1:7]] == [1, 2, 3, 4, 5, 6]


def test_the_calibration_variables_exist_with_their_stable_names(q: Questionnaire) -> None:
    for name in (
        "B1", "B2", "B3_governance", "B3_guideline", "B3_register", "C1", "C2", "C3",
        "D1", "D3_text_analysis", "D3_plain_language", "D3_minutes", "D4", "D5", "D6",
        "E1_public_chatbots", "E2", "E3_in_house", "F1_efficiency", "F2_knowledge",
        "F2_ethics", "F3", "G1", "G3",
    ):  # fmt: skip
        assert q.variable(name).name == name


def test_status_questions_offer_dont_know(q: Questionnaire) -> None:
    for name in ("B1", "B3_guideline", "C1", "C2", "D1", "G1", "G3", "F2_knowledge"):
        assert 98 in q.variable(name).special_codes, name


def test_likert_grids_are_flagged_for_means(q: Questionnaire) -> None:
    assert all(q.variable(f"F2_{key}").likert for key in ("knowledge", "resources", "ethics"))
    assert q.variable("A5").likert
    assert not q.variable("B1").likert


def test_f3_is_a_top_three_ranking_of_the_f2_barriers(q: Questionnaire) -> None:
    f2 = q.item("F2")
    assert isinstance(f2, GridItem)
    f3 = q.variable("F3")
    assert (f3.type, f3.max_choices) == ("ranking", 3)
    assert [value.label for value in f3.codes] == [row.label for row in f2.rows]


def test_d1_inactive_skips_d2_to_d6_and_e1_e3_e5_but_not_e2(q: Questionnaire) -> None:
    shown = {v.item for v in q.shown_variables(INACTIVE)}
    assert not shown & {"D2", "D3", "D4", "D5", "D6", "E1", "E3", "E5"}
    assert {"D1", "E2", "E4", "F1", "F2", "G1"} <= shown


def test_d1_active_shows_the_experiments_block(q: Questionnaire) -> None:
    shown = {v.item for v in q.shown_variables(ACTIVE)}
    assert {"D2", "D3", "D4", "D5", "D6", "E1", "E3", "E5"} <= shown


def test_b2_needs_a_vision_adopted_or_in_development(q: Questionnaire) -> None:
    assert [q.is_shown("B2", {"B1": code}) for code in (1, 2, 3, 4, 98)] == [
        True, True, False, False, False,
    ]  # fmt: skip


def test_c3_needs_an_ai_team(q: Questionnaire) -> None:
    assert [q.is_shown("C3", {"C2": code}) for code in (1, 2, 3, 98)] == [
        True, True, False, False,
    ]  # fmt: skip


def test_size_class_is_asked_only_when_the_municipality_is_skipped(q: Questionnaire) -> None:
    assert q.is_shown("A2", {})
    assert not q.is_shown("A2", {"A1": 363})


def test_d1_gates_exactly_the_thirty_variables_of_d2_to_d6_e1_e3_e5(q: Questionnaire) -> None:
    active = {v.name for v in q.shown_variables({"D1": 4})}
    inactive = {v.name for v in q.shown_variables({"D1": 2})}
    gated = active - inactive
    assert {q.variable(name).item for name in gated} == {
        "D2", "D3", "D4", "D5", "D6", "E1", "E3", "E5",
    }  # fmt: skip
    assert len(gated) == 30


def test_numeric_items_leave_room_for_the_special_codes(q: Questionnaire) -> None:
    for variable in q.variables():
        if variable.bounds is not None:
            assert variable.bounds.max < 98, variable.name
