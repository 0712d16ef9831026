"""Every test run keeps its local state out of the real ``var/`` folder.

Every test gets a ``REPORTS_DIR`` and ``STATIC_ROOT`` of its own, so no test can remove or
replace a report that ``aimonitor demo`` built; ``AIMONITOR_VAR_DIR`` points at a fresh
temporary folder for the commands a test starts in a subprocess.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

import pytest

os.environ["AIMONITOR_VAR_DIR"] = tempfile.mkdtemp(prefix="aimonitor-test-var-")


@pytest.fixture(autouse=True)
def _reports_outside_var(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    settings.REPORTS_DIR = tmp_path_factory.mktemp("reports")
    settings.STATIC_ROOT = tmp_path_factory.mktemp("static")
