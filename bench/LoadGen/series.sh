#!/usr/bin/env bash
# Runs the load benchmark a few times for each of several sizes and keeps every run's JSON line; a fresh twin each run.
# Usage: bench/LoadGen/series.sh <repeats> <out.jsonl> <form: samples|racks> <seconds> <gpus> [<gpus> ...]
# then:  python3 bench/LoadGen/medians.py out.jsonl
set -euo pipefail
repeats=$1 out=$2 form=$3 seconds=$4
shift 4
for gpus in "$@"; do
  for ((i = 1; i <= repeats; i++)); do
    "$(dirname "$0")/run.sh" "$gpus" "$seconds" --form "$form" | tail -n 1 >> "$out"
    tail -n 1 "$out"
  done
done
