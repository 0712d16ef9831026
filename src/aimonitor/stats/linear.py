"""Weighted means and totals with linearised variances, vectorised over columns.

A NaN in ``values`` means "this respondent is not in the base of this variable": each
column is then a domain estimate over its non-NaN rows (times the optional domain mask),
computed on the full design, as ``svyby`` on a subset does. Columns are processed in blocks
so memory stays flat for wide indicator matrices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from aimonitor.stats._arrays import BoolArray, FloatArray, IntArray, ValuesArray
from aimonitor.stats.design import Design
from aimonitor.stats.errors import EstimationError

LinearKind = Literal["mean", "total"]
# 32 columns of 100,000 rows is 25.6 MB: below glibc's largest mmap threshold, so once warm the
# work arrays are reused instead of being faulted in afresh for every block.
BLOCK_COLUMNS = 32
NOISE = 1e-12
"""A standard error below ``NOISE * max(1, |estimate|)`` is floating-point noise of a variance
that is exactly 0, and is set to 0 (a real SE is orders of magnitude larger)."""


@dataclass(frozen=True)
class LinearStats:
    """Per-column results: estimate, variance, respondents, domain df, weight sum,
    ``nrow`` (R's ``nrow(design)`` of the subset: the full n for calibrated designs) and
    ``spread``, the weighted mean squared deviation from the mean (for design effects)."""

    estimate: FloatArray
    variance: FloatArray
    n: IntArray
    df: IntArray
    weight_sum: FloatArray
    nrow: IntArray
    spread: FloatArray


def linear_stats(
    design: Design,
    values: ValuesArray,
    kind: LinearKind,
    domain: BoolArray | None = None,
    *,
    variance: bool = True,
) -> LinearStats:
    """Estimates and variances of every column of ``values`` (n x k; floats, or 8-bit
    integers that are widened one block at a time). ``variance=False`` leaves the design
    variance out (NaN), the costly part, for a caller that has it already."""
    if values.ndim != 2 or values.shape[0] != design.n:
        raise EstimationError("values must be a 2-D array with one row per respondent")
    blocks = [
        _block(design, values[:, start : start + BLOCK_COLUMNS], kind, domain, variance)
        for start in range(0, values.shape[1], BLOCK_COLUMNS)
    ]
    parts = [np.concatenate(arrays) for arrays in zip(*blocks, strict=True)]
    return LinearStats(*parts)


def _block(
    design: Design,
    values: ValuesArray,
    kind: LinearKind,
    domain: BoolArray | None,
    with_variance: bool = True,
) -> tuple[FloatArray, FloatArray, IntArray, IntArray, FloatArray, IntArray, FloatArray]:
    integers = values.dtype == np.int8  # no NaN, no infinity
    if not integers and np.isinf(values).any():
        raise EstimationError("values contain infinite numbers")
    w = design.weights
    k = values.shape[1]
    missing = np.zeros(values.shape, dtype=bool) if integers else np.isnan(values)
    masked = domain is not None or bool(missing.any())
    if masked:
        mask = ~missing
        if domain is not None:
            mask &= domain[:, None]
        y = np.where(mask, values, 0.0)
        weight_sum = w @ mask
        n = mask.sum(axis=0).astype(np.intp)
        if np.any(n == 0):
            raise EstimationError("a variable has no respondents in a domain (n = 0)")
        df = design.domain_df(mask)
    else:
        mask = None
        y = np.array(values, dtype=np.float64)
        weight_sum = np.full(k, float(w.sum()))
        n = np.full(k, design.n, dtype=np.intp)
        df = np.full(k, design.degf, dtype=np.intp)
    total = w @ y
    mean = total / weight_sum
    y -= mean
    if mask is not None:
        y *= mask
    spread = np.einsum("i,ij,ij->j", w, y, y) / weight_sum
    nrow = np.full(k, design.n, dtype=np.intp) if design.calibrated else n
    if not with_variance:
        estimate = mean if kind == "mean" else total
        return estimate, np.full(k, np.nan), n, df, weight_sum, nrow, spread
    if kind == "mean":
        estimate = mean
        y *= w[:, None] / weight_sum
    else:
        estimate = total
        y += mean
        if mask is not None:
            y *= mask
        y *= w[:, None]
    variance = design.variance(y)
    # A variance that is zero in exact arithmetic (every unit with a varying value sits in a
    # take-all stratum, or the domain is a census) comes out as rounding noise, an SE of
    # about 1e-19: below NOISE times the estimate's scale it is set to exactly 0.
    noise = (NOISE * np.maximum(1.0, np.abs(estimate))) ** 2
    variance = np.where(variance < noise, 0.0, variance)
    return estimate, variance, n, df, weight_sum, nrow, spread
