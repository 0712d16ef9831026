"""The population frame of one year: the municipalities, with size class and province."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from aimonitor.frame.errors import FrameError
from aimonitor.frame.provinces import PROVINCES
from aimonitor.frame.size_classes import SIZE_CLASSES, SizeClass


def municipality_code(number: int) -> str:
    """The CBS code of a municipality number, as answers store it: 363 gives ``GM0363``."""
    return f"GM{number:04d}"


def municipality_number(code: str) -> int:
    """The number of a CBS municipality code, as answers store it: ``GM0363`` gives 363."""
    return int(code.removeprefix("GM"))


@dataclass(frozen=True, slots=True)
class Municipality:
    """One municipality on 1 January of the frame year."""

    code: str
    """CBS municipality code, ``GM`` + 4 digits, e.g. ``GM0363`` (Amsterdam)."""
    name: str
    """CBS spelling, e.g. ``Súdwest-Fryslân``, ``Bergen (NH.)``, ``'s-Gravenhage``."""
    province: str
    """One of :data:`aimonitor.frame.PROVINCES`."""
    inhabitants: int
    """Population on 1 January of the frame year."""
    size_class: SizeClass


@dataclass(frozen=True)
class Frame:
    """All municipalities on 1 January of ``year``, sorted by code."""

    year: int
    municipalities: tuple[Municipality, ...]
    _by_code: dict[str, Municipality] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.municipalities, key=lambda m: m.code))
        object.__setattr__(self, "municipalities", ordered)
        object.__setattr__(self, "_by_code", {m.code: m for m in ordered})

    def __len__(self) -> int:
        return len(self.municipalities)

    def by_code(self, code: str) -> Municipality:
        """The municipality with CBS code ``code``; :class:`FrameError` if there is none."""
        try:
            return self._by_code[code]
        except KeyError:
            raise FrameError(
                f"{code!r} is not a municipality code in the {self.year} frame"
            ) from None

    @property
    def sha256(self) -> str:
        """A fingerprint of the frame's content: the year and, in code order, each
        municipality's code, name, province and inhabitants (the size class follows from
        these). A wave records it when it opens, so a later edit of the frame file is noticed
        (``docs/decisions/0008-frozen-waves.md``); the file's layout does not count."""
        digest = hashlib.sha256(f"frame {self.year}\n".encode())
        for m in self.municipalities:
            digest.update(f"{m.code}\t{m.name}\t{m.province}\t{m.inhabitants}\n".encode())
        return digest.hexdigest()

    def size_class_counts(self) -> dict[str, int]:
        """Number of municipalities per size class code, in size order, zeros included."""
        counts = Counter(m.size_class.code for m in self.municipalities)
        return {size_class.code: counts[size_class.code] for size_class in SIZE_CLASSES}

    def province_counts(self) -> dict[str, int]:
        """Number of municipalities per province, in :data:`PROVINCES` order, zeros included."""
        counts = Counter(m.province for m in self.municipalities)
        return {province: counts[province] for province in PROVINCES}
