"""Small template helpers for the public pages."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Mapping[object, object], key: object) -> object:
    """``{{ mapping|get_item:key }}``: a dictionary lookup with a variable key."""
    return mapping.get(key)
