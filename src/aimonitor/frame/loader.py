"""Loading the population frame of a year from ``data/frame/municipalities_<year>.csv``."""

from __future__ import annotations

from pathlib import Path

from aimonitor.frame.csvfile import check_code, parse_int, read_rows
from aimonitor.frame.errors import FrameError
from aimonitor.frame.model import Frame, Municipality
from aimonitor.frame.provinces import PROVINCES
from aimonitor.frame.size_classes import size_class_of
from aimonitor.paths import data_dir as default_data_dir

FRAME_YEARS: tuple[int, ...] = (2023, 2024, 2025)
"""The years with a frame file; the frame of year Y holds the municipalities on 1 Jan Y."""

EXPECTED_COUNTS: dict[int, int] = {2023: 342, 2024: 342, 2025: 342}
"""Number of municipalities CBS counts on 1 January of each frame year."""

COLUMNS = ("code", "name", "province", "inhabitants")


def frame_path(year: int, data_dir: Path | None = None) -> Path:
    """The CSV file that holds the frame of ``year``."""
    base = default_data_dir() if data_dir is None else data_dir
    return base / "frame" / f"municipalities_{year}.csv"


def load_frame(year: int, data_dir: Path | None = None) -> Frame:
    """The municipalities on 1 January of ``year``, read and checked.

    ``data_dir`` is the folder that contains ``frame/``; by default the project's ``data/``.
    Raises :class:`FrameError` for a year without a frame, a missing file or column, and a
    row that is not a valid municipality, or when the count differs from CBS's count.
    """
    if year not in FRAME_YEARS:
        years = ", ".join(str(y) for y in FRAME_YEARS)
        raise FrameError(f"no population frame for {year}; frames exist for {years}")
    path = frame_path(year, data_dir)
    municipalities: list[Municipality] = []
    first_line: dict[str, int] = {}
    for line, row in read_rows(path, COLUMNS):
        code = check_code(path, line, "code", row["code"])
        if code in first_line:
            raise FrameError(
                f"{path}, line {line}: duplicate code {code} (also on line {first_line[code]})"
            )
        first_line[code] = line
        if not row["name"]:
            raise FrameError(f"{path}, line {line}: empty name for {code}")
        if row["province"] not in PROVINCES:
            raise FrameError(
                f"{path}, line {line}: unknown province {row['province']!r} for {code}; "
                f"expected one of {', '.join(PROVINCES)}"
            )
        inhabitants = parse_int(path, line, "inhabitants", row["inhabitants"])
        if inhabitants <= 0:
            raise FrameError(
                f"{path}, line {line}: inhabitants of {code} must be positive, got {inhabitants}"
            )
        municipalities.append(
            Municipality(
                code=code,
                name=row["name"],
                province=row["province"],
                inhabitants=inhabitants,
                size_class=size_class_of(inhabitants),
            )
        )
    expected = EXPECTED_COUNTS[year]
    if len(municipalities) != expected:
        raise FrameError(
            f"{path}: {len(municipalities)} municipalities, expected {expected} for {year}"
        )
    return Frame(year=year, municipalities=tuple(municipalities))
