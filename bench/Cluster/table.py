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
DISPATCHED = "orleans_messaging_processing_dispatcher_received_total"  # every message a silo's dispatcher took in


def figures(run):
    orleans = run.get("orleansPerSecond") or {}
    cpu = run["cpuSecondsPerMillionSamples"] or {}
    network, local = orleans.get(NETWORK), orleans.get(LOCAL)
    dispatched = orleans.get(DISPATCHED)
    silo_cores = run["siloCpuPerSecond"]
    return {
        "samples/s": run["samplesPerSecond"],
        "freshness p50": run["freshnessP50Ms"],
        "freshness p99": run["freshnessP99Ms"],
        "seconds behind": run["secondsBehind"],
        "silo cores (sum)": silo_cores,
        "gateway cores": run["gatewayCpuPerSecond"],
        "redis cores": run.get("redisCpuPerSecond"),
        "CPU-s/M silos": cpu.get("silos"),
        "CPU-s/M silos+gateway": cpu.get("silosGateway"),
        "CPU-s/M all": cpu.get("all"),
        "silo RSS MB (sum)": run["siloRssMB"],
        "silo RSS B/GPU": run["siloRssBytesPerGpu"],
        "network msgs/s": network,
        "local msgs/s": local,
        "dispatched msgs/s": dispatched,
        "silo µs/msg": round(silo_cores * 1e6 / dispatched, 1) if dispatched else None,
        "redis cmds/s": run.get("redisCommandsPerSecond"),
        "load avg": run.get("loadAverage1mMean"),
    }


def fmt(v):
    if v is None or v == "NaN" or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if isinstance(v, float) and not v.is_integer():
        return f"{v:,.3f}" if abs(v) < 10 else f"{v:,.1f}" if abs(v) < 100 else f"{v:,.0f}"
    return f"{int(v):,}"


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
        medians = [statistics.median(v) if (v := [r[c] for r in rows if isinstance(r[c], (int, float)) and not math.isnan(r[c])]) else None
                   for c in columns]
        print(f"| {label(group[0])} | {gpus:,} | {len(kept)} of {len(group)} | " + " | ".join(fmt(m) for m in medians) + " |")
    if "--runs" in sys.argv:
        print()
        print("| Configuration | GPUs | " + " | ".join(columns) + " | per silo cores | per silo RSS MB |")
        print("|---|---|" + "---|" * (len(columns) + 2))
        for run in runs:
            per = [run.get(f"silo{i + 1}CpuPerSecond") for i in range(run["silos"])]
            rss = [run.get(f"silo{i + 1}RssMB") for i in range(run["silos"])]
            print(f"| {label(run)} | {run['gpus']:,} | " + " | ".join(fmt(v) for v in figures(run).values())
                  + f" | {' / '.join(fmt(p) for p in per)} | {' / '.join(fmt(r) for r in rss)} |")


if __name__ == "__main__":
    main()
