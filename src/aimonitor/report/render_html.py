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
    ValueScale,
    difference_decimals,
    displayed_interval,
    format_difference,
    format_mean,
    format_n,
    format_number,
    format_percent,
    format_rate,
)
from aimonitor.i18n import Lang
from aimonitor.stats import Estimate

from .annex import size_class_label
from .charts import chart_svg
from .model import Change, Chart, Report
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
        value=lambda figure: value_text(figure.estimate, figure.scale, lang),
        interval=lambda figure: interval_text(figure.estimate, figure.scale, lang),
        change=lambda figure: change_text(figure.change, figure.scale, lang),
        number=lambda n: DASH if n is None else format_number(n, lang),
        rate=lambda r: format_rate(r, lang),
        decimal=lambda value, decimals: format_number(value, lang, decimals=decimals),
        category_label=lambda variable, key: (
            size_class_label(key, lang) if variable == "size_class" else key
        ),
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


def _percent_range(lower: Decimal, upper: Decimal, lang: Lang, decimals: int = 0) -> str:
    # Already rounded to ``decimals``; dividing by 100 and formatting again keeps the digits.
    low = format_number(float(lower), lang, decimals=decimals)
    return f"{low}{DASH}{format_percent(float(upper) / 100, lang, decimals=decimals)}"


def value_text(estimate: Estimate | None, scale: ValueScale, lang: Lang) -> str:
    """The estimate as shown in a table: ``46%``, ``3,8``, or ``–`` when suppressed."""
    if estimate is None:
        return DASH
    if scale == "mean":
        return format_mean(estimate.estimate, lang)
    shown = displayed_interval(estimate)
    return format_percent(float(shown.estimate) / 100, lang)


def interval_text(estimate: Estimate | None, scale: ValueScale, lang: Lang) -> str:
    """The interval as shown in a table: ``43–49%``, ``3,5–4,1``, or ``–``."""
    if estimate is None:
        return DASH
    if scale == "mean":
        lower, upper = estimate.ci_lower, estimate.ci_upper
        return f"{format_mean(lower, lang)}{DASH}{format_mean(upper, lang)}"
    shown = displayed_interval(estimate)
    return _percent_range(shown.lower, shown.upper, lang)


def change_text(change: Change | None, scale: ValueScale, lang: Lang) -> str:
    """The change since an earlier wave with its interval, or ``–``; a significant change is
    printed at :func:`~aimonitor.formatting.difference_decimals`, as in the key findings."""
    if change is None:
        return DASH
    decimals = difference_decimals(change.estimate, scale)
    value, interval = format_difference(change.estimate, lang, scale, decimals=decimals)
    return f"{value} ({interval})"


def chart_alt(chart: Chart, lang: Lang) -> str:
    """A text alternative stating every figure of a chart."""
    parts = []
    for bar in chart.bars:
        if bar.estimate is None:
            parts.append(f"{bar.label}: {DASH}")
            continue
        value = value_text(bar.estimate, chart.scale, lang)
        interval = interval_text(bar.estimate, chart.scale, lang)
        parts.append(f"{bar.label}: {value} ({interval}), {format_n(bar.n, lang)}")
    return f"{chart.title}. " + "; ".join(parts)
