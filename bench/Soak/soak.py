#!/usr/bin/env python3
"""Soak driver: beside a running twin under live ingest, keeps planners and browsers coming and going and samples
what the twin holds, so growth shows up as a slope.

- Scenario churn: every --scenario-every seconds one scenario is created, given a change (two GB300 racks added to
  a hall), evaluated (GET) and deleted.
- Viewer churn: --viewers clients in parallel each open the live view's event stream (GET /api/live), read its
  frames for --viewer-hold seconds, hang up and come back a moment later.
- KPI age: the facility KPI is read about every --interval-ms (jittered ±50 %); its age is read time minus the KPI's own
  asOf (and the fewest GPUs it counted as reporting in the window is kept: the ingest keeping up).
- Sampler: every --sample-every seconds one JSON line: silo and gateway RSS and CPU (cores, from /proc), KPI age
  p50/p99 over the window, Orleans activations (total and per grain type, from the silo's /metrics), established
  connections to the gateway port (ss) and Kestrel's count, scenario rows in the embedded store (twin.db) and the
  scenario index, GC heap of both processes, and what the churn did in the window.
- GC detail of the silo (the runtime's System.Runtime meter): heap and fragmentation per generation at the last
  collection, memory the GC has committed, collections per generation, pause time and allocation rate in the window.
  A heap that grows between full collections is not a leak; one whose live objects grow is. So --live-heap-at
  (minutes, e.g. 2,9,16,23) also has dotnet-gcdump (the repo's tool manifest) force a full collection in the silo
  and count what is still reachable; the last probe runs after the churn stops, before the final line. Each probe
  pauses the silo for the collection (about a second at 1 GW): its KPI-age window shows it.
After --minutes the churn stops, the twin is given --settle seconds, a last line ("final": true) is written, then a
summary line comparing the first and last minute.

Standard library only. Usage: soak.py --gateway URL --silo-url URL --silo-pid P --gateway-pid P --db PATH --out FILE
"""
import argparse
import http.client
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2:].split(" ")
    return (int(fields[11]) + int(fields[12])) / TICKS


def rss_bytes(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def percentile(values, p):
    if not values:
        return None
    s = sorted(values)
    k = (len(s) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


class Twin:
    def __init__(self, base):
        self.base = base.rstrip("/")

    def call(self, method, path, body=None, headers=None, timeout=30):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=dict(headers or {}))
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                raw = r.read()
                return r.status, dict(r.headers), raw
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def json(self, path, timeout=30):
        status, _, raw = self.call("GET", path, timeout=timeout)
        return json.loads(raw) if status == 200 else None


METRIC = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)')
LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def scrape(url):
    """Prometheus text as a list of (name, labels, value)."""
    try:
        with urllib.request.urlopen(url, timeout=20) as r:
            text = r.read().decode()
    except (OSError, urllib.error.URLError):
        return None
    out = []
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        m = METRIC.match(line)
        if m:
            try:
                out.append((m.group(1), dict(LABEL.findall(m.group(2) or "")), float(m.group(3))))
            except ValueError:
                pass
    return out


def total(metrics, name):
    values = [v for n, _, v in metrics or [] if n == name]
    return sum(values) if values else None


def gc_heap(metrics):
    # The runtime's own meter (.NET 9+) or the OpenTelemetry runtime instrumentation's older name.
    for name in ("dotnet_gc_last_collection_heap_size_bytes", "process_runtime_dotnet_gc_heap_size_bytes"):
        value = total(metrics, name)
        if value is not None:
            return value
    return None


def labelled(metrics, name, label):
    """{label value: value} of one metric's series, e.g. heap size per gc_heap_generation."""
    return {labels.get(label, "?"): v for n, labels, v in metrics or [] if n == name}


