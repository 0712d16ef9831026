"""Running spec cases: data -> design -> weighting -> estimator -> rows shaped like
``expected`` (variable, level, domain, estimate, se, ci_lower, ci_upper, df, extra)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from aimonitor.stats._arrays import BoolArray, FloatArray
from aimonitor.stats.design import Design, design_from_arrays
from aimonitor.stats.estimators import df_values, domains_of, proportion_estimates
from aimonitor.stats.intervals import critical, parse_proportion_method, t_quantile, wald
from aimonitor.stats.linear import Kind, LinearStats, linear_stats
from aimonitor.stats.quantiles import quantile
from aimonitor.stats.spec import CaseSpec, SpecFile, VariableSpec
from aimonitor.stats.table import Column, Table, read_csv
from aimonitor.stats.weighting import Margin, calibrate, poststratify, rake

Row = dict[str, Any]


def run_spec(spec: SpecFile) -> list[dict[str, Any]]:
    """``[{"id": ..., "rows": [...]}, ...]`` for every case of ``spec``."""
    return [{"id": case.id, "rows": run_case(case, spec)} for case in spec.cases]


def _columns(case: CaseSpec) -> list[str]:
    d, s, c = case.design, case.statistic, case.calibration
    names = [d.ids, d.strata, d.fpc, d.weights, s.by]
    names += [v.name for v in s.variables]
    names += [s.compare.variable] if s.compare else []
    if c is not None:
        names += [v for m in c.margins for v in m.variables]
        names += [k for k, _ in c.numeric_totals]
    return list(dict.fromkeys(n for n in names if n is not None))


def run_case(case: CaseSpec, spec: SpecFile) -> list[Row]:
    try:
        table = read_csv(case.data, _columns(case))
        levels = spec.levels.get(case.data.name, {})
        return _compute(case, table, levels)
    except Exception as error:
        from aimonitor.stats.errors import StatsError

        if isinstance(error, StatsError):
            raise type(error)(f"case {case.id!r}: {error}") from None
        raise


def _subset(table: Table, keep: BoolArray) -> Table:
    return {
        name: Column(
            name,
            None if c.numbers is None else c.numbers[keep],
            None if c.text is None else c.text[keep],
        )
        for name, c in table.items()
    }


def _compute(case: CaseSpec, table: Table, levels: Mapping[str, tuple[str, ...]]) -> list[Row]:
    compare = case.statistic.compare
    if compare is None:
        return _rows(case, table, levels)[0]
    labels = table[compare.variable].labels()
    first, degf1 = _rows(case, _subset(table, labels == compare.minuend), levels)
    second, degf0 = _rows(case, _subset(table, labels == compare.subtrahend), levels)
    z = float(critical(np.array([np.inf]), case.statistic.level)[0])
    out = []
    for a, b, df_a, df_b in zip(first, second, degf1, degf0, strict=True):
        est, se = a["estimate"] - b["estimate"], float(np.hypot(a["se"], b["se"]))
        t_df = df_a + df_b
        t = float(critical(np.array([float(t_df)]), case.statistic.level)[0])
        out.append(
            {
                "variable": a["variable"],
                "level": a["level"],
                "domain": a["domain"],
                "estimate": est,
                "se": se,
                "ci_lower": est - z * se,
                "ci_upper": est + z * se,
                "df": None,
                "extra": {
                    "estimate_minuend": a["estimate"],
                    "se_minuend": a["se"],
                    "estimate_subtrahend": b["estimate"],
                    "se_subtrahend": b["se"],
                    "ci_t_lower": est - t * se,
                    "ci_t_upper": est + t * se,
                    "t_df": t_df,
                },
            }
        )
    return out


def _numbers(column: Column) -> FloatArray:
    if column.numbers is not None:
        return column.numbers
    assert column.text is not None
    from aimonitor.stats.errors import SpecError

    try:
        return np.where(column.text == "", np.nan, column.text).astype(np.float64)
    except (ValueError, TypeError):  # numpy 2 raises TypeError (DTypePromotionError)
        raise SpecError(f"column {column.name!r} is not numeric") from None


def build_design(case: CaseSpec, table: Table) -> Design:
    d = case.design
    design = design_from_arrays(
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
        Margin(
            name=" x ".join(m.variables),
            labels=_joined(table, m.variables),
            totals={"\x1f".join(cell): total for cell, total in m.totals},
        )
        for m in cal.margins
    ]
    if cal.method == "poststratify":
        return poststratify(design, margins[0])
    if cal.method == "rake":
        return rake(
            design,
            margins,
            epsilon=cal.epsilon or 1e-13,
            maxit=cal.maxit or 1000,
            variance="greg" if cal.variance == "greg" else "survey",
        )
    numeric = {name: (_numbers(table[name]), total) for name, total in cal.numeric_totals}
    return calibrate(
        design,
        margins,
        numeric=numeric,
        calfun="raking" if cal.calfun == "raking" else "linear",
        epsilon=cal.epsilon or 1e-12,
        maxit=cal.maxit or 100,
    )


def _joined(table: Table, variables: tuple[str, ...]) -> Any:
    parts = [table[v].labels() for v in variables]
    if len(parts) == 1:
        return parts[0]
    return np.array(["\x1f".join(cells) for cells in zip(*parts, strict=True)])


def _indicators(
    column: Column, var: VariableSpec, levels: tuple[str, ...] | None
) -> tuple[FloatArray, list[str | None]]:
    """The analysis matrix of one variable: itself, or one 0/1 column per level."""
    if var.type == "numeric":
        return _numbers(column)[:, None], [None]
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


def _rows(
    case: CaseSpec, table: Table, levels: Mapping[str, tuple[str, ...]]
) -> tuple[list[Row], list[int]]:
    design = build_design(case, table)
    st = case.statistic
    if st.kind == "quantile":
        return _quantile_rows(case, design, table), []
    blocks = []
    for var in st.variables:
        if st.kind == "proportion":
            labels = table[var.name].labels()
            ind = np.where(labels == var.event, 1.0, 0.0)
            ind[labels == ""] = np.nan
            blocks.append((var.name, ind[:, None], [var.event]))
        else:
            matrix, lv = _indicators(table[var.name], var, levels.get(var.name))
            blocks.append((var.name, matrix, lv))
    matrix = np.column_stack([b[1] for b in blocks])
    names = [(name, lv) for name, _, lvs in blocks for lv in lvs]
    by_labels = None if st.by is None else table[st.by].labels()
    rows: list[Row] = []
    degfs: list[int] = []
    for label, mask in domains_of(by_labels, design.n, levels.get(st.by) if st.by else None):
        domain = None if label is None or st.by is None else {st.by: label}
        if st.kind == "proportion":
            new, dfs = _proportion_rows(case, design, matrix, mask, names, domain)
        else:
            new, dfs = _wald_rows(case, design, matrix, mask, names, domain)
        rows += new
        degfs += dfs
    return rows, degfs


def _wald_rows(
    case: CaseSpec,
    design: Design,
    matrix: FloatArray,
    mask: BoolArray | None,
    names: list[tuple[str, str | None]],
    domain: dict[str, str] | None,
) -> tuple[list[Row], list[int]]:
    st = case.statistic
    kind: Kind = "mean" if st.kind == "mean" else "total"
    stats = linear_stats(design, matrix, kind, mask)
    se = np.sqrt(stats.variance)
    rule = "normal" if st.df is None else st.df
    dfs = df_values(stats, rule, design)  # type: ignore[arg-type]
    lower, upper = wald(stats.estimate, se, dfs, st.level)
    t_lower, t_upper = wald(stats.estimate, se, stats.df.astype(np.float64), st.level)
    deff = _deff(design, stats, kind) if mask is None else None
    rows = []
    for j, (name, level) in enumerate(names):
        extra: dict[str, Any] = {
            "ci_t_lower": float(t_lower[j]),
            "ci_t_upper": float(t_upper[j]),
            "t_df": int(stats.df[j]),
        }
        if deff is not None:
            extra["deff"] = float(deff[j])
        rows.append(
            {
                "variable": name,
                "level": level,
                "domain": domain,
                "estimate": float(stats.estimate[j]),
                "se": float(se[j]),
                "ci_lower": float(lower[j]),
                "ci_upper": float(upper[j]),
                "df": None if rule == "normal" else float(dfs[j]),
                "extra": extra,
            }
        )
    return rows, [int(d) for d in stats.df]


def _deff(design: Design, stats: LinearStats, kind: str) -> FloatArray:
    """R's ``deff=TRUE``: the variance over that of an SRS without replacement of size n."""
    n = float(np.count_nonzero(design.weights))
    total_w = float(design.weights.sum())
    srs = n / (n - 1.0) * stats.spread * (total_w - n) / (total_w * n)
    if kind == "total":
        srs = srs * total_w**2
    result: FloatArray = stats.variance / srs
    return result


