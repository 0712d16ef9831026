"""Turn pydantic's validation errors into one line a researcher can act on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from aimonitor.questionnaire.conditions import CONDITION_TAGS
from aimonitor.questionnaire.items import ITEM_TYPES

_TAGS = frozenset(CONDITION_TAGS)


def describe_validation_error(
    error: ValidationError, data: Mapping[str, Any]
) -> tuple[str | None, str]:
    """The item to blame (its id, or ``#n`` when it has none) and the problem, for the
    first error pydantic reports."""
    detail = error.errors(include_url=False)[0]
    loc = list(detail["loc"])
    item: str | None = None
    if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
        item = _item_name(data, loc[1])
        loc = loc[2:]
        if loc and loc[0] in ITEM_TYPES:
            loc = loc[1:]
    parts = [part for part in loc if part not in _TAGS]
    if detail["type"] == "missing":
        parts = parts[:-1]
    path = _path(parts)
    problem = _problem(detail, loc)
    return item, f"{path}: {problem}" if path else problem


def _item_name(data: Mapping[str, Any], index: int) -> str:
    items = data.get("items")
    if isinstance(items, Sequence) and index < len(items):
        entry = items[index]
        if isinstance(entry, Mapping) and isinstance(entry.get("id"), str):
            return str(entry["id"])
    return f"#{index + 1}"


def _path(parts: Sequence[str | int]) -> str:
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def _problem(detail: ErrorDetails, loc: Sequence[str | int]) -> str:
    kind = detail["type"]
    value = detail.get("input")
    if kind == "union_tag_invalid" and loc == []:
        return f"unknown type '{value.get('type') if isinstance(value, Mapping) else value}' " + (
            f"(known types: {', '.join(ITEM_TYPES)})"
        )
    if kind == "union_tag_not_found" and loc == []:
        return f"missing 'type' (one of: {', '.join(ITEM_TYPES)})"
    if kind == "missing":
        field = loc[-1] if loc else "?"
        if field in ("nl", "en"):
            return f"missing translation '{field}'"
        return f"missing required field '{field}'"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see docs/development/questionnaire-format.md)"
    if isinstance(value, bool) and kind in ("string_type", "int_type"):
        return (
            f"YAML read this as the boolean {str(value).lower()} "
            "(yes/no/on/off are booleans in YAML); put the text in quotes"
        )
    message = detail["msg"]
    return message.removeprefix("Value error, ")
