#!/usr/bin/env python3
"""Turns bench/Cluster/run.sh's JSON lines into Markdown: one row per configuration (medians over its runs) and,
with --runs, one row per run. Medians are over the runs that took in at least 95 % of the GPUs' samples a second.
Usage: python3 bench/Cluster/table.py results.jsonl [more.jsonl] [--runs]"""
import json
import math
import statistics
import sys

NETWORK = "orleans_messaging_sent_messages_size_bytes_count"  # messages a silo sent over a socket (silo or client)
LOCAL = "orleans_messaging_sent_local_total"                  # messages a silo delivered to its own grains


def figures(run):
    orleans = run.get("orleansPerSecond") or {}
    cpu = run["cpuSecondsPerMillionSamples"] or {}
    return {
        "load avg": run.get("loadAverage1mMean"),
        "samples/s": run["samplesPerSecond"],
        "s behind": run["secondsBehind"],
        "freshness p50 / p99 ms": (run["freshnessP50Ms"], run["freshnessP99Ms"]),
        "silo cores": run["siloCpuPerSecond"],
        "gateway cores": run["gatewayCpuPerSecond"],
        "redis cores": run.get("redisCpuPerSecond"),
        "CPU-s/M silos": cpu.get("silos"),
        "CPU-s/M silos+gw": cpu.get("silosGateway"),
        "silo RSS MB": run["siloRssMB"],
        "network msgs/s": orleans.get(NETWORK),
        "local msgs/s": orleans.get(LOCAL),
        "redis cmds/s": run.get("redisCommandsPerSecond"),
    }


def fmt(v):
    if isinstance(v, tuple):
        return " / ".join(fmt(x) for x in v)
    if v is None or v == "NaN" or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if isinstance(v, float) and not v.is_integer():
        return f"{v:,.3f}" if abs(v) < 10 else f"{v:,.1f}" if abs(v) < 100 else f"{v:,.0f}"
    return f"{int(v):,}"


def median(values):
    """The median of the numbers among values (pairs: of each part), None when there are none."""
    if values and isinstance(values[0], tuple):
        return tuple(median([v[i] for v in values]) for i in range(len(values[0])))
    numbers = [v for v in values if isinstance(v, (int, float)) and not math.isnan(v)]
    return statistics.median(numbers) if numbers else None


def label(run):
    return f"{run['silos']} silo{'s' if run['silos'] > 1 else ''}, {run['store']}"


def main():
    paths = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = [json.loads(l) for p in paths for l in open(p) if l.strip()]
    columns = list(figures(runs[0]).keys())
    print("| Configuration | GPUs | Runs kept up | " + " | ".join(columns) + " |")
    print("|---|---|---|" + "---|" * len(columns))
    groups = {}
    for run in runs:
        groups.setdefault((run["gpus"], run["store"] != "embedded", run["silos"], run["store"]), []).append(run)
    for (gpus, _, _, _), group in sorted(groups.items()):
        # A run in which the twin (or the generator beside it) did not take in nearly every GPU's sample each second
        # measured a backlog, not the steady state: it is listed per run but left out of the medians.
        # The first runs (no loadGenSamplesPerSecond) took the generator's sample count over the window's nominal
        # seconds: right when it kept time, not when it ran behind; those are left out too.
        kept = [r for r in group if (r["samplesPerSecond"] or 0) >= 0.95 * r["gpus"]
                and ("loadGenSamplesPerSecond" in r or r["secondsBehind"] == 0)]
        rows = [figures(r) for r in kept]
        medians = [median([r[c] for r in rows]) for c in columns]
        print(f"| {label(group[0])} | {gpus:,} | {len(kept)} of {len(group)} | " + " | ".join(fmt(m) for m in medians) + " |")
    if "--runs" in sys.argv:
        print()
        print("| Configuration | GPUs | " + " | ".join(columns) + " | cores per silo | RSS MB per silo | grains per silo |")
        print("|---|---|" + "---|" * (len(columns) + 3))
        for run in runs:
            per = [run.get(f"silo{i + 1}CpuPerSecond") for i in range(run["silos"])]
            rss = [run.get(f"silo{i + 1}RssMB") for i in range(run["silos"])]
            print(f"| {label(run)} | {run['gpus']:,} | " + " | ".join(fmt(v) for v in figures(run).values())
                  + f" | {' / '.join(fmt(p) for p in per)} | {' / '.join(fmt(r) for r in rss)}"
                  + f" | {' / '.join(fmt(g) for g in run.get('siloActivations') or []) or '–'} |")


if __name__ == "__main__":
    main()
