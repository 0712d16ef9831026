"""Template helpers of the survey: look-ups only, no wording."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

register = template.Library()


@register.filter
def lookup(mapping: Mapping[str, object] | None, key: str) -> object:
    """``mapping[key]``, or ``None`` when absent."""
    return None if mapping is None else mapping.get(key)
