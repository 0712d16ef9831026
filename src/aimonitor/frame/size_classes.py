"""Municipality size classes by number of inhabitants."""

from __future__ import annotations

from dataclasses import dataclass

from aimonitor.i18n import Text


@dataclass(frozen=True, slots=True)
class SizeClass:
    """A range of inhabitants: ``lower <= inhabitants < upper`` (no upper bound if ``None``)."""

    code: str
    label: Text
    lower: int
    upper: int | None

    def contains(self, inhabitants: int) -> bool:
        """Whether a municipality with this many inhabitants falls in this class."""
        return self.lower <= inhabitants and (self.upper is None or inhabitants < self.upper)


SIZE_CLASSES: tuple[SizeClass, ...] = (
    SizeClass("lt20k", Text(nl="< 20.000 inwoners", en="< 20,000 inhabitants"), 0, 20_000),
    SizeClass(
        "20k-50k",
        Text(nl="20.000 tot 50.000 inwoners", en="20,000 to 50,000 inhabitants"),
        20_000,
        50_000,
    ),
    SizeClass(
        "50k-100k",
        Text(nl="50.000 tot 100.000 inwoners", en="50,000 to 100,000 inhabitants"),
        50_000,
        100_000,
    ),
    SizeClass(
        "100k-250k",
        Text(nl="100.000 tot 250.000 inwoners", en="100,000 to 250,000 inhabitants"),
        100_000,
        250_000,
    ),
    SizeClass("ge250k", Text(nl="≥ 250.000 inwoners", en="≥ 250,000 inhabitants"), 250_000, None),
)
"""The five size classes from small to large. A lower bound belongs to its class:
a municipality of exactly 20,000 inhabitants is in ``20k-50k``."""


def size_class_of(inhabitants: int) -> SizeClass:
    """The size class of a municipality with ``inhabitants`` inhabitants.

    Raises :class:`ValueError` for a negative number, which no municipality can have.
    """
    for size_class in SIZE_CLASSES:
        if size_class.contains(inhabitants):
            return size_class
    raise ValueError(f"number of inhabitants cannot be negative: {inhabitants}")
