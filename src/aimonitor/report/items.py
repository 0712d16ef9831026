"""A chapter's item sections: the table of every item, its bar chart, and for the items the
key findings point to (and group indicators) a chart by size class and a trend over waves."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from aimonitor.findings.text import capitalize_first
from aimonitor.formatting import ValueScale
from aimonitor.i18n import Lang
from aimonitor.indicators import ALL, EstimateTable, IndicatorRow
from aimonitor.indicators.disclosure import PUBLICATION_CLASSES, published
from aimonitor.questionnaire import GridItem, Item, Questionnaire, Variable
from aimonitor.questionnaire.types import question_type

from .labels import Answers, grid_option_label, is_code, option_label
from .model import Bar, Change, Chart, Figure, ItemSection, Table
from .words import Words

MAX_DETAIL_CHARTS = 2
"""At most this many indicators per item get a size-class chart and a trend chart."""

RowKey = tuple[str, str]


@dataclass(frozen=True)
class Inputs:
    """What every section is built from; ``current`` holds valid rows only."""

    questionnaire: Questionnaire
    current: EstimateTable
    history: Sequence[EstimateTable]
    changes: EstimateTable | None
    lang: Lang
    words: Words
    options: Mapping[str, tuple[str, ...]]
    """Per variable, the options of its ``all`` rows, in questionnaire order."""
    finding_keys: Mapping[str, tuple[tuple[str, str | None], ...]]
    """Per item, the (variable, option) pairs key findings point to."""
    answers: Answers
    """The catalogue's label of every (variable, option)."""


def variable_anchor(name: str) -> str:
    return f"v-{name}"


def item_section(inputs: Inputs, item: Item) -> ItemSection:
    q, lang, words = inputs.questionnaire, inputs.lang, inputs.words
    question = item.text.get(lang)
    anchor = variable_anchor(item.id)
    if not question_type(item.type).presentation.tabulated:
        return ItemSection(item.id, anchor, question, (), (), notice=words.open_question)
    variables = [v for v in q.variables() if v.item == item.id]
    figures, headline = _figures(inputs, item, variables)
    if not figures:
        return ItemSection(item.id, anchor, question, (), (), notice=words.nobody_answered)
    since = inputs.changes.compared_with if inputs.changes is not None else None
    table = Table(caption=question, figures=tuple(figures), changes_since=since)
    charts = [c for c in [_bars_chart(inputs, item, question, headline)] if c is not None]
    for key in _detail_keys(inputs, item, variables, headline):
        charts.extend(_detail_charts(inputs, key))
    return ItemSection(item.id, anchor, question, (table,), tuple(charts))


def _figures(
    inputs: Inputs, item: Item, variables: Sequence[Variable]
) -> tuple[list[Figure], list[tuple[RowKey, str]]]:
    """The table lines of an item, and the (key, label) of one headline figure per bar."""
    figures: list[Figure] = []
    headline: list[tuple[RowKey, str]] = []
    grid_rows = (
        {row.key: capitalize_first(row.label.get(inputs.lang)) for row in item.rows}
        if isinstance(item, GridItem)
        else {}
    )
    for variable in variables:
        options = inputs.options.get(variable.name, ())
        if not options:
            continue
        row_label = grid_rows.get(variable.row or "")
        if row_label is None:
            for option in options:
                figures.append(_figure(inputs, variable, option, _label(inputs, variable, option)))
            headline.extend(
                ((variable.name, o), _label(inputs, variable, o))
                for o in _bar_options(variable, options)
            )
            continue
        shown = _grid_row_options(options)
        for position, option in enumerate(shown):
            label = row_label
            if len(shown) > 1:
                label = f"{row_label} – {_label(inputs, variable, option)}"
            anchor = variable_anchor(variable.name) if position == 0 else None
            figures.append(_figure(inputs, variable, option, label, anchor=anchor))
        first = shown[0]
        headline.append(((variable.name, first), row_label))
    # Indicators across the rows of a grid are stored under the item id.
    if isinstance(item, GridItem):
        for option in inputs.options.get(item.id, ()):
            label = grid_option_label(item.id, option, inputs.lang, inputs.words, inputs.answers)
            figures.append(_figure(inputs, None, option, label, variable_name=item.id))
    return figures, headline


