from __future__ import annotations

import numpy as np
import pytest

from aimonitor.stats import DesignError, design_from_arrays


def test_weights_from_the_fpc_are_population_over_sample_size_per_stratum() -> None:
    design = design_from_arrays(fpc=[10, 10, 6, 6, 6], strata=["a", "a", "b", "b", "b"])
    assert design.weights.tolist() == [5.0, 5.0, 2.0, 2.0, 2.0]
    assert design.degf == 5 - 2


def test_a_nan_weight_is_refused_with_a_clear_error() -> None:
    with pytest.raises(DesignError, match="NaN"):
        design_from_arrays(weights=[1.0, np.nan, 2.0])


def test_a_negative_weight_is_refused() -> None:
    with pytest.raises(DesignError, match="positive"):
        design_from_arrays(weights=[1.0, -2.0, 2.0])


def test_a_stratum_with_one_psu_is_refused_as_a_lonely_psu() -> None:
    with pytest.raises(DesignError, match="lonely PSU"):
        design_from_arrays(weights=[1.0, 1.0, 1.0], strata=["a", "a", "b"])


def test_an_fpc_smaller_than_the_sample_is_refused() -> None:
    with pytest.raises(DesignError, match="smaller than the sample"):
        design_from_arrays(fpc=[2, 2, 2])


def test_the_design_cannot_be_changed_after_it_is_built() -> None:
    design = design_from_arrays(fpc=[10, 10, 10])
    with pytest.raises(ValueError, match="read-only"):
        design.weights[0] = 1.0


def test_cluster_design_counts_psus_for_the_degrees_of_freedom() -> None:
    design = design_from_arrays(weights=np.ones(6), ids=[1, 1, 2, 2, 3, 3])
    assert design.degf == 3 - 1


def test_a_take_all_stratum_adds_no_variance_but_counts_in_the_degrees_of_freedom() -> None:
    # Stratum "a": 2 of 4 sampled; stratum "b": 3 of 3 (take-all, fpc factor 0).
    design = design_from_arrays(fpc=[4, 4, 3, 3, 3], strata=["a", "a", "b", "b", "b"])
    assert design.weights.tolist() == [2.0, 2.0, 1.0, 1.0, 1.0]
    assert design.fpc_factor.tolist() == [0.5, 0.0]
    # Totals z = w y: stratum a has z = 2, 6 (mean 4); the b values do not matter.
    # V = (1 - 2/4) * 2/(2 - 1) * ((2 - 4)^2 + (6 - 4)^2) = 8.
    z = np.array([[2.0], [6.0], [5.0], [-7.0], [11.0]])
    assert design.variance(z).tolist() == [8.0]
    # R's degf: 5 PSUs - 2 strata; a domain of the take-all stratum alone: 3 - 1.
    assert design.degf == 3
    domain = np.array([[False], [False], [True], [True], [True]])
    assert design.domain_df(domain).tolist() == [2]
