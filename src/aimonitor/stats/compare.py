"""Differences and contrasts of estimates, and the one rule for "is it significant".

:func:`contrast` is the one computation, in the spirit of R's ``svycontrast``: the linear
combination ``sum(c_i * est_i)`` with variance ``c' V c``. Without a covariance matrix the
estimates are taken as independent (``V`` diagonal) and the standard error is
``hypot(c_1 cse_1, ..., c_k cse_k)``. :func:`difference` is the contrast ``[1, -1]`` of two
estimates, ``a - b`` with ``se = sqrt(cse_a^2 + cse_b^2 - 2 cov)``; :func:`differences` applies it
row by row to two result sets (two waves, independent samples). Every ``cse_i`` is
:func:`comparison_se`: the design SE, except for a share of exactly 0 or 1, where it is the SE
implied by the published interval (decision record 0005,
docs/decisions/0005-boundary-shares-in-comparisons.md).

The interval is Wald, ``est -+ q se``, with ``q`` the normal quantile (``df=None``, as R's
``confint``), the t quantile with ``df`` degrees of freedom, or with the Welch-Satterthwaite
degrees of freedom of the estimates (``df="welch"``, :func:`welch_df`; what wave changes use).
Every difference carries its two-sided ``p_value``; :func:`control_fdr` adds the
Benjamini-Hochberg adjusted ``p_adjusted`` over a family of differences (the change rows of
one publication). :func:`significant` is the one significance rule: the adjusted p-value
below ``1 - level`` when the family was controlled, otherwise the interval excludes the null.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal, TypeAlias

import numpy as np
import numpy.typing as npt
from scipy import special

from aimonitor.stats.errors import EstimationError
from aimonitor.stats.intervals import check_level, critical, wald
from aimonitor.stats.result import Estimate, Estimates, LabelledEstimate

Covariance: TypeAlias = npt.ArrayLike
"""A k x k covariance matrix of k estimates (nested sequences or a numpy array)."""

DfChoice: TypeAlias = float | Literal["welch"] | None
"""Degrees of freedom of a comparison's t quantile: a number, ``"welch"`` (Welch-Satterthwaite
from the estimates) or ``None`` (the normal quantile)."""


def comparison_se(estimate: Estimate) -> float:
    """The standard error to compare ``estimate`` with another one.

    The design SE, except for a proportion of exactly 0 or 1 (``estimate.boundary``, decided
    from counts): its design SE is 0 although its published interval (from the n
    respondents) is not, and a comparison that took the 0 would claim differences the
    interval does not support. There the SE implied by the interval is used,
    ``(upper - lower) / (2 q)`` with ``q`` the t quantile with the estimate's ``df`` at its
    level (normal when ``df`` is ``None``), the quantile a Wilson boundary interval used; a
    Clopper-Pearson boundary interval has no quantile and is divided by the same ``q``
    (decision record 0005).
    """
    width = estimate.ci_upper - estimate.ci_lower
    if not estimate.boundary or not np.isfinite(width) or width <= 0:
        return estimate.se
    dof = np.inf if estimate.df is None else float(estimate.df)
    quantile = float(critical(np.array([dof]), estimate.level)[0])
    return width / (2.0 * quantile)


def welch_df(estimates: Sequence[Estimate], coefficients: Sequence[float]) -> float | None:
    """Welch-Satterthwaite degrees of freedom of the contrast of independent estimates.

    ``(sum v_i)^2 / sum(v_i^2 / df_i)`` with ``v_i = (c_i cse_i)^2`` (:func:`comparison_se`)
    and ``df_i`` the degrees of freedom of estimate i's variance: its design (or domain)
    ``degf``, or when that is unknown the ``df`` of its interval (unknown and ``df=None``
    counts as infinite). ``None`` (normal quantile) when every estimate is
    normal or the contrast has variance 0. An estimate with ``df <= 0`` (no variance
    estimate) gives 0: the contrast then has the whole real line as its interval.
    """
    parts = [(c * comparison_se(e)) ** 2 for c, e in zip(coefficients, estimates, strict=True)]
    total = math.fsum(parts)
    if total == 0.0:
        return None
    spread = 0.0
    for part, e in zip(parts, estimates, strict=True):
        dof = e.degf if e.degf is not None else e.df
        if dof is None or part == 0.0:
            continue
        if not dof > 0:
            return 0.0
        spread += part * part / float(dof)
    if spread == 0.0:
        return None
    return total * total / spread


def p_value(estimate: Estimate, null: float = 0.0) -> float:
    """Two-sided p-value of ``estimate`` against ``null``: t with ``estimate.df`` degrees of
    freedom, or the normal distribution when ``df`` is ``None``. A standard error of 0 gives
    0 when the estimate differs from ``null`` and 1 when it equals it; ``df <= 0`` (no
    variance estimate) gives 1."""
    if estimate.df is not None and not estimate.df > 0:
        return 1.0
    distance = abs(estimate.estimate - null)
    if estimate.se == 0.0:
        return 0.0 if distance > 0 else 1.0
    statistic = distance / estimate.se
    if estimate.df is None:
        return float(2.0 * special.ndtr(-statistic))
    return float(2.0 * special.stdtr(float(estimate.df), -statistic))


def control_fdr(estimates: Sequence[Estimate]) -> list[Estimate]:
    """The estimates with ``p_adjusted``: Benjamini-Hochberg over the family ``estimates``.

    Every estimate needs its ``p_value`` (a difference or contrast has one). The adjusted
    value of the i-th smallest of m p-values is ``min_{j >= i} min(1, m p_(j) / j)``; a
    difference is then significant when its adjusted p-value is below ``1 - level``, which
    controls the expected share of false claims among the claimed differences at that rate
    (Benjamini & Hochberg 1995; valid under independence and positive dependence).
    """
    raw = []
    for e in estimates:
        if e.p_value is None:
            raise EstimationError("false discovery rate control needs every p-value")
        raw.append(e.p_value)
    adjusted = benjamini_hochberg(np.array(raw, dtype=np.float64))
    return [replace(e, p_adjusted=float(a)) for e, a in zip(estimates, adjusted, strict=True)]


def benjamini_hochberg(p_values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Benjamini-Hochberg adjusted p-values, in the order given (as R's ``p.adjust(p, "BH")``)."""
    m = p_values.shape[0]
    if m == 0:
        return p_values.copy()
    if np.any(np.isnan(p_values)) or np.any((p_values < 0) | (p_values > 1)):
        raise EstimationError("p-values must lie between 0 and 1")
    order = np.argsort(p_values, kind="stable")[::-1]
    ranks = np.arange(m, 0, -1, dtype=np.float64)
    stepped = np.minimum.accumulate(np.minimum(1.0, m / ranks * p_values[order]))
    adjusted = np.empty(m)
    adjusted[order] = stepped
    return adjusted


