"""Every database read of the frame's copy in the database (``read_*``)."""

from __future__ import annotations

from aimonitor.web.municipalities.models import Municipality


def read_municipalities(frame_year: int) -> dict[str, Municipality]:
    """The municipalities of the ``frame_year`` frame by CBS code (for foreign keys)."""
    return {m.code: m for m in Municipality.objects.filter(frame_year=frame_year)}
