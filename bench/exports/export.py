"""The whole open-data export of the 2024 demo wave, every format, as ``aimonitor export``
does it after reading the database: estimate the wave (for ``estimates.csv``), build the
microdata, write CSV, Parquet, SPSS and DDI.

Target (issue 12): the full export of a wave, all formats, under 10 s.
Usage: .venv/bin/python bench/exports/export.py [RUNS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from aimonitor.demo import generate_demo_waves
from aimonitor.exports import FORMATS
from aimonitor.frame import load_frame
from aimonitor.indicators import Respondent, WaveData, build_respondents
from aimonitor.paths import data_dir
from aimonitor.publication import publish, write_publication_open_data
from aimonitor.questionnaire import load_questionnaire


def main(runs: int) -> None:
    questionnaire = load_questionnaire(data_dir() / "questionnaires" / "ai-monitor-2024.yaml")
    (demo,) = generate_demo_waves(questionnaire, load_frame, years=(2024,))
    frame = load_frame(demo.frame_year)
    wave = WaveData(
        demo.year,
        demo.frame_year,
        questionnaire,
        build_respondents(
            demo.year,
            [Respondent(r.code, r.answers) for r in demo.submitted()],
            questionnaire,
            frame,
        ),
        synthetic=True,
    )
    totals, phases = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            publication = publish([wave])
            estimated = time.perf_counter()
            for fmt in FORMATS:
                write_publication_open_data(publication, fmt, Path(out) / fmt, "nl")
            done = time.perf_counter()
            sizes = {p.name: p.stat().st_size for p in Path(out).rglob("*") if p.is_file()}
        totals.append(done - start)
        phases.append((estimated - start, done - estimated))
    print(f"rows (own responses): {sum(1 for r in wave.respondents if r.covered_by is None)}")
    print("files:", ", ".join(f"{name} {size // 1024} KiB" for name, size in sorted(sizes.items())))
    for total, (estimate, write) in zip(totals, phases, strict=True):
        print(f"run: {total:.2f} s (estimation {estimate:.2f} s, four formats {write:.2f} s)")
    print(f"median of {runs}: {statistics.median(totals):.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
