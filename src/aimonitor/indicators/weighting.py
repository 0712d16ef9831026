"""Weighting a wave to the frame: design v2 (docs/decisions/0009-design-v2.md).

The respondents are a stratified simple random sample without replacement within each
(collapsed) size class h, the response homogeneity groups: base weight ``N_h / n_h``, fpc
``N_h``. A size class in which every municipality responded is a **take-all** stratum:
weight exactly 1 and no sampling variance (fpc factor ``1 - n_h/N_h = 0``). The design is
then raked, to convergence, to the frame's counts by size class and by ``province_rest``:
the province for municipalities outside take-all strata, the take-all stratum's own level
inside them. A take-all stratum is thus a cell of its own in both margins, whose total its
weights of 1 already meet, so raking leaves them at exactly 1.

The fallback chain (docs/methodology/weighting.md), each step recorded in
``Weighting.fallback_reason`` (a :class:`~aimonitor.i18n.Text`: the report prints it in its
own language, the estimates exports in English):

a. a size class with fewer than two respondents is collapsed into its neighbour (the next
   smaller class; the smallest class into the next larger one): a stratum's variance needs
   two respondents (survey's ``lonely.psu = "fail"``);
b. a province without respondents outside the take-all strata, or raking that fails, gives
   the stratified design alone, which is post-stratification by (collapsed) size class;
c. when all respondents are in one collapsed size class, no weighting: equal weights
   ``N / n`` with the fpc.

With fewer than two respondents no design exists (a variance needs two), and there are no
estimates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from aimonitor import stats
from aimonitor.frame import PROVINCES, SIZE_CLASSES, Frame
from aimonitor.i18n import Text
from aimonitor.indicators.table import Weighting

TAKE_ALL_PREFIX = "take-all "
"""``province_rest`` level of a take-all stratum: this prefix and the stratum's name."""


@dataclass(frozen=True)
class WeightedDesign:
    """The design to estimate with (``None`` below two respondents) and how it was made."""

    design: stats.Design | None
    weighting: Weighting


def weight_wave(size_class: Sequence[str], province: Sequence[str], frame: Frame) -> WeightedDesign:
    """Weight respondents with these size-class codes and provinces to ``frame`` (design v2)."""
    n, population = len(size_class), len(frame)
    if n < 2:
        reason = Text.translated(
            "{n} respondent(s): no design and no estimates (a variance needs two)"
        ).format(n=n)
        return WeightedDesign(None, Weighting("none", (), reason, n, population))
    cells, collapse_notes = collapse_size_classes(size_class, frame)
    reasons = list(collapse_notes)
    strata = [cells[code] for code in size_class]
    stratum_sizes: dict[str, int] = {}
    for code, count in frame.size_class_counts().items():
        if count:
            stratum_sizes[cells[code]] = stratum_sizes.get(cells[code], 0) + count
    sampled = Counter(strata)
    take_all = tuple(h for h, size in stratum_sizes.items() if sampled[h] == size)
    design = stats.design_from_arrays(fpc=[float(stratum_sizes[h]) for h in strata], strata=strata)
    size_margin = stats.Margin(
        "size_class", strata, {h: float(size) for h, size in stratum_sizes.items()}
    )

    def result(method: str, margins: tuple[str, ...], weighted: stats.Design) -> WeightedDesign:
        weighting = Weighting(method, margins, _joined(reasons), n, population, take_all)
        return WeightedDesign(weighted, weighting)

    if len(stratum_sizes) < 2:
        reasons.append(
            Text.translated(
                "all respondents are in one (collapsed) size class: no weighting, fpc only"
            )
        )
        return result("none", (), design)
    rest = province_rest(strata, province, take_all)
    rest_totals = province_rest_totals(frame, cells, take_all)
    empty = [p for p in PROVINCES if p in rest_totals and p not in set(rest)]
    if empty:
        none_at_all = [p for p in empty if p not in set(province)]
        if none_at_all:
            reasons.append(
                Text.translated(
                    "province {provinces} has no respondents: post-stratified by size class only"
                ).format(provinces=", ".join(none_at_all))
            )
        only_take_all = [p for p in empty if p not in none_at_all]
        if only_take_all:
            reasons.append(
                Text.translated(
                    "province {provinces} has no respondents outside the take-all size "
                    "classes: post-stratified by size class only"
                ).format(provinces=", ".join(only_take_all))
            )
    else:
        try:
            raked = stats.rake(design, [size_margin, stats.Margin("province", rest, rest_totals)])
        except stats.CalibrationError as error:
            reasons.append(
                Text.translated(
                    "raking failed ({error}): post-stratified by size class only"
                ).format(error=str(error))
            )
        else:
            return result("rake", ("size_class", "province"), raked)
    # The stratified design already has the weights N_h / n_h of post-stratification by
    # size class; poststratify() leaves them as they are and marks the design calibrated.
    return result("poststratify", ("size_class",), stats.poststratify(design, size_margin))


