"""Public estimators: means, totals and proportions over the columns of a 2-D array, and the
design effects of means and totals.

Every function takes a design, an (n x k) array (one column per variable; NaN = not in the
base of that variable), optional ``names`` and an optional domain array ``by``, and returns
:class:`~aimonitor.stats.result.Estimates`. Estimators keep no state.

``df`` chooses the quantile of the interval: ``"domain"`` (default; t with the domain's
PSUs minus strata, equal to the design df without domains and item non-response),
``"design"`` (t with the design df) or ``"normal"``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, cast

import numpy as np
import numpy.typing as npt

from aimonitor.stats._arrays import ArrayT, BoolArray, FloatArray, ValuesArray, encode
from aimonitor.stats.design import Design
from aimonitor.stats.errors import EstimationError
from aimonitor.stats.intervals import (
    DEFAULT_PROPORTION_METHOD,
    NOTE_CENSUS,
    NOTE_DF_ZERO,
    ProportionMethod,
    check_level,
    degenerate_proportion_ci,
    parse_proportion_method,
    proportion_ci,
    wald,
)
from aimonitor.stats.likelihood import likelihood_ci
from aimonitor.stats.linear import LinearKind, LinearStats, linear_stats
from aimonitor.stats.result import Estimate, Estimates, LabelledEstimate

DfRule = Literal["domain", "design", "normal"]
Labels = Sequence[object] | npt.NDArray[np.generic]


def as_matrix(values: npt.ArrayLike, n: int) -> FloatArray:
    matrix = np.asarray(values, dtype=np.float64)
    return _checked(matrix, n)


def as_values(values: npt.ArrayLike, n: int) -> ValuesArray:
    """``values`` as an n x k matrix for means and totals: an 8-bit integer array is kept as
    it is (a 0/1 matrix of 100,000 x 200 is 20 MB, 160 MB as floats; :func:`linear_stats`
    widens it a block at a time), anything else becomes floats."""
    array = np.asarray(values)
    if array.dtype != np.int8:
        return as_matrix(array, n)
    int8: ValuesArray = _checked(array, n)
    return int8


def _checked(matrix: ArrayT, n: int) -> ArrayT:
    shaped = cast(ArrayT, matrix[:, None]) if matrix.ndim == 1 else matrix
    if shaped.ndim != 2 or shaped.shape[0] != n:
        raise EstimationError(f"values must have {n} rows (one per respondent), one column each")
    return shaped


def _names(names: Sequence[str] | None, k: int) -> list[str]:
    if names is None:
        return [f"v{j + 1}" for j in range(k)]
    if len(names) != k:
        raise EstimationError(f"{len(names)} names for {k} columns")
    return list(names)


def domains_of(
    by: Labels | None, n: int, levels: Sequence[str] | None = None
) -> list[tuple[str | None, BoolArray | None]]:
    """(label, mask) per domain; without ``by`` one pseudo-domain covering every row."""
    if by is None:
        return [(None, None)]
    if len(by) != n:
        raise EstimationError("by must have one label per respondent")
    codes, seen = encode(by)
    order = list(levels) if levels is not None else seen
    out: list[tuple[str | None, BoolArray | None]] = []
    for label in order:
        if label not in seen:
            raise EstimationError(f"domain {label!r} has no respondents")
        out.append((label, codes == seen.index(label)))
    return out


def df_values(stats: LinearStats, rule: DfRule, design: Design) -> FloatArray:
    if rule == "normal":
        return np.full(stats.df.shape[0], np.inf)
    if rule == "design":
        return np.full(stats.df.shape[0], float(design.degf))
    return stats.df.astype(np.float64)


def _wald_rows(
    design: Design,
    matrix: ValuesArray,
    names: list[str],
    kind: LinearKind,
    by: Labels | None,
    level: float,
    df: DfRule,
    by_name: str | None,
) -> Estimates:
    check_level(level)
    rows: list[LabelledEstimate] = []
    for label, mask in domains_of(by, design.n):
        stats = linear_stats(design, matrix, kind, mask)
        se = np.sqrt(stats.variance)
        dfs = df_values(stats, df, design)
        lower, upper = wald(stats.estimate, se, dfs, level)
        for j, name in enumerate(names):
            estimate = Estimate(
                estimate=float(stats.estimate[j]),
                se=float(se[j]),
                ci_lower=float(lower[j]),
                ci_upper=float(upper[j]),
                df=None if df == "normal" else float(dfs[j]),
                n=int(stats.n[j]),
                method="wald",
                level=level,
                degf=int(stats.df[j]),
                note=NOTE_DF_ZERO if dfs[j] <= 0 else NOTE_CENSUS if se[j] == 0 else None,
            )
            rows.append(LabelledEstimate(name, estimate, domain=label))
    return Estimates(tuple(rows), by=by_name)


def mean(
    design: Design,
    values: npt.ArrayLike,
    *,
    names: Sequence[str] | None = None,
    by: Labels | None = None,
    by_name: str | None = None,
    level: float = 0.95,
    df: DfRule = "domain",
) -> Estimates:
    """Weighted means (Hajek) with Wald intervals, per column and domain."""
    matrix = as_values(values, design.n)
    return _wald_rows(
        design, matrix, _names(names, matrix.shape[1]), "mean", by, level, df, by_name
    )


def total(
    design: Design,
    values: npt.ArrayLike,
    *,
    names: Sequence[str] | None = None,
    by: Labels | None = None,
    by_name: str | None = None,
    level: float = 0.95,
    df: DfRule = "domain",
) -> Estimates:
    """Weighted (Horvitz-Thompson) totals with Wald intervals, per column and domain."""
    matrix = as_values(values, design.n)
    return _wald_rows(
        design, matrix, _names(names, matrix.shape[1]), "total", by, level, df, by_name
    )


def design_effect(
    design: Design,
    values: npt.ArrayLike,
    *,
    names: Sequence[str] | None = None,
    kind: LinearKind = "mean",
    estimates: Estimates | None = None,
) -> dict[str, float]:
    """Design effects of the weighted means (or totals) of the columns, as R's ``deff=TRUE``.

    The design variance over that of a simple random sample without replacement of the same
    size, ``n/(n - 1) * s2_w * (W - n)/(W n)`` (times ``W^2`` for totals), with ``n`` the
    respondents with a non-zero weight, ``W`` the weight sum and ``s2_w`` the weighted mean
    squared deviation of the column. Without domains; NaN rows are not in a column's base.

    ``estimates``: the :func:`mean` (or :func:`total`) of the same design, values and names,
    without domains; their SEs give the design variances, so the design variance is not
    computed a second time (the costly part for a weighted design).
    """
    if kind not in ("mean", "total"):
        raise EstimationError(f"design effects are for 'mean' or 'total', not {kind!r}")
    matrix = as_values(values, design.n)
    labels = _names(names, matrix.shape[1])
    stats = linear_stats(design, matrix, kind, variance=estimates is None)
    variance = stats.variance
    if estimates is not None:
        if estimates.by is not None or len(estimates) != len(labels):
            raise EstimationError("design effects take the estimates of every column, no domains")
        variance = np.array([estimates.get(name).se ** 2 for name in labels])
    n = float(np.count_nonzero(design.weights))
    total_w = float(design.weights.sum())
    srs = n / (n - 1.0) * stats.spread * (total_w - n) / (total_w * n)
    if kind == "total":
        srs = srs * total_w**2
    ratio = variance / srs
    return {name: float(ratio[j]) for j, name in enumerate(labels)}


def proportion(
    design: Design,
    values: npt.ArrayLike,
    *,
    names: Sequence[str] | None = None,
    by: Labels | None = None,
    by_name: str | None = None,
    method: ProportionMethod | str = DEFAULT_PROPORTION_METHOD,
    level: float = 0.95,
    df: DfRule = "domain",
    events: Sequence[str] | None = None,
) -> Estimates:
    """Proportions of 0/1 columns (NaN = not in the base) with ``svyciprop`` intervals.

    ``events`` labels the rows' ``level`` (default ``"1"``).
    """
    check_level(level)
    chosen = method if isinstance(method, ProportionMethod) else parse_proportion_method(method)
    matrix = as_matrix(values, design.n)
    observed = matrix[~np.isnan(matrix)]
    if np.any((observed != 0) & (observed != 1)):
        raise EstimationError("proportions need 0/1 values (NaN for 'not in the base')")
    labels = _names(names, matrix.shape[1])
    event_labels = list(events) if events is not None else ["1"] * matrix.shape[1]
    rows: list[LabelledEstimate] = []
    for label, mask in domains_of(by, design.n):
        for j, estimate in enumerate(proportion_estimates(design, matrix, mask, chosen, level, df)):
            rows.append(LabelledEstimate(labels[j], estimate, level=event_labels[j], domain=label))
    return Estimates(tuple(rows), by=by_name)


def proportion_estimates(
    design: Design,
    matrix: FloatArray,
    domain: BoolArray | None,
    method: ProportionMethod,
    level: float,
    df: DfRule,
) -> list[Estimate]:
    """One :class:`Estimate` per column of 0/1 ``matrix`` within ``domain``.

    Whether a share is exactly 0 or 1 is decided from counts: no respondent in the base and
    domain answered 1 (or 0). Such a share is set to exactly 0 (or 1) with design SE 0 and
    gets the boundary interval, whatever the floating-point sums gave (the numerator and the
    denominator are summed along different paths and can disagree in the last bit).
    """
    stats = linear_stats(design, matrix, "mean", domain)
    mask = ~np.isnan(matrix)
    if domain is not None:
        mask &= domain[:, None]
    ones = np.count_nonzero(mask & (matrix == 1.0), axis=0)
    zeros = np.count_nonzero(mask & (matrix == 0.0), axis=0)
    boundary: BoolArray = (ones == 0) | (zeros == 0)
    p = np.where(ones == 0, 0.0, np.where(zeros == 0, 1.0, stats.estimate))
    se = np.where(boundary, 0.0, np.sqrt(stats.variance))
    dfs = df_values(stats, df, design)
    nrow = stats.nrow.astype(np.float64)
    if method is ProportionMethod.LIKELIHOOD:
        lower, upper = likelihood_ci(design.weights, matrix, mask, p, se, dfs, level, nrow)
    else:
        lower, upper = proportion_ci(method, p, se, dfs, level, nrow)
    lower, upper, notes = degenerate_proportion_ci(
        method, p, dfs, stats.n.astype(np.float64), level, lower, upper, boundary
    )
    return [
        Estimate(
            estimate=float(p[j]),
            se=float(se[j]),
            ci_lower=float(lower[j]),
            ci_upper=float(upper[j]),
            df=None if df == "normal" else float(dfs[j]),
            n=int(stats.n[j]),
            method=method.value,
            level=level,
            degf=int(stats.df[j]),
            note=notes[j],
            boundary=bool(boundary[j]),
        )
        for j in range(p.shape[0])
    ]
