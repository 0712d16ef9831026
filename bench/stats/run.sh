#!/bin/sh
# Benchmark: generate the data, time `aimonitor stats run` (whole process, peak memory) and
# the compute alone. Usage: sh bench/stats/run.sh [DATADIR]   (from the repository root)
set -e
DATA=${1:-/tmp/aimonitor-bench}
.venv/bin/python bench/stats/make_data.py "$DATA"
for i in 1 2 3 4 5; do
  /usr/bin/time -f "whole process: %e s wall, %M KB peak RSS" \
    .venv/bin/aimonitor stats run "$DATA/spec.json" > "$DATA/out.json"
done
.venv/bin/python bench/stats/compute_only.py "$DATA/spec.json"
