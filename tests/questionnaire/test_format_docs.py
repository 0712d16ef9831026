"""The format documentation keeps up with the code: every item type, grid cell and command
a researcher can use is described in docs/development/questionnaire-format.md."""

from __future__ import annotations

from typing import get_args

from aimonitor.paths import PROJECT_ROOT
from aimonitor.questionnaire.items import ITEM_TYPES, GridCell

DOC = (PROJECT_ROOT / "docs" / "development" / "questionnaire-format.md").read_text(
    encoding="utf-8"
)


def test_every_item_type_is_documented() -> None:
    missing = [kind for kind in ITEM_TYPES if f"`{kind}`" not in DOC]
    assert missing == []


def test_every_grid_cell_kind_is_documented() -> None:
    missing = [cell for cell in get_args(GridCell) if f"cell: {cell}" not in DOC]
    assert missing == []


def test_both_commands_and_all_codebook_formats_are_documented() -> None:
    for text in ("aimonitor questionnaire validate", "aimonitor questionnaire codebook"):
        assert text in DOC
    for option in ("--lang en", "--format csv", "--format json"):
        assert option in DOC


def test_code_groups_and_their_rules_are_documented() -> None:
    assert "### Code groups" in DOC
    for text in ("groups:", "`group:<key>`", "`any:<key>`", "cell: choice"):
        assert text in DOC
