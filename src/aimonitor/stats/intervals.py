"""Confidence intervals: Wald for means and totals, survey's ``svyciprop`` methods for
proportions (Korn & Graubard 1998 for ``beta``), all vectorised over estimates.

``df`` arrays hold the t degrees of freedom, ``inf`` for the normal quantile. Degenerate
rows get a documented interval and a note (:func:`degenerate_proportion_ci`): ``df <= 0``
gives [0, 1]; ``0 < p < 1`` with design SE 0 (every unit of the domain answered) gives
[p, p]; a share of exactly 0 or 1 (decided from counts by the estimator) gives Wilson with the
n respondents, design effect 1 and t on the row's ``df`` (t(n - 1) for one stratum), or
Clopper-Pearson for the other methods, without finite population correction, so also when
every unit answered.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
from scipy import special

from aimonitor.stats._arrays import BoolArray, FloatArray
from aimonitor.stats.errors import StatsError


class ProportionMethod(StrEnum):
    """The closed set of proportion interval methods (default: ``WILSON``)."""

    LOGIT = "logit"
    XLOGIT = "xlogit"
    ASIN = "asin"
    MEAN = "mean"
    BETA = "beta"
    WILSON = "wilson"
    LIKELIHOOD = "likelihood"


DEFAULT_PROPORTION_METHOD = ProportionMethod.WILSON

NOTE_DF_ZERO = "df = 0: no t quantile; the interval is the whole range"
NOTE_BOUNDARY = "p = 0 or 1: design SE is 0; interval from n respondents with design effect 1"
NOTE_CENSUS = (
    "design SE is 0: every unit of the domain whose answer varies took part (a census or a "
    "take-all stratum); no sampling error"
)


def parse_proportion_method(name: str) -> ProportionMethod:
    try:
        return ProportionMethod(name)
    except ValueError:
        allowed = ", ".join(m.value for m in ProportionMethod)
        raise StatsError(f"unknown proportion CI method {name!r}; use one of {allowed}") from None


def check_level(level: float) -> None:
    if not 0.0 < level < 1.0:
        raise StatsError(f"confidence level must be between 0 and 1, got {level!r}")


def critical(df: FloatArray, level: float) -> FloatArray:
    """Upper ``(1 + level)/2`` quantile of t with ``df`` (normal where ``df`` is inf)."""
    upper = 1.0 - (1.0 - level) / 2.0
    safe = np.where(df > 0, df, 1.0)
    result: FloatArray = np.where(np.isinf(safe), special.ndtri(upper), t_quantile(safe, upper))
    return result


def t_quantile(df: FloatArray, probability: float) -> FloatArray:
    """Quantile of Student's t (normal where ``df`` is inf); scipy.special keeps start-up
    fast (scipy.stats takes a third of a second to import)."""
    result: FloatArray = np.where(
        np.isinf(df),
        special.ndtri(probability),
        special.stdtrit(np.where(np.isinf(df), 1.0, df), probability),
    )
    return result


def wald(
    estimate: FloatArray, se: FloatArray, df: FloatArray, level: float
) -> tuple[FloatArray, FloatArray]:
    half = critical(df, level) * se
    lower = np.where(df > 0, estimate - half, -np.inf)
    upper = np.where(df > 0, estimate + half, np.inf)
    return lower, upper


def proportion_ci(
    method: ProportionMethod,
    p: FloatArray,
    se: FloatArray,
    df: FloatArray,
    level: float,
    nrow: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    """Limits of ``method`` for proportions ``p`` with standard errors ``se``.

    ``nrow`` is ``nrow(design)`` as R's ``beta`` method uses it. Rows with p in {0, 1} or
    df <= 0 are left NaN here and filled by :func:`degenerate_proportion_ci`.
    ``likelihood`` is computed in :mod:`aimonitor.stats.likelihood`.
    """
    t = critical(df, level)
    with np.errstate(divide="ignore", invalid="ignore"):
        if method in (ProportionMethod.LOGIT, ProportionMethod.XLOGIT):
            centre = np.log(p / (1.0 - p))
            half = t * se / (p * (1.0 - p))
            lower, upper = _expit(centre - half), _expit(centre + half)
        elif method is ProportionMethod.ASIN:
            centre = np.arcsin(np.sqrt(p))
            half = t * se / (2.0 * np.sqrt(p * (1.0 - p)))
            lower = np.sin(np.clip(centre - half, 0.0, np.pi / 2)) ** 2
            upper = np.sin(np.clip(centre + half, 0.0, np.pi / 2)) ** 2
        elif method is ProportionMethod.MEAN:
            lower, upper = p - t * se, p + t * se
        elif method is ProportionMethod.WILSON:
            lower, upper = wilson(p, p * (1.0 - p) / se**2, t)
        elif method is ProportionMethod.BETA:
            alpha = 1.0 - level
            n_eff = p * (1.0 - p) / se**2
            ratio = t_quantile(np.maximum(nrow - 1.0, 1.0), alpha / 2) / t_quantile(df, alpha / 2)
            lower, upper = clopper_pearson(p, n_eff * ratio**2, level)
        else:
            raise StatsError(f"{method.value} intervals need the likelihood module")
    bad = (df <= 0) | (p <= 0) | (p >= 1) | ~(se > 0)
    return np.where(bad, np.nan, lower), np.where(bad, np.nan, upper)


def wilson(p: FloatArray, n: FloatArray, t: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Wilson's score interval with ``n`` (effective) observations and quantile ``t``."""
    denominator = 1.0 + t**2 / n
    centre = (p + t**2 / (2.0 * n)) / denominator
    half = t * np.sqrt(p * (1.0 - p) / n + t**2 / (4.0 * n**2)) / denominator
    return centre - half, centre + half


