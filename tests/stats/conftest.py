"""Small hand-checkable designs shared by the stats tests."""

from __future__ import annotations

import numpy as np
import pytest

from aimonitor.stats import Design, design_from_arrays


@pytest.fixture
def srs4() -> Design:
    """Four respondents drawn by SRS from N = 10: weight 2.5 each, fpc factor 0.6."""
    return design_from_arrays(fpc=np.full(4, 10.0))


@pytest.fixture
def census() -> tuple[Design, np.ndarray, np.ndarray]:
    """Eight respondents of N = 20 with a size class (a/b) and a province (x/y)."""
    size = np.array(["a", "a", "a", "b", "b", "b", "b", "a"])
    province = np.array(["x", "y", "x", "y", "x", "y", "y", "x"])
    return design_from_arrays(fpc=np.full(8, 20.0)), size, province
