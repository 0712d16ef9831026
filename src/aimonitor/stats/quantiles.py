"""Quantiles with Woodruff (1952) intervals, as survey's ``svyquantile`` (4.x) computes them.

Point estimate by a weighted quantile rule: ``math`` (inverse of the weighted ECDF) or
``hf7`` (survey's weighted analogue of Hyndman-Fan type 7). Interval: the proportion
``m = mean(y <= q)`` gets ``m -/+ t se(m)`` and both ends go back through the same rule;
``se = (upper - lower) / (2 t)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt

from aimonitor.stats._arrays import FloatArray
from aimonitor.stats.design import Design
from aimonitor.stats.errors import EstimationError
from aimonitor.stats.estimators import as_matrix
from aimonitor.stats.intervals import check_level, critical
from aimonitor.stats.linear import linear_stats
from aimonitor.stats.result import Estimate, Estimates, LabelledEstimate

QRule = Literal["math", "hf7"]


def weighted_quantile(x: FloatArray, w: FloatArray, p: float, rule: QRule) -> float:
    """survey's ``qrule_math`` / ``qrule_hf7`` for one probability ``p``."""
    keep = w != 0
    x, w = x[keep], w[keep]
    order = np.argsort(x, kind="stable")
    xs = x[order]
    # R's cumsum and sum accumulate in long double.
    cumw = np.cumsum(w[order].astype(np.longdouble)).astype(np.float64)
    total = float(np.sum(w.astype(np.longdouble)))
    if rule == "hf7":
        # Plotting positions (0, W_1, ..., W_{n-1}) / W_{n-1}, linear interpolation.
        if xs.shape[0] == 1:
            return float(xs[0])
        positions = np.concatenate([[0.0], cumw[:-1]]) / cumw[-2]
        return float(np.interp(p, positions, xs))
    low, up, w_low, _ = _bracket(xs, cumw, total, p)
    return low if w_low == 0 else up


def _bracket(
    xs: FloatArray, cumw: FloatArray, total: float, p: float
) -> tuple[float, float, float, float]:
    below = np.flatnonzero(cumw <= p * total)
    pos = int(below[-1]) if below.shape[0] else 0
    nxt = pos if pos == xs.shape[0] - 1 else pos + 1
    return float(xs[pos]), float(xs[nxt]), p - cumw[pos] / total, cumw[nxt] / total - p


def quantile(
    design: Design,
    values: npt.ArrayLike,
    probs: Sequence[float],
    *,
    names: Sequence[str] | None = None,
    rule: QRule = "math",
    level: float = 0.95,
) -> Estimates:
    """Quantiles of each column (NaN rows are left out) with Woodruff intervals, t with the
    design df."""
    check_level(level)
    if rule not in ("math", "hf7"):
        raise EstimationError(f"unknown quantile rule {rule!r}; use 'math' or 'hf7'")
    if any(not 0.0 <= p <= 1.0 for p in probs):
        raise EstimationError("quantile probabilities must lie in [0, 1]")
    matrix = as_matrix(values, design.n)
    labels = list(names) if names is not None else [f"v{j + 1}" for j in range(matrix.shape[1])]
    df = float(design.degf)
    t = float(critical(np.array([df]), level)[0]) if df > 0 else np.inf
    rows: list[LabelledEstimate] = []
    for j, label in enumerate(labels):
        column = matrix[:, j]
        present = ~np.isnan(column)
        if not present.any():
            raise EstimationError(f"{label}: no respondents for a quantile")
        x, w = column[present], design.weights[present]
        qhat = [weighted_quantile(x, w, p, rule) for p in probs]
        below = np.where(present[:, None], (column[:, None] <= np.array(qhat)), np.nan)
        stats = linear_stats(design, below.astype(np.float64), "mean")
        se_m = np.sqrt(stats.variance)
        for i, p in enumerate(probs):
            lower = weighted_quantile(x, w, float(stats.estimate[i] - t * se_m[i]), rule)
            upper = weighted_quantile(x, w, float(stats.estimate[i] + t * se_m[i]), rule)
            estimate = Estimate(
                estimate=qhat[i],
                se=(upper - lower) / (2 * t),
                ci_lower=lower,
                ci_upper=upper,
                df=df,
                n=int(present.sum()),
                method="woodruff",
                level=level,
                degf=design.degf,
            )
            rows.append(LabelledEstimate(label, estimate, quantile=float(p)))
    return Estimates(tuple(rows))
