"""svyciprop's ``likelihood`` interval, computed the way survey 4.1 computes it.

The interval in ``b = logit p`` is ``{b : (D(b) - D(b_0)) / phi <= lambda t^2}``, with ``D``
the deviance of the intercept-only quasibinomial ``svyglm``, whose prior weights ``W`` are
the design weights rescaled to mean 1 over the ``nrow`` rows of the subset design (so the
domain's ``W`` sum to ``nrow``: the domain's n, or the full n for a calibrated design,
which keeps every row), ``phi`` the ``svyvar`` of its Pearson residuals and ``lambda`` the
design variance of ``b_0`` over its model variance. For the intercept-only model these have
closed forms, given glm's fit ``b_0``:

* ``D(b) - D(b_0) = 2 nrow (KL(p || expit(b)) - KL(p || expit(b_0)))``;
* ``phi = n/(n - 1) p(1 - p)/(mu_0(1 - mu_0))``, ``n`` the domain's respondents and
  ``mu_0 = expit(b_0)``;
* ``lambda = (se/(mu_0(1 - mu_0)))^2 nrow mu_1(1 - mu_1)``, ``se`` the design SE of ``p`` and
  ``mu_1`` glm's fitted value one IRLS iteration before the last: the model variance is
  taken from the working weights of the last iteration, which are computed before it.

``b_0`` and ``mu_1`` come from glm's IRLS (start ``(W y + 0.5)/(W + 1)`` per row, stop when
the deviance changes by less than 1e-8 relative), which is emulated here: ``mu_1`` can be
1e-4 away from ``p`` and moves the limits by up to about 1e-4 relative.

survey then does not solve the inequality. ``confint.svyglm`` profiles the deviance on a grid
(MASS's ``profile.glm``: steps of ``zmax/5`` design SEs of ``b``, ``zmax`` the upper
``alpha`` point of ``F(1, nrow - 1)`` with ``alpha = Phi(-t sqrt(lambda))/2``, at most nine
steps each way, stopping beyond ``zmax``), fits R's ``spline()`` (Forsythe-Malcolm-Moler,
evaluated at ``3 x points`` equally spaced values) to the signed root deviance and reads the
limits off that spline by linear interpolation (``approx``) at ``-+t sqrt(lambda)``. In a
small domain of a calibrated design the grid is coarse (``nrow`` is the full sample, so
``lambda`` and ``zmax`` are large: 5 to 12 points) and the interpolated limits are up to 1e-2
away from the root of the criterion (8.8e-4 in a domain of 4 units of the R reference cases).
This module follows the same steps and matches R to about 1e-14.

Where survey's procedure gives no limit, the limit is the root of the criterion at the exact
fit (``b_0 = logit p``, ``mu_1 = p``; Brent's method). R then stops with an error or returns
NA: when ``alpha`` underflows or glm's IRLS does not reach ``p`` (both in a very small domain
of a large calibrated design, whose prior weights are large: from the per-row start, IRLS
oscillates away and R reports convergence at a coefficient of 1e15), or when the grid stops
short of the cutoff.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import special

from aimonitor.stats._arrays import BoolArray, FloatArray
from aimonitor.stats.intervals import critical

# MASS profile.glm as survey 4.1 copies it (MASSprofile_glm): at most maxsteps - 1 steps.
MAX_STEPS = 10
STEPS_PER_ZMAX = 5.0
# glm.control() defaults, which svyciprop does not change
GLM_EPSILON = 1e-8
GLM_MAXIT = 25
# a converged glm fit is within about 1e-8 of p; further away, IRLS went astray
GLM_FIT_TOLERANCE = 1e-6


def likelihood_ci(
    weights: FloatArray,
    matrix: FloatArray,
    mask: BoolArray,
    p: FloatArray,
    se: FloatArray,
    df: FloatArray,
    level: float,
    nrow: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    """Limits per column of 0/1 ``matrix`` (rows in the column's domain: ``mask``, n x k)
    with proportions ``p`` and design SEs ``se``; ``weights`` are the design weights and
    ``nrow`` R's ``nrow()`` of each column's subset design.

    Columns with p in {0, 1}, se = 0, df <= 0 or one respondent are NaN (handled as
    degenerate upstream).
    """
    count = mask.sum(axis=0)
    lower = np.full(p.shape[0], np.nan)
    upper = np.full(p.shape[0], np.nan)
    q = critical(df, level)
    for j in np.flatnonzero((p > 0) & (p < 1) & (se > 0) & (df > 0) & (count > 1)):
        rows = mask[:, j]
        lower[j], upper[j] = _column_limits(
            weights[rows], matrix[rows, j], float(p[j]), float(se[j]), float(q[j]), float(nrow[j])
        )
    return lower, upper


def _column_limits(
    weights: FloatArray, y: FloatArray, p: float, se: float, q: float, nrow: float
) -> tuple[float, float]:
    """Limits in p of one column (the domain's rows only): survey's where it has them, else
    the roots of the criterion at the exact fit."""
    n = y.shape[0]
    fit = _glm_fit(weights, y, nrow)
    limits = (np.nan, np.nan) if fit is None else _limits(fit, p, se, q, n, profile=True)
    if not np.all(np.isfinite(limits)):
        exact = _limits(
            _GlmFit(nrow, float(special.logit(p)), p * (1.0 - p)), p, se, q, n, profile=False
        )
        limits = (
            limits[0] if np.isfinite(limits[0]) else exact[0],
            limits[1] if np.isfinite(limits[1]) else exact[1],
        )
    return float(special.expit(limits[0])), float(special.expit(limits[1]))


@dataclass(frozen=True)
class _GlmFit:
    """glm's intercept-only fit: prior weight sum, its coefficient, and the fitted value of
    the iteration before the last (whose working weights give the model variance)."""

    weight_sum: float
    coefficient: float
    previous_mu: float


def _binomial_deviance(weight_y: float, weight_not_y: float, mu: float) -> float:
    return float(-2.0 * (weight_y * np.log(mu) + weight_not_y * np.log1p(-mu)))


def _glm_fit(weights: FloatArray, y: FloatArray, nrow: float) -> _GlmFit | None:
    """R's ``glm.fit`` (IRLS) of ``y ~ 1``, quasibinomial, with svyglm's prior weights;
    None if it does not end at ``p``."""
    w = weights * (nrow / weights.sum())
    weight_y = float(w @ y)
    weight_not_y = float(w.sum()) - weight_y
    p = weight_y / (weight_y + weight_not_y)
    # First iteration from the per-row start mu = (W y + 0.5)/(W + 1). For y in {0, 1} the
    # row's deviance term is log((W + 0.5)/(W + 1)), its variance mu(1 - mu) is
    # 0.5 (W + 0.5)/(W + 1)^2, and its working response logit(mu) + (y - mu)/(mu(1 - mu)) is
    # -+(log(2 W + 1) + (W + 1)/(W + 0.5)), whichever y is.
    half, one = w + 0.5, w + 1.0
    deviance_old = float(-2.0 * (w @ np.log(half / one)))
    working = w * 0.5 * half / one**2
    response = (2.0 * y - 1.0) * (np.log(2.0 * half) + one / half)
    eta = float(working @ response / working.sum())
    previous = float(working.sum() / w.sum())  # mu(1 - mu) of the weights just used
    for _ in range(GLM_MAXIT):
        mu = float(special.expit(eta))
        if not 0.0 < mu < 1.0:
            return None
        deviance = _binomial_deviance(weight_y, weight_not_y, mu)
        if abs(deviance - deviance_old) / (abs(deviance) + 0.1) < GLM_EPSILON:
            break
        deviance_old = deviance
        previous = mu * (1.0 - mu)
        eta += (p - mu) / previous
    if not abs(float(special.expit(eta)) - p) <= GLM_FIT_TOLERANCE:
        return None
    return _GlmFit(float(w.sum()), eta, previous)


def _limits(
    fit: _GlmFit, p: float, se: float, q: float, n: int, *, profile: bool
) -> tuple[float, float]:
    """Limits in ``b``: read off survey's profile (NaN where it has none) or, without
    ``profile``, the roots of the criterion."""
    b0 = fit.coefficient
    mu0 = float(special.expit(b0))
    v0 = mu0 * (1.0 - mu0)
    sd_b = se / v0
    phi = n / (n - 1.0) * p * (1.0 - p) / v0
    lam = sd_b**2 * fit.weight_sum * fit.previous_mu
    kl0 = _kl(p, b0)

    def signed_root_deviance(b: float) -> float:
        change = 2.0 * fit.weight_sum * (_kl(p, b) - kl0)
        return float(np.copysign(np.sqrt(max(change / phi, 0.0)), b - b0))

    if profile:
        return _survey_profile_limits(b0, sd_b, q, lam, fit.weight_sum, signed_root_deviance)
    cutoff = q * np.sqrt(lam)
    return (
        _root(signed_root_deviance, b0, -cutoff),
        _root(signed_root_deviance, b0, cutoff),
    )


def _kl(p: float, b: float) -> float:
    """KL(p || expit(b)), finite for every finite b."""
    entropy = p * np.log(p) + (1.0 - p) * np.log1p(-p)
    return float(entropy - p * special.log_expit(b) - (1.0 - p) * special.log_expit(-b))


def _survey_profile_limits(
    b_hat: float,
    sd_b: float,
    q: float,
    lam: float,
    nrow: float,
    z_of: Callable[[float], float],
) -> tuple[float, float]:
    """Limits in ``b`` as survey's ``confint(svyglm, method="likelihood")``, NaN where that
    has none: the profile on survey's grid, a spline through it, read off at the cutoffs."""
    alpha = float(special.ndtr(-q * np.sqrt(lam))) / 2.0
    if not alpha > 0.0 or nrow <= 1.0:
        return np.nan, np.nan
    # sqrt of the upper alpha point of F(1, nrow - 1) = upper alpha/2 point of t(nrow - 1)
    zmax = -float(special.stdtrit(nrow - 1.0, alpha / 2.0))
    if not np.isfinite(zmax):
        return np.nan, np.nan
    delta = zmax / STEPS_PER_ZMAX
    bs, zs = [b_hat], [0.0]
    for sign in (-1.0, 1.0):
        step, z = 0, 0.0
        while (step := step + 1) < MAX_STEPS and abs(z) < zmax:
            b = b_hat + sign * step * delta * sd_b
            z = z_of(b)
            bs.append(b)
            zs.append(z)
    order = np.argsort(zs, kind="stable")
    grid_b, grid_z = _spline_fmm(np.asarray(bs)[order], np.asarray(zs)[order], 3 * len(bs))
    cut = float(special.ndtri(2.0 * alpha))
    return _approx(grid_z, grid_b, cut), _approx(grid_z, grid_b, -cut)


def _root(z_of: Callable[[float], float], b_hat: float, target: float) -> float:
    """The ``b`` on the side of ``target`` where the signed root deviance equals it."""
    from scipy import optimize  # here, not at the top: a third of a second to import

    sign = 1.0 if target > 0 else -1.0

    def excess(b: float) -> float:
        return z_of(b) - target

    step = 1.0
    while sign * excess(b_hat + sign * step) < 0:
        step *= 2.0
    lo, hi = sorted((b_hat, b_hat + sign * step))
    return float(optimize.brentq(excess, lo, hi, xtol=1e-14, rtol=1e-15))


def _regularize(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
    """R's ``regularize.values(ties = mean)``: sorted by x, tied x collapsed to the mean y."""
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    unique, start = np.unique(xs, return_index=True)
    if unique.shape[0] == xs.shape[0]:
        return xs, ys
    sums = np.add.reduceat(ys, start)
    counts = np.diff(np.append(start, xs.shape[0]))
    return unique, sums / counts


def _spline_fmm(x: FloatArray, y: FloatArray, points: int) -> tuple[FloatArray, FloatArray]:
    """R's ``spline(x, y, n = points, method = "fmm")``: the interpolating cubic spline with
    Forsythe, Malcolm & Moler's end conditions (third derivatives of the cubics through the
    four points at each end), evaluated at ``points`` equally spaced x from min to max."""
    x, y = _regularize(x, y)
    m = x.shape[0]
    out = np.linspace(x[0], x[-1], points)
    if m < 3:
        slope = (y[1] - y[0]) / (x[1] - x[0])
        return out, y[0] + slope * (out - x[0])
    h = np.diff(x)
    secant = np.diff(y) / h
    # tridiagonal system for sigma (second derivatives / 6): diag, off-diagonal h, rhs
    diag = np.empty(m)
    rhs = np.empty(m)
    diag[0], diag[-1] = -h[0], -h[-1]
    diag[1:-1] = 2.0 * (h[:-1] + h[1:])
    rhs[1:-1] = secant[1:] - secant[:-1]
    rhs[0] = rhs[-1] = 0.0
    if m > 3:
        rhs[0] = rhs[2] / (x[3] - x[1]) - rhs[1] / (x[2] - x[0])
        rhs[0] = rhs[0] * h[0] ** 2 / (x[3] - x[0])
        rhs[-1] = rhs[-2] / (x[-1] - x[-3]) - rhs[-3] / (x[-2] - x[-4])
        rhs[-1] = -rhs[-1] * h[-1] ** 2 / (x[-1] - x[-4])
    for i in range(1, m):
        t = h[i - 1] / diag[i - 1]
        diag[i] -= t * h[i - 1]
        rhs[i] -= t * rhs[i - 1]
    sigma = np.empty(m)
    sigma[-1] = rhs[-1] / diag[-1]
    for i in range(m - 2, -1, -1):
        sigma[i] = (rhs[i] - h[i] * sigma[i + 1]) / diag[i]
    b = secant - h * (sigma[1:] + 2.0 * sigma[:-1])
    c = 3.0 * sigma[:-1]
    d = (sigma[1:] - sigma[:-1]) / h
    # interval of each output point: x[i] <= u < x[i + 1], the last knot in the last interval
    at = np.clip(np.searchsorted(x, out, side="right") - 1, 0, m - 2)
    dx = out - x[at]
    return out, y[at] + dx * (b[at] + dx * (c[at] + dx * d[at]))


def _approx(x: FloatArray, y: FloatArray, at: float) -> float:
    """R's ``approx(x, y, xout = at)$y`` (linear, ties = mean, NaN outside the range)."""
    x, y = _regularize(x, y)
    if not x[0] <= at <= x[-1]:
        return np.nan
    j = int(np.searchsorted(x, at, side="left"))
    if x[j] == at:
        return float(y[j])
    i = j - 1
    return float(y[i] + (y[j] - y[i]) * ((at - x[i]) / (x[j] - x[i])))
