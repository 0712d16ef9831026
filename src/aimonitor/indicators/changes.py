"""Change from the previous wave: the difference of two estimate tables, key by key.

The waves are treated as independent samples (``aimonitor.stats.difference``):
``estimate = current - previous``, ``se = sqrt(cse_current^2 + cse_previous^2)``, normal 95 %
interval, where ``cse`` is :func:`aimonitor.stats.comparison_se` (the design SE, or for a
share of exactly 0 or 1 the SE implied by its published interval: decision record 0005). Most
municipalities answer in both waves, and their answers are positively correlated, so the true
variance of the change is smaller: these intervals are conservative (too wide), never too
narrow. See docs/methodology/indicators.md.
"""

from __future__ import annotations

from aimonitor import stats
from aimonitor.indicators.errors import IndicatorError
from aimonitor.indicators.table import EstimateTable, IndicatorRow


def estimate_changes(current: EstimateTable, previous: EstimateTable) -> EstimateTable:
    """Rows ``kind="difference"`` for every key present in both tables, in ``current`` order.

    A change is suppressed when either side is. ``n`` is the respondents in both bases
    together (as :func:`aimonitor.stats.difference`); the weighting is the current wave's.
    """
    for table in (current, previous):
        if table.compared_with is not None:
            raise IndicatorError(
                f"wave {table.wave}: that table already holds changes; pass wave estimates"
            )
    rows = []
    for row in current:
        before = previous.find(row.variable, row.option, row.domain)
        if before is not None:
            rows.append(_change(row, before))
    return EstimateTable(
        wave=current.wave,
        synthetic=current.synthetic or previous.synthetic,
        weighting=current.weighting,
        rows=tuple(rows),
        compared_with=previous.wave,
    )


def _change(now: IndicatorRow, before: IndicatorRow) -> IndicatorRow:
    return IndicatorRow(
        variable=now.variable,
        option=now.option,
        domain=now.domain,
        kind="difference",
        estimate=stats.difference(now.estimate, before.estimate),
        suppressed=now.suppressed or before.suppressed,
    )
