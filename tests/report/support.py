"""Hand-made inputs for report tests: small estimate tables, response counts and findings."""

from __future__ import annotations

from collections.abc import Iterable

from aimonitor.findings import Evidence, Finding, RowRef
from aimonitor.frame import PROVINCES, SIZE_CLASSES
from aimonitor.indicators import (
    EstimateTable,
    IndicatorRow,
    ResponseCell,
    ResponseSummary,
    Weighting,
)
from aimonitor.stats.result import Estimate

WAVE = 2024
WEIGHTING = Weighting("rake", ("size_class", "province"), respondents=120, population=342)


def row(
    variable: str,
    option: str,
    estimate: float,
    lower: float,
    upper: float,
    n: int = 120,
    *,
    domain: str = "all",
    kind: str = "proportion",
    suppressed: bool = False,
    method: str = "wilson",
) -> IndicatorRow:
    return IndicatorRow(
        variable=variable,
        option=option,
        domain=domain,
        kind=kind,  # type: ignore[arg-type]
        estimate=Estimate(estimate, 0.02, lower, upper, None, n, method),
        suppressed=suppressed,
    )


def table(
    rows: Iterable[IndicatorRow],
    *,
    wave: int = WAVE,
    synthetic: bool = False,
    compared_with: int | None = None,
) -> EstimateTable:
    return EstimateTable(wave, synthetic, WEIGHTING, tuple(rows), compared_with=compared_with)


def response(respondents: int = 120, *, wave: int = WAVE) -> ResponseSummary:
    """342 municipalities; ``respondents`` of them answered, all counted in the first cells."""
    classes = tuple(
        ResponseCell("size_class", c.code, 342 // 5, respondents if i == 0 else 0)
        for i, c in enumerate(SIZE_CLASSES)
    )
    provinces = tuple(
        ResponseCell("province", p, 342 // 12, respondents if i == 0 else 0)
        for i, p in enumerate(PROVINCES)
    )
    return ResponseSummary(wave, ResponseCell("total", "all", 342, respondents), classes, provinces)


def finding(sentence: str, variable: str, option: str, *, theme: str, lang: str = "nl") -> Finding:
    estimate = Estimate(0.46, 0.02, 0.43, 0.49, None, 120, "wilson")
    return Finding(
        theme=theme,
        lang=lang,
        sentence=sentence,
        evidence=(Evidence(RowRef("estimates", variable, option, "all"), estimate),),
        rule="almost_half",
    )


# B1 "Heeft uw gemeente een visie of strategie op AI?": codes 1-4 and 98, group working_on.
B1_ROWS = (
    row("B1", "1", 0.20, 0.17, 0.23),
    row("B1", "2", 0.54, 0.50, 0.58),
    row("B1", "3", 0.08, 0.06, 0.11),
    row("B1", "4", 0.14, 0.12, 0.17),
    row("B1", "98", 0.04, 0.02, 0.06),
)
