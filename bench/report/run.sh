#!/bin/sh
# Benchmark: the whole report of a full demo wave beside WeasyPrint alone on its final HTML.
# Usage: sh bench/report/run.sh [DATADIR]   (from the repository root)
set -e
DATA=${1:-/tmp/aimonitor-bench-report}
.venv/bin/python bench/report/make_inputs.py "$DATA"
for i in 1 2 3 4 5; do
  /usr/bin/time -f "report, whole process: %e s wall, %M KB peak RSS" \
    .venv/bin/python bench/report/report.py "$DATA"
  /usr/bin/time -f "weasyprint alone, whole process: %e s wall, %M KB peak RSS" \
    .venv/bin/python bench/report/weasyprint_only.py "$DATA"
done
