"""The survey design: weights, strata, PSUs and the finite population correction.

A :class:`Design` is immutable. Weighting (:mod:`aimonitor.stats.weighting`) returns a new
design whose ``adjustments`` record how to turn influence values into calibration residuals
before the variance formula is applied (Lumley 2010, ch. 7).

The variance is survey's one-stage linearisation (``svyrecvar``): PSU totals of the
influence values, centred within strata, with-replacement formula times the fpc::

    V = sum_h (1 - n_h/N_h) * n_h/(n_h - 1) * sum_i (z_hi - mean_h z)^2
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np
import numpy.typing as npt

from aimonitor.stats._arrays import (
    BoolArray,
    FloatArray,
    IntArray,
    encode,
    frozen,
    group_counts,
    group_sums,
)
from aimonitor.stats.errors import DesignError


class Adjustment(Protocol):
    """A calibration step's effect on the variance: influence values -> residuals."""

    def residuals(self, z: FloatArray) -> FloatArray:
        """Return the calibration residuals of the influence values ``z`` (n x k)."""
        ...


@dataclass(frozen=True, eq=False)
class Design:
    """A one-stage (stratified, optionally clustered) sample with weights and fpc.

    Build it with :func:`design_from_arrays`; the fields are read-only arrays.
    ``strata`` and ``psu`` are codes 0..H-1 and 0..P-1; ``fpc_factor`` is ``1 - n_h/N_h`` per
    stratum (1 without fpc); ``calibrated`` tells whether weighting was applied.
    """

    weights: FloatArray
    strata: IntArray
    psu: IntArray
    psu_stratum: IntArray
    fpc_factor: FloatArray
    psus_per_stratum: IntArray
    rows_are_psus: bool
    adjustments: tuple[Adjustment, ...] = field(default=())
    calibrated: bool = False

    @property
    def n(self) -> int:
        """Number of respondents (rows)."""
        return int(self.weights.shape[0])

    @property
    def n_strata(self) -> int:
        return int(self.psus_per_stratum.shape[0])

    @property
    def n_psu(self) -> int:
        return int(self.psu_stratum.shape[0])

    @property
    def degf(self) -> int:
        """Design degrees of freedom: number of PSUs minus number of strata."""
        return self.n_psu - self.n_strata

    def with_weights(self, weights: FloatArray, adjustment: Adjustment) -> Design:
        """A new design with calibrated ``weights`` and one more variance adjustment."""
        return replace(
            self,
            weights=frozen(np.array(weights, dtype=np.float64)),
            adjustments=(*self.adjustments, adjustment),
            calibrated=True,
        )

    def domain_df(self, mask: BoolArray) -> IntArray:
        """Degrees of freedom of domains: PSUs minus strata among the rows in each column of
        ``mask`` (n x k), as R's ``degf`` of a subset design."""
        as_float = mask.astype(np.float64)
        strata_hit = group_sums(self.strata, self.n_strata, as_float) > 0
        if self.rows_are_psus:
            psus = mask.sum(axis=0)
        else:
            psus = (group_sums(self.psu, self.n_psu, as_float) > 0).sum(axis=0)
        result: IntArray = (psus - strata_hit.sum(axis=0)).astype(np.intp)
        return result

    def variance(self, z: FloatArray) -> FloatArray:
        """Linearised variance of each column of the influence values ``z`` (n x k).

        ``z`` may be overwritten (it is used as work space to keep memory flat).
        """
        for adjustment in self.adjustments:
            z = adjustment.residuals(z)
        totals = z if self.rows_are_psus else group_sums(self.psu, self.n_psu, z)
        n_h = self.psus_per_stratum.astype(np.float64)
        if self.n_strata == 1:
            totals -= totals.mean(axis=0)
            centred = totals
        else:
            means = group_sums(self.psu_stratum, self.n_strata, totals) / n_h[:, None]
            centred = totals - means[self.psu_stratum]
        scale = self.fpc_factor * n_h / (n_h - 1.0)
        if self.n_strata == 1:
            result: FloatArray = scale[0] * np.einsum("ij,ij->j", centred, centred)
            return result
        per_stratum = group_sums(self.psu_stratum, self.n_strata, centred * centred)
        weighted: FloatArray = scale @ per_stratum
        return weighted


def _as_float(values: npt.ArrayLike, name: str, n: int | None) -> FloatArray:
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1 or (n is not None and array.shape[0] != n):
        raise DesignError(f"{name} must be a 1-D array with one value per respondent")
    if not np.all(np.isfinite(array)):
        raise DesignError(f"{name} contains NaN or infinite values")
    return array


