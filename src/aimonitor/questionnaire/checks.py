"""Checks that need the whole questionnaire: ids, themes, special codes and routing.

Each problem raises :class:`QuestionnaireError` naming the item. Routing rules:

* a condition names an earlier item, or a row variable of an earlier grid (``B3_guideline``);
* its codes must be codes that variable can take;
* no item's condition may depend, directly or through other items, on itself (a cycle).
  Cycles are reported before the "earlier item" rule so the loop itself is named.

At most one item lists the municipalities a response also counts for (``covers: true``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aimonitor.questionnaire.conditions import AnswerCondition, leaves
from aimonitor.questionnaire.errors import QuestionnaireError
from aimonitor.questionnaire.items import GridItem, Item
from aimonitor.questionnaire.types import item_variables
from aimonitor.questionnaire.variables import Variable

if TYPE_CHECKING:
    from aimonitor.questionnaire.model import Questionnaire


def check_questionnaire(q: Questionnaire) -> None:
    _check_declarations(q)
    _check_items(q)
    variables = _check_variables(q)
    _check_conditions(q, variables)
    _check_cycles(q, variables)
    _check_order(q, variables)


def _check_declarations(q: Questionnaire) -> None:
    theme_ids = [theme.id for theme in q.themes]
    for theme_id in theme_ids:
        if theme_ids.count(theme_id) > 1:
            raise QuestionnaireError(f"theme '{theme_id}' is declared twice")
    codes = [special.code for special in q.special_codes]
    keys = [special.key for special in q.special_codes]
    for special in q.special_codes:
        if codes.count(special.code) > 1:
            raise QuestionnaireError(f"special code {special.code} is declared twice")
        if keys.count(special.key) > 1:
            raise QuestionnaireError(f"special code key '{special.key}' is declared twice")


def _check_items(q: Questionnaire) -> None:
    theme_ids = {theme.id for theme in q.themes}
    declared = {special.code for special in q.special_codes}
    seen: set[str] = set()
    covering: str | None = None
    for item in q.items:
        if getattr(item, "covers", False):
            if covering is not None:
                raise QuestionnaireError(
                    f"only one item may have 'covers: true' (item {covering} has it already)",
                    item=item.id,
                )
            covering = item.id
        if item.id in seen:
            raise QuestionnaireError(
                "duplicate item id (another item already has it)", item=item.id
            )
        seen.add(item.id)
        if item.theme not in theme_ids:
            known = ", ".join(sorted(theme_ids))
            raise QuestionnaireError(f"unknown theme '{item.theme}' (known: {known})", item=item.id)
        for code in item.special:
            if code not in declared:
                raise QuestionnaireError(
                    f"special code {code} is not declared under special_codes", item=item.id
                )
        for option in getattr(item, "options", ()):
            if option.code in declared:
                raise QuestionnaireError(
                    f"option code {option.code} is reserved as a special code; "
                    "offer it through 'special' instead",
                    item=item.id,
                )


def _check_variables(q: Questionnaire) -> dict[str, Variable]:
    special = {code.code: code for code in q.special_codes}
    variables: dict[str, Variable] = {}
    item_ids = {item.id for item in q.items}
    for item in q.items:
        for variable in item_variables(item, special):
            if variable.name in variables or (variable.row and variable.name in item_ids):
                raise QuestionnaireError(
                    f"variable name {variable.name} is used twice", item=item.id
                )
            variables[variable.name] = variable
    return variables


def _item_of(name: str, q: Questionnaire, variables: dict[str, Variable]) -> str:
    return variables[name].item if name in variables else name


def _check_conditions(q: Questionnaire, variables: dict[str, Variable]) -> None:
    items = {item.id: item for item in q.items}
    for item in q.items:
        if item.shown_if is None:
            continue
        for leaf in leaves(item.shown_if):
            _check_leaf(item, leaf, items, variables)


def _check_leaf(
    item: Item, leaf: AnswerCondition, items: dict[str, Item], variables: dict[str, Variable]
) -> None:
    target = items.get(leaf.item)
    if leaf.item not in variables:
        if isinstance(target, GridItem):
            example = f"{target.id}_{target.rows[0].key}"
            raise QuestionnaireError(
                f"condition on grid {target.id} must name one of its row variables, e.g. {example}",
                item=item.id,
            )
        raise QuestionnaireError(
            f"condition refers to unknown item or variable '{leaf.item}'", item=item.id
        )
    if leaf.in_ is None:
        return
    variable = variables[leaf.item]
    if variable.type == "text" or (variable.type == "numeric" and not variable.codes):
        raise QuestionnaireError(
            f"condition uses 'in' on {variable.type} variable {variable.name}; "
            "use 'answered' instead",
            item=item.id,
        )
    if variable.code_list is not None:
        return
    valid = {value.code for value in variable.codes}
    for code in leaf.in_:
        if code not in valid:
            raise QuestionnaireError(
                f"condition on {variable.name} uses code {code}, which {variable.name} "
                f"does not have (codes: {', '.join(str(c) for c in sorted(valid))})",
                item=item.id,
            )


def _check_cycles(q: Questionnaire, variables: dict[str, Variable]) -> None:
    depends: dict[str, list[str]] = {
        item.id: [_item_of(leaf.item, q, variables) for leaf in leaves(item.shown_if)]
        if item.shown_if is not None
        else []
        for item in q.items
    }
    done: set[str] = set()

    def visit(item_id: str, path: list[str]) -> None:
        if item_id in path:
            loop = [*path[path.index(item_id) :], item_id]
            raise QuestionnaireError(
                "routing cycle: " + " -> ".join(loop) + " (an item's condition depends on itself)",
                item=loop[0],
            )
        if item_id in done:
            return
        for dependency in depends.get(item_id, []):
            visit(dependency, [*path, item_id])
        done.add(item_id)

    for item in q.items:
        visit(item.id, [])


def _check_order(q: Questionnaire, variables: dict[str, Variable]) -> None:
    position = {item.id: index for index, item in enumerate(q.items)}
    for index, item in enumerate(q.items):
        if item.shown_if is None:
            continue
        for leaf in leaves(item.shown_if):
            target = _item_of(leaf.item, q, variables)
            if position[target] > index:
                raise QuestionnaireError(
                    f"condition refers to {leaf.item}, which comes later in the questionnaire; "
                    "a condition can only use answers to earlier items",
                    item=item.id,
                )
