"""WeasyPrint alone on the report's final HTML: the floor the report is measured against.

Usage: .venv/bin/python bench/report/weasyprint_only.py DATADIR   (after report.py)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import weasyprint  # type: ignore[import-untyped]


def main(data: Path) -> None:
    html = (data / "out" / "report.html").read_text(encoding="utf-8")
    start = time.perf_counter()
    weasyprint.HTML(string=html).write_pdf(data / "out" / "weasyprint-only.pdf")
    print(f"weasyprint {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
