"""Representativeness of a census's response: the R-indicator and partial R-indicators.

Every municipality of the frame is a unit (a census: design weight 1, N units). Response
propensities ``rho_i`` are the fitted values of a logistic regression of ``responded`` on the
main effects of categorical auxiliaries known for every unit (dummy coding; the first
category, in order of first appearance, is the reference), fitted by maximum likelihood.
From them (Schouten, Cobben & Bethlehem 2009; Schouten, Shlomo & Skinner 2011):

* ``S(rho)`` is the standard deviation of the propensities over the N units (denominator
  N - 1), ``R = 1 - 2 S(rho)`` and ``CV = S(rho) / mean(rho)``; with an intercept the mean
  propensity is the response rate.
* The unconditional partial indicator of a variable X with categories k (N_k units, mean
  propensity ``rhobar_k``) is ``P_U(X) = sqrt((1/N) sum_k N_k (rhobar_k - rhobar)^2)``; of a
  category ``P_U(X=k) = sqrt(N_k/N) (rhobar_k - rhobar)``, negative for an under-represented
  category. With X in the model ``rhobar_k`` is the response rate of category k.
* The conditional partial indicator of X is the part of the propensities' variation that X
  explains within the cells formed by all the other auxiliaries:
  ``P_C(X) = sqrt((1/N) sum_i (rho_i - rhobar_cell(i))^2)`` and
  ``P_C(X=k) = sqrt((1/N) sum_{i in U_k} (rho_i - rhobar_cell(i))^2)``, ``cell(i)`` the cell
  of unit i in the other auxiliaries. With one auxiliary there is one cell, and the
  conditional indicators equal the unconditional ones (in absolute value at category level).

The partial indicators divide by N, as the RISQ code of the method's authors does (de Heij,
Schouten & Shlomo 2010), so the squared category values add up to the squared variable value.

The fit is Newton-Raphson (IRLS: each step a least-squares solve in the weighted model
matrix; aliased dummies are dropped first, as R's glm does) with step halving, from the
intercept at the logit of the response rate. It stops when the deviance changes by less than
``1e-12`` relative (R's ``glm`` criterion ``|dD| / (|D| + 0.1)``) in two iterations in a row,
or after ``MAX_ITERATIONS``. Where a category has all or no respondents (separation) the
maximum likelihood estimate does not exist: the coefficients run off and the fitted
propensities of that category tend to 1 or 0, while the others tend to the fit of the
remaining units. The iteration then stops on the deviance criterion with those propensities
within about 1e-11 of 0 or 1, without a warning. Where everybody or nobody responded, every
propensity is exactly 1 or 0 and no model is fitted.

Details and choices: ``docs/methodology/representativeness.md``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import special

from aimonitor.stats._arrays import BoolArray, FloatArray, IntArray
from aimonitor.stats.errors import EstimationError

MAX_ITERATIONS = 100
"""Newton-Raphson iterations at most (separated fits stop on the deviance after 25 to 35)."""
DEVIANCE_TOLERANCE = 1e-12
"""Stop when ``|D_new - D_old| / (|D_new| + 0.1)`` is below this."""
MAX_HALVINGS = 50
"""Step halvings at most within one iteration (then the fit cannot improve: stop)."""
# A column of the model matrix is aliased when its residual on the columns before it is this
# small relative to its own norm (R's glm: qr tolerance 1e-11 on the weighted matrix).
_ALIAS_TOLERANCE = 1e-9
# Relative rounding error of a deviance (a sum of N terms).
_ROUNDING = 1e-13


@dataclass(frozen=True)
class PartialIndicator:
    """A partial R-indicator of one auxiliary variable or of one of its categories.

    ``category`` is None for the variable-level indicator. ``unconditional`` is >= 0 at
    variable level and signed at category level (negative: the category responds less than
    the population, it is under-represented); ``conditional`` is >= 0 at both levels.
    ``population`` and ``respondents`` count the units of the category (all units at
    variable level).
    """

    variable: str
    category: str | None
    unconditional: float
    conditional: float
    population: int
    respondents: int


@dataclass(frozen=True)
class Representativeness:
    """R-indicator, propensity spread and partial indicators of one census's response.

    ``coefficient_of_variation`` is ``propensity_sd / mean_propensity``; it is NaN when
    nobody responded (0 / 0) and never infinite (a mean propensity of 0 means every
    propensity is 0). ``propensities`` are per unit in input order. ``partials`` hold, per
    auxiliary in the order given, the variable level first and then its categories in order
    of first appearance.
    """

    r_indicator: float
    propensity_sd: float
    mean_propensity: float
    coefficient_of_variation: float
    population: int
    respondents: int
    propensities: tuple[float, ...]
    partials: tuple[PartialIndicator, ...]

    def partial(self, variable: str, category: str | None = None) -> PartialIndicator:
        """The partial indicator of ``variable`` (``category`` None: the variable level)."""
        for row in self.partials:
            if row.variable == variable and row.category == category:
                return row
        raise KeyError((variable, category))


def estimate_representativeness(
    responded: Sequence[bool],
    auxiliaries: Mapping[str, Sequence[str]],
) -> Representativeness:
    """R-indicator and partial indicators of a census: one ``responded`` flag per unit and,
    per auxiliary variable, one category (a string) per unit, in the same order.

    Without auxiliaries the model is the intercept alone: every propensity is the response
    rate, ``R = 1`` and there are no partial indicators.

    Raises :class:`EstimationError` for fewer than two units, flags that are not booleans,
    or an auxiliary without exactly one string category per unit.
    """
    y = _check_responded(responded)
    n = y.shape[0]
    codes: list[IntArray] = []
    levels: list[list[str]] = []
    for name, values in auxiliaries.items():
        variable_codes, variable_levels = _check_auxiliary(name, values, n)
        codes.append(variable_codes)
        levels.append(variable_levels)

    rho = _propensities(y, codes, [len(lv) for lv in levels])
    mean = float(rho.mean())
    sd = float(np.sqrt(np.sum((rho - mean) ** 2) / (n - 1)))
    respondents = int(y.sum())
    cv = sd / mean if mean > 0 else math.nan

    partials: list[PartialIndicator] = []
    for j, name in enumerate(auxiliaries):
        others = [c for i, c in enumerate(codes) if i != j]
        partials.extend(_partials(name, levels[j], codes[j], others, rho, y))

    return Representativeness(
        r_indicator=1.0 - 2.0 * sd,
        propensity_sd=sd,
        mean_propensity=mean,
        coefficient_of_variation=cv,
        population=n,
        respondents=respondents,
        propensities=tuple(float(p) for p in rho),
        partials=tuple(partials),
    )


def _check_responded(responded: Sequence[bool]) -> BoolArray:
    if isinstance(responded, str | bytes):
        raise EstimationError("responded must be a sequence of True/False, one per unit")
    flags = list(responded)
    if len(flags) < 2:
        raise EstimationError(
            f"the population needs at least two units (municipalities), got {len(flags)}"
        )
    bad = [flag for flag in flags if not isinstance(flag, bool | np.bool_)]
    if bad:
        raise EstimationError(f"responded must hold only True or False, found {bad[0]!r}")
    return np.array(flags, dtype=np.bool_)


def _check_auxiliary(name: str, values: Sequence[str], n: int) -> tuple[IntArray, list[str]]:
    """Codes 0..L-1 (categories in order of first appearance) and the categories."""
    if isinstance(values, str | bytes):
        raise EstimationError(f"auxiliary {name!r}: give one category per unit, not one string")
    categories = list(values)
    if len(categories) != n:
        raise EstimationError(
            f"auxiliary {name!r} has {len(categories)} values for {n} units "
            "(responded and every auxiliary need one value per unit)"
        )
    position: dict[str, int] = {}
    codes = np.empty(n, dtype=np.intp)
    for i, category in enumerate(categories):
        if not isinstance(category, str):
            raise EstimationError(
                f"auxiliary {name!r}: categories must be strings, found {category!r}"
            )
        codes[i] = position.setdefault(category, len(position))
    return codes, list(position)


def _propensities(y: BoolArray, codes: list[IntArray], n_levels: list[int]) -> FloatArray:
    """Fitted response propensities of the main-effects logistic model."""
    n = y.shape[0]
    rate = float(y.mean())
    if rate in (0.0, 1.0):
        return np.full(n, rate)
    matrix = _model_matrix(codes, n_levels, n)
    return _fit_logistic(matrix, y.astype(np.float64), rate)


def _model_matrix(codes: list[IntArray], n_levels: list[int], n: int) -> FloatArray:
    """Intercept and a dummy per non-reference category; aliased columns (a category that
    the columns before it already determine, e.g. a variable nested in another) are
    dropped, as R's glm does, which leaves the fitted values unchanged."""
    columns = [np.ones(n)]
    for variable_codes, count in zip(codes, n_levels, strict=True):
        columns.extend((variable_codes == k).astype(np.float64) for k in range(1, count))
    kept: list[FloatArray] = [columns[0]]
    for column in columns[1:]:
        basis = np.column_stack(kept)
        coefficients = np.linalg.lstsq(basis, column, rcond=None)[0]
        residual = column - basis @ coefficients
        if np.linalg.norm(residual) > _ALIAS_TOLERANCE * np.linalg.norm(column):
            kept.append(column)
    return np.column_stack(kept)