def gc_detail(metrics):
    """The silo's GC as its /metrics shows it: sizes in MB, counters cumulative (differenced per window by the caller)."""
    mb = lambda d: {k: round(v / 1e6, 1) for k, v in sorted(d.items())}
    return {
        "heapByGenerationMB": mb(labelled(metrics, "dotnet_gc_last_collection_heap_size_bytes", "gc_heap_generation")),
        "fragmentationByGenerationMB": mb(labelled(metrics, "dotnet_gc_last_collection_heap_fragmentation_size_bytes", "gc_heap_generation")),
        "committedMB": round((total(metrics, "dotnet_gc_last_collection_memory_committed_size_bytes") or 0) / 1e6, 1),
        "collections": {k: int(v) for k, v in sorted(labelled(metrics, "dotnet_gc_collections_total", "gc_heap_generation").items())},
        "allocatedBytes": total(metrics, "dotnet_gc_heap_total_allocated_bytes_total"),
        "pauseSeconds": total(metrics, "dotnet_gc_pause_time_seconds_total"),
    }


GC_HEAP_BYTES = re.compile(r"^\s*([\d,]+)\s+GC Heap bytes", re.M)


def live_heap_mb(pid):
    """What is reachable in the process after a full collection that dotnet-gcdump forces (MB), or None."""
    path = f"/tmp/tft-soak-{pid}-{int(time.time())}.gcdump"
    try:
        subprocess.run(["dotnet", "tool", "run", "dotnet-gcdump", "collect", "-p", str(pid), "-o", path],
                       capture_output=True, text=True, timeout=300, check=True)
        report = subprocess.run(["dotnet", "tool", "run", "dotnet-gcdump", "report", path],
                                capture_output=True, text=True, timeout=300, check=True).stdout
        m = GC_HEAP_BYTES.search(report)
        return round(int(m.group(1).replace(",", "")) / 1e6, 1) if m else None
    except (OSError, subprocess.SubprocessError):
        return None
    finally:
        if os.path.exists(path):
            os.remove(path)


