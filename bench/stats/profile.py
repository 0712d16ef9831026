"""Where the whole-process time of ``aimonitor stats run`` goes: the same steps as the
command (imports, reading, design and raking, estimates, JSON), each timed in one fresh
process. Usage: python profile.py SPEC.json"""

from __future__ import annotations

import time

_START = time.perf_counter()

import io  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from aimonitor.cli import stats as stats_cli  # noqa: E402
from aimonitor.stats.conformance import load_spec  # noqa: E402
from aimonitor.stats.conformance.data import load_columns  # noqa: E402
from aimonitor.stats.conformance.runner import _compute, _row, build_design, case_columns  # noqa: E402


def main(spec_path: Path) -> None:
    marks = [("imports (numpy, scipy.special, the CLI)", time.perf_counter() - _START)]

    def mark(step: str, since: float) -> float:
        now = time.perf_counter()
        marks.append((step, now - since))
        return now

    t = time.perf_counter()
    spec = load_spec(spec_path)
    case = spec.cases[0]
    t = mark("spec", t)
    table = load_columns(case.data, case_columns(case))
    t = mark("reading the data (pyarrow, typed columns)", t)
    build_design(case, table)
    t = mark("design and raking (timed alone)", t)
    results = _compute(case, table, spec.levels.get(case.data.name, {}))
    t = mark("design, raking and estimates (means, SEs, intervals, deff)", t)
    rows = [{"id": case.id, "rows": [_row(r, case.statistic.by) for r in results]}]
    json.dump(stats_cli._finite(rows), io.StringIO(), indent=1, allow_nan=False)
    mark("JSON output", t)
    total = time.perf_counter() - _START - marks[3][1]  # raking was timed twice
    for step, seconds in marks:
        print(f"{seconds:7.3f} s  {step}")
    print(f"{total:7.3f} s  in process (raking counted once)")
    pyarrow = "pyarrow" in sys.modules
    print(
        f"modules: scipy.optimize {'scipy.optimize' in sys.modules}, matplotlib "
        f"{'matplotlib' in sys.modules}, django {'django' in sys.modules}, pyarrow {pyarrow}"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
