"""Fixtures for the indicator tests: the 2024 instrument and frame, and the demo waves."""

from __future__ import annotations

import pytest

from aimonitor.demo import generate_demo_waves
from aimonitor.frame import Frame, Lineage, load_frame, load_lineage
from aimonitor.indicators import Respondent, WaveData, build_respondents
from aimonitor.paths import PROJECT_ROOT
from aimonitor.questionnaire import Questionnaire, load_questionnaire


@pytest.fixture(scope="session")
def instrument() -> Questionnaire:
    return load_questionnaire(PROJECT_ROOT / "data" / "questionnaires" / "ai-monitor-2024.yaml")


@pytest.fixture(scope="session")
def frame() -> Frame:
    return load_frame(2024)


@pytest.fixture(scope="session")
def lineage() -> Lineage:
    return load_lineage()


@pytest.fixture(scope="session")
def demo_waves(instrument: Questionnaire) -> dict[int, WaveData]:
    """The synthetic demo waves 2023-2025 as the core sees them (submitted responses only)."""
    return {
        wave.year: WaveData(
            year=wave.year,
            frame_year=wave.frame_year,
            questionnaire=instrument,
            respondents=build_respondents(
                wave.year,
                [Respondent(r.code, r.answers) for r in wave.submitted()],
                instrument,
                load_frame(wave.frame_year),
            ),
            synthetic=True,
        )
        for wave in generate_demo_waves(instrument, load_frame)
    }
