"""Likelihood intervals where survey's own procedure gives none.

The R reference cases (``tests/reference``, tag ``ci_likelihood``) check the limits where R
has them. A four-row domain of a 3,000-row post-stratified design has none in R (survey
4.1-1): for the answers 1, 1, 1, 0 glm's IRLS runs away from p (R reports convergence at a
coefficient of 1e15) and for 1, 0, 1, 0 ``alpha = Phi(-t sqrt(lambda))/2`` underflows to 0;
``svyciprop(method = "likelihood")`` stops with "'from' must be a finite number" in both.
There the limits are the roots of the criterion at the exact fit, which this test computes on
its own from the rows.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as sps

from aimonitor.stats import Margin, design_from_arrays, poststratify, proportion

ROWS = 3000


def _design_and_domain(domain_answers: list[float]) -> tuple[object, np.ndarray, np.ndarray]:
    i = np.arange(1, ROWS + 1)
    group = np.where(i % 3 == 0, "a", "b")
    small = np.where(i <= 4, "small", "rest")
    y = (i % 5 == 0).astype(np.float64)
    y[:4] = domain_answers
    design = design_from_arrays(fpc=np.full(ROWS, 10_000.0))
    design = poststratify(design, Margin("group", group, {"a": 3000, "b": 7000}))
    return design, y, small


def _criterion(weights: np.ndarray, y: np.ndarray, p: float, se: float, b: float) -> float:
    """(D(b) - D(b_hat))/phi - lambda t^2 for the domain's rows, from the definitions:
    glm prior weights rescaled to mean 1 over the subset design's rows (all ROWS of a
    calibrated design), phi = n/(n - 1), lambda = se^2 sum(W) / (p(1 - p))."""
    prior = weights * ROWS / weights.sum()

    def deviance(mu: float) -> float:
        return float(-2.0 * np.sum(prior * (y * np.log(mu) + (1 - y) * np.log(1 - mu))))

    n = y.shape[0]
    phi = n / (n - 1)
    lam = se**2 * prior.sum() / (p * (1 - p))
    t = sps.t.ppf(0.975, n - 1)
    mu = 1 / (1 + np.exp(-b))
    return (deviance(mu) - deviance(p)) / phi - lam * t**2


@pytest.mark.parametrize("answers", [[1.0, 1.0, 1.0, 0.0], [1.0, 0.0, 1.0, 0.0]])
def test_where_r_has_no_likelihood_interval_the_limits_solve_the_criterion(
    answers: list[float],
) -> None:
    design, y, small = _design_and_domain(answers)
    row = proportion(design, y, by=small, method="likelihood").get("v1", level="1", domain="small")
    assert row.df == 3
    assert 0 < row.ci_lower < row.estimate < row.ci_upper < 1
    in_domain = small == "small"
    weights, answered = design.weights[in_domain], y[in_domain]
    for limit in (row.ci_lower, row.ci_upper):
        b = float(np.log(limit / (1 - limit)))
        assert _criterion(weights, answered, row.estimate, row.se, b) == pytest.approx(0, abs=1e-6)
