"""Where the project's shipped data lives (questionnaires, the population frame)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """The ``data/`` folder; ``AIMONITOR_DATA_DIR`` overrides it (tests, installations)."""
    return Path(os.environ.get("AIMONITOR_DATA_DIR", str(PROJECT_ROOT / "data")))
