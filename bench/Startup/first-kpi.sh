#!/usr/bin/env bash
# Times a fresh twin's start under load, several times: each run is bench/LoadGen/run.sh (silo and gateway launched
# together on a new store, the load generator feeding every declared live rack from the start), and its JSON line
# says when the silo wrote its startup line (twinUpSeconds) and when /api/facility first answered a complete KPI
# (firstCompleteKpiSeconds: every declared GPU reporting, no rack stale), both from the launch, with the CPU-seconds
# the silo and gateway had spent by then and the machine's load average. Appends the lines to a results file and
# prints the medians.
# Usage: bench/Startup/first-kpi.sh [repeats] [gpus] [seconds measured after warm-up] [more load generator options]
#   e.g. bench/Startup/first-kpi.sh 5 532800 10 --form racks
# FIRST_KPI_LABEL names what the runs try (kept in each line as "settings"), e.g. with bench/LoadGen/run.sh's TWIN_ENV:
#   TWIN_ENV=DOTNET_TieredPGO=0 FIRST_KPI_LABEL="TieredPGO off" bench/Startup/first-kpi.sh 3
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats=${1:-3}
gpus=${2:-532800}
seconds=${3:-10}
shift $(( $# < 3 ? $# : 3 ))
options=("$@")
(( ${#options[@]} )) || options=(--form racks)
mkdir -p bench/Startup/results
out=${FIRST_KPI_OUT:-bench/Startup/results/$(date -u +%F)-first-kpi.jsonl}
for ((i = 1; i <= repeats; i++)); do
  line=$(bench/LoadGen/run.sh "$gpus" "$seconds" "${options[@]}" | tail -n 1)
  if [[ $line == "{"* ]]; then
    if [[ -n ${FIRST_KPI_LABEL:-} ]]; then
      line=$(LABEL="$FIRST_KPI_LABEL" python3 -c 'import json,os,sys; r=json.load(sys.stdin); r["settings"]=os.environ["LABEL"]; print(json.dumps(r))' <<<"$line")
    fi
    echo "$line" >> "$out"
    echo "$line" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("run: twin up {} s, first complete KPI {} s, CPU-s silo {} gateway {}, load {}".format(*(r.get(k) for k in ("twinUpSeconds", "firstCompleteKpiSeconds", "siloCpuSecondsToFirstKpi", "gatewayCpuSecondsToFirstKpi", "loadAverage"))))'
  else
    echo "run $i failed: $line" >&2
  fi
done
python3 bench/Startup/first-kpi-medians.py "$out"