def design_from_arrays(
    *,
    weights: npt.ArrayLike | None = None,
    fpc: npt.ArrayLike | None = None,
    strata: Sequence[object] | npt.NDArray[np.generic] | None = None,
    ids: Sequence[object] | npt.NDArray[np.generic] | None = None,
    nest: bool = False,
) -> Design:
    """Build a design from per-respondent arrays.

    ``fpc`` is the population size of the stratum (``N_h``; for a cluster design the number
    of PSUs in the population). Without ``weights`` the weights are ``N_h / n_h`` (a simple
    or stratified random sample from the frame). ``ids`` are PSU labels (None: each row is its
    own PSU). Lonely PSUs are an error, as with ``options(survey.lonely.psu = "fail")``.
    """
    if weights is None and fpc is None:
        raise DesignError("give weights, an fpc (population size), or both")
    sizes = [np.asarray(a).shape[0] for a in (weights, fpc, strata, ids) if a is not None]
    n = sizes[0]
    if n == 0 or any(size != n for size in sizes):
        raise DesignError("weights, fpc, strata and ids must have the same, non-zero length")
    strata_codes, _ = encode(strata) if strata is not None else (np.zeros(n, np.intp), ["1"])
    n_strata = int(strata_codes.max()) + 1
    rows_are_psus = ids is None
    psu = np.arange(n, dtype=np.intp) if ids is None else _psu_codes(ids, strata_codes, nest)
    n_psu = int(psu.max()) + 1
    psu_stratum = np.zeros(n_psu, dtype=np.intp)
    psu_stratum[psu] = strata_codes
    psus_per_stratum = group_counts(psu_stratum, n_strata)
    if np.any(psus_per_stratum < 2):
        raise DesignError("a stratum has only one PSU (lonely PSU); merge it with another")
    fpc_factor, base = _fpc(fpc, n, strata_codes, psus_per_stratum)
    if weights is None:
        assert base is not None
        w = base
    else:
        w = _as_float(weights, "weights", n)
        if np.any(w <= 0):
            raise DesignError("weights must be positive; found a zero or negative weight")
    with np.errstate(over="ignore"):
        total = float(np.sum(w))
    if not np.isfinite(total) or total * max(n, 1) >= 1e300:
        raise DesignError(
            "weights are too large: their sum overflows (or nearly overflows) a floating-point "
            "number; scale them down"
        )
    return Design(
        weights=frozen(w.copy()),
        strata=frozen(strata_codes),
        psu=frozen(psu),
        psu_stratum=frozen(psu_stratum),
        fpc_factor=frozen(fpc_factor),
        psus_per_stratum=frozen(psus_per_stratum),
        rows_are_psus=rows_are_psus,
    )


def _psu_codes(
    ids: Sequence[object] | npt.NDArray[np.generic], strata: IntArray, nest: bool
) -> IntArray:
    id_codes, _ = encode(ids)
    pairs = np.stack([strata, id_codes], axis=1)
    unique_pairs, psu = np.unique(pairs, axis=0, return_inverse=True)
    if not nest and np.unique(unique_pairs[:, 1]).shape[0] != unique_pairs.shape[0]:
        raise DesignError("the same PSU id occurs in several strata; set nest=True if intended")
    return psu.astype(np.intp).reshape(-1)


def _fpc(
    fpc: npt.ArrayLike | None, n: int, strata: IntArray, psus_per_stratum: IntArray
) -> tuple[FloatArray, FloatArray | None]:
    """Per-stratum fpc factors ``1 - n_h/N_h`` and, if given, the weights ``N_h/n_h``."""
    n_strata = psus_per_stratum.shape[0]
    if fpc is None:
        return np.ones(n_strata), None
    sizes = _as_float(fpc, "fpc", n)
    per_stratum = np.full(n_strata, np.nan)
    per_stratum[strata] = sizes
    if np.any(per_stratum[strata] != sizes):
        raise DesignError("the fpc (population size) must be constant within each stratum")
    n_h = psus_per_stratum.astype(np.float64)
    if np.any(per_stratum < n_h):
        raise DesignError("the fpc (population size) is smaller than the sample in a stratum")
    # Without weights each PSU stands for N_h / n_h PSUs of its stratum.
    return 1.0 - n_h / per_stratum, (per_stratum / n_h)[strata]
