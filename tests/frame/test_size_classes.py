"""Size classes: five classes by inhabitants, each lower bound inclusive."""

from __future__ import annotations

from itertools import pairwise

import pytest

from aimonitor.frame import SIZE_CLASSES, size_class_of


def test_there_are_five_classes_from_small_to_large() -> None:
    assert [c.code for c in SIZE_CLASSES] == ["lt20k", "20k-50k", "50k-100k", "100k-250k", "ge250k"]


def test_the_classes_cover_every_size_without_gaps_or_overlap() -> None:
    assert SIZE_CLASSES[0].lower == 0
    assert SIZE_CLASSES[-1].upper is None
    for smaller, larger in pairwise(SIZE_CLASSES):
        assert smaller.upper == larger.lower


@pytest.mark.parametrize(
    ("inhabitants", "code"),
    [
        (0, "lt20k"),
        (19_999, "lt20k"),
        (20_000, "20k-50k"),
        (49_999, "20k-50k"),
        (50_000, "50k-100k"),
        (99_999, "50k-100k"),
        (100_000, "100k-250k"),
        (249_999, "100k-250k"),
        (250_000, "ge250k"),
        (931_298, "ge250k"),
    ],
)
def test_a_boundary_belongs_to_the_larger_class(inhabitants: int, code: str) -> None:
    assert size_class_of(inhabitants).code == code


def test_a_negative_number_of_inhabitants_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="cannot be negative: -1"):
        size_class_of(-1)


def test_labels_use_dutch_and_english_number_formatting() -> None:
    smallest, largest = SIZE_CLASSES[0], SIZE_CLASSES[-1]
    assert smallest.label.get("nl") == "< 20.000 inwoners"
    assert smallest.label.get("en") == "< 20,000 inhabitants"
    assert largest.label.get("nl") == "≥ 250.000 inwoners"
    assert largest.label.get("en") == "≥ 250,000 inhabitants"
    assert SIZE_CLASSES[1].label.get("nl") == "20.000 tot 50.000 inwoners"
