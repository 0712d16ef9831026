"""The synthetic demo waves: deterministic for a seed, routing respected, always labelled."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping

import numpy as np

from aimonitor.demo.answers import default_target, draw
from aimonitor.demo.calibration import CALIBRATION, derived_answer, municipality_answer
from aimonitor.demo.fieldwork import response_status
from aimonitor.demo.maturity import maturity, persistent_levels
from aimonitor.demo.model import DemoResponse, DemoWave, WaveStatus
from aimonitor.demo.shared import is_covered, joint_answers
from aimonitor.demo.targets import Calibration
from aimonitor.frame import Frame, Municipality
from aimonitor.questionnaire import Questionnaire

DEMO_WAVE_YEARS: tuple[int, ...] = (2023, 2024, 2025)
DEFAULT_SEED = 2024
WAVE_STATUS: Mapping[int, WaveStatus] = {2023: "published", 2024: "published", 2025: "closed"}


def generate_demo_waves(
    questionnaire: Questionnaire,
    frame_of_year: Callable[[int], Frame],
    seed: int = DEFAULT_SEED,
    years: tuple[int, ...] = DEMO_WAVE_YEARS,
    calibration: Calibration = CALIBRATION,
) -> tuple[DemoWave, ...]:
    """One synthetic wave per year over that year's frame; the same seed gives the same data."""
    frames = {year: frame_of_year(year) for year in years}
    all_codes = {m.code for frame in frames.values() for m in frame.municipalities}
    levels = persistent_levels(all_codes, seed)
    return tuple(
        _wave(questionnaire, frames[year], year, levels, seed, calibration) for year in years
    )


def _wave(
    questionnaire: Questionnaire,
    frame: Frame,
    year: int,
    levels: Mapping[str, float],
    seed: int,
    calibration: Calibration,
) -> DemoWave:
    responses = []
    roles = joint_answers(frame, seed, year)
    for municipality in frame.municipalities:
        rng = stream(seed, year, municipality.code, "response")
        status = response_status(municipality.size_class.code, rng)
        score = maturity(municipality.size_class.code, levels[municipality.code], year, rng)
        if is_covered(municipality.code, roles):
            status = "not_started"  # its shared organisation answers for it
        answers: dict[str, object] = {}
        if status != "not_started":
            role = roles.get(municipality.code)
            answers = answer_questionnaire(
                questionnaire,
                municipality,
                score,
                (seed, year),
                calibration,
                covers=role.covers if role is not None else (),
            )
            if status == "in_progress":
                answers = _first_part(answers, rng)
        responses.append(DemoResponse(municipality.code, status, answers))
    return DemoWave(
        year=year,
        frame_year=frame.year,
        status=WAVE_STATUS.get(year, "closed"),
        responses=tuple(responses),
        seed=seed,
    )


def answer_questionnaire(
    questionnaire: Questionnaire,
    municipality: Municipality,
    score: float,
    key: tuple[int, int],
    calibration: Calibration = CALIBRATION,
    *,
    covers: tuple[int, ...] = (),
) -> dict[str, object]:
    """Answer every variable the routing shows, in survey order; ``covers`` are the CBS
    numbers of the municipalities this one answers for as its shared organisation's lead.

    Each variable draws from its own random stream (seed, year, municipality, variable), so
    retuning one target leaves every other variable's answers as they were.
    """
    answers: dict[str, object] = {}
    for variable in questionnaire.variables():
        if not questionnaire.is_shown(variable.name, answers):
            continue
        rng = stream(*key, municipality.code, variable.name)
        value: object = municipality_answer(variable.name, municipality, covers)
        if value is None:
            value = derived_answer(variable.name, answers, rng)
        if value is None:
            target = calibration.targets.get(variable.name) or default_target(variable)
            value = draw(variable, target, score, rng)
        if value is not None:
            answers[variable.name] = value
    return answers


def stream(seed: int, year: int, code: str, purpose: str) -> np.random.Generator:
    """An independent random stream for one purpose of one municipality in one wave."""
    return np.random.default_rng(
        [seed, year, zlib.crc32(code.encode()), zlib.crc32(purpose.encode())]
    )


def _first_part(answers: Mapping[str, object], rng: np.random.Generator) -> dict[str, object]:
    """An unfinished response: the answers up to a random point."""
    names = list(answers)
    keep = int(rng.integers(1, max(len(names), 2)))
    return {name: answers[name] for name in names[:keep]}
