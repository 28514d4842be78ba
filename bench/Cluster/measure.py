#!/usr/bin/env python3
"""Runs the load generator and measures, over its measuring window, what each process of the twin costs.

Samples every second the CPU time and resident memory of each silo, the gateway and redis-server from /proc, and
every few seconds the silos' Orleans counters (messages, grains) from their /metrics endpoints, the gateway's
answered telemetry requests and Redis' commands processed. The window is the load generator's nominal one: it
starts sending on the whole second after it says "Registered", and measures after its reported warm-up for its
duration; the samples in it are counted from the gateway's answered requests. Prints one JSON line.
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request

TICKS = os.sysconf("SC_CLK_TCK")
# Orleans' messaging instruments, as the Prometheus exporter names them: messages sent to other silos or clients
# over the network (a histogram of their sizes, so its _count), to grains on the same silo, and received.
METRIC = re.compile(r"^(orleans_messaging_[a-z_]+?|orleans_catalog_activations)(_total|_count)?(\{[^}]*\})? ([0-9.eE+-]+)")
# Gauges, reported as their value at the window's end rather than a rate: how many grains each silo holds.
GAUGES = ("orleans_catalog_activations",)


def proc(pid):
    """(CPU seconds, RSS bytes) of pid, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        with open(f"/proc/{pid}/status") as f:
            rss = next(int(l.split()[1]) * 1024 for l in f if l.startswith("VmRSS:"))
        return (int(fields[11]) + int(fields[12])) / TICKS, rss
    except (OSError, StopIteration):
        return None


def scrape(url):
    """Orleans messaging counters of one silo, summed over their labels."""
    totals = {}
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            for line in response.read().decode().splitlines():
                m = METRIC.match(line)
                if m and not m.group(1).endswith(("_bucket", "_sum")):
                    name = m.group(1) + (m.group(2) or "")
                    totals[name] = totals.get(name, 0.0) + float(m.group(4))
    except OSError:
        return None
    return totals


