"""The frame of a year: look-up by code, counts by size class and by province."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from aimonitor.frame import (
    PROVINCES,
    SIZE_CLASSES,
    Frame,
    FrameError,
    Municipality,
    load_frame,
    size_class_of,
)


def municipality(code: str, name: str, province: str, inhabitants: int) -> Municipality:
    return Municipality(code, name, province, inhabitants, size_class_of(inhabitants))


def test_a_municipality_is_found_by_its_code() -> None:
    amsterdam = load_frame(2023).by_code("GM0363")
    assert (amsterdam.name, amsterdam.province) == ("Amsterdam", "Noord-Holland")
    assert amsterdam.size_class.code == "ge250k"


def test_an_unknown_code_is_a_frame_error() -> None:
    with pytest.raises(FrameError, match="'GM9999' is not a municipality code in the 2024 frame"):
        load_frame(2024).by_code("GM9999")


def test_a_merged_municipality_is_not_in_a_later_frame() -> None:
    with pytest.raises(FrameError, match="'GM0457'"):  # Weesp, part of Amsterdam since 2022
        load_frame(2023).by_code("GM0457")


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_only_the_four_big_cities_have_250_000_inhabitants_or_more(year: int) -> None:
    frame = load_frame(year)
    big = {m.name for m in frame.municipalities if m.size_class.code == "ge250k"}
    assert big == {"Amsterdam", "Rotterdam", "'s-Gravenhage", "Utrecht"}
    assert frame.size_class_counts()["ge250k"] == 4


def test_size_class_counts_list_every_class_in_order_and_add_up_to_342() -> None:
    counts = load_frame(2024).size_class_counts()
    assert list(counts) == [c.code for c in SIZE_CLASSES]
    assert sum(counts.values()) == 342


def test_counts_include_classes_and_provinces_without_municipalities() -> None:
    frame = Frame(
        2024,
        (
            municipality("GM0363", "Amsterdam", "Noord-Holland", 931_298),
            municipality("GM0034", "Almere", "Flevoland", 226_500),
        ),
    )
    assert frame.size_class_counts() == {
        "lt20k": 0,
        "20k-50k": 0,
        "50k-100k": 0,
        "100k-250k": 1,
        "ge250k": 1,
    }
    assert list(frame.province_counts()) == list(PROVINCES)
    assert frame.province_counts()["Noord-Holland"] == 1
    assert frame.province_counts()["Flevoland"] == 1
    assert sum(frame.province_counts().values()) == 2


def test_a_frame_keeps_its_municipalities_sorted_by_code() -> None:
    frame = Frame(
        2024,
        (
            municipality("GM0363", "Amsterdam", "Noord-Holland", 931_298),
            municipality("GM0034", "Almere", "Flevoland", 226_500),
        ),
    )
    assert [m.code for m in frame.municipalities] == ["GM0034", "GM0363"]
    assert len(frame) == 2


def test_the_fingerprint_of_a_frame_changes_with_any_figure_of_any_municipality() -> None:
    frame = load_frame(2024)
    first, *rest = frame.municipalities
    bigger = Frame(2024, (municipality(first.code, first.name, first.province, 1), *rest))
    renamed = Frame(
        2024, (municipality(first.code, "Elders", first.province, first.inhabitants), *rest)
    )
    next_year = Frame(2025, frame.municipalities)
    fingerprints = {frame.sha256, bigger.sha256, renamed.sha256, next_year.sha256}
    assert len(fingerprints) == 4
    assert all(len(f) == 64 for f in fingerprints)


def test_the_fingerprint_ignores_the_layout_of_the_frame_file(
    shipped_lines: Callable[[str], list[str]],
    write_file: Callable[[str, list[str]], Path],
    data_dir: Path,
) -> None:
    header, *rows = shipped_lines("municipalities_2024.csv")
    write_file("municipalities_2024.csv", [header, *reversed(rows)])
    assert load_frame(2024, data_dir).sha256 == load_frame(2024).sha256
