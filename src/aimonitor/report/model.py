"""The report as an immutable model: what is published, in one language, before rendering.

Numbers stay numbers here; the templates format them through :mod:`aimonitor.formatting`.
Charts are described as data (:class:`Chart`) and drawn by :mod:`.charts`, so the dashboard
can draw the same charts from the same description.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from aimonitor.formatting import ValueScale
from aimonitor.i18n import Lang

# The disclosure rules of every output (estimates, findings, report), re-exported here for
# the methods annex; the indicators apply them, the report reads their flag and publishes
# figures through aimonitor.indicators.disclosure.published.
from aimonitor.indicators.disclosure import MIN_RESPONDENTS as MIN_RESPONDENTS
from aimonitor.indicators.representativeness import Representativeness
from aimonitor.indicators.response import ResponseSummary
from aimonitor.stats import Estimate, significant

ChartKind = Literal["bars", "size_class", "trend"]

LEVEL = 0.95
"""The confidence level of every interval the estimate tables hold."""


@dataclass(frozen=True)
class Figure:
    """One published figure: the statistics core's :class:`Estimate` whole, or a suppressed one.

    ``estimate`` is the figure as published (rounded by
    :func:`aimonitor.indicators.disclosure.published`), ``None`` when it is suppressed (the
    indicators decided so: :attr:`~aimonitor.indicators.IndicatorRow.suppressed`); then ``n``
    is ``None`` too, as it would count the answers that route to a question.
    """

    label: str
    scale: ValueScale
    estimate: Estimate | None
    n: int | None
    anchor: str | None = None
    """An id for links to this line (the first line of a grid row's variable)."""
    change: Change | None = None
    key: tuple[str, str] | None = None
    """The (variable, option) of the estimate table the figure is of; the dashboard's
    breakdowns look up the same key in other domains and waves."""

    @property
    def suppressed(self) -> bool:
        return self.estimate is None


@dataclass(frozen=True)
class Change:
    """The change of a figure since an earlier wave: the difference as an :class:`Estimate`."""

    since: int
    estimate: Estimate

    @property
    def significant(self) -> bool:
        return significant(self.estimate)


@dataclass(frozen=True)
class Table:
    """The figures of one item (or one grid row), in questionnaire order."""

    caption: str
    figures: tuple[Figure, ...]
    changes_since: int | None = None

    @property
    def has_suppressed(self) -> bool:
        return any(figure.suppressed for figure in self.figures)

    @property
    def scale(self) -> ValueScale | None:
        """The scale all figures share, ``None`` when they mix shares and means."""
        scales = {figure.scale for figure in self.figures}
        return scales.pop() if len(scales) == 1 else None

    @property
    def level(self) -> float:
        """The confidence level of the intervals shown (of the first figure shown)."""
        shown = (figure.estimate for figure in self.figures if figure.estimate is not None)
        return next((estimate.level for estimate in shown), LEVEL)


@dataclass(frozen=True)
class Bar:
    """A bar (or a point of a trend) with its interval whisker.

    ``estimate`` is ``None`` when the figure is suppressed (``suppressed``; ``n`` 0), and, in
    a chart by size class, also when nobody in the class was asked (that nobody was routed to
    a question would tell as much); in a trend, a wave without the question is a bar without
    a figure, ``n`` 0, not suppressed.
    """

    label: str
    estimate: Estimate | None
    n: int
    suppressed: bool = False


@dataclass(frozen=True)
class Chart:
    """A chart described as data: horizontal bars, bars by size class, or a trend over waves."""

    kind: ChartKind
    title: str
    scale: ValueScale
    bars: tuple[Bar, ...]
    axis: tuple[float, float] = (0.0, 1.0)
    """The value axis: 0-1 for shares, 1-5 for a Likert mean, 0-max for a numeric mean."""

    @property
    def has_suppressed(self) -> bool:
        return any(bar.suppressed for bar in self.bars)


BreakdownKind = Literal["size_class", "province", "trend"]


@dataclass(frozen=True)
class BreakdownRow:
    """The figures of one size class, province or wave, in the order of the national table."""

    label: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Breakdown:
    """An item's national figures split by size class or province, or over the waves: a
    row per domain (or wave), a column per figure of the national table, and a chart of the
    first figure across the rows."""

    kind: BreakdownKind
    item: str
    anchor: str
    caption: str
    columns: tuple[str, ...]
    rows: tuple[BreakdownRow, ...]
    chart: Chart | None


@dataclass(frozen=True)
class ItemSection:
    """One question of a chapter: its text, tables and charts, or a plain notice why not."""

    item: str
    anchor: str
    question: str
    tables: tuple[Table, ...]
    charts: tuple[Chart, ...]
    notice: str | None = None


@dataclass(frozen=True)
class Chapter:
    number: int
    theme: str
    anchor: str
    title: str
    sections: tuple[ItemSection, ...]


@dataclass(frozen=True)
class KeyFinding:
    sentence: str
    target: str | None
    """The anchor of the table behind the sentence, ``None`` if it is not in the report."""


@dataclass(frozen=True)
class FindingGroup:
    theme: str
    title: str
    findings: tuple[KeyFinding, ...]


@dataclass(frozen=True)
class Methods:
    """The methods annex: response by stratum, weighting, intervals and disclosure control."""

    response: ResponseSummary
    """The one response count (:mod:`aimonitor.indicators.response`); its cells give their
    label in the report's language."""
    weighting: str
    weighting_margins: tuple[str, ...]
    weighting_fallback: str | None
    interval_methods: tuple[str, ...]
    level: float
    minimum_n: int
    small_group: int
    """Group disclosure: the largest group whose unanimous answer is not shown."""
    protection_points: int
    """The least width, in percentage points, of the range a hidden share can be narrowed to."""
    size_classes: tuple[str, ...]
    """The size classes figures are published for, labelled in the report's language."""
    take_all: tuple[str, ...] = ()
    """The size classes (labels in the report's language) in which every municipality took
    part: weight 1 and no sampling error (design v2)."""
    representativeness: Representativeness | None = None
    """The R-indicator with partial indicators by size class and province."""


@dataclass(frozen=True)
class CodebookValueLine:
    code: int
    label: str
    special: bool


@dataclass(frozen=True)
class CodebookLine:
    variable: str
    label: str
    type: str
    values: tuple[CodebookValueLine, ...]
    shown_if: str | None


@dataclass(frozen=True)
class CodebookSection:
    theme: str
    title: str
    lines: tuple[CodebookLine, ...]


@dataclass(frozen=True)
class Report:
    """Everything the HTML and PDF show, in ``lang``."""

    lang: Lang
    title: str
    wave: int
    generated: date
    synthetic: bool
    synthetic_label: str | None
    respondents: int
    population: int
    key_findings: tuple[FindingGroup, ...]
    chapters: tuple[Chapter, ...]
    methods: Methods
    codebook: tuple[CodebookSection, ...]
    notices: tuple[str, ...] = ()
    """Problems with the input the report worked around, said plainly on the first pages."""
    questionnaire_version: str = ""

    @property
    def charts(self) -> tuple[Chart, ...]:
        return tuple(
            chart
            for chapter in self.chapters
            for section in chapter.sections
            for chart in section.charts
        )
