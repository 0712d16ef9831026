"""Loading a questionnaire file: a valid one loads, every kind of broken one is refused
with one message naming the file, the item and the problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aimonitor.errors import AimonitorError
from aimonitor.questionnaire import QuestionnaireError, load_questionnaire

from .support import MINIMAL_YAML, item

Write = Callable[[Any], Path]


def refusal(path: Path) -> str:
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    return message


def test_a_valid_file_loads_with_its_items_in_order(write_yaml: Write) -> None:
    q = load_questionnaire(write_yaml(MINIMAL_YAML))
    assert [entry.id for entry in q.items] == ["B1", "B2", "B3", "B4"]
    assert q.title.en == "Test monitor"


def test_the_error_is_an_aimonitor_error_so_the_cli_prints_one_line() -> None:
    assert issubclass(QuestionnaireError, AimonitorError)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    assert refusal(tmp_path / "nope.yaml") == f"{tmp_path / 'nope.yaml'}: file not found"


def test_yaml_syntax_errors_give_the_line(write_yaml: Write) -> None:
    path = write_yaml("id: x\nitems: [\n  - id: B1\n")
    message = refusal(path)
    assert "YAML syntax error at line" in message


def test_a_key_written_twice_is_refused_instead_of_silently_overwritten(write_yaml: Write) -> None:
    text = MINIMAL_YAML.replace('version: "1"\n', 'version: "1"\nversion: "2"\n')
    assert "key 'version' appears twice" in refusal(write_yaml(text))


def test_a_file_that_is_not_a_mapping_is_refused(write_yaml: Write) -> None:
    assert "must contain a mapping" in refusal(write_yaml("- just\n- a list\n"))


def test_an_unknown_item_type_is_refused_with_the_known_types(
    minimal: dict[str, Any], write_yaml: Write
) -> None:
    item(minimal, "B1")["type"] = "slider"
    message = refusal(write_yaml(minimal))
    assert ": item B1: unknown type 'slider'" in message
    assert "single_choice" in message


def test_a_missing_type_is_refused(minimal: dict[str, Any], write_yaml: Write) -> None:
    del item(minimal, "B2")["type"]
    assert ": item B2: missing 'type'" in refusal(write_yaml(minimal))


def test_a_duplicate_item_id_is_refused(minimal: dict[str, Any], write_yaml: Write) -> None:
    item(minimal, "B4")["id"] = "B2"
    assert ": item B2: duplicate item id" in refusal(write_yaml(minimal))


def test_a_condition_on_an_unknown_item_is_refused_with_file_and_item_named(
    minimal: dict[str, Any], write_yaml: Write
) -> None:
    item(minimal, "B2")["shown_if"] = {"item": "Z9", "in": [1]}
    path = write_yaml(minimal)
    assert refusal(path) == f"{path}: item B2: condition refers to unknown item or variable 'Z9'"


def test_a_condition_deep_inside_all_any_not_is_checked(
    minimal: dict[str, Any], write_yaml: Write
) -> None:
    item(minimal, "B4")["shown_if"] = {
        "all": [{"item": "B1", "in": [1]}, {"any": [{"not": {"item": "X1", "answered": True}}]}]
    }
    assert "item B4: condition refers to unknown item or variable 'X1'" in refusal(
        write_yaml(minimal)
    )


def test_a_condition_on_a_whole_grid_asks_for_a_row_variable(
    minimal: dict[str, Any], write_yaml: Write
) -> None:
    item(minimal, "B4")["shown_if"] = {"item": "B3", "in": [1]}
    assert (
        "item B4: condition on grid B3 must name one of its row variables, e.g. B3_guideline"
        in (refusal(write_yaml(minimal)))
    )


def test_a_condition_with_a_code_the_item_does_not_have_is_refused(
    minimal: dict[str, Any], write_yaml: Write
) -> None:
    item(minimal, "B2")["shown_if"] = {"item": "B1", "in": [1, 7]}
    assert "item B2: condition on B1 uses code 7" in refusal(write_yaml(minimal))


def test_a_condition_may_use_a_special_code_the_item_offers(
    minimal: dict[str, Any], write_yaml: Write
) -> None:
    item(minimal, "B2")["shown_if"] = {"item": "B1", "in": [98]}
    assert load_questionnaire(write_yaml(minimal)).item("B2").shown_if is not None


def test_a_condition_needs_exactly_one_test(minimal: dict[str, Any], write_yaml: Write) -> None:
    item(minimal, "B2")["shown_if"] = {"item": "B1", "in": [1], "answered": True}
    assert "item B2: shown_if: a condition needs exactly one of 'in' or 'answered'" in refusal(
        write_yaml(minimal)
    )


def test_a_missing_translation_names_the_field(minimal: dict[str, Any], write_yaml: Write) -> None:
    del item(minimal, "B3")["rows"][1]["label"]["en"]
    assert ": item B3: rows[1].label: missing translation 'en'" in refusal(write_yaml(minimal))


def test_a_missing_dutch_option_label_is_refused(
    minimal: dict[str, Any], write_yaml: Write
) -> None:
    del item(minimal, "B1")["options"][0]["label"]["nl"]
    assert ": item B1: options[0].label: missing translation 'nl'" in refusal(write_yaml(minimal))


def test_a_routing_cycle_is_refused_naming_the_loop(
    minimal: dict[str, Any], write_yaml: Write
) -> None:
    item(minimal, "B1")["shown_if"] = {"item": "B2", "in": [1]}
    message = refusal(write_yaml(minimal))
    assert ": item B1: routing cycle: B1 -> B2 -> B1" in message


def test_an_item_conditioned_on_itself_is_a_cycle(
    minimal: dict[str, Any], write_yaml: Write
) -> None:
    item(minimal, "B1")["shown_if"] = {"item": "B1", "answered": False}
    assert ": item B1: routing cycle: B1 -> B1" in refusal(write_yaml(minimal))


def test_a_cycle_through_a_grid_row_variable_is_found(
    minimal: dict[str, Any], write_yaml: Write
) -> None:
    item(minimal, "B3")["shown_if"] = {"item": "B4", "answered": True}
    assert "routing cycle: B3 -> B4 -> B3" in refusal(write_yaml(minimal))


def test_a_condition_on_a_later_item_is_refused(minimal: dict[str, Any], write_yaml: Write) -> None:
    item(minimal, "B2")["shown_if"] = {"item": "B4", "answered": True}
    message = refusal(write_yaml(minimal))
    assert ": item B2: condition refers to B4, which comes later" in message


def test_an_unknown_theme_is_refused(minimal: dict[str, Any], write_yaml: Write) -> None:
    item(minimal, "B4")["theme"] = "visoin"
    assert ": item B4: unknown theme 'visoin'" in refusal(write_yaml(minimal))


def test_an_unknown_field_is_refused_so_typos_do_not_vanish(
    minimal: dict[str, Any], write_yaml: Write
) -> None:
    item(minimal, "B2")["shwon_if"] = {"item": "B1", "in": [1]}
    assert ": item B2: shwon_if: unknown field" in refusal(write_yaml(minimal))


def test_an_unquoted_yes_in_english_text_gets_a_hint(write_yaml: Write) -> None:
    text = MINIMAL_YAML.replace('en: "Yes"', "en: Yes")
    message = refusal(write_yaml(text))
    assert ": item B1: options[0].label.en: YAML read this as the boolean true" in message
    assert "quotes" in message


def test_an_undeclared_special_code_is_refused(minimal: dict[str, Any], write_yaml: Write) -> None:
    item(minimal, "B1")["special"] = [97]
    assert ": item B1: special code 97 is not declared" in refusal(write_yaml(minimal))


def test_an_option_may_not_use_a_reserved_special_code(
    minimal: dict[str, Any], write_yaml: Write
) -> None:
    item(minimal, "B2")["options"][2]["code"] = 99
    assert ": item B2: option code 99 is reserved as a special code" in refusal(write_yaml(minimal))


def test_option_codes_are_unique_within_an_item(minimal: dict[str, Any], write_yaml: Write) -> None:
    item(minimal, "B2")["options"][1]["code"] = 1
    assert ": item B2: option code 1 is used twice" in refusal(write_yaml(minimal))


def test_a_code_written_as_text_is_refused(minimal: dict[str, Any], write_yaml: Write) -> None:
    item(minimal, "B1")["options"][0]["code"] = "1"
    assert ": item B1: options[0].code: Input should be a valid integer" in refusal(
        write_yaml(minimal)
    )


def test_a_grid_needs_the_part_its_cell_type_names(
    minimal: dict[str, Any], write_yaml: Write
) -> None:
    item(minimal, "B3")["cell"] = "likert"
    assert ": item B3: a grid with cell 'likert' needs 'scale'" in refusal(write_yaml(minimal))


def test_grid_row_keys_are_unique(minimal: dict[str, Any], write_yaml: Write) -> None:
    item(minimal, "B3")["rows"][1]["key"] = "guideline"
    assert ": item B3: row key 'guideline' is used twice" in refusal(write_yaml(minimal))


def test_a_likert_scale_needs_both_end_labels(minimal: dict[str, Any], write_yaml: Write) -> None:
    minimal["items"].append(
        {
            "id": "B5",
            "theme": "vision",
            "type": "likert",
            "text": {"nl": "Hoe goed?", "en": "How well?"},
            "scale": {"points": [{"value": 1, "label": {"nl": "Slecht", "en": "Poor"}}]},
        }
    )
    assert ": item B5: scale: a Likert scale needs labels for at least 1 and 5" in refusal(
        write_yaml(minimal)
    )


def test_numeric_bounds_must_leave_room_for_special_codes(
    minimal: dict[str, Any], write_yaml: Write
) -> None:
    minimal["items"].append(
        {
            "id": "B5",
            "theme": "vision",
            "type": "numeric",
            "text": {"nl": "Hoeveel fte?", "en": "How many FTE?"},
            "bounds": {"min": 0, "max": 99},
            "special": [98],
        }
    )
    assert ": item B5: special code 98 lies within the bounds 0-99" in refusal(write_yaml(minimal))


def test_an_item_without_an_id_is_named_by_its_position(
    minimal: dict[str, Any], write_yaml: Write
) -> None:
    del item(minimal, "B2")["id"]
    assert ": item #2: missing required field 'id'" in refusal(write_yaml(minimal))


def test_a_missing_top_level_field_is_named(minimal: dict[str, Any], write_yaml: Write) -> None:
    del minimal["title"]
    path = write_yaml(minimal)
    assert refusal(path) == f"{path}: missing required field 'title'"


def _municipalities(item_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": item_id,
        "theme": "vision",
        "type": "municipalities",
        "text": {"nl": "Voor welke gemeenten ook?", "en": "For which municipalities too?"},
        **fields,
    }


def test_a_municipalities_item_takes_no_special_codes(
    minimal: dict[str, Any], write_yaml: Write
) -> None:
    minimal["items"].append(_municipalities("B5", special=[98]))
    assert ": item B5: a municipalities item takes no special codes" in refusal(write_yaml(minimal))


def test_only_one_item_may_say_which_municipalities_a_response_covers(
    minimal: dict[str, Any], write_yaml: Write
) -> None:
    minimal["items"] += [_municipalities("B5", covers=True), _municipalities("B6", covers=True)]
    assert ": item B6: only one item may have 'covers: true' (item B5 has it already)" in refusal(
        write_yaml(minimal)
    )


def test_covers_belongs_to_a_municipalities_item_only(
    minimal: dict[str, Any], write_yaml: Write
) -> None:
    item(minimal, "B4")["covers"] = True
    assert "item B4" in refusal(write_yaml(minimal))
