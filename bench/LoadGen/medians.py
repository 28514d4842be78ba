#!/usr/bin/env python3
"""Medians per form and size of the load benchmark's JSON lines (one run per line), as a Markdown table."""
import json
import statistics
import sys
from collections import defaultdict

runs = defaultdict(list)
for line in open(sys.argv[1] if len(sys.argv) > 1 else "load-series.jsonl"):
    line = line.strip()
    if line.startswith("{"):
        run = json.loads(line)
        runs[(run["form"] + ("" if run.get("intervalMs", 1000) == 1000 else f" every {run['intervalMs']} ms"), run["gpus"])].append(run)

print("| Form | GPUs (live racks) | Runs | Samples/s accepted | Rejected | Seconds behind | Latency p50 / p99 (ms) | Freshness p50 / p99 (ms) | CPU-s per million samples | Silo / gateway cores | Silo / gateway RSS (MB) |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for (form, gpus) in sorted(runs):
    rs = runs[(form, gpus)]
    m = lambda key: statistics.median(float(r[key]) for r in rs)  # "NaN" where a form has no freshness probe
    print(f"| {form} | {gpus:,} ({rs[0]['racks']:,}) | {len(rs)} | {m('samplesPerSecond'):,.0f} | {m('samplesRejected'):,.0f} | {m('secondsBehind'):.0f} | "
          f"{m('latencyP50Ms'):.0f} / {m('latencyP99Ms'):.0f} | {m('freshnessP50Ms'):,.0f} / {m('freshnessP99Ms'):,.0f} | "
          f"{m('cpuSecondsPerMillionSamples'):.2f} | {m('siloCpuSecondsPerSecond'):.2f} / {m('gatewayCpuSecondsPerSecond'):.2f} | "
          f"{m('siloRssMB'):.0f} / {m('gatewayRssMB'):.0f} |")
