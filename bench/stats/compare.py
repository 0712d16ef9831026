"""Summarise one kind of the benchmark: times and peak memory of ours and R's (medians of the
runs in DATADIR/times.txt, which this empties), the ratio, and how far our means and SEs are
from R's. Usage: python compare.py DATADIR"""

from __future__ import annotations

import csv
import json
import statistics
import sys
from pathlib import Path


def main(folder: Path) -> None:
    times: dict[str, list[tuple[float, int]]] = {"ours": [], "R": []}
    for line in (folder / "times.txt").read_text().splitlines():
        parts = line.split()
        if len(parts) == 5 and parts[0] in times:
            times[parts[0]].append((float(parts[1]), int(parts[3])))
    (folder / "times.txt").write_text("")
    for who, runs in times.items():
        if runs:
            walls = ", ".join(f"{s:.2f}" for s, _ in runs)
            peak = max(kb for _, kb in runs) / 1024
            median = statistics.median(s for s, _ in runs)
            print(f"{who}: median {median:.2f} s ({walls}); peak {peak:.0f} MiB")
    if times["R"] and times["ours"]:
        ratio = statistics.median(s for s, _ in times["R"]) / statistics.median(
            s for s, _ in times["ours"]
        )
        print(f"ratio (median R / median ours): {ratio:.1f}x")
        ours = {r["variable"]: r for r in json.loads((folder / "out.json").read_text())[0]["rows"]}
        with (folder / "r_means.csv").open() as handle:
            theirs = list(csv.DictReader(handle))
        est = max(abs(float(r["estimate"]) - ours[r["variable"]]["estimate"]) for r in theirs)
        se = max(abs(float(r["se"]) / ours[r["variable"]]["se"] - 1) for r in theirs)
        print(f"same numbers as R: {len(theirs)} means, max |diff| {est:.1e}, SE max rel {se:.1e}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
