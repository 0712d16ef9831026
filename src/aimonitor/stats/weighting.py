"""Weighting that returns a new design: post-stratification, raking and calibration.

Each function checks its margins first and raises :class:`CalibrationError` for a cell
without respondents, a level in the data without a population total, or margins whose
totals disagree. The returned design carries an adjustment that replaces influence values
by calibration residuals in the variance (Deville & Särndal 1992; Lumley 2010, ch. 7).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from aimonitor.stats._arrays import FloatArray, IntArray, encode
from aimonitor.stats.adjustments import GregResiduals, PostStratResiduals, RakeSweepResiduals
from aimonitor.stats.design import Design
from aimonitor.stats.errors import CalibrationError, ConvergenceError

RakeVariance = Literal["survey", "greg"]
CalFun = Literal["linear", "raking"]

_TOTALS_RTOL = 1e-6
_MARGIN_RTOL = 1e-8


@dataclass(frozen=True, eq=False)
class Margin:
    """One population margin: each respondent's cell label and the population total per cell.

    ``name`` is used in error messages (e.g. ``"province"``).
    """

    name: str
    labels: Sequence[object] | npt.NDArray[np.generic]
    totals: Mapping[str, float]


def _cell_codes(design: Design, margin: Margin) -> tuple[IntArray, FloatArray]:
    """Codes (n,) indexing ``margin.totals`` in its order, and the totals as an array."""
    if len(margin.labels) != design.n:
        raise CalibrationError(f"margin {margin.name!r}: one label per respondent is needed")
    levels = [str(level) for level in margin.totals]
    totals = np.array([float(margin.totals[level]) for level in margin.totals])
    if not np.all(np.isfinite(totals)) or np.any(totals <= 0):
        raise CalibrationError(f"margin {margin.name!r}: population totals must be positive")
    codes, seen = encode(margin.labels)
    position = {level: i for i, level in enumerate(levels)}
    unknown = [level for level in seen if level not in position]
    if unknown:
        raise CalibrationError(
            f"margin {margin.name!r}: level {unknown[0]!r} occurs in the data "
            "but has no population total"
        )
    mapped = np.array([position[level] for level in seen], dtype=np.intp)[codes]
    counts = np.bincount(mapped, minlength=len(levels))
    empty = [levels[i] for i in np.flatnonzero(counts == 0)]
    if empty:
        raise CalibrationError(
            f"margin {margin.name!r}: level {empty[0]!r} has no respondents (empty cell); "
            "collapse it with a neighbouring level"
        )
    return mapped, totals


def _check_totals_agree(margins: Sequence[Margin], totals: Sequence[FloatArray]) -> float:
    sums = [float(t.sum()) for t in totals]
    for margin, total in zip(margins[1:], sums[1:], strict=True):
        if abs(total - sums[0]) > _TOTALS_RTOL * sums[0]:
            raise CalibrationError(
                f"margin totals do not add up: {margins[0].name!r} sums to {sums[0]:g}, "
                f"{margin.name!r} to {total:g}"
            )
    return sums[0]


def poststratify(design: Design, margin: Margin) -> Design:
    """Post-stratify: scale the weights in each cell to the cell's population total."""
    codes, totals = _cell_codes(design, margin)
    old = np.asarray(design.weights)
    sums = np.bincount(codes, weights=old, minlength=totals.shape[0])
    new = old * (totals / sums)[codes]
    return design.with_weights(new, PostStratResiduals(codes, old.copy(), new.copy()))


def rake(
    design: Design,
    margins: Sequence[Margin],
    *,
    epsilon: float = 1e-13,
    maxit: int = 1000,
    variance: RakeVariance = "survey",
) -> Design:
    """Rake (iterative proportional fitting) to ``margins`` until converged.

    Stops when no weight changes by more than ``epsilon * sum(base weights)`` in a full
    sweep (R's rule for ``epsilon < 1``; survey's default ``control`` stops far too early).
    ``variance="survey"`` reproduces survey's ``rake()`` variance (10 sweeps of within-cell
    centring); ``"greg"`` uses the calibration residuals of ``calibrate(calfun="raking")``.
    Both agree when the base weights are equal within margin cells (SRS, the census design).
    """
    if not margins:
        raise CalibrationError("rake needs at least one margin")
    coded = [_cell_codes(design, margin) for margin in margins]
    _check_totals_agree(margins, [totals for _, totals in coded])
    codes = [c for c, _ in coded]
    base = np.asarray(design.weights)
    joint_codes, cell_of_row = np.unique(np.stack(codes, axis=1), axis=0, return_inverse=True)
    cell_of_row = cell_of_row.reshape(-1)
    n_cells = joint_codes.shape[0]
    cell_base = np.bincount(cell_of_row, weights=base, minlength=n_cells)
    cell_max = np.zeros(n_cells)
    np.maximum.at(cell_max, cell_of_row, base)
    factors = np.ones(n_cells)
    tolerance = epsilon * float(base.sum())
    for _ in range(maxit):
        previous = factors.copy()
        for m, (_, totals) in enumerate(coded):
            sums = np.bincount(
                joint_codes[:, m], weights=cell_base * factors, minlength=totals.shape[0]
            )
            factors *= (totals / sums)[joint_codes[:, m]]
        if np.max(cell_max * np.abs(factors - previous)) < tolerance:
            break
    else:
        raise ConvergenceError(
            f"raking did not converge in {maxit} iterations; the margins may be "
            "incompatible with the sample (e.g. a structural zero)"
        )
    for m, (margin, (_, totals)) in enumerate(zip(margins, coded, strict=True)):
        sums = np.bincount(
            joint_codes[:, m], weights=cell_base * factors, minlength=totals.shape[0]
        )
        if np.max(np.abs(sums - totals) / totals) > _MARGIN_RTOL:
            raise ConvergenceError(
                f"raking did not converge: margin {margin.name!r} cannot be met together "
                "with the others (the margins conflict within the sample's cells)"
            )
    weights = base * factors[cell_of_row]
    if variance == "greg":
        model = _model_matrix(codes, [t.shape[0] for _, t in coded], [])
        return design.with_weights(weights, GregResiduals.build(model, base, weights))
    return design.with_weights(weights, RakeSweepResiduals.build(codes, weights))