def difference(
    a: Estimate,
    b: Estimate,
    *,
    covariance: float = 0.0,
    level: float = 0.95,
    df: DfChoice = None,
) -> Estimate:
    """The difference ``a - b`` with a Wald interval at ``level``: the contrast ``[1, -1]``.

    ``se = sqrt(cse_a^2 + cse_b^2 - 2 covariance)`` with ``cse`` the :func:`comparison_se`
    (a boundary share enters with the SE of its interval). The default covariance 0 treats
    the estimates as independent (two waves); a positive covariance (the same municipalities
    in both) narrows the interval. ``df=None`` uses the normal quantile, a number the t
    quantile with that many degrees of freedom, ``"welch"`` the t quantile with the
    Welch-Satterthwaite degrees of freedom (:func:`welch_df`; independent estimates only).

    ``n`` is the respondents of both together; ``degf`` is ``a.degf + b.degf`` when both are
    known. Raises :class:`EstimationError` for a negative or NaN standard error, a NaN
    estimate or covariance, or a covariance larger than the standard errors allow.
    """
    if math.isnan(covariance):
        raise EstimationError("the covariance of the two estimates is NaN")
    if covariance == 0.0:
        return contrast((a, b), (1.0, -1.0), level=level, df=df)
    _check_estimates((a, b))
    se_a, se_b = comparison_se(a), comparison_se(b)
    matrix = [[se_a**2, covariance], [covariance, se_b**2]]
    return contrast((a, b), (1.0, -1.0), covariance=matrix, level=level, df=df)


def contrast(
    estimates: Sequence[Estimate],
    coefficients: Sequence[float],
    *,
    covariance: Covariance | None = None,
    level: float = 0.95,
    df: DfChoice = None,
) -> Estimate:
    """The linear combination ``sum(c_i * est_i)`` with a Wald interval at ``level``.

    ``covariance`` is the full k x k covariance matrix ``V`` of the estimates (variances on
    the diagonal), used as given: the variance is ``c' V c``. Without it the estimates are
    independent, ``V = diag(comparison_se(est_i)^2)`` (decision record 0005 for a share of 0
    or 1), and the SE is computed as ``hypot(c_1 cse_1, ..., c_k cse_k)``.

    ``df=None`` uses the normal quantile, a number the t quantile with ``df`` degrees of
    freedom, ``"welch"`` the Welch-Satterthwaite degrees of freedom of independent estimates
    (:func:`welch_df`; not with a covariance). ``n`` is the sum of the estimates'
    respondents; ``degf`` the sum of their ``degf`` when every one is known (the rule for
    independent samples). ``method`` is ``"difference"``; ``p_value`` is the two-sided
    p-value against 0 (:func:`p_value`).
    """
    check_level(level)
    if len(estimates) == 0 or len(estimates) != len(coefficients):
        raise EstimationError(
            f"a contrast needs one coefficient per estimate, got {len(coefficients)} "
            f"for {len(estimates)}"
        )
    weights = [float(c) for c in coefficients]
    if not all(math.isfinite(c) for c in weights):
        raise EstimationError(f"contrast coefficients must be finite numbers, got {weights}")
    if df == "welch" and covariance is not None:
        raise EstimationError("Welch degrees of freedom are for independent estimates only")
    if df is not None and df != "welch" and not df > 0:
        raise EstimationError(f"degrees of freedom must be more than 0, got {df!r}")
    _check_estimates(estimates)
    # fsum rounds the exact sum once: for [1, -1] that is bit for bit ``a - b``
    estimate = math.fsum(c * e.estimate for c, e in zip(weights, estimates, strict=True))
    if covariance is None:
        parts = np.array(
            [abs(c) * comparison_se(e) for c, e in zip(weights, estimates, strict=True)]
        )
        se = float(np.hypot.reduce(parts))
    else:
        se = math.sqrt(_quadratic_form(weights, covariance))
    chosen = welch_df(estimates, weights) if df == "welch" else df
    dof = np.inf if chosen is None else float(chosen)
    lower, upper = wald(np.array([estimate]), np.array([se]), np.array([dof]), level)
    degfs = [e.degf for e in estimates]
    result = Estimate(
        estimate=estimate,
        se=se,
        ci_lower=float(lower[0]),
        ci_upper=float(upper[0]),
        df=None if chosen is None else float(chosen),
        n=sum(e.n for e in estimates),
        method="difference",
        level=level,
        degf=None if any(d is None for d in degfs) else sum(d for d in degfs if d is not None),
    )
    return replace(result, p_value=p_value(result))


