"""Inputs of the report benchmark: the synthetic waves 2023 and 2024, estimated, pickled.

This stands in for what ``aimonitor report`` reads from the database; it is not timed.
Usage: .venv/bin/python bench/report/make_inputs.py DATADIR
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from aimonitor.demo import generate_demo_waves
from aimonitor.frame import load_frame
from aimonitor.indicators import Respondent, WaveData, build_respondents, response_summary
from aimonitor.indicators.estimate import estimate_wave
from aimonitor.paths import data_dir
from aimonitor.questionnaire import load_questionnaire


def main(out: Path) -> None:
    questionnaire = load_questionnaire(data_dir() / "questionnaires" / "ai-monitor-2024.yaml")
    inputs = {"questionnaire": questionnaire, "tables": {}, "responses": {}}
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
        inputs["tables"][wave.year] = estimate_wave(data, frame)  # type: ignore[index]
        inputs["responses"][wave.year] = response_summary(data, frame)  # type: ignore[index]
    out.mkdir(parents=True, exist_ok=True)
    (out / "inputs.pickle").write_bytes(pickle.dumps(inputs))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
