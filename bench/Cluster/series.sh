#!/usr/bin/env bash
# Runs bench/Cluster/run.sh for 1, 2 and 3 silos on Redis and one silo on the embedded store, alternating, so the
# machine's changing load falls on every configuration alike; appends each run's JSON line to one results file.
# Usage: bench/Cluster/series.sh <gpus> <seconds> <rounds> [results file]
set -euo pipefail
gpus=${1:-133200}
duration=${2:-60}
rounds=${3:-2}
cd "$(dirname "$0")/../.."
results=${4:-bench/Cluster/results/$(date -u +%F)-cluster-$gpus.jsonl}
dotnet build -c Release src/Silo/Silo.csproj >/dev/null
dotnet build -c Release src/Gateway/Gateway.csproj >/dev/null
dotnet build -c Release bench/LoadGen/LoadGen.csproj >/dev/null
for (( round=1; round<=rounds; round++ )); do
  for config in redis:1 redis:2 redis:3 embedded:1; do
    STORE=${config%%:*} SKIP_BUILD=1 RESULTS=$results bench/Cluster/run.sh "${config##*:}" "$gpus" "$duration" \
      || echo "run $config failed in round $round" >&2
  done
done
