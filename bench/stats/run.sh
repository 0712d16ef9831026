#!/bin/sh
# Benchmark: `aimonitor stats run` against R's calibrate path on the same CSV, in the same run,
# for 0/1 and float-valued indicators. Usage (from the repository root):
#   sh bench/stats/run.sh [DATADIR] [RUNS]
# PY and AIMONITOR override the interpreter and the command (default: .venv/bin/...).
set -e
DATA=${1:-/tmp/aimonitor-bench}
RUNS=${2:-5}
PY=${PY:-.venv/bin/python}
AIMONITOR=${AIMONITOR:-.venv/bin/aimonitor}
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs"
echo "flags: $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2 | tr ' ' '\n' | grep -E '^(sse4_2|avx|avx2|avx512f|fma|bmi2)$' | tr '\n' ' ')"
echo "python: $($PY -c 'import sys, numpy, pyarrow; print(sys.version.split()[0], "numpy", numpy.__version__, "pyarrow", pyarrow.__version__)')"
if command -v Rscript >/dev/null; then
  echo "R: $(Rscript -e 'cat(R.version.string, "survey", as.character(packageVersion("survey")))')"
fi
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
for KIND in binary float; do
  DIR="$DATA/$KIND"
  [ -f "$DIR/spec.json" ] || $PY bench/stats/make_data.py "$DIR" --kind "$KIND"
  echo "== $KIND: $(du -m "$DIR/respondents.csv" | cut -f1) MB CSV; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  i=0
  while [ $i -lt "$RUNS" ]; do
    i=$((i + 1))
    /usr/bin/time -f "ours %e s %M KB" "$AIMONITOR" stats run "$DIR/spec.json" \
      > "$DIR/out.json" 2>> "$DIR/times.txt" || { tail -1 "$DIR/times.txt"; exit 1; }
    if command -v Rscript >/dev/null; then
      /usr/bin/time -f "R %e s %M KB" Rscript bench/stats/r_calibrate.R "$DIR" \
        2>> "$DIR/times.txt" >/dev/null
    fi
  done
  $PY bench/stats/compare.py "$DIR"
  $PY bench/stats/profile.py "$DIR/spec.json"
done
