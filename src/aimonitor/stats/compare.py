"""Differences between two independent samples (survey waves).

``estimate = a - b`` and ``se = sqrt(se_a^2 + se_b^2)`` because the waves are independent
samples; the interval uses the normal quantile (as R's ``confint``) or, with
``df="sum"``, t with ``degf_a + degf_b`` degrees of freedom.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from aimonitor.stats.exceptions import EstimationError
from aimonitor.stats.intervals import check_level, critical
from aimonitor.stats.result import Estimate, Estimates, LabelledEstimate


def comparison_se(estimate: Estimate) -> float:
    """The standard error to compare ``estimate`` with another one.

    The design SE, except for a proportion of exactly 0 or 1: its design SE is 0 although
    its published interval (from the n respondents) is not, and a comparison that took the 0
    would claim differences the interval does not support. There the SE implied by the
    interval is used, ``(upper - lower) / (2 q)`` with ``q`` the interval's quantile.
    """
    width = estimate.ci_upper - estimate.ci_lower
    if estimate.se > 0 or not np.isfinite(width) or width <= 0:
        return estimate.se
    dof = np.inf if estimate.df is None else float(estimate.df)
    quantile = float(critical(np.array([dof]), estimate.level)[0])
    return width / (2.0 * quantile)


def difference(
    a: Estimate, b: Estimate, *, level: float = 0.95, df: Literal["normal", "sum"] = "normal"
) -> Estimate:
    """The difference ``a - b`` of two estimates from independent waves.

    A boundary proportion (p = 0 or 1) enters with the SE of its interval
    (:func:`comparison_se`).
    """
    check_level(level)
    estimate = a.estimate - b.estimate
    se = float(np.hypot(comparison_se(a), comparison_se(b)))
    if df == "sum":
        if a.degf is None or b.degf is None:
            raise EstimationError("both estimates need their degrees of freedom for df='sum'")
        dof = float(a.degf + b.degf)
    else:
        dof = np.inf
    half = float(critical(np.array([dof]), level)[0]) * se
    return Estimate(
        estimate=estimate,
        se=se,
        ci_lower=estimate - half,
        ci_upper=estimate + half,
        df=None if df == "normal" else dof,
        n=a.n + b.n,
        method="difference",
        level=level,
        degf=None if a.degf is None or b.degf is None else a.degf + b.degf,
    )


def differences(
    a: Estimates, b: Estimates, *, level: float = 0.95, df: Literal["normal", "sum"] = "normal"
) -> Estimates:
    """Row-by-row differences of two result sets with the same labels (e.g. two waves)."""
    if len(a) != len(b):
        raise EstimationError("the two waves have different rows (variables or domains)")
    rows = []
    for row_a, row_b in zip(a, b, strict=True):
        key_a = (row_a.variable, row_a.level, row_a.domain, row_a.quantile)
        key_b = (row_b.variable, row_b.level, row_b.domain, row_b.quantile)
        if key_a != key_b:
            raise EstimationError(f"wave rows do not match: {key_a} vs {key_b}")
        diff = difference(row_a.estimate, row_b.estimate, level=level, df=df)
        rows.append(
            LabelledEstimate(row_a.variable, diff, row_a.level, row_a.domain, row_a.quantile)
        )
    return Estimates(tuple(rows), by=a.by)
