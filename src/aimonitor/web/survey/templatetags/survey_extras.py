"""Template helpers of the survey: look-ups only, no wording."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def lookup(mapping: Mapping[str, object] | None, key: str) -> object:
    """``mapping[key]``, or ``None`` when absent."""
    return None if mapping is None else mapping.get(key)


@register.filter
def assigned(theme_id: str, team: Iterable[Any]) -> bool:
    """Whether a contributor of ``team`` has the theme (else the coordinator answers it)."""
    return any(theme_id in member.themes for member in team)
