"""Merger lineage: which municipality's territory became which, so waves can be compared."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from aimonitor.frame.csvfile import MUNICIPALITY_CODE, check_code, parse_int, read_rows
from aimonitor.frame.errors import FrameError
from aimonitor.paths import data_dir as default_data_dir

COLUMNS = ("year_effective", "old_code", "old_name", "new_code", "new_name")


@dataclass(frozen=True, slots=True)
class Merger:
    """Municipality ``old_code`` joined ``new_code`` in ``year_effective``.

    ``new_code`` is either a newly formed municipality (Heerhugowaard → Dijk en Waard) or an
    existing one that keeps its code (Weesp → Amsterdam).
    """

    year_effective: int
    old_code: str
    old_name: str
    new_code: str
    new_name: str


@dataclass(frozen=True)
class Lineage:
    """All mergers, in file order, with look-ups along chains of mergers.

    A merger with ``year_effective`` Y counts from the frame of year Y onwards. Weesp joined
    Amsterdam on 24 March 2022 and is the one exception to "on 1 January": it existed on
    1 January 2022, but the lineage treats it as merged for 2022 as well.
    """

    mergers: tuple[Merger, ...]
    _by_old_code: dict[str, Merger] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_old_code: dict[str, Merger] = {}
        for merger in self.mergers:
            if merger.old_code in by_old_code:
                raise FrameError(f"{merger.old_code} is merged more than once")
            by_old_code[merger.old_code] = merger
        object.__setattr__(self, "_by_old_code", by_old_code)
        for merger in self.mergers:
            self._follow(merger.old_code, merger.year_effective)  # fails on a cycle

    def _follow(self, code: str, year: int) -> str:
        seen = [code]
        merger = self._by_old_code.get(code)
        while merger is not None and merger.year_effective <= year:
            code = merger.new_code
            if code in seen:
                raise FrameError(f"mergers form a cycle: {' → '.join([*seen, code])}")
            seen.append(code)
            merger = self._by_old_code.get(code)
        return code

    def successor(self, code: str, year: int) -> str:
        """The code of the municipality that holds ``code``'s territory in the ``year`` frame.

        Follows chains of mergers effective up to and including ``year``. A code that was not
        merged by then is returned as it is: ``successor("GM0398", 2024) == "GM1980"``,
        ``successor("GM0363", 2024) == "GM0363"``. The code is not checked against a frame.
        """
        _check_code_format(code)
        return self._follow(code, year)

    def predecessors(self, code: str, year: int) -> tuple[str, ...]:
        """The codes, sorted, whose territory is part of ``code`` in the ``year`` frame.

        Only municipalities that ceased to exist by ``year`` are included, never ``code``
        itself: ``predecessors("GM0363", 2024) == ("GM0457",)`` (Weesp), and a municipality
        without mergers has none.
        """
        _check_code_format(code)
        return tuple(
            sorted(
                merger.old_code
                for merger in self.mergers
                if merger.year_effective <= year
                and merger.old_code != code
                and self._follow(merger.old_code, year) == code
            )
        )


def _check_code_format(code: str) -> None:
    if not MUNICIPALITY_CODE.fullmatch(code):
        raise FrameError(f"{code!r} is not a municipality code (GM followed by 4 digits)")


def lineage_path(data_dir: Path | None = None) -> Path:
    """The CSV file with the mergers."""
    base = default_data_dir() if data_dir is None else data_dir
    return base / "frame" / "changes.csv"


def load_lineage(data_dir: Path | None = None) -> Lineage:
    """The mergers from ``frame/changes.csv`` under ``data_dir`` (default: the project's data).

    Raises :class:`FrameError` for a missing file or column, a bad code or year, a municipality
    merged twice or into itself, and mergers that form a cycle.
    """
    path = lineage_path(data_dir)
    mergers: list[Merger] = []
    first_line: dict[str, int] = {}
    for line, row in read_rows(path, COLUMNS):
        year = parse_int(path, line, "year_effective", row["year_effective"])
        old_code = check_code(path, line, "old_code", row["old_code"])
        new_code = check_code(path, line, "new_code", row["new_code"])
        if old_code == new_code:
            raise FrameError(f"{path}, line {line}: {old_code} is merged into itself")
        if old_code in first_line:
            raise FrameError(
                f"{path}, line {line}: {old_code} is merged more than once "
                f"(also on line {first_line[old_code]})"
            )
        first_line[old_code] = line
        mergers.append(Merger(year, old_code, row["old_name"], new_code, row["new_name"]))
    try:
        return Lineage(tuple(mergers))
    except FrameError as exc:
        raise FrameError(f"{path}: {exc}") from None
