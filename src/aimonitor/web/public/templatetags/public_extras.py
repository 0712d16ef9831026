"""Template filters that hand wording and numbers to the core, never doing either here."""

from __future__ import annotations

from django import template

from aimonitor.formatting import format_number, format_rate
from aimonitor.i18n import check_language
from aimonitor.indicators import ResponseCell
from aimonitor.report.model import Chart, Figure
from aimonitor.report.render_html import (
    change_text,
    chart_alt,
    interval_text,
    value_text,
)

register = template.Library()


@register.filter
def response_label(cell: ResponseCell, lang: str) -> str:
    """``{{ cell|response_label:lang }}``: the row's label (size class, province, total)."""
    return cell.label(check_language(lang))


@register.filter
def rate(value: float | None, lang: str) -> str:
    """``{{ cell.rate|rate:lang }}``: a whole percentage, or "–" when it is undefined."""
    return format_rate(value, check_language(lang))


@register.filter
def number(value: int, lang: str) -> str:
    """``{{ cell.population|number:lang }}``: a count with the language's separators."""
    return format_number(value, check_language(lang))


@register.filter
def figure_value(figure: Figure, lang: str) -> str:
    """``{{ figure|figure_value:lang }}``: the figure as the report shows it, "–" if withheld."""
    return value_text(figure.estimate, figure.scale, check_language(lang))


@register.filter
def figure_interval(figure: Figure, lang: str) -> str:
    """``{{ figure|figure_interval:lang }}``: its 95% interval as the report shows it."""
    return interval_text(figure.estimate, figure.scale, check_language(lang))


@register.filter
def figure_change(figure: Figure, lang: str) -> str:
    """``{{ figure|figure_change:lang }}``: the change since the previous wave, with interval."""
    return change_text(figure.change, figure.scale, check_language(lang))


@register.filter
def chart_name(chart: Chart, lang: str) -> str:
    """``{{ chart|chart_name:lang }}``: the name of the chart's drawing on the dashboard."""
    from aimonitor.web.public.dashboard import chart_name as name_of

    return name_of(chart, check_language(lang))


@register.filter
def chart_text(chart: Chart, lang: str) -> str:
    """``{{ chart|chart_text:lang }}``: the chart's text alternative, stating every figure."""
    return chart_alt(chart, check_language(lang))


@register.filter
def count(value: int | None, lang: str) -> str:
    """``{{ figure.n|count:lang }}``: a count, or "–" when it is withheld."""
    return "–" if value is None else format_number(value, check_language(lang))
