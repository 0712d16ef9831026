"""Charts as self-contained, deterministic SVG (matplotlib, imported lazily).

One chart library for the report and, later, the dashboard: :func:`chart_svg` draws a
:class:`~aimonitor.report.model.Chart` in a language. Text is drawn as paths (no fonts needed
by the reader), ids are salted with a constant and no date is written, so the same chart
gives the same bytes.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aimonitor.formatting import format_mean, format_percent
from aimonitor.i18n import Lang

from .model import Bar, Chart

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.typing import RcKeyType

BAR_COLOUR = "#01689b"
"""NL Design System / Rijkshuisstijl "hemelblauw"-like blue, sober on white and in print."""
WHISKER_COLOUR = "#1a1a1a"
MUTED = "#6b6b6b"
WIDTH_INCHES = 6.3
LABEL_WIDTH = 40
"""Characters per line of a bar label before it wraps."""

_RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "path",
    "svg.hashsalt": "aimonitor-report",
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.edgecolor": MUTED,
    "axes.linewidth": 0.6,
    "xtick.color": MUTED,
    "ytick.color": "#1a1a1a",
    "xtick.major.width": 0.6,
    "ytick.major.width": 0,
}


def chart_svg(chart: Chart, lang: Lang) -> str:
    """The chart as an SVG document (a string starting with ``<svg``)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_RC):
        if chart.kind == "trend":
            figure = Figure(figsize=(WIDTH_INCHES * 0.62, 2.2))
            _trend(figure.add_subplot(), chart, lang)
            figure.subplots_adjust(left=0.14, right=0.97, top=0.95, bottom=0.14)
        else:
            lines = sum(_wrapped(bar.label).count("\n") + 1 for bar in chart.bars)
            height = 0.45 + 0.19 * lines + 0.08 * len(chart.bars)
            figure = Figure(figsize=(WIDTH_INCHES, height))
            _bars(figure.add_subplot(), chart, lang)
            bottom = 0.32 / height
            figure.subplots_adjust(left=0.42, right=0.9, top=1 - 0.08 / height, bottom=bottom)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None}, facecolor="white")
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _wrapped(label: str) -> str:
    return "\n".join(textwrap.wrap(label, LABEL_WIDTH)) or label


def _value_text(lang: Lang, chart: Chart) -> Callable[[float], str]:
    if chart.scale == "proportion":
        return lambda value: format_percent(value, lang)
    return lambda value: format_mean(value, lang)


def _bars(axes: Axes, chart: Chart, lang: Lang) -> None:
    low, high = chart.axis
    text = _value_text(lang, chart)
    positions = list(range(len(chart.bars)))[::-1]
    for position, bar in zip(positions, chart.bars, strict=True):
        values = _values(bar)
        if values is None:
            axes.text(low + (high - low) * 0.01, position, "–", va="center", color=MUTED)
            continue
        estimate, _lower, upper = values
        axes.barh(position, estimate - low, left=low, height=0.62, color=BAR_COLOUR)
        _whisker(axes, position, values, across="x")
        axes.text(
            min(upper, high) + (high - low) * 0.012,
            position,
            text(estimate),
            va="center",
            fontsize=7.5,
        )
    axes.set_yticks(positions, [_wrapped(bar.label) for bar in chart.bars])
    axes.set_ylim(-0.6, len(chart.bars) - 0.4)
    axes.set_xlim(low, high)
    _value_axis(axes, chart, lang, "x")
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.tick_params(axis="y", length=0)
    axes.grid(axis="x", color="#e5e5e5", linewidth=0.5)
    axes.set_axisbelow(True)


def _trend(axes: Axes, chart: Chart, lang: Lang) -> None:
    low, high = chart.axis
    shown = [(i, v) for i, v in enumerate(map(_values, chart.bars)) if v is not None]
    xs = [i for i, _values in shown]
    ys = [values[0] for _i, values in shown]
    axes.plot(xs, ys, color=BAR_COLOUR, linewidth=1.2, marker="o", markersize=4)
    for i, values in shown:
        estimate, _lower, upper = values
        _whisker(axes, i, values, across="y")
        axes.annotate(
            _value_text(lang, chart)(estimate),
            (i, upper),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            fontsize=7.5,
        )
    for i, bar in enumerate(chart.bars):
        if _values(bar) is None:
            axes.text(i, low + (high - low) * 0.03, "–", ha="center", color=MUTED)
    axes.set_xticks(range(len(chart.bars)), [bar.label for bar in chart.bars])
    axes.set_xlim(-0.5, len(chart.bars) - 0.5)
    axes.set_ylim(low, high * 1.08 if chart.scale == "proportion" else high)
    _value_axis(axes, chart, lang, "y")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="y", color="#e5e5e5", linewidth=0.5)
    axes.set_axisbelow(True)


def _whisker(
    axes: Axes, position: float, values: tuple[float, float, float], *, across: str
) -> None:
    """The interval whisker of (estimate, lower, upper) at ``position``, along the value axis
    ``across`` ("x" for horizontal bars, "y" for a trend)."""
    estimate, lower, upper = values
    extent = [[max(estimate - lower, 0.0)], [max(upper - estimate, 0.0)]]
    style: dict[str, Any] = {
        "fmt": "none",
        "ecolor": WHISKER_COLOUR,
        "elinewidth": 0.8,
        "capsize": 2.5,
    }
    if across == "x":
        axes.errorbar(estimate, position, xerr=extent, **style)
    else:
        axes.errorbar(position, estimate, yerr=extent, **style)


def _value_axis(axes: Axes, chart: Chart, lang: Lang, which: str) -> None:
    low, high = chart.axis
    if chart.scale == "proportion":
        ticks = [0.0, 0.25, 0.5, 0.75, 1.0]
    elif (low, high) == (1.0, 5.0):
        ticks = [1.0, 2.0, 3.0, 4.0, 5.0]
    else:
        step = _nice_step(high - low)
        ticks = [low + step * k for k in range(int((high - low) / step) + 1)]
    text = _value_text(lang, chart)
    labels = [text(t) if chart.scale == "proportion" else _tick(t, lang) for t in ticks]
    if which == "x":
        axes.set_xticks(ticks, labels)
    else:
        axes.set_yticks(ticks, labels)


def _tick(value: float, lang: Lang) -> str:
    return format_mean(value, lang, decimals=0 if value == int(value) else 1)


def _nice_step(span: float) -> float:
    for step in (0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if span / step <= 6:
            return float(step)
    return span / 5


def _values(bar: Bar) -> tuple[float, float, float] | None:
    """Estimate, lower and upper bound of a bar that is shown; ``None`` for "–"."""
    if bar.estimate is None:
        return None
    return bar.estimate.estimate, bar.estimate.ci_lower, bar.estimate.ci_upper
