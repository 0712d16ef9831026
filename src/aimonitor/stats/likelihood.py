"""svyciprop's ``likelihood`` interval, root-found instead of R's spline on a grid.

The interval in ``b = logit p`` is ``{b : (D(b) - D(b_hat)) / phi <= lambda t^2}`` with
``D`` the deviance of the intercept-only quasibinomial ``svyglm`` (weights rescaled to
mean 1), ``phi`` the ``svyvar`` of its Pearson residuals and ``lambda`` the design variance
of ``b_hat`` over its model variance. For the intercept-only model these reduce to closed
forms, so only the two roots need a solver (Brent's method). The criterion is evaluated at
the exact maximum-likelihood ``p``; R evaluates it at its IRLS iterate, which moves R's own
root-found limits by about 2e-6 relative.
"""

from __future__ import annotations

import numpy as np
from scipy import optimize

from aimonitor.stats._arrays import BoolArray, FloatArray
from aimonitor.stats.intervals import critical


def likelihood_ci(
    mask: BoolArray,
    p: FloatArray,
    se: FloatArray,
    df: FloatArray,
    level: float,
) -> tuple[FloatArray, FloatArray]:
    """Limits per column (domain rows in ``mask``, n x k) of proportions ``p`` with ``se``.

    Columns with p in {0, 1}, se = 0 or df <= 0 are NaN (handled as degenerate upstream).
    """
    count = mask.sum(axis=0).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        # svyglm's Pearson residuals are (y - p)/sqrt(p(1 - p)) (prior weights over design
        # weights cancel), so their weighted svyvar is exactly n/(n - 1).
        phi = count / (count - 1.0)
        # lambda = design var / model var of b_hat; the deviance and the model variance
        # carry the same weight scale (nrow), which cancels from the criterion.
        target = critical(df, level) ** 2 * se**2 * phi / (p * (1.0 - p))
    lower = np.full(p.shape[0], np.nan)
    upper = np.full(p.shape[0], np.nan)
    for j in np.flatnonzero((p > 0) & (p < 1) & (se > 0) & (df > 0) & (count > 1)):
        lower[j], upper[j] = _roots(float(p[j]), float(target[j]))
    return lower, upper


def _roots(p: float, target: float) -> tuple[float, float]:
    b_hat = float(np.log(p / (1.0 - p)))

    def excess(b: float) -> float:
        mu = 1.0 / (1.0 + np.exp(-b))
        kl = p * np.log(p / mu) + (1.0 - p) * np.log((1.0 - p) / (1.0 - mu))
        return float(2.0 * kl - target)

    step = 1.0
    while excess(b_hat - step) < 0:
        step *= 2.0
    lower = optimize.brentq(excess, b_hat - step, b_hat, xtol=1e-14, rtol=1e-15)
    step = 1.0
    while excess(b_hat + step) < 0:
        step *= 2.0
    upper = optimize.brentq(excess, b_hat, b_hat + step, xtol=1e-14, rtol=1e-15)
    return float(1.0 / (1.0 + np.exp(-lower))), float(1.0 / (1.0 + np.exp(-upper)))
