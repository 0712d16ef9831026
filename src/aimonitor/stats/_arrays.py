"""Small numpy helpers shared by the modules: type aliases, group sums, label coding."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]
Int8Array = npt.NDArray[np.int8]
ValuesArray = FloatArray | Int8Array
"""Values of means and totals: floats, or 8-bit integers (0/1 indicators as read), which the
estimators widen to floats one block of columns at a time."""

# Up to this many groups, a one-hot matrix product (BLAS) beats sorting.
_ONE_HOT_LIMIT = 64


ArrayT = TypeVar("ArrayT", bound=npt.NDArray[Any])


def frozen(array: ArrayT) -> ArrayT:
    """Return ``array`` marked read-only, so a design cannot be changed after it is built."""
    array.setflags(write=False)
    return array


def group_sums(codes: IntArray, n_groups: int, values: FloatArray) -> FloatArray:
    """Column sums of ``values`` (n x k) within groups ``codes`` (n,), as (n_groups x k)."""
    if n_groups == 1:
        summed: FloatArray = values.sum(axis=0, keepdims=True)
        return summed
    if n_groups <= _ONE_HOT_LIMIT:
        one_hot = np.zeros((codes.shape[0], n_groups))
        one_hot[np.arange(codes.shape[0]), codes] = 1.0
        result: FloatArray = one_hot.T @ values
        return result
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    sums = np.zeros((n_groups, values.shape[1]))
    sums[sorted_codes[starts]] = np.add.reduceat(values[order], starts, axis=0)
    return sums


def group_counts(codes: IntArray, n_groups: int) -> IntArray:
    """Number of rows in each group."""
    return np.bincount(codes, minlength=n_groups).astype(np.intp)


def encode(labels: Sequence[object] | npt.NDArray[np.generic]) -> tuple[IntArray, list[str]]:
    """Code labels as 0..L-1 over their sorted string forms; labels compare as strings."""
    strings = np.asarray(labels).astype(str)
    levels, codes = np.unique(strings, return_inverse=True)
    return codes.astype(np.intp).reshape(-1), [str(level) for level in levels]