def province_rest(
    strata: Sequence[str], province: Sequence[str], take_all: Sequence[str]
) -> list[str]:
    """Each respondent's ``province_rest`` level: the take-all stratum's own level for a
    respondent in a take-all stratum, else the province."""
    return [
        f"{TAKE_ALL_PREFIX}{h}" if h in take_all else p
        for h, p in zip(strata, province, strict=True)
    ]


def province_rest_totals(
    frame: Frame, cells: dict[str, str], take_all: Sequence[str]
) -> dict[str, float]:
    """Frame counts by ``province_rest``: each province's municipalities outside the take-all
    strata (provinces with none left out), then each take-all stratum's size."""
    totals: dict[str, float] = {}
    for member in frame.municipalities:
        h = cells[member.size_class.code]
        level = f"{TAKE_ALL_PREFIX}{h}" if h in take_all else member.province
        totals[level] = totals.get(level, 0.0) + 1.0
    ordered = [p for p in PROVINCES if p in totals] + [f"{TAKE_ALL_PREFIX}{h}" for h in take_all]
    return {level: totals[level] for level in ordered}


def _joined(reasons: Sequence[Text]) -> Text | None:
    """The fallback steps one after the other (``a; b``), or ``None`` when there were none."""
    if not reasons:
        return None
    return Text.per_language(lambda lang: "; ".join(reason.get(lang) for reason in reasons))


MIN_PER_STRATUM = 2
"""Respondents a stratum needs: its variance divides by ``n_h - 1``."""


def collapse_size_classes(
    size_class: Sequence[str], frame: Frame
) -> tuple[dict[str, str], tuple[Text, ...]]:
    """The weighting cell (stratum) of every size class, and a note per collapsed class.

    A class with municipalities in the frame but fewer than two respondents joins its
    neighbour: the next smaller class, or for the smallest class the next larger one,
    repeated until every cell has at least two respondents (or one cell is left). A cell is
    named by its classes joined by ``+`` (``100k-250k+ge250k``). Classes absent from the
    frame are left out.
    """
    respondents = Counter(size_class)
    population = frame.size_class_counts()
    groups = [[c.code] for c in SIZE_CLASSES if population[c.code] > 0]
    notes: list[Text] = []

    def count(group: list[str]) -> int:
        return sum(respondents[code] for code in group)

    while len(groups) > 1:
        small = next((i for i, g in enumerate(groups) if count(g) < MIN_PER_STRATUM), None)
        if small is None:
            break
        into = small - 1 if small > 0 else 1
        neighbour = "+".join(groups[into])
        if count(groups[small]) == 0:
            note = Text.translated(
                "size class {empty} has no respondents: collapsed with {neighbour}"
            ).format(empty="+".join(groups[small]), neighbour=neighbour)
        else:
            note = Text.translated(
                "size class {single} has one respondent: collapsed with {neighbour} "
                "(a variance needs two respondents per stratum)"
            ).format(single="+".join(groups[small]), neighbour=neighbour)
        notes.append(note)
        merged = sorted(groups[small] + groups[into], key=_size_order)
        groups[min(small, into)] = merged
        del groups[max(small, into)]
    cells = {code: "+".join(group) for group in groups for code in group}
    return cells, tuple(notes)


def _size_order(code: str) -> int:
    return [c.code for c in SIZE_CLASSES].index(code)
