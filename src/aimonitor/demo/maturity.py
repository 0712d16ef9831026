"""A latent "AI maturity" per municipality and year that ties the answers together.

Larger municipalities are further ahead, every municipality keeps a persistent level of its
own across waves, and every wave moves everyone a little forward. Answers that should go
together (a vision, governance instruments, literacy measures, experiments) all rise with
the same score, which gives the correlations monitor-brief §5 asks for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

SIZE_EFFECT: Mapping[str, float] = {
    "lt20k": -0.45,
    "20k-50k": -0.15,
    "50k-100k": 0.2,
    "100k-250k": 0.55,
    "ge250k": 0.95,
}
"""Shift of the maturity score per size class (in standard deviations)."""

YEAR_TREND: Mapping[int, float] = {2023: -0.3, 2024: 0.0, 2025: 0.3}
"""A modest move forward from wave to wave."""

PERSISTENT_SD = 0.8
YEARLY_SD = 0.5


def persistent_levels(codes: Iterable[str], seed: int) -> dict[str, float]:
    """Each municipality's own level, the same in every wave for a given seed."""
    ordered = sorted(set(codes))
    rng = np.random.default_rng([seed, 0])
    draws = rng.normal(0.0, PERSISTENT_SD, size=len(ordered))
    return dict(zip(ordered, (float(d) for d in draws), strict=True))


def maturity(size_class: str, persistent: float, year: int, rng: np.random.Generator) -> float:
    """The score of one municipality in one wave."""
    trend = YEAR_TREND.get(year, 0.3 * (year - 2024))
    return SIZE_EFFECT[size_class] + persistent + trend + float(rng.normal(0.0, YEARLY_SD))
