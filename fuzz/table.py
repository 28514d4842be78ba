#!/usr/bin/env python3
"""The fuzz run's JSON lines (fuzz/run.sh writes fuzz/out/results.jsonl) as the Markdown table in docs/benchmarks.md.

    python3 fuzz/table.py fuzz/results/2026-12-07-120s.jsonl
"""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1] if len(sys.argv) > 1 else "fuzz/out/results.jsonl") if line.strip()]
print("| target | executions | per second | corpus found | AFL map coverage | crashes | hangs |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    if "error" in r:
        print(f"| `{r['target']}` | {r['error']} | | | | | |")
        continue
    print(f"| `{r['target']}` | {int(r['executions']):,} | {float(r['execsPerSecond']):,.0f} | {r['corpus']} | {r['coverage']} "
          f"| {r['crashes']} | {r['hangs']} |")
print(f"\n{sum(int(r.get('executions', 0)) for r in rows):,} executions in all.")
