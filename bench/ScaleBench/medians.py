#!/usr/bin/env python3
"""Medians per facility size of the scale benchmark's JSON lines (one run per line), as a Markdown table."""
import json
import statistics
import sys
from collections import defaultdict

runs = defaultdict(list)
for line in open(sys.argv[1] if len(sys.argv) > 1 else "scale-series.jsonl"):
    line = line.strip()
    if line.startswith("{"):
        run = json.loads(line)
        # Runs labelled with a series (before / after a change) are summarised apart.
        runs[(run.get("series", ""), run["racks"])].append(run)

print("| Series | Racks | GPUs | Runs | Keeps up | Facility lag p50 / p99 (ms) | Rack age p99 (ms) | Power age p50 / p99 (ms) | Busway age p99 (ms) "
      "| CPU-s/s | Allocated MB/s | GC pause ms/s | Heap MB | Working set MB | Heap B/GPU |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for series, racks in sorted(runs):
    rs = runs[(series, racks)]
    m = lambda key: statistics.median(r[key] for r in rs)
    # Runs from before the power age was measured have no such fields.
    power = lambda key: f"{m(key):.0f}" if all(key in r for r in rs) else "-"
    keeps = sum(1 for r in rs if r["keepsUp"])
    print(f"| {series} | {racks:,} | {rs[0]['gpus']:,} | {len(rs)} | {keeps}/{len(rs)} | {m('facilityLagP50Ms'):.0f} / {m('facilityLagP99Ms'):.0f} | "
          f"{m('rackAgeP99Ms'):.0f} | {power('powerAgeP50Ms')} / {power('powerAgeP99Ms')} | {power('buswayAgeP99Ms')} | {m('cpuSecondsPerSecond'):.3f} | {m('allocatedMBPerSecond'):.1f} | {m('gcPauseMsPerSecond'):.1f} | "
          f"{m('liveHeapMB'):.0f} | {m('workingSetMB'):.0f} | {m('heapBytesPerGpu'):.0f} |")

# The KPI age and its waterfall, from runs that measured it (samplesAsOf carried by the figures).
aged = {key: [r for r in rs if "sampleAgeP99Ms" in r] for key, rs in runs.items()}
if any(aged.values()):
    print()
    print("| Series | Racks | Runs | KPI age p50 / p99 (ms) | At publish p99 (ms) | At read p99 (ms) | Sample → rack p50 / p99 | Sample → hall push p50 / p99 "
          "| Hall → facility p50 / p99 | Facility → read p50 / p99 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for series, racks in sorted(aged):
        rs = aged[(series, racks)]
        if not rs:
            continue
        m = lambda key: f"{statistics.median(r[key] for r in rs):.0f}" if all(key in r for r in rs) else "-"
        print(f"| {series} | {racks:,} | {len(rs)} | {m('sampleAgeP50Ms')} / {m('sampleAgeP99Ms')} | {m('publishAgeP99Ms')} | {m('readAgeP99Ms')} | "
              f"{m('rackStageP50Ms')} / {m('rackStageP99Ms')} | {m('hallStageP50Ms')} / {m('hallStageP99Ms')} | "
              f"{m('facilityStageP50Ms')} / {m('facilityStageP99Ms')} | {m('readStageP50Ms')} / {m('readStageP99Ms')} |")
