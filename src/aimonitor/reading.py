"""Reading the project's input files safely.

:func:`load_yaml` reads a YAML file as untrusted input: a regular file of bounded size in
UTF-8, its nesting and its alias use bounded BEFORE any object is built, so a YAML alias bomb
("billion laughs": a kilobyte that expands to billions of nodes), a thousand nested brackets,
a list used as a mapping key or a key written twice is one clear :class:`InputFileError`, not
gigabytes of memory, a silently dropped value or a traceback. The questionnaire and the
key-finding rules are read with it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

from aimonitor.errors import AimonitorError


class InputFileError(AimonitorError):
    """An input file cannot be read; the message names the problem (not the file)."""


MAX_BYTES = 2_000_000
"""An input file is some tens of kilobytes; anything above this is refused unread."""
MAX_DEPTH = 50
"""Nesting of mappings and lists (the format needs fewer than ten levels)."""
MAX_NODES = 200_000
"""Values in the document once every alias is expanded (the 2024 file has about 5,000)."""


class _StrictLoader(yaml.SafeLoader):
    """Safe YAML that refuses a key written twice in one mapping (PyYAML keeps the last),
    a key that is not a plain value, and documents nested deeper than :data:`MAX_DEPTH`."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            return super().compose_node(parent, index)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None,
                    None,
                    f"nested deeper than {MAX_DEPTH} levels",
                    self.peek_event().start_mark,  # type: ignore[no-untyped-call]
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "a mapping key must be a plain value, not a list or mapping",
                key_node.start_mark,
            )
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(
                None, None, f"key '{key}' appears twice in the same mapping", mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load_yaml(path: Path) -> Any:
    """The document of the YAML file ``path`` (``None`` for an empty file); any problem raises
    :class:`InputFileError` with a one-line message."""
    text = _read_text(path)
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_expanded_size(node)
        return loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        raise InputFileError(_yaml_problem(error)) from None
    except ValueError as error:  # e.g. an integer of thousands of digits
        problem = str(error).split(";")[0]
        raise InputFileError(f"a YAML value cannot be read: {problem}") from None
    finally:
        loader.dispose()


def _read_text(path: Path) -> str:
    """The file's text: a regular file of at most :data:`MAX_BYTES`, in UTF-8."""
    try:
        with path.open("rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise InputFileError("not a regular file")
            raw = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputFileError("file not found") from None
    except IsADirectoryError:
        raise InputFileError("is a folder, not a file") from None
    except OSError as error:
        raise InputFileError(f"cannot read the file ({error.strerror})") from None
    if len(raw) > MAX_BYTES:
        raise InputFileError(f"larger than {MAX_BYTES:,} bytes; not read")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputFileError(f"not UTF-8 text ({error.reason} at byte {error.start})") from None


def _check_expanded_size(root: yaml.Node) -> None:
    """Refuse a document whose aliases expand to more than :data:`MAX_NODES` values.

    Aliases share nodes, so the composed graph stays small however large the expansion:
    count each node's expanded size once (depth is already bounded)."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(key) + size(value) for key, value in node.value)
        if total > MAX_NODES:
            raise yaml.composer.ComposerError(
                None,
                None,
                f"more than {MAX_NODES:,} values once its aliases (*name) are expanded",
                node.start_mark,
            )
        sizes[id(node)] = total
        return total

    size(root)


def _yaml_problem(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    if mark is None:
        return f"YAML syntax error: {problem}"
    return f"YAML syntax error at line {mark.line + 1}, column {mark.column + 1}: {problem}"
