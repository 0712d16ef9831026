"""The demo wave 2024 as the core sees it, and its open data written in every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from aimonitor.exports import Microdata, build_microdata
from aimonitor.frame import Frame, load_frame
from aimonitor.indicators import WaveData
from indicators.conftest import demo_waves, instrument  # tests/ is on the path

__all__ = ["demo_waves", "instrument"]

NAMED = ("GM0363", "GM0014")
"""Two municipalities (Amsterdam, Groningen) that consented to being named, if they answered."""


@pytest.fixture(scope="session")
def frame() -> Frame:
    return load_frame(2024)


@pytest.fixture(scope="session")
def wave(demo_waves: dict[int, WaveData]) -> WaveData:
    return demo_waves[2024]


@pytest.fixture(scope="session")
def microdata(wave: WaveData, frame: Frame) -> Microdata:
    return build_microdata(wave, frame, consent=NAMED)


@pytest.fixture(scope="session")
def rows(wave: WaveData, microdata: Microdata) -> list:
    """The responses behind the microdata's rows, in its order (each row's municipality is
    known to the tests through ``Microdata.codes``, which no format writes)."""
    own = {r.code: r for r in wave.respondents if r.covered_by is None}
    return [own[code] for code in microdata.codes]


@pytest.fixture(scope="session")
def exported(microdata: Microdata, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from aimonitor.exports import FORMATS

    out = tmp_path_factory.mktemp("open-data")
    for write in FORMATS.values():
        write(microdata, out, "nl")
    return out
