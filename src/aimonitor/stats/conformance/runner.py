"""Running spec cases through the public estimators of :mod:`aimonitor.stats`.

data -> :func:`~aimonitor.stats.design_from_arrays` -> :func:`~aimonitor.stats.poststratify` /
:func:`~aimonitor.stats.rake` / :func:`~aimonitor.stats.calibrate` -> :func:`~aimonitor.stats.mean`
/ :func:`~aimonitor.stats.total` / :func:`~aimonitor.stats.proportion` /
:func:`~aimonitor.stats.quantile` (and :func:`~aimonitor.stats.difference` for a comparison
of two subsets), the same calls the published estimates make. The result is rows shaped
like a case's ``expected`` (variable, level, domain, estimate, se, ci_lower, ci_upper, df,
extra). Only the public names of :mod:`aimonitor.stats` are used (a test keeps it so).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from scipy import special

from aimonitor import stats
from aimonitor.stats.conformance.data import Column, Columns, Numbers, Role, load_columns
from aimonitor.stats.conformance.errors import SpecError
from aimonitor.stats.conformance.spec import CaseSpec, SpecFile, VariableSpec

ResultRow = dict[str, Any]
DfRule = Literal["domain", "design", "normal"]


@dataclass(frozen=True)
class _Result:
    """One computed row before it is written out: what it estimates, the estimate, extras."""

    variable: str
    level: str | None
    domain: str | None
    estimate: stats.Estimate
    extra: dict[str, Any]
    quantile: float | None = None


def run_spec(spec: SpecFile) -> list[dict[str, Any]]:
    """``[{"id": ..., "rows": [...]}, ...]`` for every case of ``spec``."""
    return [{"id": case.id, "rows": run_case(case, spec)} for case in spec.cases]


def run_case(case: CaseSpec, spec: SpecFile) -> list[ResultRow]:
    """The rows of one case; a :class:`~aimonitor.stats.StatsError` names the case."""
    try:
        table = load_columns(case.data, case_columns(case))
        levels = spec.levels.get(case.data.name, {})
        results = _compute(case, table, levels)
    except stats.StatsError as error:
        raise type(error)(f"case {case.id!r}: {error}") from None
    by = case.statistic.by
    return [_row(result, by) for result in results]


def case_columns(case: CaseSpec) -> dict[str, Role]:
    """The data columns a case reads (design, weighting and statistic variables), each with
    what it is read as: a number (weights, fpc, numeric totals and variables) or a label
    (ids, strata, domains, margins, categorical and proportion variables; a column that is
    both is read as a label, which keeps numbers when every cell is one)."""
    d, s, c = case.design, case.statistic, case.calibration
    numeric = s.kind in ("mean", "total", "quantile")
    numbers = [d.fpc, d.weights]
    numbers += [v.name for v in s.variables if numeric and v.type == "numeric"]
    labels = [d.ids, d.strata, s.by]
    labels += [v.name for v in s.variables if not (numeric and v.type == "numeric")]
    labels += [s.compare.variable] if s.compare else []
    if c is not None:
        labels += [v for m in c.margins for v in m.variables]
        numbers += [k for k, _ in c.numeric_totals]
    roles: dict[str, Role] = {n: "number" for n in numbers if n is not None}
    roles.update({n: "label" for n in labels if n is not None})
    return roles


def _row(result: _Result, by: str | None) -> ResultRow:
    e = result.estimate
    row: ResultRow = {
        "variable": result.variable,
        "level": result.level,
        "domain": None if result.domain is None or by is None else {by: result.domain},
    }
    if result.quantile is not None:
        row["quantile"] = result.quantile
    row.update(
        estimate=e.estimate,
        se=e.se,
        ci_lower=e.ci_lower,
        ci_upper=e.ci_upper,
        df=e.df,
        extra=result.extra,
    )
    return row


def _compute(
    case: CaseSpec, table: Columns, levels: Mapping[str, tuple[str, ...]]
) -> list[_Result]:
    compare = case.statistic.compare
    if compare is None:
        return _results(case, table, levels)
    labels = table[compare.variable].labels()
    first = _results(case, _subset(table, labels == compare.minuend), levels)
    second = _results(case, _subset(table, labels == compare.subtrahend), levels)
    differences = [_difference(a, b) for a, b in zip(first, second, strict=True)]
    pairs = zip(first, second, strict=True)
    welch = stats.control_fdr(
        [stats.difference(a.estimate, b.estimate, df="welch") for a, b in pairs]
    )
    for result, change in zip(differences, welch, strict=True):
        result.extra["welch_df"] = change.df
        result.extra["ci_welch_lower"] = change.ci_lower
        result.extra["ci_welch_upper"] = change.ci_upper
        result.extra["p_welch"] = change.p_value
        result.extra["p_welch_bh"] = change.p_adjusted
    return differences


def _difference(a: _Result, b: _Result) -> _Result:
    """``a - b`` of two independent subsets: normal interval, t with the summed degf, and
    (added by the caller) t with Welch-Satterthwaite degrees of freedom, its p-value and the
    Benjamini-Hochberg p-value over the case's rows."""
    ea, eb = a.estimate, b.estimate
    if ea.degf is None or eb.degf is None:
        raise SpecError("statistic.compare: both sides need their degrees of freedom")
    t_df = ea.degf + eb.degf
    diff = stats.difference(ea, eb)
    with_t = stats.difference(ea, eb, df=t_df)
    extra: dict[str, Any] = {
        "estimate_minuend": ea.estimate,
        "se_minuend": ea.se,
        "estimate_subtrahend": eb.estimate,
        "se_subtrahend": eb.se,
        "ci_t_lower": with_t.ci_lower,
        "ci_t_upper": with_t.ci_upper,
        "t_df": t_df,
    }
    return _Result(a.variable, a.level, a.domain, diff, extra)


