"""How representative the response is: the R-indicator and its partial indicators.

Schouten, Cobben & Bethlehem (2009) measure representativeness by the spread of response
propensities: ``R = 1 - 2 S(rho)``, with ``S`` the standard deviation of the propensities over
the population. ``R = 1`` when every municipality was equally likely to respond (given what
the model sees), lower the more response depends on it. Schouten, Shlomo & Skinner (2011) split
``S`` by variable (partial indicators).

The propensities are the fitted values of a logistic regression of response (1 for a
respondent, 0 otherwise) on size class and province (main effects), over every municipality
of the frame (the monitor invites all of them, so the frame is the sample). The fit is by
maximum likelihood on the size class × province cells. A size class or province in which every
municipality responded (the four largest cities, a take-all stratum) has no finite maximum: its
propensities go to 1, and the fit returns that limit. See docs/methodology/weighting.md.

With ``N`` municipalities, ``rho_i`` their propensities, ``rho`` their mean and ``k`` a category
(a size class or a province) with ``N_k`` municipalities and mean propensity ``rho_k``:

* ``S = sqrt(sum_i (rho_i - rho)^2 / (N - 1))``, ``R = 1 - 2 S``, ``CV = S / rho``;
* unconditional partial indicator of a variable: the between-category part,
  ``P_u = sqrt(sum_k N_k (rho_k - rho)^2 / (N - 1))``; of category k (signed):
  ``P_u(k) = sqrt(N_k / (N - 1)) (rho_k - rho)``, so ``sum_k P_u(k)^2 = P_u^2``;
* conditional partial indicator of a variable given the other one: the within-cell part of
  the other variable, ``P_c = sqrt(sum_i (rho_i - rho_c(i))^2 / (N - 1))`` with ``rho_c(i)``
  the mean propensity of i's category of the other variable; of category k: the same sum over
  the municipalities of k only, so ``sum_k P_c(k)^2 = P_c^2``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from aimonitor.frame import PROVINCES, SIZE_CLASSES, Frame, Lineage
from aimonitor.indicators.errors import IndicatorError
from aimonitor.indicators.estimate import place_codes
from aimonitor.stats import FloatArray, IntArray

PartialVariable = Literal["size_class", "province"]

_MAX_ITERATIONS = 200
_TOLERANCE = 1e-15


@dataclass(frozen=True)
class CategoryPartial:
    """One size class or province: its response and its partial indicators."""

    key: str
    """Size-class code or province name."""
    population: int
    respondents: int
    mean_propensity: float
    unconditional: float
    """``P_u(k)``: positive when the category responded more than average."""
    conditional: float
    """``P_c(k)``: the spread within the category's cells of the other variable."""


@dataclass(frozen=True)
class PartialIndicators:
    """The partial indicators of one variable, and of each of its categories."""

    variable: PartialVariable
    unconditional: float
    conditional: float
    categories: tuple[CategoryPartial, ...]


@dataclass(frozen=True)
class Representativeness:
    """The R-indicator of a wave's response over its frame, with partial indicators."""

    population: int
    respondents: int
    mean_propensity: float
    """The mean propensity, equal to the response rate (a property of the logistic fit)."""
    propensity_sd: float
    """``S(rho)``."""
    r_indicator: float
    """``1 - 2 S(rho)``: 1 is fully representative given size class and province."""
    by_size_class: PartialIndicators
    by_province: PartialIndicators

    @property
    def coefficient_of_variation(self) -> float:
        """``S(rho) / mean``; ``nan`` when nobody responded."""
        if self.mean_propensity == 0:
            return float("nan")
        return self.propensity_sd / self.mean_propensity


def estimate_representativeness(
    frame: Frame, codes: Iterable[str], *, lineage: Lineage | None = None
) -> Representativeness:
    """The R-indicator of the response of ``codes`` (municipality codes of the respondents,
    placed on ``frame`` as the estimates place them) with partial indicators by size class
    and by province."""
    population = len(frame)
    if population < 2:
        raise IndicatorError("the R-indicator needs a frame of at least two municipalities")
    responded = {m.code for m in place_codes(frame.year, codes, frame, lineage)}
    size_class = np.array([m.size_class.code for m in frame.municipalities])
    province = np.array([m.province for m in frame.municipalities])
    response = np.array([m.code in responded for m in frame.municipalities], dtype=np.float64)
    propensity = fit_propensities(response, [size_class, province])
    mean = float(propensity.mean())
    deviation = propensity - mean
    sd = float(np.sqrt(deviation @ deviation / (population - 1)))
    size_order = [c.code for c in SIZE_CLASSES]
    return Representativeness(
        population=population,
        respondents=len(responded),
        mean_propensity=mean,
        propensity_sd=sd,
        r_indicator=1.0 - 2.0 * sd,
        by_size_class=_partials(
            "size_class", size_class, province, size_order, propensity, response
        ),
        by_province=_partials("province", province, size_class, PROVINCES, propensity, response),
    )


