from __future__ import annotations

from datetime import date

import pytest

from aimonitor.demo import generate_demo_waves
from aimonitor.frame import load_frame
from aimonitor.indicators import (
    EstimateTable,
    Respondent,
    ResponseSummary,
    WaveData,
    build_respondents,
    response_summary,
)
from aimonitor.indicators.estimate import estimate_wave
from aimonitor.paths import data_dir
from aimonitor.questionnaire import Questionnaire, load_questionnaire
from aimonitor.report import Report, build_report

GENERATED = date(2026, 11, 28)


@pytest.fixture(scope="session")
def questionnaire() -> Questionnaire:
    return load_questionnaire(data_dir() / "questionnaires" / "ai-monitor-2024.yaml")


@pytest.fixture(scope="session")
def demo_estimates(
    questionnaire: Questionnaire,
) -> dict[int, tuple[EstimateTable, ResponseSummary]]:
    """The synthetic waves 2023 and 2024, estimated the way the monitor does."""
    result = {}
    for wave in generate_demo_waves(questionnaire, load_frame, years=(2023, 2024)):
        frame = load_frame(wave.frame_year)
        submitted = [Respondent(r.code, r.answers) for r in wave.submitted()]
        data = WaveData(
            wave.year,
            wave.frame_year,
            questionnaire,
            build_respondents(wave.year, submitted, questionnaire, frame),
            synthetic=True,
        )
        result[wave.year] = (estimate_wave(data, frame), response_summary(data, frame))
    return result


@pytest.fixture(scope="session")
def demo_report(
    questionnaire: Questionnaire,
    demo_estimates: dict[int, tuple[EstimateTable, ResponseSummary]],
) -> Report:
    current, response = demo_estimates[2024]
    return build_report(
        questionnaire=questionnaire,
        current=current,
        history=[demo_estimates[2023][0]],
        response=response,
        lang="nl",
        generated=GENERATED,
    )
