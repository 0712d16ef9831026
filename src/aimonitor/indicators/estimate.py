"""Estimating a whole wave: every estimand, overall, by publication size class and by province.

Domain estimates are computed on the full weighted design (a respondent outside the domain is
"not in the base", NaN), never on a filtered data set. Rows whose base is empty within a
domain (n = 0) are left out: there is no estimate to give. Which rows are suppressed is
decided once, here, by the disclosure rules (:func:`aimonitor.indicators.disclosure.protect`:
minimum n, group disclosure, blocks, complementary suppression); the rows keep their full
figures for the computations that follow (changes), and every output publishes them through
:func:`aimonitor.indicators.disclosure.published`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

import numpy as np

from aimonitor import stats
from aimonitor.frame import PROVINCES, Frame, FrameError, Lineage, Municipality
from aimonitor.indicators.catalogue import Estimand
from aimonitor.indicators.data import WaveData
from aimonitor.indicators.disclosure import (
    MIN_RESPONDENTS,
    PUBLICATION_CLASSES,
    DisclosureCell,
    block_parents,
    grid_floors,
    is_category_share,
    protect,
)
from aimonitor.indicators.errors import IndicatorError
from aimonitor.indicators.matrix import IndicatorMatrix, build_matrix
from aimonitor.indicators.table import ALL, EstimateTable, IndicatorRow
from aimonitor.indicators.weighting import weight_wave
from aimonitor.questionnaire import Questionnaire
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
    """The estimate table of ``wave``: rows for domain ``all``, every publication size class
    ``size_class=<code>`` (:data:`~aimonitor.indicators.disclosure.PUBLICATION_CLASSES`) and
    every ``province=<name>``, 95 % intervals (``method`` for proportions, Wald for means),
    each row flagged ``suppressed`` by the disclosure rules (``min_n`` their minimum n).

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
    found = [
        found
        for domain in _domains(members)
        for found in _domain_rows(weighted.design, matrix, domain, method)
    ]
    q = wave.questionnaire
    scales = {e.key: _scale(q, e) for e in matrix.estimands}
    categories = {e.key for e in matrix.estimands if is_category_share(e, q)}
    cells = [
        DisclosureCell(
            row.variable,
            row.option,
            row.domain,
            row.estimate,
            weight,
            same and (value == 1 or (row.variable, row.option) not in categories),
            row.variable,
            scales[(row.variable, row.option)],
        )
        for row, weight, same, value in found
    ]
    hidden = protect(cells, parents=block_parents(q), floors=grid_floors(q), min_n=min_n)
    rows = tuple(replace(row, suppressed=row.key in hidden) for row, _, _, _ in found)
    return EstimateTable(wave.year, wave.synthetic, weighted.weighting, rows)


def _scale(questionnaire: Questionnaire, estimand: Estimand) -> tuple[float, float]:
    """The range a figure can take: 0-1 for a share; the Likert scale or the numeric bounds
    for a mean."""
    if estimand.kind == "proportion":
        return (0.0, 1.0)
    variable = questionnaire.variable(estimand.variable)
    if variable.bounds is not None:
        return (float(variable.bounds.min), float(variable.bounds.max))
    points = [value.code for value in variable.codes if not value.special]
    return (float(min(points)), float(max(points)))


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
    for publication in PUBLICATION_CLASSES:
        yield f"size_class={publication.code}", np.isin(size_class, publication.members)
    for name in PROVINCES:
        yield f"province={name}", province == name


def _domain_rows(
    design: stats.Design,
    matrix: IndicatorMatrix,
    domain: Domain,
    method: stats.ProportionMethod | str,
) -> list[tuple[IndicatorRow, float, bool, float]]:
    """The domain's rows, each with its weighted base, whether all its respondents have the
    same value, and that lowest value (the facts disclosure control needs)."""
    label, mask = domain
    values = matrix.values if mask is None else np.where(mask[:, None], matrix.values, np.nan)
    answered = ~np.isnan(values)
    in_base = answered.sum(axis=0) > 0
    weights = answered.T.astype(np.float64) @ design.weights
    lowest = np.where(answered, values, np.inf).min(axis=0)
    same = lowest == np.where(answered, values, -np.inf).max(axis=0)
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
        (
            _row(matrix.estimands[j], label, found[j]),
            float(weights[j]),
            bool(same[j]),
            float(lowest[j]),
        )
        for j in range(len(matrix.estimands))
        if j in found
    ]


def _row(estimand: Estimand, domain: str, estimate: stats.Estimate) -> IndicatorRow:
    return IndicatorRow(
        variable=estimand.variable,
        option=estimand.option,
        domain=domain,
        kind=estimand.kind,
        estimate=estimate,
    )
