"""Time the compute alone (design, raking, 200 means with SEs) on data already in memory."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from aimonitor.stats.conformance import load_spec
from aimonitor.stats.conformance.data import load_columns
from aimonitor.stats.conformance.runner import build_design, case_columns
from aimonitor.stats.linear import linear_stats


def main(spec_path: Path, repeats: int = 5) -> None:
    case = load_spec(spec_path).cases[0]
    table = load_columns(case.data, case_columns(case))
    matrix = np.column_stack([table[v.name].numbers for v in case.statistic.variables])
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        design = build_design(case, table)
        stats = linear_stats(design, matrix, "mean")
        np.sqrt(stats.variance)
        timings.append(time.perf_counter() - start)
    print(
        f"compute: first {timings[0]:.3f} s, best {min(timings):.3f} s, "
        f"median {sorted(timings)[repeats // 2]:.3f} s"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