def _subset(table: Columns, keep: stats.BoolArray) -> Columns:
    return {
        name: Column(
            name,
            None if c.numbers is None else c.numbers[keep],
            None if c.text is None else c.text[keep],
        )
        for name, c in table.items()
    }


def _numbers(column: Column) -> stats.FloatArray:
    floats = column.floats()
    if floats is not None:
        return floats
    assert column.text is not None
    try:
        return np.where(column.text == "", np.nan, column.text).astype(np.float64)
    except (ValueError, TypeError):  # numpy 2 raises TypeError (DTypePromotionError)
        raise SpecError(f"column {column.name!r} is not numeric") from None


def build_design(case: CaseSpec, table: Columns) -> stats.Design:
    """The case's design, weighted as its ``calibration`` says."""
    d = case.design
    design = stats.design_from_arrays(
        weights=None if d.weights is None else _numbers(table[d.weights]),
        fpc=None if d.fpc is None else _numbers(table[d.fpc]),
        strata=None if d.strata is None else table[d.strata].labels(),
        ids=None if d.ids is None else table[d.ids].labels(),
        nest=d.nest,
    )
    cal = case.calibration
    if cal is None:
        return design
    margins = [
        stats.Margin(
            name=" x ".join(m.variables),
            labels=_joined(table, m.variables),
            totals={"\x1f".join(cell): total for cell, total in m.totals},
        )
        for m in cal.margins
    ]
    if cal.method == "poststratify":
        return stats.poststratify(design, margins[0])
    if cal.method == "rake":
        return stats.rake(
            design,
            margins,
            epsilon=cal.epsilon or 1e-13,
            maxit=cal.maxit or 1000,
            variance="greg" if cal.variance == "greg" else "survey",
        )
    numeric = {name: (_numbers(table[name]), total) for name, total in cal.numeric_totals}
    return stats.calibrate(
        design,
        margins,
        numeric=numeric,
        calfun="raking" if cal.calfun == "raking" else "linear",
        epsilon=cal.epsilon or 1e-12,
        maxit=cal.maxit or 100,
    )


def _joined(table: Columns, variables: tuple[str, ...]) -> Any:
    parts = [table[v].labels() for v in variables]
    if len(parts) == 1:
        return parts[0]
    return np.array(["\x1f".join(cells) for cells in zip(*parts, strict=True)])


