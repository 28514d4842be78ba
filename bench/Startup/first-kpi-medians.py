#!/usr/bin/env python3
"""Medians of the startup fields of load benchmark JSON lines (bench/Startup/first-kpi.sh), per size and per the
settings a line names (FIRST_KPI_LABEL), as a Markdown table, with the steady state's CPU-s per million samples."""
import json
import statistics
import sys
from collections import defaultdict

FIELDS = ["twinUpSeconds", "firstCompleteKpiSeconds", "siloCpuSecondsToFirstKpi", "gatewayCpuSecondsToFirstKpi",
          "cpuSecondsPerMillionSamples", "loadAverage"]

runs = defaultdict(list)
for line in open(sys.argv[1] if len(sys.argv) > 1 else "first-kpi.jsonl"):
    line = line.strip()
    if line.startswith("{"):
        run = json.loads(line)
        runs[(run.get("settings", ""), run["gpus"])].append(run)


def median(rs, key):
    values = [float(r[key]) for r in rs if r.get(key) is not None]
    digits = 2 if key == "cpuSecondsPerMillionSamples" else 1
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})" if values else "–"


print("| Settings | GPUs (live racks) | Runs | Silo's startup line (s) | First complete KPI (s) | Silo CPU-s until then |"
      " Gateway CPU-s until then | Steady state, CPU-s per million samples | Load average |")
print("|---|---|---|---|---|---|---|---|---|")
for settings, gpus in sorted(runs):
    rs = runs[(settings, gpus)]
    complete = sum(1 for r in rs if r.get("firstCompleteKpiSeconds") is not None)
    print(f"| {settings or 'as published'} | {gpus:,} ({rs[0]['racks']:,}) | {len(rs)} ({complete} complete) | "
          + " | ".join(median(rs, f) for f in FIELDS) + " |")
print("Medians, with the range in brackets.")