def _deviance(eta: FloatArray, y: FloatArray) -> float:
    """Binomial deviance ``-2 sum(y log mu + (1 - y) log(1 - mu))``, finite for finite eta."""
    return float(-2.0 * np.sum(y * special.log_expit(eta) + (1.0 - y) * special.log_expit(-eta)))


def _fit_logistic(matrix: FloatArray, y: FloatArray, rate: float) -> FloatArray:
    """Newton-Raphson with step halving; see the module docstring for the stopping rules."""
    beta = np.zeros(matrix.shape[1])
    beta[0] = math.log(rate / (1.0 - rate))
    eta = matrix @ beta
    deviance = _deviance(eta, y)
    tiny = np.finfo(np.float64).tiny
    small_change = False
    for _ in range(MAX_ITERATIONS):
        mu = special.expit(eta)
        root_w = np.sqrt(np.maximum(mu * (1.0 - mu), tiny))
        # Newton step: (X'WX) step = X'(y - mu), solved as least squares in sqrt(W) X.
        step = np.linalg.lstsq(matrix * root_w[:, None], (y - mu) / root_w, rcond=None)[0]
        scale = 1.0
        for _ in range(MAX_HALVINGS):
            new_beta = beta + scale * step
            new_eta = matrix @ new_beta
            new_deviance = _deviance(new_eta, y)
            # near the optimum the deviance is flat to rounding: a step that does not raise
            # it beyond rounding is taken
            if new_deviance <= deviance + _ROUNDING * (abs(deviance) + 0.1):
                break
            scale /= 2.0
        else:
            break  # no step lowers the deviance: converged to rounding
        change = abs(deviance - new_deviance) / (abs(new_deviance) + 0.1)
        beta, eta, deviance = new_beta, new_eta, new_deviance
        if change < DEVIANCE_TOLERANCE:
            if small_change:
                break
            small_change = True  # one more step: Newton's last one halves the digits wrong
        else:
            small_change = False
    fitted: FloatArray = special.expit(eta)
    return fitted