def telemetry_requests(url):
    """POST /api/telemetry requests the gateway answered with 2xx since it started, or None."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return sum(float(l.split("} ", 1)[1].split()[0])
                       for l in response.read().decode().splitlines()
                       if l.startswith("http_server_request_duration_seconds_count{") and 'http_route="/api/telemetry"' in l
                       and 'http_request_method="POST"' in l and 'http_response_status_code="2' in l)
    except OSError:
        return None


def redis_commands(port):
    """Commands redis-server has processed since it started (its INFO stats), or None."""
    try:
        info = subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", port, "info", "stats"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    return next((float(l.split(":")[1]) for l in info.splitlines() if l.startswith("total_commands_processed:")), None)


def at(series, t):
    """The value of a cumulative series [(time, value)] at time t, interpolated between samples."""
    before = [s for s in series if s[0] <= t]
    after = [s for s in series if s[0] >= t]
    if not before or not after:
        return None
    (t0, v0), (t1, v1) = before[-1], after[0]
    return v0 if t1 == t0 else v0 + (v1 - v0) * (t - t0) / (t1 - t0)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--store", required=True)
    p.add_argument("--startup-seconds", type=float, default=float("nan"))
    p.add_argument("--silo-pids", required=True)
    p.add_argument("--gateway-pid", required=True)
    p.add_argument("--redis-pid", default="")
    p.add_argument("--redis-port", default="")
    p.add_argument("--gateway-metrics", default="")
    p.add_argument("--silo-metrics", default="")
    p.add_argument("--log", required=True)
    p.add_argument("--metrics-every", type=float, default=5.0)
    p.add_argument("command", nargs=argparse.REMAINDER)
    a = p.parse_args()
    command = a.command[1:] if a.command[:1] == ["--"] else a.command
    silos = a.silo_pids.split()
    procs = {f"silo{i + 1}": int(pid) for i, pid in enumerate(silos)}
    procs["gateway"] = int(a.gateway_pid)
    if a.redis_pid:
        procs["redis"] = int(a.redis_pid)
    urls = a.silo_metrics.split()

    cpu = {name: [] for name in procs}
    rss = {name: [] for name in procs}
    messaging = [[] for _ in urls]  # per silo: [(time, {name: value})]
    loads = []
    commands = []  # redis: [(time, total commands processed)]
    requests = []  # gateway: [(time, telemetry requests answered)]
    done = threading.Event()

    def sample():
        last_scrape = 0.0
        while not done.is_set():
            now = time.time()
            for name, pid in procs.items():
                got = proc(pid)
                if got:
                    cpu[name].append((now, got[0]))
                    rss[name].append((now, got[1]))
            with open("/proc/loadavg") as f:
                loads.append((now, [float(x) for x in f.read().split()[:3]]))
            if now - last_scrape >= a.metrics_every:
                last_scrape = now
                for i, url in enumerate(urls):
                    got = scrape(url)
                    if got is not None:
                        messaging[i].append((time.time(), got))
                if a.gateway_metrics and (got := telemetry_requests(a.gateway_metrics)) is not None:
                    requests.append((time.time(), got))
                if a.redis_port and (got := redis_commands(a.redis_port)) is not None:
                    commands.append((time.time(), got))
            done.wait(1.0)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    registered = None
    last = ""
    with open(a.log, "w") as log, subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as lg:
        for line in lg.stdout:
            log.write(line)
            print(line, end="", file=sys.stderr)
            if line.startswith("Registered in"):
                registered = time.time()
            if line.strip():
                last = line.strip()
    # The generator's window ends when it writes its report, just before it exits.
    ended = time.time()
    # One more scrape after the window, so the last one is not before its end.
    time.sleep(a.metrics_every)
    done.set()
    sampler.join()
    if lg.returncode != 0 or not last.startswith("{"):
        sys.exit(f"the load generator failed (exit {lg.returncode}); its output is in {a.log}")

    report = json.loads(last)
    if registered is not None:
        start = math.floor(registered) + 1 + report["warmupSeconds"]
        end = start + report["durationSeconds"]
    else:
        # A declared facility (--declared) registers nothing: the window is the generator's last seconds.
        end = math.floor(ended)
        start = end - report["durationSeconds"]
    # When the generator runs behind it sends its window's intervals later than their nominal seconds, so count the
    # samples that arrived in this window from the gateway's answered requests: an interval's samples go in
    # ceil(gpus / batch) requests.
    per_interval = math.ceil(report["gpus"] / report["batchSamples"])
    r0, r1 = at(requests, start), at(requests, end)
    counted = None if r0 is None or r1 is None else (r1 - r0) * report["gpus"] / per_interval
    seconds = end - start
    out = {"silos": len(silos), "store": a.store, "gpus": report["gpus"], "racks": report["racks"],
           "durationSeconds": seconds, "startupSeconds": a.startup_seconds,
           "samplesPerSecond": round(counted / seconds) if counted else None,
           "loadGenSamplesPerSecond": report["samplesPerSecond"], "samplesAccepted": report["samplesAccepted"],
           "samplesSent": report["samplesSent"], "warmupSeconds": report["warmupSeconds"], "failedRequests": report["failedRequests"], "secondsBehind": report["secondsBehind"],
           "latencyP50Ms": report["latencyP50Ms"], "latencyP99Ms": report["latencyP99Ms"],
           "freshnessP50Ms": report["freshnessP50Ms"], "freshnessP99Ms": report["freshnessP99Ms"],
           "freshnessMissed": report["freshnessMissed"],
           "loadGenSiloCpuPerSecond": report["siloCpuSecondsPerSecond"], "loadGenGatewayCpuPerSecond": report["gatewayCpuSecondsPerSecond"]}
    window = [l for t, l in loads if start <= t <= end]
    out["loadAverage1mMean"] = round(sum(l[0] for l in window) / len(window), 1) if window else None
    out["loadAverageAtEnd"] = next((l for t, l in reversed(loads) if t <= end), None)
    total = 0.0
    for name in procs:
        c0, c1 = at(cpu[name], start), at(cpu[name], end)
        used = None if c0 is None or c1 is None else c1 - c0
        out[f"{name}CpuPerSecond"] = None if used is None else round(used / seconds, 3)
        out[f"{name}RssMB"] = round(at(rss[name], end) / 1e6, 1) if at(rss[name], end) is not None else None
        total += used or 0.0
    silo_cpu = sum(out[f"silo{i + 1}CpuPerSecond"] or 0 for i in range(len(silos)))
    accepted_millions = (counted or 0) / 1e6
    out["siloCpuPerSecond"] = round(silo_cpu, 3)
    out["siloRssMB"] = round(sum(out[f"silo{i + 1}RssMB"] or 0 for i in range(len(silos))), 1)
    out["siloRssBytesPerGpu"] = round(out["siloRssMB"] * 1e6 / report["gpus"], 1)
    out["cpuSecondsPerMillionSamples"] = {
        "silos": round(silo_cpu * seconds / accepted_millions, 2),
        "silosGateway": round((silo_cpu + (out["gatewayCpuPerSecond"] or 0)) * seconds / accepted_millions, 2),
        "all": round(total / accepted_millions, 2)} if accepted_millions else None
    out["siloActivations"] = [next((round(m[g]) for t, m in reversed(series) if t <= end + a.metrics_every and g in m), None)
                              for series in messaging for g in GAUGES]
    rates = {}
    for series in messaging:
        for name in sorted({k for _, m in series for k in m} - set(GAUGES)):
            points = [(t, m.get(name, 0.0)) for t, m in series]
            v0, v1 = at(points, start), at(points, end)
            if v0 is not None and v1 is not None:
                rates[name] = rates.get(name, 0.0) + (v1 - v0) / seconds
    c0, c1 = at(commands, start), at(commands, end)
    out["redisCommandsPerSecond"] = None if c0 is None or c1 is None else round((c1 - c0) / seconds, 1)
    out["orleansPerSecond"] = {k: round(v, 1) for k, v in sorted(rates.items())}
    print(json.dumps(out, separators=(",", ":")))


if __name__ == "__main__":
    main()
