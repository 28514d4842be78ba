#!/usr/bin/env python3
"""Medians of the startup fields of load benchmark JSON lines (bench/Startup/first-kpi.sh), per size, as a Markdown table."""
import json
import statistics
import sys
from collections import defaultdict

FIELDS = ["twinUpSeconds", "firstCompleteKpiSeconds", "siloCpuSecondsToFirstKpi", "gatewayCpuSecondsToFirstKpi", "loadAverage"]

runs = defaultdict(list)
for line in open(sys.argv[1] if len(sys.argv) > 1 else "first-kpi.jsonl"):
    line = line.strip()
    if line.startswith("{"):
        run = json.loads(line)
        runs[run["gpus"]].append(run)


def median(rs, key):
    values = [float(r[key]) for r in rs if r.get(key) is not None]
    return f"{statistics.median(values):.1f} ({min(values):.1f}–{max(values):.1f})" if values else "–"


print("| GPUs (live racks) | Runs | Silo's startup line (s) | First complete KPI (s) | Silo CPU-s until then | Gateway CPU-s until then | Load average |")
print("|---|---|---|---|---|---|---|")
for key in sorted(runs):
    rs = runs[key]
    complete = sum(1 for r in rs if r.get("firstCompleteKpiSeconds") is not None)
    print(f"| {key:,} ({rs[0]['racks']:,}) | {len(rs)} ({complete} complete) | " + " | ".join(median(rs, f) for f in FIELDS) + " |")
print("Medians, with the range in brackets.")
