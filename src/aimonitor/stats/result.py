"""The one immutable result type every estimator returns, and a labelled collection of them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Estimate:
    """A point estimate with its standard error and confidence interval.

    ``df`` is the degrees of freedom of the t quantile behind the interval, or ``None`` when
    the interval uses the normal quantile. ``n`` is the number of respondents the estimate
    rests on (for a domain: the respondents in the domain). ``method`` names the interval
    method (``wald``, ``logit``, ``wilson``, ...).

    ``degf`` is the design (or domain) degrees of freedom of the estimate, also when the
    interval used the normal quantile; wave differences use it. ``note`` explains a
    degenerate interval (p = 0 or 1, df = 0), see docs/methodology.

    ``boundary`` is true for a proportion of exactly 0 or 1, decided from counts (no
    respondent in the base and domain on the other side), never from floating-point
    comparison; its design SE is 0 and its interval comes from the n respondents.

    ``p_value`` is the two-sided p-value of a difference or contrast against 0 (from the t
    quantile with ``df``, or the normal one); ``p_adjusted`` the Benjamini-Hochberg adjusted
    p-value within the family the difference was published in
    (:func:`~aimonitor.stats.control_fdr`). When ``p_adjusted`` is set,
    :func:`~aimonitor.stats.significant` uses it.
    """

    estimate: float
    se: float
    ci_lower: float
    ci_upper: float
    df: float | None
    n: int
    method: str
    level: float = 0.95
    degf: int | None = None
    note: str | None = None
    boundary: bool = False
    p_value: float | None = None
    p_adjusted: float | None = None


@dataclass(frozen=True, slots=True)
class LabelledEstimate:
    """An :class:`Estimate` with what it estimates: variable, category level, domain, quantile."""

    variable: str
    estimate: Estimate
    level: str | None = None
    domain: str | None = None
    quantile: float | None = None


@dataclass(frozen=True)
class Estimates:
    """The estimates of one call, in order: domain by domain, variable by variable.

    ``by`` names the domain variable (None without domains).
    """

    rows: tuple[LabelledEstimate, ...]
    by: str | None = None

    def __iter__(self) -> Iterator[LabelledEstimate]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def get(
        self,
        variable: str,
        *,
        level: str | None = None,
        domain: str | None = None,
        quantile: float | None = None,
    ) -> Estimate:
        """The estimate of ``variable`` (and category ``level``) in ``domain``."""
        for row in self.rows:
            if (row.variable, row.level, row.domain, row.quantile) == (
                variable,
                level,
                domain,
                quantile,
            ):
                return row.estimate
        raise KeyError((variable, level, domain, quantile))
