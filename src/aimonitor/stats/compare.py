"""Differences and contrasts of estimates, and the one rule for "is it significant".

:func:`contrast` is the one computation, in the spirit of R's ``svycontrast``: the linear
combination ``sum(c_i * est_i)`` with variance ``c' V c``. Without a covariance matrix the
estimates are taken as independent (``V`` diagonal) and the standard error is
``hypot(c_1 se_1, ..., c_k se_k)``. :func:`difference` is the contrast ``[1, -1]`` of two
estimates, ``a - b`` with ``se = sqrt(se_a^2 + se_b^2 - 2 cov)``; :func:`differences` applies it
row by row to two result sets (two waves, independent samples). Every ``se_i`` is
:func:`comparison_se`: the design SE, except for a share of exactly 0 or 1, where it is the SE
implied by the published interval (decision record 0005,
docs/decisions/0005-boundary-shares-in-comparisons.md).

The interval is Wald, ``est -+ q se``, with ``q`` the normal quantile (``df=None``, as R's
``confint``) or the t quantile with ``df`` degrees of freedom. :func:`significant` is the one
significance rule: the interval excludes the null value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal, TypeAlias

import numpy as np
import numpy.typing as npt

from aimonitor.stats.errors import EstimationError
from aimonitor.stats.intervals import check_level, critical, wald
from aimonitor.stats.result import Estimate, Estimates, LabelledEstimate

Covariance: TypeAlias = npt.ArrayLike
"""A k x k covariance matrix of k estimates (nested sequences or a numpy array)."""


def comparison_se(estimate: Estimate) -> float:
    """The standard error to compare ``estimate`` with another one.

    The design SE, except for a proportion of exactly 0 or 1: its design SE is 0 although
    its published interval (from the n respondents) is not, and a comparison that took the 0
    would claim differences the interval does not support. There the SE implied by the
    interval is used, ``(upper - lower) / (2 q)`` with ``q`` the interval's quantile
    (decision record 0005).
    """
    width = estimate.ci_upper - estimate.ci_lower
    if estimate.se > 0 or not np.isfinite(width) or width <= 0:
        return estimate.se
    dof = np.inf if estimate.df is None else float(estimate.df)
    quantile = float(critical(np.array([dof]), estimate.level)[0])
    return width / (2.0 * quantile)


def difference(
    a: Estimate,
    b: Estimate,
    *,
    covariance: float = 0.0,
    level: float = 0.95,
    df: float | None = None,
) -> Estimate:
    """The difference ``a - b`` with a Wald interval at ``level``: the contrast ``[1, -1]``.

    ``se = sqrt(cse_a^2 + cse_b^2 - 2 covariance)`` with ``cse`` the :func:`comparison_se`
    (a boundary share enters with the SE of its interval). The default covariance 0 treats
    the estimates as independent (two waves); a positive covariance (the same municipalities
    in both) narrows the interval. ``df=None`` uses the normal quantile, a number the t
    quantile with that many degrees of freedom.

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
    df: float | None = None,
) -> Estimate:
    """The linear combination ``sum(c_i * est_i)`` with a Wald interval at ``level``.

    ``covariance`` is the full k x k covariance matrix ``V`` of the estimates (variances on
    the diagonal), used as given: the variance is ``c' V c``. Without it the estimates are
    independent, ``V = diag(comparison_se(est_i)^2)`` (decision record 0005 for a share of 0
    or 1), and the SE is computed as ``hypot(c_1 cse_1, ..., c_k cse_k)``.

    ``df=None`` uses the normal quantile, a number the t quantile with ``df`` degrees of
    freedom. ``n`` is the sum of the estimates' respondents; ``degf`` the sum of their
    ``degf`` when every one is known (the rule for independent samples). ``method`` is
    ``"difference"``.
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
    if df is not None and not df > 0:
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
    dof = np.inf if df is None else float(df)
    lower, upper = wald(np.array([estimate]), np.array([se]), np.array([dof]), level)
    degfs = [e.degf for e in estimates]
    return Estimate(
        estimate=estimate,
        se=se,
        ci_lower=float(lower[0]),
        ci_upper=float(upper[0]),
        df=None if df is None else float(df),
        n=sum(e.n for e in estimates),
        method="difference",
        level=level,
        degf=None if any(d is None for d in degfs) else sum(d for d in degfs if d is not None),
    )


def significant(estimate: Estimate, null: float = 0.0) -> bool:
    """Whether the interval of ``estimate`` excludes ``null``: the one significance rule.

    A bound exactly at ``null`` does not exclude it; an interval with a NaN bound excludes
    nothing.
    """
    return estimate.ci_lower > null or estimate.ci_upper < null


def differences(
    a: Estimates, b: Estimates, *, level: float = 0.95, df: Literal["normal", "sum"] = "normal"
) -> Estimates:
    """Row-by-row differences ``a - b`` of two result sets with the same labels (two waves).

    ``df="normal"`` uses the normal quantile; ``df="sum"`` the t quantile with
    ``degf_a + degf_b`` degrees of freedom of each row (both must be known).
    """
    if len(a) != len(b):
        raise EstimationError("the two waves have different rows (variables or domains)")
    rows = []
    for row_a, row_b in zip(a, b, strict=True):
        key_a = (row_a.variable, row_a.level, row_a.domain, row_a.quantile)
        key_b = (row_b.variable, row_b.level, row_b.domain, row_b.quantile)
        if key_a != key_b:
            raise EstimationError(f"wave rows do not match: {key_a} vs {key_b}")
        dof: float | None = None
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