def _indicators(
    column: Column, var: VariableSpec, levels: tuple[str, ...] | None
) -> tuple[Numbers, list[str | None]]:
    """The analysis matrix of one variable: itself (as stored: a 0/1 column stays 8-bit until
    the matrix of all variables is made), or one 0/1 column per level."""
    if var.type == "numeric":
        return (_numbers(column) if column.numbers is None else column.numbers)[:, None], [None]
    labels = column.labels()
    if levels is None:
        numeric = column.numbers is not None
        present = sorted(
            set(labels.tolist()) - {""}, key=lambda s: (float(s), s) if numeric else (0.0, s)
        )
        levels = tuple(present)
    matrix = (labels[:, None] == np.array(levels)[None, :]).astype(np.float64)
    matrix[labels == ""] = np.nan
    return matrix, list(levels)


@dataclass(frozen=True)
class _Analysis:
    """The weighted design and the analysis matrix of one case, with its domains."""

    design: stats.Design
    matrix: Numbers
    columns: list[tuple[str, str | None]]  # (variable, level) of each matrix column
    by: npt.NDArray[np.str_] | None
    domains: list[str | None]

    def estimate(
        self, estimator: Callable[..., stats.Estimates], **options: Any
    ) -> stats.Estimates:
        """``estimator`` over every column; columns are named by their position."""
        names = [str(j) for j in range(self.matrix.shape[1])]
        return estimator(self.design, self.matrix, names=names, by=self.by, **options)

    def cells(self) -> Iterator[tuple[str | None, int, str, str | None]]:
        """(domain, column, variable, level) in the order of the rows."""
        for domain in self.domains:
            for j, (name, level) in enumerate(self.columns):
                yield domain, j, name, level


def _side_by_side(parts: Sequence[npt.NDArray[Any]]) -> npt.NDArray[Any]:
    """The parts (n, or n x m) as the columns of one n x k matrix in column-major order:
    each column is one contiguous copy (a row-major stack scatters every cell, a third of a
    second for 100,000 x 200 floats), and the estimators take the columns in blocks."""
    columns = [part[:, None] if part.ndim == 1 else part for part in parts]
    out = np.empty(
        (columns[0].shape[0], sum(c.shape[1] for c in columns)),
        dtype=np.result_type(*columns),
        order="F",
    )
    at = 0
    for column in columns:
        out[:, at : at + column.shape[1]] = column
        at += column.shape[1]
    return out


def _results(
    case: CaseSpec, table: Columns, levels: Mapping[str, tuple[str, ...]]
) -> list[_Result]:
    design = build_design(case, table)
    st = case.statistic
    if st.kind == "quantile":
        return _quantile_results(case, design, table)
    blocks = []
    for var in st.variables:
        if st.kind == "proportion":
            labels = table[var.name].labels()
            if not np.any(labels == var.event):
                # A typo in the event would silently give 0% with an interval.
                raise SpecError(
                    f"statistic.variables: event {var.event!r} does not occur in column "
                    f"{var.name!r} of {case.data.name}"
                )
            indicator = np.where(labels == var.event, 1.0, 0.0)
            indicator[labels == ""] = np.nan
            blocks.append((var.name, indicator[:, None], [var.event]))
        else:
            matrix, lv = _indicators(table[var.name], var, levels.get(var.name))
            blocks.append((var.name, matrix, lv))
    by = None if st.by is None else table[st.by].labels()
    analysis = _Analysis(
        design=design,
        # as stored: 0/1 columns stay 8-bit, the estimators widen them a block at a time
        matrix=_side_by_side([b[1] for b in blocks]),
        columns=[(name, lv) for name, _, lvs in blocks for lv in lvs],
        by=by,
        domains=_domains(by, None if st.by is None else levels.get(st.by)),
    )
    # The matrix is a copy: let go of the variables' columns (nothing reads them after this)
    # so that 100,000 x 200 floats are held once, not twice (160 MB).
    del blocks
    for var in st.variables:
        if var.name not in (st.by, case.design.weights, case.design.fpc):
            table.pop(var.name, None)
    if st.kind == "proportion":
        return _proportion_results(case, analysis)
    return _wald_results(case, analysis)


def _domains(by: npt.NDArray[np.str_] | None, levels: Sequence[str] | None) -> list[str | None]:
    """The domains in the order of the rows: the spec's levels, else sorted as the estimators
    sort them; a level without respondents is an error, as in R."""
    if by is None:
        return [None]
    present = sorted(set(by.tolist()))
    order = present if levels is None else list(levels)
    for label in order:
        if label not in present:
            raise stats.EstimationError(f"domain {label!r} has no respondents")
    return list(order)