def envelope(lines, seconds, keys):
    """Lowest and highest of each key per window of `seconds`: [{"fromS": 0, "siloGcHeapMB": [min, max], ...}]."""
    windows = {}
    for l in lines:
        windows.setdefault(int(l["elapsedS"] // seconds), []).append(l)
    out = []
    for w, ls in sorted(windows.items()):
        row = {"fromS": w * seconds}
        for k in keys:
            vals = [l[k] for l in ls if l.get(k) is not None]
            row[k] = [min(vals), max(vals)] if vals else None
        out.append(row)
    return out


def activations(metrics):
    per_type = {}
    for n, labels, v in metrics or []:
        if n == "orleans_catalog_activations" and v:
            t = labels.get("grain_type", "?")
            per_type[t] = per_type.get(t, 0) + int(v)
    return total(metrics, "orleans_catalog_activations"), dict(sorted(per_type.items()))


def established(port):
    try:
        out = subprocess.run(["ss", "-Htn", "state", "established", f"( sport = :{port} )"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return sum(1 for line in out.splitlines() if line.strip())


def scenario_rows(db):
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
        try:
            rows = con.execute("SELECT COUNT(*), SUM(grain_id LIKE 'scenario/%') FROM grain_state").fetchone()
            return rows[0], rows[1] or 0
        finally:
            con.close()
    except sqlite3.Error:
        return None, None


class Counters:
    def __init__(self):
        self.lock = threading.Lock()
        self.c = {}
        self.latency = []

    def add(self, key, n=1):
        with self.lock:
            self.c[key] = self.c.get(key, 0) + n

    def took(self, ms):
        with self.lock:
            self.latency.append(ms)

    def take(self):
        with self.lock:
            c, lat = self.c, self.latency
            self.c, self.latency = {}, []
        return c, lat


def kpi_poller(twin, interval, stop, ages, lock):
    while not stop.is_set():
        started = time.time()
        try:
            kpis = twin.json("/api/facility", timeout=10)
            if kpis and kpis.get("asOf"):
                as_of = kpis["asOf"]
                # .NET writes up to 7 fraction digits and an offset; Python's fromisoformat takes 6.
                m = re.match(r'(.*T\d\d:\d\d:\d\d)(\.\d+)?(.*)', as_of)
                frac = (m.group(2) or ".0")[:7]
                zone = m.group(3).replace("Z", "+00:00") or "+00:00"
                from datetime import datetime
                t = datetime.fromisoformat(m.group(1) + frac + zone).timestamp()
                with lock:
                    ages.append(((time.time() - t) * 1000, kpis.get("gpusReporting")))
        except (OSError, ValueError, json.JSONDecodeError, AttributeError):
            pass
        # Jittered around the interval: a read in step with the twin's 1 s timers would see the same phase each time.
        stop.wait(max(0, interval * random.uniform(0.5, 1.5) - (time.time() - started)))


def scenario_churn(twin, every, stop, counters, hall, power_a, power_b):
    n = 0
    while not stop.is_set():
        started = time.time()
        n += 1
        try:
            status, headers, raw = twin.call("POST", "/api/scenarios", {"name": f"soak {n}"})
            if status != 201:
                counters.add(f"create{status}")
                stop.wait(every)
                continue
            sid = json.loads(raw)["id"]
            etag = headers.get("ETag") or headers.get("etag")
            counters.add("created")
            change = {"kind": "addRacks", "rackType": "gb300-nvl72", "count": 2, "hall": hall, "powerA": power_a, "powerB": power_b}
            status, _, _ = twin.call("POST", f"/api/scenarios/{sid}/changes", change, {"If-Match": etag})
            counters.add("changed" if status in (200, 201) else f"change{status}")
            status, _, raw = twin.call("GET", f"/api/scenarios/{sid}")
            counters.add("evaluated" if status == 200 and "evaluation" in json.loads(raw) else f"evaluate{status}")
            status, _, _ = twin.call("DELETE", f"/api/scenarios/{sid}")
            counters.add("deleted" if status in (200, 204) else f"delete{status}")
            counters.took((time.time() - started) * 1000)
        except (OSError, ValueError, KeyError, json.JSONDecodeError) as e:
            counters.add(f"error:{type(e).__name__}")
        stop.wait(max(0, every - (time.time() - started)))


def viewer(host, port, hold, stop, counters):
    while not stop.is_set():
        conn = http.client.HTTPConnection(host, port, timeout=15)
        try:
            conn.request("GET", "/api/live", headers={"Accept": "text/event-stream"})
            r = conn.getresponse()
            if r.status != 200:
                counters.add(f"live{r.status}")
                r.read()
            else:
                counters.add("viewers")
                until = time.time() + hold
                # Frames are whole events ending in a blank line; counting "event: frame" lines is enough.
                while time.time() < until and not stop.is_set():
                    line = r.fp.readline(1 << 22)
                    if not line:
                        break
                    if line.startswith(b"event: frame"):
                        counters.add("frames")
                    elif line.startswith(b"event: layout"):
                        counters.add("layouts")
        except (OSError, http.client.HTTPException) as e:
            counters.add(f"liveError:{type(e).__name__}")
        finally:
            conn.close()
        stop.wait(1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--gateway", required=True)
    p.add_argument("--silo-url", required=True)
    p.add_argument("--silo-pid", type=int, required=True)
    p.add_argument("--gateway-pid", type=int, required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--minutes", type=float, default=30)
    p.add_argument("--interval-ms", type=int, default=1000)
    p.add_argument("--sample-every", type=float, default=5)
    p.add_argument("--scenario-every", type=float, default=5)
    p.add_argument("--viewers", type=int, default=3)
    p.add_argument("--viewer-hold", type=float, default=20)
    p.add_argument("--settle", type=float, default=15)
    p.add_argument("--label", default="")
    p.add_argument("--live-heap-at", default="", help="minutes at which to probe the silo's live heap, e.g. 2,9,16,23")
    a = p.parse_args()

    a.gateway = a.gateway.rstrip("/")
    twin = Twin(a.gateway)
    gw = urllib.parse.urlparse(a.gateway)
    topology = twin.json("/api/topology", timeout=120)
    nodes = topology["powerNodes"]
    upstreams = {n.get("upstream") for n in nodes}
    leaves = [n for n in nodes if n["id"] not in upstreams and n.get("upstream")]
    hall = topology["halls"][0]["id"]
    power_a = next(n["id"] for n in leaves if n["side"] == "A")
    power_b = next(n["id"] for n in leaves if n["side"] == "B")

    stop_churn, stop_all = threading.Event(), threading.Event()
    ages, ages_lock = [], threading.Lock()
    counters = Counters()
    threads = [threading.Thread(target=kpi_poller, args=(twin, a.interval_ms / 1000, stop_all, ages, ages_lock), daemon=True),
               threading.Thread(target=scenario_churn, args=(twin, a.scenario_every, stop_churn, counters, hall, power_a, power_b), daemon=True)]
    threads += [threading.Thread(target=viewer, args=(gw.hostname, gw.port, a.viewer_hold, stop_churn, counters), daemon=True) for _ in range(a.viewers)]

    out = open(a.out, "a", buffering=1)
    start = time.time()
    last = {"t": start, "silo": cpu_seconds(a.silo_pid), "gateway": cpu_seconds(a.gateway_pid), "gc": None}
    probes = sorted(float(m) * 60 for m in a.live_heap_at.split(",") if m.strip())

    def gc_window(metrics, dt):
        now = gc_detail(metrics) if metrics else None
        before, last["gc"] = last["gc"], now
        if now is None:
            return None
        window = {k: now[k] for k in ("heapByGenerationMB", "fragmentationByGenerationMB", "committedMB", "collections")}
        if before is not None and dt >= 1:
            window["collectionsInWindow"] = {g: n - before["collections"].get(g, 0) for g, n in now["collections"].items()}
            if now["allocatedBytes"] is not None and before["allocatedBytes"] is not None:
                window["allocatedMBps"] = round((now["allocatedBytes"] - before["allocatedBytes"]) / 1e6 / dt, 1)
            if now["pauseSeconds"] is not None and before["pauseSeconds"] is not None:
                window["pauseMsInWindow"] = round((now["pauseSeconds"] - before["pauseSeconds"]) * 1000, 1)
        return window

    def sample(final=False, live_heap=None):
        now = time.time()
        silo_cpu, gw_cpu = cpu_seconds(a.silo_pid), cpu_seconds(a.gateway_pid)
        dt = now - last["t"]
        with ages_lock:
            window = [age for age, _ in ages]
            reporting = [g for _, g in ages if g is not None]
            ages.clear()
        silo_metrics, gw_metrics = scrape(a.silo_url + "/metrics"), scrape(a.gateway + "/metrics")
        total_act, per_type = activations(silo_metrics)
        rows, scen_rows = scenario_rows(a.db)
        listed = twin.json("/api/scenarios")
        churn, latency = counters.take()
        line = {
            "label": a.label, "elapsedS": round(now - start, 1), "final": final,
            "siloRssMB": round((rss_bytes(a.silo_pid) or 0) / 1e6, 1), "gatewayRssMB": round((rss_bytes(a.gateway_pid) or 0) / 1e6, 1),
            "siloCores": round((silo_cpu - last["silo"]) / dt, 3) if silo_cpu is not None and dt >= 1 else None,
            "gatewayCores": round((gw_cpu - last["gateway"]) / dt, 3) if gw_cpu is not None and dt >= 1 else None,
            "kpiAgeP50Ms": round(percentile(window, 50)) if window else None,
            "kpiAgeP99Ms": round(percentile(window, 99)) if window else None, "kpiReads": len(window),
            "gpusReportingMin": min(reporting) if reporting else None,
            "activations": total_act, "activationsByType": per_type,
            "gatewayConnections": established(gw.port), "kestrelConnections": total(gw_metrics, "kestrel_active_connections"),
            "storeRows": rows, "scenarioRows": scen_rows, "scenariosListed": len(listed) if isinstance(listed, list) else None,
            "siloGcHeapMB": round(gc_heap(silo_metrics) / 1e6, 1) if gc_heap(silo_metrics) is not None else None,
            "gatewayGcHeapMB": round(gc_heap(gw_metrics) / 1e6, 1) if gc_heap(gw_metrics) is not None else None,
            "siloGc": gc_window(silo_metrics, dt), "siloLiveHeapMB": live_heap,
            "churn": churn, "scenarioCycleP50Ms": round(percentile(latency, 50)) if latency else None,
            "load1": os.getloadavg()[0],
        }
        last.update(t=now, silo=silo_cpu, gateway=gw_cpu)
        out.write(json.dumps(line) + "\n")
        print(f"{line['elapsedS']:7.0f}s silo {line['siloRssMB']} MB {line['siloCores']} cores | gateway {line['gatewayRssMB']} MB "
              f"{line['gatewayCores']} cores | KPI age p99 {line['kpiAgeP99Ms']} ms | GPUs reporting {line['gpusReportingMin']} | activations {total_act} | conns {line['gatewayConnections']} "
              f"| scenario rows {scen_rows} | load {line['load1']:.1f} | {churn}", flush=True)
        return line

    lines = [sample()]
    for t in threads:
        t.start()
    end = start + a.minutes * 60

    def end_early(*_):
        raise KeyboardInterrupt

    # SIGTERM ends the run early but still with its last line and summary.
    signal.signal(signal.SIGTERM, end_early)
    try:
        while time.time() < end:
            time.sleep(max(0, min(a.sample_every - (time.time() - last["t"]), end - time.time())))
            live = None
            if probes and time.time() - start >= probes[0]:
                probes.pop(0)
                live = live_heap_mb(a.silo_pid)
                print(f"silo live heap {live} MB", flush=True)
            lines.append(sample(live_heap=live))
    except KeyboardInterrupt:
        print("Ending early", flush=True)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    churned_minutes = round((time.time() - start) / 60, 1)
    stop_churn.set()
    # Viewers hang up within a read; the scenario in flight finishes its cycle (each request is bounded).
    for t in threads[1:]:
        t.join(timeout=60)
    time.sleep(a.settle)
    # The last probe counts what the churn left reachable once it stopped.
    final_live = live_heap_mb(a.silo_pid) if a.live_heap_at else None
    final = sample(final=True, live_heap=final_live)
    stop_all.set()
    threads[0].join(timeout=15)

    def minute(ls):
        def med(key):
            vals = [l[key] for l in ls if l.get(key) is not None]
            return round(percentile(vals, 50), 3) if vals else None
        return {k: med(k) for k in ("siloRssMB", "gatewayRssMB", "siloCores", "gatewayCores", "kpiAgeP99Ms", "activations",
                                     "gatewayConnections", "scenarioRows", "storeRows", "siloGcHeapMB", "gatewayGcHeapMB")}

    running = [l for l in lines if l["elapsedS"] > 0]
    first = [l for l in running if l["elapsedS"] <= 60]
    last_minute = [l for l in running if l["elapsedS"] > running[-1]["elapsedS"] - 60]
    baseline = lines[0]
    created = sum(l["churn"].get("created", 0) for l in lines + [final])
    deleted = sum(l["churn"].get("deleted", 0) for l in lines + [final])
    summary = {
        "label": a.label, "summary": True, "minutes": churned_minutes, "scenariosCreated": created, "scenariosDeleted": deleted,
        "viewerSessions": sum(l["churn"].get("viewers", 0) for l in lines + [final]),
        "framesRead": sum(l["churn"].get("frames", 0) for l in lines + [final]),
        "firstMinute": minute(first), "lastMinute": minute(last_minute),
        "siloLiveHeapMB": [{"elapsedS": l["elapsedS"], "mb": l["siloLiveHeapMB"]} for l in lines + [final] if l.get("siloLiveHeapMB") is not None],
        # A GC heap saws up between full collections and down at each: its troughs (and the live heap) show growth,
        # its peaks show only how far the GC lets it run. Lowest and highest per five minutes, silo heap and RSS.
        "envelopePer5Minutes": envelope(running, 300, ("siloGcHeapMB", "siloRssMB", "siloCores")),
        "before": {k: baseline[k] for k in ("activations", "gatewayConnections", "scenarioRows", "storeRows", "scenariosListed")},
        "afterLastDeletion": {k: final[k] for k in ("activations", "activationsByType", "gatewayConnections", "kestrelConnections",
                                                    "scenarioRows", "storeRows", "scenariosListed")},
    }
    out.write(json.dumps(summary) + "\n")
    out.close()
    print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
