"""The dashboard's breakdowns of a chapter: every item's national figures by size class, by
province, or over the waves, as published (the same disclosure rules, the same labels and the
same chart descriptions as the report's tables)."""

from __future__ import annotations

from collections.abc import Sequence

from aimonitor.i18n import Lang, translator
from aimonitor.indicators import ALL, EstimateTable, IndicatorRow
from aimonitor.indicators.disclosure import PUBLICATION_CLASSES
from aimonitor.questionnaire import Questionnaire

from .items import bar_of, figure_of, value_axis
from .model import (
    Breakdown,
    BreakdownKind,
    BreakdownRow,
    Chapter,
    Chart,
    ChartKind,
    Figure,
    ItemSection,
)
from .words import words

BREAKDOWN_KINDS: tuple[BreakdownKind, ...] = ("size_class", "province", "trend")

PROVINCE = "province="


def build_breakdowns(
    chapter: Chapter,
    kind: BreakdownKind,
    *,
    questionnaire: Questionnaire,
    current: EstimateTable,
    history: Sequence[EstimateTable] = (),
    lang: Lang,
) -> tuple[Breakdown, ...]:
    """The breakdown of every item of ``chapter`` (a chapter of the report of ``current``)
    that has a national table. A size class or province without a row for a figure, or a
    figure withheld there, is a figure without a value; so is a wave that did not ask it."""
    lines = _lines(current, history, kind, lang)
    breakdowns = []
    for section in chapter.sections:
        breakdown = _breakdown(section, kind, lines, questionnaire, lang)
        if breakdown is not None:
            breakdowns.append(breakdown)
    return tuple(breakdowns)


Line = tuple[str, EstimateTable, str]
"""A row of a breakdown: its label, the table it reads and the domain there."""


def _lines(
    current: EstimateTable, history: Sequence[EstimateTable], kind: BreakdownKind, lang: Lang
) -> list[Line]:
    if kind == "size_class":
        return [(c.label.get(lang), current, f"size_class={c.code}") for c in PUBLICATION_CLASSES]
    if kind == "province":
        provinces = sorted({r.domain for r in current.rows if r.domain.startswith(PROVINCE)})
        return [(domain.removeprefix(PROVINCE), current, domain) for domain in provinces]
    earlier = sorted((t for t in history if t.wave < current.wave), key=lambda t: t.wave)
    return [(str(table.wave), table, ALL) for table in [*earlier, current]]


def _breakdown(
    section: ItemSection,
    kind: BreakdownKind,
    lines: Sequence[Line],
    questionnaire: Questionnaire,
    lang: Lang,
) -> Breakdown | None:
    if not section.tables:
        return None
    national = section.tables[0]
    keyed = [figure for figure in national.figures if figure.key is not None]
    if not keyed or not lines:
        return None
    found = [[table.find(*_key(figure), domain) for figure in keyed] for _l, table, domain in lines]
    rows = tuple(
        BreakdownRow(
            label, tuple(_cell(row, figure) for row, figure in zip(cells, keyed, strict=True))
        )
        for (label, _table, _domain), cells in zip(lines, found, strict=True)
    )
    return Breakdown(
        kind=kind,
        item=section.item,
        anchor=f"{section.anchor}-{kind}",
        caption=section.question,
        columns=tuple(figure.label for figure in keyed),
        rows=rows,
        chart=_chart(kind, keyed, lines, found, questionnaire, lang),
    )


def _key(figure: Figure) -> tuple[str, str]:
    assert figure.key is not None
    return figure.key


def _cell(row: IndicatorRow | None, national: Figure) -> Figure:
    if row is None:
        return Figure(national.label, national.scale, None, None, key=national.key)
    return figure_of(row, national.label)


def _chart(
    kind: BreakdownKind,
    figures: Sequence[Figure],
    lines: Sequence[Line],
    found: Sequence[Sequence[IndicatorRow | None]],
    questionnaire: Questionnaire,
    lang: Lang,
) -> Chart | None:
    """The chart of the first figure that has something to show across the rows (two
    published values for a trend, one for a breakdown), ``None`` if no figure has."""
    least = 2 if kind == "trend" else 1
    for column, figure in enumerate(figures):
        rows = [cells[column] for cells in found]
        bars = tuple(
            bar_of(row, label, absent_is_withheld=kind != "trend")
            for row, (label, _table, _domain) in zip(rows, lines, strict=True)
        )
        if sum(bar.estimate is not None for bar in bars) < least:
            continue
        axis = value_axis(questionnaire, _key(figure)[0], figure.scale, rows)
        title = _title(kind, figure.label, lang)
        return Chart(_CHART_KINDS[kind], title, figure.scale, bars, axis)
    return None


_CHART_KINDS: dict[BreakdownKind, ChartKind] = {
    "size_class": "size_class",
    "province": "bars",
    "trend": "trend",
}


def _title(kind: BreakdownKind, label: str, lang: Lang) -> str:
    w = words(lang)
    if kind == "size_class":
        return w.by_size_class.format(label=label)
    if kind == "trend":
        return w.over_waves.format(label=label)
    return translator(lang).gettext("By province: {label}").format(label=label)