def _df_rule(case: CaseSpec) -> DfRule:
    """The spec's ``ci.df``: t with the design or domain df, else the normal quantile."""
    df = case.statistic.df
    return "normal" if df is None else "design" if df == "design" else "domain"


def _wald_results(case: CaseSpec, analysis: _Analysis) -> list[_Result]:
    """Means or totals with the case's interval, and with t on the domain df (``extra``)."""
    st = case.statistic
    kind: Literal["mean", "total"] = "mean" if st.kind == "mean" else "total"
    estimator = stats.mean if kind == "mean" else stats.total
    rule = _df_rule(case)
    main = analysis.estimate(estimator, level=st.level, df=rule)
    cells = list(analysis.cells())
    rows = [main.get(str(j), domain=domain) for domain, j, _, _ in cells]
    if rule == "domain":
        with_t = rows
    elif all(e.degf is not None and e.degf > 0 for e in rows):
        # t on each row's domain df without a second pass over the data: the contrast
        # 1 x estimate, whose Wald interval is the estimator's (same SE, same quantile)
        with_t = [stats.contrast([e], [1.0], level=st.level, df=e.degf) for e in rows]
    else:  # a domain df of 0: the estimator's interval for it
        again = analysis.estimate(estimator, level=st.level, df="domain")
        with_t = [again.get(str(j), domain=domain) for domain, j, _, _ in cells]
    deff = None
    if analysis.by is None:
        names = [str(j) for j in range(analysis.matrix.shape[1])]
        deff = stats.design_effect(
            analysis.design, analysis.matrix, names=names, kind=kind, estimates=main
        )
    results = []
    for (domain, j, name, level), e, t in zip(cells, rows, with_t, strict=True):
        extra: dict[str, Any] = {"ci_t_lower": t.ci_lower, "ci_t_upper": t.ci_upper, "t_df": t.degf}
        if deff is not None:
            extra["deff"] = deff[str(j)]
        results.append(_Result(name, level, domain, e, extra))
    return results


def _proportion_results(case: CaseSpec, analysis: _Analysis) -> list[_Result]:
    """Proportions with ``svyciprop``'s interval, and R's diagnostics in ``extra``."""
    st = case.statistic
    method = st.ci_method
    result = analysis.estimate(stats.proportion, method=method, level=st.level, df=_df_rule(case))
    alpha = 1.0 - st.level
    results = []
    for domain, j, name, level in analysis.cells():
        e = result.get(str(j), level="1", domain=domain)
        extra: dict[str, Any] = {}
        n_eff = e.estimate * (1 - e.estimate) / e.se**2 if e.se > 0 else None
        if method in ("wilson", "beta"):
            extra["n_eff"] = n_eff
        if method == "beta" and n_eff is not None and e.df is not None:
            # R's nrow(design): every row of a calibrated design, else the domain's rows
            nrow = analysis.design.n if analysis.design.calibrated else e.n
            ratio = float(special.stdtrit(nrow - 1, alpha / 2) / special.stdtrit(e.df, alpha / 2))
            extra["n_eff_adjusted"] = n_eff * ratio**2
            extra["nrow_design"] = nrow
        if method == "logit":
            extra["ci_lower_closed_form"] = e.ci_lower
            extra["ci_upper_closed_form"] = e.ci_upper
        if e.note:
            extra["note"] = e.note
        results.append(_Result(name, level, domain, e, extra))
    return results


def _quantile_results(case: CaseSpec, design: stats.Design, table: Columns) -> list[_Result]:
    st = case.statistic
    if st.by is not None:
        raise SpecError("statistic.by: quantiles by domain are not supported")
    matrix = np.column_stack([_numbers(table[v.name]) for v in st.variables])
    result = stats.quantile(
        design,
        matrix,
        st.quantiles,
        names=[v.name for v in st.variables],
        rule="hf7" if st.qrule == "hf7" else "math",
        level=st.level,
    )
    extra = {"qrule": st.qrule, "interval_type": "mean"}
    return [
        _Result(row.variable, None, None, row.estimate, dict(extra), quantile=row.quantile)
        for row in result
    ]
