"""The estimates of a wave as one flat, immutable table (what `aimonitor estimates` writes).

Keys are plain strings so the table travels as CSV or JSON and the report, the dashboard
and the findings can all point at a row:

* ``variable``: an answer variable (``B1``, ``B3_guideline``, ``F2_knowledge``) or, for an
  indicator across the rows of a grid, the item id (``E1``).
* ``option``: what is estimated of it: a code (``"1"``, ``"98"``), a group of codes
  (``"group:<key>"``), ``"mean"`` (Likert and numeric means), ``"rank1:<code>"`` /
  ``"top3:<code>"`` (rankings), ``"any:<key>"`` (any row of a grid in a group).
* ``domain``: ``"all"``, ``"size_class=<code>"`` or ``"province=<name>"``.

A key whose base is empty in a domain (n = 0) has no row; a suppressed row
(``suppressed=True``) must not be published, and what is published of the others is what
:func:`aimonitor.indicators.disclosure.published` gives. See docs/methodology/indicators.md
and docs/methodology/disclosure.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from aimonitor.i18n import Text
from aimonitor.stats import Estimate

Kind = Literal["proportion", "mean", "difference"]
ALL = "all"


@dataclass(frozen=True)
class IndicatorRow:
    """One figure of the table: its key, its kind and the statistics core's :class:`Estimate`
    whole (interval, ``n``, method, level, degrees of freedom, note)."""

    variable: str
    option: str
    domain: str
    kind: Kind
    estimate: Estimate
    suppressed: bool = False
    """True when the figure must not be published (decided once, by the indicators, with
    :func:`aimonitor.indicators.disclosure.protect`). The row keeps its figures for the
    computations that follow; no output shows them."""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.variable, self.option, self.domain)


@dataclass(frozen=True)
class Weighting:
    """How the wave was weighted, for the methods annex."""

    method: str
    """``rake``, ``poststratify`` or ``none``."""
    margins: tuple[str, ...]
    fallback_reason: Text | None = None
    """Why the planned weighting was not possible (``None`` when it was), in both languages."""
    respondents: int = 0
    population: int = 0
    take_all: tuple[str, ...] = ()
    """The (collapsed) size classes in which every municipality responded: weight 1 and no
    sampling variance (design v2, docs/decisions/0009-design-v2.md)."""


@dataclass(frozen=True)
class EstimateTable:
    wave: int
    synthetic: bool
    weighting: Weighting
    rows: tuple[IndicatorRow, ...]
    compared_with: int | None = None
    """For a table of changes: the earlier wave."""
    _index: dict[tuple[str, str, str], IndicatorRow] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        self._index.update({row.key: row for row in self.rows})

    def __iter__(self) -> Iterator[IndicatorRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, variable: str, option: str, domain: str = ALL) -> IndicatorRow:
        """The row for this key; :class:`KeyError` naming the key if there is none."""
        try:
            return self._index[(variable, option, domain)]
        except KeyError:
            raise KeyError(f"no estimate for {variable} / {option} / {domain}") from None

    def find(self, variable: str, option: str, domain: str = ALL) -> IndicatorRow | None:
        return self._index.get((variable, option, domain))