def clopper_pearson(p: FloatArray, n: FloatArray, level: float) -> tuple[FloatArray, FloatArray]:
    """Beta-quantile interval for ``n p`` successes in ``n`` (possibly fractional) trials."""
    alpha = 1.0 - level
    successes, failures = n * p, n * (1.0 - p)
    with np.errstate(invalid="ignore"):
        lower = np.where(successes > 0, special.betaincinv(successes, failures + 1, alpha / 2), 0.0)
        upper = np.where(
            failures > 0, special.betaincinv(successes + 1, failures, 1 - alpha / 2), 1.0
        )
    return lower, upper


def degenerate_proportion_ci(
    method: ProportionMethod,
    p: FloatArray,
    df: FloatArray,
    n: FloatArray,
    level: float,
    lower: FloatArray,
    upper: FloatArray,
    boundary: BoolArray,
) -> tuple[FloatArray, FloatArray, list[str | None]]:
    """Fill the limits left NaN by :func:`proportion_ci`, with a note per row.

    ``boundary`` marks the shares of exactly 0 or 1 (decided from counts by the caller).
    Their interval is Wilson's (or for the other methods Clopper-Pearson's) from the ``n``
    respondents with design effect 1: the t quantile with the row's ``df`` for Wilson, and
    no finite population correction. It ends exactly at ``p``. Every interval is clipped to
    [0, 1].
    """
    notes: list[str | None] = [None] * p.shape[0]
    lower, upper = lower.copy(), upper.copy()
    for i in np.flatnonzero(np.isnan(lower) | np.isnan(upper) | boundary):
        if df[i] <= 0:
            lower[i], upper[i], notes[i] = 0.0, 1.0, NOTE_DF_ZERO
            continue
        if not boundary[i]:
            # Not a boundary proportion: the SE is 0 because the whole population answered.
            lower[i], upper[i], notes[i] = float(p[i]), float(p[i]), NOTE_CENSUS
            continue
        count, rate = np.array([n[i]]), np.array([p[i]])
        if method is ProportionMethod.WILSON:
            lo, hi = wilson(rate, count, critical(np.array([df[i]]), level))
        else:
            lo, hi = clopper_pearson(rate, count, level)
        # At p = 0 or 1 the interval ends exactly at p.
        lower[i] = 0.0 if p[i] == 0.0 else float(lo[0])
        upper[i] = 1.0 if p[i] == 1.0 else float(hi[0])
        notes[i] = NOTE_BOUNDARY
    return np.clip(lower, 0.0, 1.0), np.clip(upper, 0.0, 1.0), notes


def _expit(x: FloatArray) -> FloatArray:
    result: FloatArray = 1.0 / (1.0 + np.exp(-x))
    return result
