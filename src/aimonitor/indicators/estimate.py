"""Estimating a whole wave: every estimand, overall, by size class and by province.

Domain estimates are computed on the full weighted design (a respondent outside the domain is
"not in the base", NaN), never on a filtered data set. Rows whose base is empty within a
domain (n = 0) are left out: there is no estimate to give. A row is suppressed when it rests
on fewer than ``min_n`` respondents, or when its interval is not finite (df = 0): the one rule,
:func:`aimonitor.indicators.table.is_suppressed`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from aimonitor import stats
from aimonitor.frame import PROVINCES, SIZE_CLASSES, Frame, FrameError, Lineage, Municipality
from aimonitor.indicators.catalogue import Estimand
from aimonitor.indicators.data import WaveData
from aimonitor.indicators.errors import IndicatorError
from aimonitor.indicators.matrix import IndicatorMatrix, build_matrix
from aimonitor.indicators.table import (
    ALL,
    MIN_RESPONDENTS,
    EstimateTable,
    IndicatorRow,
    is_suppressed,
)
from aimonitor.indicators.weighting import weight_wave
from aimonitor.stats import BoolArray, FloatArray

Domain = tuple[str, BoolArray | None]


def estimate_wave(
    wave: WaveData,
    frame: Frame,
    *,
    lineage: Lineage | None = None,
    min_n: int = MIN_RESPONDENTS,
    method: stats.ProportionMethod | str = stats.DEFAULT_PROPORTION_METHOD,
) -> EstimateTable:
    """The estimate table of ``wave``: rows for domain ``all``, every ``size_class=<code>``
    and every ``province=<name>``, 95 % intervals (``method`` for proportions, Wald for
    means).

    A respondent code that is not in ``frame`` is mapped with
    ``lineage.successor(code, frame.year)``; a code that still is not in the frame, or two
    responses for one municipality, raise :class:`IndicatorError`.
    """
    if min_n < 1:
        raise IndicatorError(f"min_n must be at least 1, got {min_n}")
    members = place_respondents(wave, frame, lineage)
    weighted = weight_wave(
        [m.size_class.code for m in members], [m.province for m in members], frame
    )
    if weighted.design is None:
        return EstimateTable(wave.year, wave.synthetic, weighted.weighting, ())
    matrix = build_matrix(wave)
    rows = [
        row
        for domain in _domains(members)
        for row in _domain_rows(weighted.design, matrix, domain, method, min_n)
    ]
    return EstimateTable(wave.year, wave.synthetic, weighted.weighting, tuple(rows))


def place_respondents(
    wave: WaveData, frame: Frame, lineage: Lineage | None = None
) -> tuple[Municipality, ...]:
    """The frame municipality of every respondent, in respondent order."""
    return place_codes(wave.year, [r.code for r in wave.respondents], frame, lineage)


def place_codes(
    year: int, codes: Iterable[str], frame: Frame, lineage: Lineage | None = None
) -> tuple[Municipality, ...]:
    """The frame municipality of every respondent code of wave ``year``, in the given order."""
    members: list[Municipality] = []
    seen: dict[str, str] = {}
    for code in codes:
        member = _find(code, frame, lineage)
        if member.code in seen:
            raise IndicatorError(
                f"{member.code}: two responses in wave {year} "
                f"(stored under {seen[member.code]} and {code})"
            )
        seen[member.code] = code
        members.append(member)
    return tuple(members)


def _find(code: str, frame: Frame, lineage: Lineage | None) -> Municipality:
    try:
        return frame.by_code(code)
    except FrameError:
        if lineage is None:
            raise IndicatorError(
                f"{code} is not a municipality in the {frame.year} frame "
                "(pass the merger lineage if it is a former municipality)"
            ) from None
    try:
        successor = lineage.successor(code, frame.year)
        return frame.by_code(successor)
    except FrameError:
        raise IndicatorError(
            f"{code} is not a municipality in the {frame.year} frame, nor merged into one"
        ) from None


def _domains(members: Sequence[Municipality]) -> Iterator[Domain]:
    size_class = np.array([m.size_class.code for m in members])
    province = np.array([m.province for m in members])
    yield ALL, None
    for size in SIZE_CLASSES:
        yield f"size_class={size.code}", size_class == size.code
    for name in PROVINCES:
        yield f"province={name}", province == name


def _domain_rows(
    design: stats.Design,
    matrix: IndicatorMatrix,
    domain: Domain,
    method: stats.ProportionMethod | str,
    min_n: int,
) -> list[IndicatorRow]:
    label, mask = domain
    values = matrix.values if mask is None else np.where(mask[:, None], matrix.values, np.nan)
    in_base = (~np.isnan(values)).sum(axis=0) > 0
    kinds = np.array([e.kind for e in matrix.estimands])
    found: dict[int, stats.Estimate] = {}
    for kind in ("proportion", "mean"):
        columns = np.flatnonzero(in_base & (kinds == kind))
        if columns.size == 0:
            continue
        block: FloatArray = values[:, columns]
        if kind == "proportion":
            results = stats.proportion(design, block, method=method)
        else:
            results = stats.mean(design, block)
        found.update(zip(columns.tolist(), (r.estimate for r in results), strict=True))
    return [
        _row(matrix.estimands[j], label, found[j], min_n)
        for j in range(len(matrix.estimands))
        if j in found
    ]


def _row(estimand: Estimand, domain: str, estimate: stats.Estimate, min_n: int) -> IndicatorRow:
    return IndicatorRow(
        variable=estimand.variable,
        option=estimand.option,
        domain=domain,
        kind=estimand.kind,
        estimate=estimate,
        suppressed=is_suppressed(estimate, min_n=min_n),
    )
