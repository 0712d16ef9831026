"""Fixtures to write frame files, real or deliberately broken, into a temporary data folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from aimonitor.paths import PROJECT_ROOT

SHIPPED_FRAME_DIR = PROJECT_ROOT / "data" / "frame"


@pytest.fixture
def shipped_lines() -> Callable[[str], list[str]]:
    """The lines, without line endings, of a file shipped in ``data/frame/``."""

    def read(filename: str) -> list[str]:
        return (SHIPPED_FRAME_DIR / filename).read_text(encoding="utf-8").splitlines()

    return read


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder with a ``frame/`` subfolder."""
    (tmp_path / "frame").mkdir()
    return tmp_path


@pytest.fixture
def write_file(data_dir: Path) -> Callable[[str, list[str]], Path]:
    """Write ``lines`` to ``frame/<filename>`` in the temporary data folder."""

    def write(filename: str, lines: list[str]) -> Path:
        path = data_dir / "frame" / filename
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        return path

    return write
