"""Fixtures for the questionnaire tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from .support import MINIMAL_YAML


@pytest.fixture
def minimal() -> dict[str, Any]:
    """The minimal questionnaire as plain data, fresh for every test."""
    data: dict[str, Any] = yaml.safe_load(MINIMAL_YAML)
    return data


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[Any], Path]:
    """Write data (or raw text) to ``questionnaire.yaml`` and return the path."""

    def write(content: Any) -> Path:
        path = tmp_path / "questionnaire.yaml"
        text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write
