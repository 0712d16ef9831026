"""Weighting a wave to the frame: raking to size class and province, with a fallback chain.

The respondents are treated as a simple random sample from the frame (fpc N = the number of
municipalities), then raked to the frame's size-class and province counts. The fallback
chain (docs/methodology/weighting.md), each step recorded in ``Weighting.fallback_reason``
(a :class:`~aimonitor.i18n.Text`: the report prints it in its own language, the estimates
exports in English):

a. a size class without respondents is collapsed into its neighbour (the next smaller
   class; the smallest class into the next larger one);
b. a province without respondents, or raking that fails, gives post-stratification by
   (collapsed) size class alone;
c. when that is impossible (all respondents in one collapsed size class, or the
   post-stratification fails), no weighting: equal weights N / n with the fpc.

With fewer than two respondents no design exists (a variance needs two), and there are no
estimates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from aimonitor import stats
from aimonitor.frame import PROVINCES, SIZE_CLASSES, Frame
from aimonitor.i18n import Text
from aimonitor.indicators.table import Weighting


@dataclass(frozen=True)
class WeightedDesign:
    """The design to estimate with (``None`` below two respondents) and how it was made."""

    design: stats.Design | None
    weighting: Weighting


def weight_wave(size_class: Sequence[str], province: Sequence[str], frame: Frame) -> WeightedDesign:
    """Weight respondents with these size-class codes and provinces to ``frame``."""
    n, population = len(size_class), len(frame)
    if n < 2:
        reason = Text.translated(
            "{n} respondent(s): no design and no estimates (a variance needs two)"
        ).format(n=n)
        return WeightedDesign(None, Weighting("none", (), reason, n, population))
    design = stats.design_from_arrays(fpc=np.full(n, float(population)))
    cells, collapse_notes = collapse_size_classes(size_class, frame)
    reasons = list(collapse_notes)
    labels = [cells[code] for code in size_class]
    totals: dict[str, float] = {}
    for code, count in frame.size_class_counts().items():
        totals[cells[code]] = totals.get(cells[code], 0.0) + count
    size_margin = stats.Margin("size_class", labels, totals)

    def result(method: str, margins: tuple[str, ...], weighted: stats.Design) -> WeightedDesign:
        weighting = Weighting(method, margins, _joined(reasons), n, population)
        return WeightedDesign(weighted, weighting)

    if len(totals) < 2:
        reasons.append(
            Text.translated(
                "all respondents are in one (collapsed) size class: no weighting, fpc only"
            )
        )
        return result("none", (), design)
    province_counts = frame.province_counts()
    empty = [p for p in PROVINCES if province_counts[p] > 0 and p not in set(province)]
    if empty:
        reasons.append(
            Text.translated(
                "province {provinces} has no respondents: post-stratified by size class only"
            ).format(provinces=", ".join(empty))
        )
    else:
        province_margin = stats.Margin(
            "province", list(province), {p: float(c) for p, c in province_counts.items() if c}
        )
        try:
            raked = stats.rake(design, [size_margin, province_margin])
        except stats.CalibrationError as error:
            reasons.append(
                Text.translated(
                    "raking failed ({error}): post-stratified by size class only"
                ).format(error=str(error))
            )
        else:
            return result("rake", ("size_class", "province"), raked)
    try:
        return result("poststratify", ("size_class",), stats.poststratify(design, size_margin))
    except stats.StatsError as error:
        reasons.append(
            Text.translated("post-stratification failed ({error}): no weighting, fpc only").format(
                error=str(error)
            )
        )
        return result("none", (), design)


def _joined(reasons: Sequence[Text]) -> Text | None:
    """The fallback steps one after the other (``a; b``), or ``None`` when there were none."""
    if not reasons:
        return None
    return Text.per_language(lambda lang: "; ".join(reason.get(lang) for reason in reasons))


def collapse_size_classes(
    size_class: Sequence[str], frame: Frame
) -> tuple[dict[str, str], tuple[Text, ...]]:
    """The weighting cell of every size class, and a note per collapsed class.

    A class with municipalities in the frame but no respondents joins its neighbour: the
    next smaller class, or for the smallest class the next larger one, repeated until every
    cell has respondents (or one cell is left). A cell is named by its classes joined by
    ``+`` (``100k-250k+ge250k``). Classes absent from the frame are left out.
    """
    present = set(size_class)
    population = frame.size_class_counts()
    groups = [[c.code] for c in SIZE_CLASSES if population[c.code] > 0]
    notes: list[Text] = []
    while len(groups) > 1:
        empty = next((i for i, g in enumerate(groups) if not present.intersection(g)), None)
        if empty is None:
            break
        into = empty - 1 if empty > 0 else 1
        notes.append(
            Text.translated(
                "size class {empty} has no respondents: collapsed with {neighbour}"
            ).format(empty="+".join(groups[empty]), neighbour="+".join(groups[into]))
        )
        merged = sorted(groups[empty] + groups[into], key=_size_order)
        groups[min(empty, into)] = merged
        del groups[max(empty, into)]
    cells = {code: "+".join(group) for group in groups for code in group}
    return cells, tuple(notes)


def _size_order(code: str) -> int:
    return [c.code for c in SIZE_CLASSES].index(code)