def _partials(
    name: str,
    categories: list[str],
    codes: IntArray,
    other_codes: list[IntArray],
    rho: FloatArray,
    y: BoolArray,
) -> list[PartialIndicator]:
    """The variable-level indicator of one auxiliary, then one per category."""
    n = rho.shape[0]
    n_levels = len(categories)
    counts = np.bincount(codes, minlength=n_levels)
    category_respondents = np.bincount(codes[y], minlength=n_levels)
    category_mean = np.bincount(codes, weights=rho, minlength=n_levels) / counts
    mean = float(rho.mean())
    unconditional = np.sqrt(counts / n) * (category_mean - mean)

    cells = _cells(other_codes, n)
    cell_mean = (np.bincount(cells, weights=rho) / np.bincount(cells))[cells]
    within = np.bincount(codes, weights=(rho - cell_mean) ** 2, minlength=n_levels) / n
    conditional = np.sqrt(within)

    rows = [
        PartialIndicator(
            variable=name,
            category=None,
            unconditional=float(np.sqrt(np.sum(unconditional**2))),
            conditional=float(np.sqrt(np.sum(within))),
            population=n,
            respondents=int(y.sum()),
        )
    ]
    rows.extend(
        PartialIndicator(
            variable=name,
            category=category,
            unconditional=float(unconditional[k]),
            conditional=float(conditional[k]),
            population=int(counts[k]),
            respondents=int(category_respondents[k]),
        )
        for k, category in enumerate(categories)
    )
    return rows


def _cells(other_codes: list[IntArray], n: int) -> IntArray:
    """Cell number of each unit in the cross-classification of the other auxiliaries."""
    if not other_codes:
        return np.zeros(n, dtype=np.intp)
    stacked = np.column_stack(other_codes)
    inverse = np.unique(stacked, axis=0, return_inverse=True)[1]
    cells: IntArray = inverse.reshape(-1).astype(np.intp)
    return cells
