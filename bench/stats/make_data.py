"""Write the benchmark input: 100,000 respondents, 200 indicators, a province (12 levels)
and a size class (5 levels), an SRS from N = 1,000,000, the spec that calibrates to both
margins by raking (R's ``calibrate(..., calfun = "raking")``) and estimates all 200 means,
and the margins as a CSV for the R script.

``--kind binary`` (the default) writes 0/1 indicators; ``--kind float`` writes scores with
four decimals (the same rates plus noise), which are parsed as floats.
Usage: python make_data.py OUTDIR [--kind binary|float] [--parquet]"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

N_POPULATION = 1_000_000
N_SAMPLE = 100_000
N_INDICATORS = 200


def main(out: Path, kind: str = "binary", parquet: bool = False) -> None:
    rng = np.random.default_rng(20260101)
    out.mkdir(parents=True, exist_ok=True)
    provinces = [f"P{i:02d}" for i in range(1, 13)]
    sizes = ["S1", "S2", "S3", "S4", "S5"]
    province_share = rng.dirichlet(np.full(12, 5.0))
    size_share = np.array([0.1, 0.3, 0.3, 0.2, 0.1])
    province = rng.choice(12, N_SAMPLE, p=rng.dirichlet(np.full(12, 5.0)))
    size = rng.choice(5, N_SAMPLE, p=np.array([0.15, 0.3, 0.25, 0.2, 0.1]))
    rates = rng.uniform(0.05, 0.95, N_INDICATORS)
    shift = 0.03 * (size[:, None] - 2) + 0.01 * (province[:, None] % 3)
    indicators = rng.random((N_SAMPLE, N_INDICATORS)) < np.clip(rates + shift, 0, 1)
    names = [f"i{j:03d}" for j in range(1, N_INDICATORS + 1)]
    with (out / "respondents.csv").open("w") as handle:
        handle.write(",".join(["province", "size_class", "N", *names]) + "\n")
        body = np.char.add(np.char.add(np.array(provinces)[province], ","), np.array(sizes)[size])
        if kind == "binary":
            digits = np.where(indicators, "1", "0")
        else:
            scores = indicators + rng.normal(0.0, 0.25, indicators.shape)
            digits = np.char.mod("%.4f", scores)
        lines = [
            f"{prefix},{N_POPULATION}," + ",".join(row)
            for prefix, row in zip(body.tolist(), digits.tolist(), strict=True)
        ]
        handle.write("\n".join(lines) + "\n")
    province_totals = np.round(province_share * N_POPULATION)
    province_totals[-1] = N_POPULATION - province_totals[:-1].sum()
    with (out / "margins.csv").open("w") as handle:
        handle.write("margin,level,total\n")
        for p, t in zip(provinces, province_totals, strict=True):
            handle.write(f"province,{p},{float(t)!r}\n")
        for s, t in zip(sizes, size_share, strict=True):
            handle.write(f"size_class,{s},{float(t) * N_POPULATION!r}\n")
    data_file = "respondents.csv"
    if parquet:
        import pyarrow.csv as pa_csv
        import pyarrow.parquet as pq

        pq.write_table(pa_csv.read_csv(out / data_file), out / "respondents.parquet")
        data_file = "respondents.parquet"
    spec = {
        "schema_version": 1,
        "title": f"benchmark: 100k respondents, 200 {kind} indicators, raked to 12 x 5 margins",
        "cases": [
            {
                "id": f"bench_calibrate_raking_200_{kind}_means",
                "tags": ["bench", "rake"],
                "data": data_file,
                "design": {
                    "ids": None,
                    "strata": None,
                    "fpc": "N",
                    "fpc_kind": "population_size",
                    "weights": None,
                },
                "calibration": {
                    "method": "calibrate",
                    "calfun": "raking",
                    "margins": [
                        {
                            "variables": ["province"],
                            "totals": [
                                {"province": p, "total": float(t)}
                                for p, t in zip(provinces, province_totals, strict=True)
                            ],
                        },
                        {
                            "variables": ["size_class"],
                            "totals": [
                                {"size_class": s, "total": float(t) * N_POPULATION}
                                for s, t in zip(sizes, size_share, strict=True)
                            ],
                        },
                    ],
                    "numeric_totals": None,
                    "control": {"maxit": 100, "epsilon": 1e-12},
                },
                "statistic": {
                    "kind": "mean",
                    "by": None,
                    "variables": [{"name": n, "type": "numeric"} for n in names],
                    "ci": {"method": "wald", "level": 0.95, "df": None},
                },
            }
        ],
    }
    (out / "spec.json").write_text(json.dumps(spec, indent=1))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, nargs="?", default=Path("bench/stats/data"))
    parser.add_argument("--kind", choices=("binary", "float"), default="binary")
    parser.add_argument("--parquet", action="store_true", help="also write Parquet, read that")
    args = parser.parse_args()
    main(args.out, args.kind, args.parquet)
