#!/usr/bin/env bash
# The twin and Debian's Prometheus side by side on the same synthetic dcgm-exporter/vLLM targets, each alone, in
# one command: builds the twin (Release), the facility writer and the synthetic exporters, then runs compare.py.
# Usage: bench/PromCompare/run.sh [--gpus 10000,20000,...] [--repeats 3] [--seconds S] [--step S] [--systems prometheus,twin]
#        [--prometheus-up-to GPUS (100000: larger sizes run the twin alone)] [--out FILE] [--label NAME]
#        [--twin-setting Twin:Scrape:KEY=VALUE ...] [--twin-root OTHER_CHECKOUT (an A/B against another build)]
# JSON lines go to bench/PromCompare/results/<date>.jsonl (or --out); report.py turns them into the table and plot in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
for project in src/Silo/Silo.csproj src/Gateway/Gateway.csproj bench/LoadGen/LoadGen.csproj bench/PromCompare/PromCompare.csproj; do
  dotnet build -c Release -v quiet -nologo "$project" >/dev/null
done
exec python3 bench/PromCompare/compare.py "$@"
