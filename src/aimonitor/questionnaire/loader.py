"""Read a questionnaire YAML file into a validated :class:`Questionnaire`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from aimonitor.questionnaire.errors import QuestionnaireError
from aimonitor.questionnaire.model import Questionnaire


class _StrictLoader(yaml.SafeLoader):
    """Safe YAML that refuses a key written twice in one mapping (PyYAML keeps the last)."""


def _mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(
                None, None, f"key '{key}' appears twice in the same mapping", mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load_questionnaire(path: str | Path) -> Questionnaire:
    """Load and validate ``path``; any problem raises :class:`QuestionnaireError`
    with the message ``FILE: item X: problem``."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QuestionnaireError("file not found", source=source) from None
    except (OSError, UnicodeDecodeError) as error:
        raise QuestionnaireError(f"cannot read the file ({error})", source=source) from None
    try:
        data = yaml.load(text, Loader=_StrictLoader)
    except yaml.YAMLError as error:
        raise QuestionnaireError(_yaml_problem(error), source=source) from None
    return Questionnaire.from_dict(data, source=source)


def _yaml_problem(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    if mark is None:
        return f"YAML syntax error: {problem}"
    return f"YAML syntax error at line {mark.line + 1}, column {mark.column + 1}: {problem}"
