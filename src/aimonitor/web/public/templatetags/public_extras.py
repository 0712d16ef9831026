"""Template filters that hand wording and numbers to the core, never doing either here."""

from __future__ import annotations

from django import template

from aimonitor.formatting import format_number, format_rate
from aimonitor.i18n import check_language
from aimonitor.indicators import ResponseCell

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
