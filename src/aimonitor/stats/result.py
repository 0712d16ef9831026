"""The one immutable result type every estimator returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Estimate:
    """A point estimate with its standard error and confidence interval.

    ``df`` is the degrees of freedom of the t quantile behind the interval, or ``None`` when
    the interval uses the normal quantile. ``n`` is the number of respondents the estimate
    rests on (for a domain: the respondents in the domain). ``method`` names the interval
    method (``wald``, ``logit``, ``wilson``, ...).
    """

    estimate: float
    se: float
    ci_lower: float
    ci_upper: float
    df: float | None
    n: int
    method: str
    level: float = 0.95