def _label(inputs: Inputs, variable: Variable | None, option: str) -> str:
    return option_label(variable, option, inputs.lang, inputs.words, inputs.answers)


def _grid_row_options(options: Sequence[str]) -> list[str]:
    """A grid row shows its group shares if it has groups, else its mean, else every code."""
    groups = [o for o in options if o.startswith("group:")]
    if groups:
        return groups
    if "mean" in options:
        return ["mean"]
    return list(options)


def _bar_options(variable: Variable, options: Sequence[str]) -> list[str]:
    """Which figures of a single variable the bar chart shows."""
    if question_type(variable.type).presentation.bars == "ranks":
        top = [o for o in options if o.startswith("top")]
        return top or [o for o in options if o.startswith("rank1:")]
    codes = [o for o in options if is_code(o)]
    return codes or list(options)


def _figure(
    inputs: Inputs,
    variable: Variable | None,
    option: str,
    label: str,
    *,
    anchor: str | None = None,
    variable_name: str | None = None,
) -> Figure:
    name = variable_name or (variable.name if variable else "")
    row = inputs.current.get(name, option, ALL)
    return figure_of(row, label, anchor=anchor, change=_change(inputs, name, option))


def figure_of(
    row: IndicatorRow, label: str, *, anchor: str | None = None, change: Change | None = None
) -> Figure:
    shown = published(row)
    return Figure(
        label=label,
        scale=scale_of(row),
        estimate=shown,
        n=None if shown is None else shown.n,
        anchor=anchor,
        change=None if shown is None else change,
        key=(row.variable, row.option),
    )


def scale_of(row: IndicatorRow) -> ValueScale:
    return "mean" if row.kind == "mean" or row.option == "mean" else "proportion"


def _change(inputs: Inputs, variable: str, option: str) -> Change | None:
    if inputs.changes is None or inputs.changes.compared_with is None:
        return None
    row = inputs.changes.find(variable, option, ALL)
    shown = None if row is None else published(row)
    if shown is None:
        return None
    return Change(inputs.changes.compared_with, shown)


def bar_of(row: IndicatorRow | None, label: str, *, absent_is_withheld: bool = False) -> Bar:
    """The bar of ``row`` as published; a missing row is a bar without a figure, withheld
    like a suppressed one when ``absent_is_withheld`` (in a chart by size class)."""
    shown = None if row is None else published(row)
    if shown is None:
        suppressed = row.suppressed if row is not None else absent_is_withheld
        return Bar(label, None, 0, suppressed)
    return Bar(label, shown, shown.n)


def _bars_chart(
    inputs: Inputs, item: Item, question: str, headline: Sequence[tuple[RowKey, str]]
) -> Chart | None:
    if len(headline) < 2:
        return None
    rows = [inputs.current.get(*key, ALL) for key, _label in headline]
    bars = tuple(bar_of(row, label) for row, (_key, label) in zip(rows, headline, strict=True))
    scale = scale_of(rows[0])
    title = question
    options = {key[1] for key, _label in headline}
    if isinstance(item, GridItem) and len(options) == 1:
        (option,) = options
        if option != "mean":
            variable = inputs.questionnaire.variable(headline[0][0][0])
            title = f"{question} ({_label(inputs, variable, option)})"
    return Chart(
        "bars", title, scale, bars, value_axis(inputs.questionnaire, headline[0][0][0], scale, rows)
    )