def _proportion_rows(
    case: CaseSpec,
    design: Design,
    matrix: FloatArray,
    mask: BoolArray | None,
    names: list[tuple[str, str | None]],
    domain: dict[str, str] | None,
) -> tuple[list[Row], list[int]]:
    st = case.statistic
    method = parse_proportion_method(st.ci_method)
    rule = "normal" if st.df is None else st.df
    estimates = proportion_estimates(design, matrix, mask, method, st.level, rule)  # type: ignore[arg-type]
    stats = linear_stats(design, matrix, "mean", mask)
    rows = []
    alpha = 1.0 - st.level
    for j, ((name, level), e) in enumerate(zip(names, estimates, strict=True)):
        extra: dict[str, Any] = {}
        n_eff = e.estimate * (1 - e.estimate) / e.se**2 if e.se > 0 else None
        if method.value in ("wilson", "beta"):
            extra["n_eff"] = n_eff
        if method.value == "beta" and n_eff is not None and e.df is not None:
            nrow = float(stats.nrow[j])
            ratio = float(
                t_quantile(np.array([nrow - 1]), alpha / 2)[0]
                / t_quantile(np.array([e.df]), alpha / 2)[0]
            )
            extra["n_eff_adjusted"] = n_eff * ratio**2
            extra["nrow_design"] = int(nrow)
        if method.value == "logit":
            extra["ci_lower_closed_form"], extra["ci_upper_closed_form"] = e.ci_lower, e.ci_upper
        if method.value == "likelihood":
            extra["ci_lower_exact"], extra["ci_upper_exact"] = e.ci_lower, e.ci_upper
        if e.note:
            extra["note"] = e.note
        rows.append(
            {
                "variable": name,
                "level": level,
                "domain": domain,
                "estimate": e.estimate,
                "se": e.se,
                "ci_lower": e.ci_lower,
                "ci_upper": e.ci_upper,
                "df": e.df,
                "extra": extra,
            }
        )
    return rows, [int(d) for d in stats.df]


def _quantile_rows(case: CaseSpec, design: Design, table: Table) -> list[Row]:
    st = case.statistic
    if st.by is not None:
        from aimonitor.stats.errors import SpecError

        raise SpecError("statistic.by: quantiles by domain are not supported")
    matrix = np.column_stack([_numbers(table[v.name]) for v in st.variables])
    result = quantile(
        design,
        matrix,
        st.quantiles,
        names=[v.name for v in st.variables],
        rule="hf7" if st.qrule == "hf7" else "math",
        level=st.level,
    )
    return [
        {
            "variable": row.variable,
            "level": None,
            "domain": None,
            "quantile": row.quantile,
            "estimate": row.estimate.estimate,
            "se": row.estimate.se,
            "ci_lower": row.estimate.ci_lower,
            "ci_upper": row.estimate.ci_upper,
            "df": row.estimate.df,
            "extra": {"qrule": st.qrule, "interval_type": "mean"},
        }
        for row in result
    ]
