"""Change from the previous wave: the difference of two estimate tables, key by key.

The waves are estimated independently and treated as independent samples
(:func:`aimonitor.stats.difference`): ``estimate = current - previous``,
``se = sqrt(cse_current^2 + cse_previous^2)``, where ``cse`` is
:func:`aimonitor.stats.comparison_se` (the design SE, or for a share of exactly 0 or 1 the SE
implied by its published interval: decision record 0005). The 95 % interval uses t with the
Welch-Satterthwaite degrees of freedom of the two sides (:func:`aimonitor.stats.welch_df`).
Most municipalities answer in both waves, and their answers are positively correlated, so
the true variance of the change is smaller: these intervals are conservative (too wide), never
too narrow. See docs/methodology/indicators.md.

The change rows of one publication are one family of tests: whether a change is significant
is decided after controlling the false discovery rate (Benjamini-Hochberg at 5 %,
:func:`aimonitor.stats.control_fdr`) over the published (not suppressed) change rows. Every
change row carries its raw ``p_value``; published rows also ``p_adjusted``, which
:func:`aimonitor.stats.significant` (and so the report, the findings and the exports) uses.
"""

from __future__ import annotations

from dataclasses import replace

from aimonitor import stats
from aimonitor.indicators.disclosure import is_suppressed
from aimonitor.indicators.errors import IndicatorError
from aimonitor.indicators.table import EstimateTable, IndicatorRow


def estimate_changes(current: EstimateTable, previous: EstimateTable) -> EstimateTable:
    """Rows ``kind="difference"`` for every key present in both tables, in ``current`` order.

    A change is suppressed when either side is, or when its interval is not finite (a side
    without degrees of freedom); suppressed changes are not published and
    are not part of the family whose false discovery rate is controlled. ``n`` is the
    respondents in both bases together (as :func:`aimonitor.stats.difference`); the
    weighting is the current wave's.
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
        rows=control_change_fdr(rows),
        compared_with=previous.wave,
    )


def control_change_fdr(rows: list[IndicatorRow]) -> tuple[IndicatorRow, ...]:
    """The change rows with ``p_adjusted`` set on the published ones (one family)."""
    published = [i for i, row in enumerate(rows) if not row.suppressed]
    adjusted = stats.control_fdr([rows[i].estimate for i in published])
    out = list(rows)
    for i, estimate in zip(published, adjusted, strict=True):
        out[i] = replace(rows[i], estimate=estimate)
    return tuple(out)


def _change(now: IndicatorRow, before: IndicatorRow) -> IndicatorRow:
    change = stats.difference(now.estimate, before.estimate, df="welch")
    return IndicatorRow(
        variable=now.variable,
        option=now.option,
        domain=now.domain,
        kind="difference",
        estimate=change,
        suppressed=now.suppressed or before.suppressed or is_suppressed(change, min_n=0),
    )