def value_axis(
    questionnaire: Questionnaire,
    variable: str,
    scale: ValueScale,
    rows: Sequence[IndicatorRow | None],
) -> tuple[float, float]:
    """The value axis of a chart of ``rows``: 0-1 for shares, 1-5 for a Likert mean, from 0
    to a little above the highest upper bound for another mean."""
    if scale == "proportion":
        return (0.0, 1.0)
    try:
        likert = questionnaire.variable(variable).likert
    except KeyError:
        likert = False
    if likert:
        return (1.0, 5.0)
    # Suppressed rows are not drawn; a one-respondent mean has an infinite upper bound.
    shown = [published(r) for r in rows if r is not None]
    top = max(
        (e.ci_upper for e in shown if e is not None and math.isfinite(e.ci_upper)),
        default=1.0,
    )
    return (0.0, max(top * 1.1, 1.0))


def _detail_keys(
    inputs: Inputs,
    item: Item,
    variables: Sequence[Variable],
    headline: Sequence[tuple[RowKey, str]],
) -> list[tuple[RowKey, str]]:
    """The indicators that get a size-class and a trend chart: those findings point to, then
    the item's group indicators (not per grid row), at most :data:`MAX_DETAIL_CHARTS`."""
    labels = dict(headline)
    names = {v.name for v in variables} | {item.id}
    keys: list[tuple[RowKey, str]] = []
    wanted: list[tuple[str, str | None]] = list(inputs.finding_keys.get(item.id, ()))
    wanted += [
        (v.name, o)
        for v in variables
        if v.row is None
        for o in inputs.options.get(v.name, ())
        if o.startswith(("group:", "any:"))
    ]
    wanted += [(item.id, o) for o in inputs.options.get(item.id, ()) if o.startswith("any:")]
    for name, option in wanted:
        if name not in names:
            continue
        chosen = option or _first_headline(headline, name)
        if chosen is None or inputs.current.find(name, chosen, ALL) is None:
            continue
        key = (name, chosen)
        if key in (k for k, _ in keys):
            continue
        keys.append((key, labels.get(key) or _key_label(inputs, item, key)))
        if len(keys) == MAX_DETAIL_CHARTS:
            break
    return keys


def _first_headline(headline: Sequence[tuple[RowKey, str]], name: str) -> str | None:
    return next((key[1] for key, _label in headline if key[0] == name), None)


def _key_label(inputs: Inputs, item: Item, key: RowKey) -> str:
    name, option = key
    variable = _variable_or_none(inputs, name)
    label = (
        _label(inputs, variable, option)
        if variable
        else (grid_option_label(name, option, inputs.lang, inputs.words, inputs.answers))
    )
    if isinstance(item, GridItem) and variable is not None and variable.row is not None:
        rows = {row.key: capitalize_first(row.label.get(inputs.lang)) for row in item.rows}
        return f"{rows[variable.row]} – {label}"
    return label


def _detail_charts(inputs: Inputs, key_label: tuple[RowKey, str]) -> list[Chart]:
    (name, option), label = key_label
    words, current = inputs.words, inputs.current
    row = current.get(name, option, ALL)
    scale = scale_of(row)
    charts = []
    classes = PUBLICATION_CLASSES
    by_class = [current.find(name, option, f"size_class={c.code}") for c in classes]
    if any(r is not None for r in by_class):
        bars = tuple(
            bar_of(r, c.label.get(inputs.lang), absent_is_withheld=True)
            for r, c in zip(by_class, classes, strict=True)
        )
        title = words.by_size_class.format(label=label)
        charts.append(
            Chart(
                "size_class",
                title,
                scale,
                bars,
                value_axis(inputs.questionnaire, name, scale, by_class),
            )
        )
    waves = [table for table in inputs.history if table.wave < current.wave]
    if waves:
        points = [t.find(name, option, ALL) for t in waves] + [row]
        if sum(p is not None for p in points) >= 2:
            bars = tuple(
                bar_of(p, str(t.wave)) for p, t in zip(points, [*waves, current], strict=True)
            )
            title = words.over_waves.format(label=label)
            charts.append(
                Chart(
                    "trend",
                    title,
                    scale,
                    bars,
                    value_axis(inputs.questionnaire, name, scale, points),
                )
            )
    return charts


def _variable_or_none(inputs: Inputs, name: str) -> Variable | None:
    try:
        return inputs.questionnaire.variable(name)
    except KeyError:
        return None