def fit_propensities(response: FloatArray, factors: Sequence[np.ndarray]) -> FloatArray:
    """Fitted response probabilities of a logistic regression of ``response`` (0/1 per unit)
    on the main effects of ``factors`` (one label per unit each), by maximum likelihood.

    Fitted on the cells of the factors' cross-classification (Newton's method with step
    halving). Where no finite maximum exists (a category in which every unit, or none,
    responded) the fitted values converge to their limit, 1 or 0, and the iteration stops
    when the likelihood no longer improves.
    """
    columns = [np.unique(f.astype(str), return_inverse=True)[1].reshape(-1) for f in factors]
    cells, cell_of_unit = np.unique(np.stack(columns, axis=1), axis=0, return_inverse=True)
    cell_of_unit = cell_of_unit.reshape(-1)
    size = np.bincount(cell_of_unit, minlength=cells.shape[0]).astype(np.float64)
    events = np.bincount(cell_of_unit, weights=response, minlength=cells.shape[0]).astype(
        np.float64
    )
    model = _model_matrix(cells)
    coefficients = np.zeros(model.shape[1])
    likelihood = _log_likelihood(model @ coefficients, size, events)
    for _ in range(_MAX_ITERATIONS):
        p = _expit(model @ coefficients)
        gradient = model.T @ (events - size * p)
        hessian = model.T @ (model * (size * p * (1.0 - p))[:, None])
        step = np.linalg.lstsq(hessian, gradient, rcond=None)[0]
        for _halving in range(60):
            candidate = coefficients + step
            new = _log_likelihood(model @ candidate, size, events)
            if new >= likelihood:
                break
            step = step / 2.0
        else:
            break
        gain = new - likelihood
        coefficients, likelihood = candidate, new
        if gain <= _TOLERANCE * (1.0 + abs(likelihood)):
            break
    fitted: FloatArray = _expit(model @ coefficients)[cell_of_unit]
    return fitted


def _model_matrix(cells: IntArray) -> FloatArray:
    """Intercept and treatment dummies (first level the reference) of each factor."""
    columns = [np.ones(cells.shape[0])]
    for j in range(cells.shape[1]):
        levels = int(cells[:, j].max()) + 1
        columns.extend((cells[:, j] == level).astype(np.float64) for level in range(1, levels))
    return np.column_stack(columns)


def _log_likelihood(eta: FloatArray, size: FloatArray, events: FloatArray) -> float:
    """Binomial log-likelihood of the cells, computed without overflow for large ``|eta|``."""
    log_p = -np.logaddexp(0.0, -eta)
    log_q = -np.logaddexp(0.0, eta)
    return float(events @ log_p + (size - events) @ log_q)


def _expit(eta: FloatArray) -> FloatArray:
    result: FloatArray = np.exp(-np.logaddexp(0.0, -eta))
    return result


def _partials(
    variable: PartialVariable,
    labels: np.ndarray,
    other: np.ndarray,
    order: Sequence[str],
    propensity: FloatArray,
    response: FloatArray,
) -> PartialIndicators:
    n_minus_one = float(labels.shape[0] - 1)
    mean = float(propensity.mean())
    other_means = {key: float(propensity[other == key].mean()) for key in set(other.tolist())}
    within = propensity - np.array([other_means[key] for key in other.tolist()])
    categories = []
    for key in order:
        members = labels == key
        count = int(members.sum())
        if count == 0:
            continue
        category_mean = float(propensity[members].mean())
        categories.append(
            CategoryPartial(
                key=key,
                population=count,
                respondents=int(response[members].sum()),
                mean_propensity=category_mean,
                unconditional=float(np.sqrt(count / n_minus_one) * (category_mean - mean)),
                conditional=float(np.sqrt(within[members] @ within[members] / n_minus_one)),
            )
        )
    return PartialIndicators(
        variable=variable,
        unconditional=float(np.sqrt(sum(c.unconditional**2 for c in categories))),
        conditional=float(np.sqrt(within @ within / n_minus_one)),
        categories=tuple(categories),
    )
