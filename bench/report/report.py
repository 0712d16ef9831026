"""The whole report of the 2024 demo wave (nl, with the 2023 trend), as one process.

Prints the phases: build (model), charts + HTML, PDF (WeasyPrint), in seconds.
Usage: .venv/bin/python bench/report/report.py DATADIR
"""

from __future__ import annotations

import pickle
import sys
import time
from datetime import date
from pathlib import Path

from aimonitor.report import build_report, render_html
from aimonitor.report.render_pdf import pdf_bytes


def main(data: Path) -> None:
    inputs = pickle.loads((data / "inputs.pickle").read_bytes())
    start = time.perf_counter()
    report = build_report(
        questionnaire=inputs["questionnaire"],
        current=inputs["tables"][2024],
        history=[inputs["tables"][2023]],
        response=inputs["responses"][2024],
        lang="nl",
        generated=date(2026, 11, 28),
    )
    built = time.perf_counter()
    html = render_html(report)
    rendered = time.perf_counter()
    out = data / "out"
    out.mkdir(exist_ok=True)
    (out / "report.html").write_text(html, encoding="utf-8")
    (out / "report.pdf").write_bytes(pdf_bytes(html))
    done = time.perf_counter()
    print(
        f"build {built - start:.3f} s, charts+html {rendered - built:.3f} s "
        f"({len(report.charts)} charts), pdf {done - rendered:.3f} s, "
        f"total {done - start:.3f} s"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
