"""The report as one self-contained HTML document: inline CSS, charts as inline SVG images.

All text comes from the model and :mod:`.words`; all numbers are formatted here through
:mod:`aimonitor.formatting` (Jinja filters), never in the templates themselves.
"""

from __future__ import annotations

import base64
from decimal import Decimal
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from aimonitor.formatting import (
    displayed_interval,
    format_difference_interval,
    format_mean,
    format_mean_difference,
    format_mean_difference_interval,
    format_n,
    format_number,
    format_percent,
    format_point_difference,
)
from aimonitor.stats.result import Estimate

from .charts import chart_svg
from .model import Change, Chart, Figure, Report, Scale
from .words import words

TEMPLATES = Path(__file__).resolve().parent / "templates"
DASH = "–"


def render_html(report: Report) -> str:
    """The whole report as an HTML document (a string), the same for the same report."""
    svgs = {id(chart): chart_svg(chart, report.lang) for chart in report.charts}
    return _render(report, svgs)


def _render(report: Report, svgs: dict[int, str]) -> str:
    lang = report.lang
    template = _environment().get_template("report.html")
    return template.render(
        report=report,
        w=words(lang),
        value=lambda figure: figure_value(figure, lang),
        interval=lambda figure: figure_interval(figure, lang),
        change=lambda figure: change_text(figure.change, figure.scale, lang),
        number=lambda n: format_number(n, lang),
        percent=lambda p: format_percent(p, lang),
        level=lambda level: format_percent(level, lang),
        chart_src=lambda chart: Markup(_data_uri(svgs[id(chart)])),
        chart_alt=lambda chart: chart_alt(chart, lang),
        css_string=css_string,
    )


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string, safe inside a ``<style>`` element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return Markup(f'"{escaped}"')


def _percent_range(lower: Decimal, upper: Decimal, lang: str, decimals: int = 0) -> str:
    # Already rounded to ``decimals``; dividing by 100 and formatting again keeps the digits.
    low = format_number(float(lower), lang, decimals=decimals)
    return f"{low}{DASH}{format_percent(float(upper) / 100, lang, decimals=decimals)}"


def _displayed(figure: Figure) -> tuple[Decimal, Decimal, Decimal] | None:
    if not figure.shown or figure.lower is None or figure.upper is None:
        return None
    assert figure.estimate is not None  # shown
    shown = displayed_interval(
        Estimate(figure.estimate, 0.0, figure.lower, figure.upper, None, figure.n, "")
    )
    return shown.estimate, shown.lower, shown.upper


def figure_value(figure: Figure, lang: str) -> str:
    """The estimate as shown in a table: ``46%``, ``3,8``, or ``–`` when suppressed."""
    if not figure.shown or figure.estimate is None:
        return DASH
    if figure.scale == "mean":
        return format_mean(figure.estimate, lang)
    shown = _displayed(figure)
    assert shown is not None
    return format_percent(float(shown[0]) / 100, lang)


def figure_interval(figure: Figure, lang: str) -> str:
    """The interval as shown in a table: ``43–49%``, ``3,5–4,1``, or ``–``."""
    if not figure.shown or figure.lower is None or figure.upper is None:
        return DASH
    if figure.scale == "mean":
        return f"{format_mean(figure.lower, lang)}{DASH}{format_mean(figure.upper, lang)}"
    shown = _displayed(figure)
    assert shown is not None
    return _percent_range(shown[1], shown[2], lang)


def change_text(change: Change | None, scale: Scale, lang: str) -> str:
    """The change since an earlier wave with its interval, or ``–``."""
    if change is None:
        return DASH
    decimals = _change_decimals(change, scale)
    if scale == "mean":
        value = format_mean_difference(change.difference, lang, decimals=decimals)
        interval = format_mean_difference_interval(
            change.lower, change.upper, lang, decimals=decimals
        )
    else:
        value = format_point_difference(change.difference, lang, decimals=decimals)
        interval = format_difference_interval(change.lower, change.upper, lang, decimals=decimals)
    return f"{value} ({interval})"


def _change_decimals(change: Change, scale: Scale) -> int:
    """One decimal more when a significant change would otherwise show a bound of 0, so a
    significant change never looks like one whose interval touches 0."""
    decimals = 1 if scale == "mean" else 0
    if not change.significant:
        return decimals
    factor = 1 if scale == "mean" else 100
    nearest = min(abs(change.lower), abs(change.upper)) * factor
    return decimals + 1 if round(nearest, decimals) == 0 else decimals


def chart_alt(chart: Chart, lang: str) -> str:
    """A text alternative stating every figure of a chart."""
    parts = []
    for bar in chart.bars:
        figure = Figure(
            bar.label,
            chart.scale,
            bar.estimate,
            bar.lower,
            bar.upper,
            bar.n,
            suppressed=bar.suppressed,
        )
        if figure.shown:
            value = f"{figure_value(figure, lang)} ({figure_interval(figure, lang)})"
            parts.append(f"{bar.label}: {value}, {format_n(bar.n, lang)}")
        else:
            parts.append(f"{bar.label}: {DASH}")
    return f"{chart.title}. " + "; ".join(parts)
