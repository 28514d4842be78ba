#!/usr/bin/env bash
# Runs the scale benchmark over a series of facility sizes, a few times each, and keeps every run's JSON line.
# Usage: bench/ScaleBench/series.sh [repeats] [out.jsonl] — then summarise with bench/ScaleBench/medians.py out.jsonl
set -euo pipefail
repeats=${1:-3}
out=${2:-scale-series.jsonl}
dotnet build -c Release bench/ScaleBench >/dev/null
for racks in 500 1850 3700 7400; do
  duration=$([ "$racks" -eq 7400 ] && echo 60 || echo 30)
  for ((i = 1; i <= repeats; i++)); do
    dotnet run -c Release --no-build --project bench/ScaleBench -- --racks "$racks" --duration "$duration" | tail -n 1 >> "$out"
    tail -n 1 "$out"
  done
done