def significant(estimate: Estimate, null: float = 0.0) -> bool:
    """Whether ``estimate`` differs significantly from ``null``: the one significance rule.

    For a difference whose family was controlled for false discoveries (``p_adjusted`` set
    by :func:`control_fdr`, null 0) it is the adjusted p-value below ``1 - level``.
    Otherwise the interval excludes ``null``; a bound exactly at ``null`` does not exclude
    it, and an interval with a NaN bound excludes nothing.
    """
    if estimate.p_adjusted is not None and null == 0.0:
        return estimate.p_adjusted < 1.0 - estimate.level
    return estimate.ci_lower > null or estimate.ci_upper < null


def differences(
    a: Estimates,
    b: Estimates,
    *,
    level: float = 0.95,
    df: Literal["normal", "sum", "welch"] = "normal",
) -> Estimates:
    """Row-by-row differences ``a - b`` of two result sets with the same labels (two waves).

    ``df="normal"`` uses the normal quantile; ``df="sum"`` the t quantile with
    ``degf_a + degf_b`` degrees of freedom of each row (both must be known); ``"welch"`` the
    Welch-Satterthwaite degrees of freedom (:func:`welch_df`).
    """
    if len(a) != len(b):
        raise EstimationError("the two waves have different rows (variables or domains)")
    rows = []
    for row_a, row_b in zip(a, b, strict=True):
        key_a = (row_a.variable, row_a.level, row_a.domain, row_a.quantile)
        key_b = (row_b.variable, row_b.level, row_b.domain, row_b.quantile)
        if key_a != key_b:
            raise EstimationError(f"wave rows do not match: {key_a} vs {key_b}")
        dof: DfChoice = "welch" if df == "welch" else None
        if df == "sum":
            if row_a.estimate.degf is None or row_b.estimate.degf is None:
                raise EstimationError("both estimates need their degrees of freedom for df='sum'")
            dof = float(row_a.estimate.degf + row_b.estimate.degf)
        diff = difference(row_a.estimate, row_b.estimate, level=level, df=dof)
        rows.append(
            LabelledEstimate(row_a.variable, diff, row_a.level, row_a.domain, row_a.quantile)
        )
    return Estimates(tuple(rows), by=a.by)


def _check_estimates(estimates: Sequence[Estimate]) -> None:
    for e in estimates:
        if math.isnan(e.estimate):
            raise EstimationError("an estimate to compare is NaN")
        if not e.se >= 0:
            raise EstimationError(f"standard error must be zero or more, not {e.se!r}")


def _quadratic_form(weights: list[float], covariance: Covariance) -> float:
    """``c' V c``, summed as ``sum c_i^2 V_ii + 2 sum_{i<j} c_i c_j V_ij``."""
    k = len(weights)
    matrix = np.asarray(covariance, dtype=np.float64)
    if matrix.shape != (k, k):
        raise EstimationError(
            f"the covariance must be a {k} x {k} matrix, got shape {matrix.shape}"
        )
    if not np.all(np.isfinite(matrix)):
        raise EstimationError("the covariance matrix has a NaN or infinite entry")
    if not np.array_equal(matrix, matrix.T):
        raise EstimationError("the covariance matrix is not symmetric")
    if np.any(np.diag(matrix) < 0):
        raise EstimationError("the covariance matrix has a negative variance on its diagonal")
    variance = 0.0
    for i in range(k):
        variance += weights[i] ** 2 * float(matrix[i, i])
    cross = 0.0
    for i in range(k):
        for j in range(i + 1, k):
            cross += weights[i] * weights[j] * float(matrix[i, j])
    variance += 2.0 * cross
    if variance < 0:
        raise EstimationError(
            f"the covariance allows no variance for this contrast (c'Vc = {variance!r}): "
            "it exceeds what the standard errors allow"
        )
    return variance
