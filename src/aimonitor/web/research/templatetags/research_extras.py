"""The cockpit's figures in words and numbers, from the core: labels, counts, percentages and
decimals in the page's language (:mod:`aimonitor.formatting`)."""

from __future__ import annotations

from django import template

from aimonitor.fieldwork.progress import FieldworkState, ProgressCell
from aimonitor.formatting import format_number, format_percent
from aimonitor.frame import SIZE_CLASSES, SizeClass
from aimonitor.i18n import Lang, Text
from aimonitor.indicators import CategoryPartial, PartialIndicators
from aimonitor.web.language import current_language

register = template.Library()

_VARIABLES = {
    "size_class": Text(nl="Grootteklasse", en="Size class"),
    "province": Text(nl="Provincie", en="Province"),
}
_SIZE_CLASSES = {size_class.code: size_class for size_class in SIZE_CLASSES}


@register.filter
def cell_label(cell: ProgressCell, lang: Lang) -> str:
    return cell.label(lang)


@register.filter
def state_count(cell: ProgressCell, state: FieldworkState) -> int:
    return cell.count(state)


@register.filter
def percent(proportion: float | None) -> str:
    return "–" if proportion is None else format_percent(proportion, current_language())


@register.filter
def decimal(value: float, decimals: int) -> str:
    return format_number(value, current_language(), decimals=int(decimals))


@register.filter
def size_label(size_class: SizeClass, lang: Lang) -> str:
    return size_class.label.get(lang)


@register.filter
def variable_label(partials: PartialIndicators, lang: Lang) -> str:
    return _VARIABLES[partials.variable].get(lang)


@register.filter
def category_label(category: CategoryPartial, lang: Lang) -> str:
    if category.key in _SIZE_CLASSES:
        return _SIZE_CLASSES[category.key].label.get(lang)
    return category.key
