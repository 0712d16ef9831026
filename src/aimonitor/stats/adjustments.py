"""How calibration changes the variance: influence values -> calibration residuals.

These mirror the three branches of survey's ``svyrecvar``: post-stratification, GREG
calibration and raking. Each works on a block of columns at once and may overwrite it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from aimonitor.stats._arrays import FloatArray, IntArray, frozen, group_sums

RAKE_SWEEPS = 10  # survey's svyrecvar uses exactly 10 sweeps


@dataclass(frozen=True, eq=False)
class PostStratResiduals:
    """``r = w (e - ebar_g)``, ``e = z / w``, ``ebar_g`` weighted by the weights before."""

    cells: IntArray
    old_weights: FloatArray
    new_weights: FloatArray

    def residuals(self, z: FloatArray) -> FloatArray:
        n_cells = int(self.cells.max()) + 1
        e_old = z * (self.old_weights / self.new_weights)[:, None]
        cell_means = group_sums(self.cells, n_cells, e_old)
        cell_means /= np.bincount(self.cells, weights=self.old_weights, minlength=n_cells)[:, None]
        z -= self.new_weights[:, None] * cell_means[self.cells]
        return z


@dataclass(frozen=True, eq=False)
class GregResiduals:
    """``r = w (e - x'B)``, ``B = (sum d x x')^-1 sum d x e``: the GREG residual.

    ``q`` is the orthonormal factor of ``sqrt(d) X``; ``to_q = sqrt(d)/w`` and
    ``from_q = w/sqrt(d)`` carry ``z`` into and out of that scale.
    """

    q: FloatArray
    to_q: FloatArray
    from_q: FloatArray

    @classmethod
    def build(cls, model: FloatArray, base: FloatArray, weights: FloatArray) -> GregResiduals:
        root = np.sqrt(base)
        q, _ = np.linalg.qr(model * root[:, None])
        return cls(frozen(q), frozen(root / weights), frozen(weights / root))

    def residuals(self, z: FloatArray) -> FloatArray:
        scaled = z * self.to_q[:, None]
        fitted = self.q @ (self.q.T @ scaled)
        fitted *= self.from_q[:, None]
        z -= fitted
        return z


@dataclass(frozen=True, eq=False)
class RakeSweepResiduals:
    """survey's ``rake()`` variance: 10 sweeps of ``z <- z - w * mean_cell(z / w)``.

    The mean is unweighted. Each sweep subtracts a constant per margin cell, so the sweeps
    run on per-cell coefficients (margin levels x columns) instead of on all rows.
    """

    codes: tuple[IntArray, ...]
    counts: tuple[FloatArray, ...]
    crosstabs: tuple[tuple[FloatArray, ...], ...]
    weights: FloatArray

    @classmethod
    def build(cls, codes: Sequence[IntArray], weights: FloatArray) -> RakeSweepResiduals:
        sizes = [int(c.max()) + 1 for c in codes]
        counts = tuple(
            np.bincount(c, minlength=s).astype(np.float64)
            for c, s in zip(codes, sizes, strict=True)
        )
        crosstabs = tuple(
            tuple(_crosstab(a, sa, b, sb) for b, sb in zip(codes, sizes, strict=True))
            for a, sa in zip(codes, sizes, strict=True)
        )
        return cls(tuple(codes), counts, crosstabs, frozen(weights.copy()))

    def residuals(self, z: FloatArray) -> FloatArray:
        z /= self.weights[:, None]
        sums = [group_sums(c, n.shape[0], z) for c, n in zip(self.codes, self.counts, strict=True)]
        coef = [np.zeros_like(s) for s in sums]
        for _ in range(RAKE_SWEEPS):
            for m, count in enumerate(self.counts):
                remaining = sums[m] - sum(
                    (self.crosstabs[m][j] @ coef[j] for j in range(len(coef))),
                    start=np.zeros_like(sums[m]),
                )
                coef[m] += remaining / count[:, None]
        for code, c in zip(self.codes, coef, strict=True):
            z -= c[code]
        z *= self.weights[:, None]
        return z


def _crosstab(a: IntArray, size_a: int, b: IntArray, size_b: int) -> FloatArray:
    table = np.zeros((size_a, size_b))
    np.add.at(table, (a, b), 1.0)
    return table