def _model_matrix(
    codes: Sequence[IntArray], n_levels: Sequence[int], numeric: Sequence[FloatArray]
) -> FloatArray:
    """Intercept, treatment dummies (first level is the reference), numeric auxiliaries."""
    n = codes[0].shape[0] if codes else numeric[0].shape[0]
    columns = [np.ones(n)]
    for code, levels in zip(codes, n_levels, strict=True):
        columns.extend((code == level).astype(np.float64) for level in range(1, levels))
    columns.extend(numeric)
    return np.column_stack(columns)


def calibrate(
    design: Design,
    margins: Sequence[Margin] = (),
    *,
    numeric: Mapping[str, tuple[npt.ArrayLike, float]] | None = None,
    population_size: float | None = None,
    calfun: CalFun = "linear",
    epsilon: float = 1e-12,
    maxit: int = 100,
) -> Design:
    """Calibrate to categorical margins and numeric totals (Deville & Särndal 1992).

    ``calfun="linear"`` gives the GREG weights ``d (1 + x'l)``, ``"raking"`` gives
    ``d exp(x'l)`` (Newton's method). The intercept total is the population size: the sum of
    the first margin, or ``population_size`` when there are only numeric auxiliaries.
    ``numeric`` maps a name to (values per respondent, population total). The variance uses
    the GREG residuals with the base weights. Weights that are not positive are an error.
    """
    coded = [_cell_codes(design, margin) for margin in margins]
    if coded:
        size = _check_totals_agree(margins, [totals for _, totals in coded])
        if population_size is not None and abs(population_size - size) > _TOTALS_RTOL * size:
            raise CalibrationError("population_size does not equal the margin totals")
    elif population_size is None:
        raise CalibrationError("give population_size when calibrating to numeric totals only")
    else:
        size = float(population_size)
    aux_values, aux_totals = [], []
    for name, (values, total) in (numeric or {}).items():
        array = np.asarray(values, dtype=np.float64)
        if array.shape != (design.n,) or not np.all(np.isfinite(array)):
            raise CalibrationError(f"numeric auxiliary {name!r}: one finite value per respondent")
        aux_values.append(array)
        aux_totals.append(float(total))
    if not coded and not aux_values:
        raise CalibrationError("calibrate needs at least one margin or numeric total")
    model = _model_matrix([c for c, _ in coded], [t.shape[0] for _, t in coded], aux_values)
    population = np.concatenate(
        [[size], *[totals[1:] for _, totals in coded], np.array(aux_totals)]
    )
    base = np.asarray(design.weights)
    weights = _solve_calibration(model, base, population, calfun, epsilon, maxit)
    if np.any(weights <= 0):
        raise CalibrationError(
            "calibration produced zero or negative weights; use calfun='raking' or fewer margins"
        )
    return design.with_weights(weights, GregResiduals.build(model, base, weights))


def _solve_calibration(
    model: FloatArray,
    base: FloatArray,
    population: FloatArray,
    calfun: CalFun,
    epsilon: float,
    maxit: int,
) -> FloatArray:
    if np.linalg.matrix_rank(model * np.sqrt(base)[:, None]) < model.shape[1]:
        raise CalibrationError("calibration variables are collinear (a margin repeats another)")
    lam = np.zeros(model.shape[1])
    for _ in range(maxit):
        g = 1.0 + model @ lam if calfun == "linear" else np.exp(model @ lam)
        weights: FloatArray = base * g
        gap = population - model.T @ weights
        if np.all(np.abs(gap) / (1.0 + np.abs(population)) < epsilon):
            return weights
        slope = base if calfun == "linear" else weights
        hessian = model.T @ (model * slope[:, None])
        lam = lam + np.linalg.solve(hessian, gap)
    raise ConvergenceError(f"calibration did not converge in {maxit} iterations")
