"""The catalogue: which estimands each variable yields, from its type, codes and groups."""

from __future__ import annotations

from aimonitor.indicators.catalogue import BASES, catalogue
from aimonitor.questionnaire import Questionnaire

from .support import tiny_questionnaire


def options_of(variable: str) -> list[str]:
    return [e.option for e in catalogue(tiny_questionnaire()) if e.variable == variable]


def test_a_single_choice_gives_a_share_per_code_including_dont_know_and_per_group() -> None:
    assert options_of("B1") == ["1", "2", "3", "98", "group:working_on"]


def test_a_multiple_choice_gives_the_share_ticking_each_code() -> None:
    assert options_of("B2") == ["1", "2", "3"]


def test_a_likert_item_gives_its_mean_and_a_share_per_scale_point_and_special_code() -> None:
    assert options_of("L1") == ["mean", "1", "2", "3", "4", "5", "98"]


def test_a_numeric_item_gives_only_its_mean() -> None:
    assert options_of("N1") == ["mean"]


def test_a_ranking_gives_first_place_and_top_n_shares_per_code() -> None:
    assert options_of("R1") == ["rank1:1", "rank1:2", "rank1:3", "top2:1", "top2:2", "top2:3"]


def test_a_choice_grid_gives_shares_per_row_and_any_row_in_a_group_on_the_item_id() -> None:
    assert options_of("E1_chat") == ["1", "2", "3", "98", "group:used"]
    (any_used,) = [e for e in catalogue(tiny_questionnaire()) if e.variable == "E1"]
    assert any_used.option == "any:used"
    assert any_used.sources == ("E1_chat", "E1_code")
    assert any_used.codes == (1, 2)
    assert any_used.base == "any_row"


def test_text_and_the_municipality_code_lists_give_nothing() -> None:
    assert options_of("T1") == []
    assert options_of("A1") == []
    assert options_of("S1") == []


def test_means_leave_special_codes_out_of_the_base_and_shares_keep_them() -> None:
    by_key = {e.key: e for e in catalogue(tiny_questionnaire())}
    assert by_key[("L1", "mean")].base == "substantive"
    assert by_key[("L1", "mean")].kind == "mean"
    assert by_key[("L1", "98")].base == "answered"
    assert by_key[("L1", "98")].kind == "proportion"


def test_labels_combine_the_question_and_the_answer_in_both_languages() -> None:
    by_key = {e.key: e for e in catalogue(tiny_questionnaire())}
    assert by_key[("B1", "group:working_on")].label.nl == "Heeft u een AI-visie? – werkt eraan"
    assert by_key[("E1", "any:used")].label.en == "Use – at least one: used"
    assert by_key[("R1", "top2:3")].label.nl == "Belemmeringen – in de top 2: Regels"
    assert by_key[("R1", "rank1:2")].label.en == "Barriers – ranked first: Money"
    assert by_key[("L1", "mean")].label.en == "Knowledge – mean (1-5)"


def test_every_estimand_of_the_2024_instrument_has_a_unique_key_and_a_documented_base(
    instrument: Questionnaire,
) -> None:
    estimands = catalogue(instrument)
    keys = [e.key for e in estimands]
    assert len(keys) == len(set(keys))
    assert {e.base for e in estimands} <= set(BASES)


def test_the_2024_instrument_yields_the_published_combinations(instrument: Questionnaire) -> None:
    keys = {e.key for e in catalogue(instrument)}
    for key in [
        ("B1", "group:working_on"),
        ("D1", "group:experimenting"),
        ("B3", "any:in_place_or_developing"),
        ("E1", "any:used"),
        ("E3_in_house", "group:mostly_or_sometimes"),
        ("F3", "top3:1"),
        ("F2_knowledge", "mean"),
        ("C4", "mean"),
    ]:
        assert key in keys
