#!/usr/bin/env python3
"""The twin and Debian's Prometheus side by side on the same synthetic exporters (bench/PromCompare/run.sh).

For each GPU count: writes a facility declaring enough live GB300 racks (18 hosts of 4 GPUs each), starts the
synthetic exporters (one /metrics path per host, all on one loopback port) and then, each alone, Prometheus (1 s
scrapes, a 1 s recording rule for facility tokens/s per MW) and the twin (silo + gateway, the gateway's pull
scraper on the same targets at 1 s). The token rate steps every --step seconds at known instants; for each step it
times when each system's KPI first shows the new value (within 5 % of the step), and it measures each system's CPU
and memory from /proc, the exporters' own CPU apart (so a reader can tell when the targets are the bottleneck), the
scrapes the exporters really served (hence CPU per scrape and per million GPU samples) and how far the settled value
is from the truth. One JSON line per system and run.
Everything binds to 127.0.0.1; every process started is stopped by its PID.
"""
import argparse
import datetime
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = "bin/Release/net10.0"
LOADGEN = os.path.join(ROOT, "bench/LoadGen", BIN, "TokenFactoryTwin.LoadGen.dll")
FARM = os.path.join(ROOT, "bench/PromCompare", BIN, "TokenFactoryTwin.PromCompare.dll")
GPUS_PER_HOST = 4
LOW, HIGH = 3000.0, 6000.0  # tokens/s per GPU
POWER_W = 1000.0  # per GPU, constant (ExporterFarm.PowerW)
BAND = 0.05  # a KPI shows a step when within 5 % of the step's size of the new true value
RULE = "facility:tokens_per_second_per_mw"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return json.load(r)


def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError):
        return None


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def load_average():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def stop(proc, grace=20):
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def percentile(values, p):
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(p / 100 * len(s) + 0.5)) - 1))]


class Schedule:
    """The same schedule as TokenSchedule.cs: low from start, high after one step, and so on."""

    def __init__(self, start, step):
        self.start, self.step = start, step

    def rate(self, t):
        e = t - self.start
        return LOW if e < 0 or int(e // self.step) % 2 == 0 else HIGH

    def steps_between(self, a, b):
        k = max(1, int((a - self.start) // self.step) + 1)
        while self.start + k * self.step < b:
            yield self.start + k * self.step
            k += 1


class Watch(threading.Thread):
    """Polls a system's KPI every 100 ms: (time, kpi value, tokens/s) per reading."""

    def __init__(self, read):
        super().__init__(daemon=True)
        self.read, self.readings, self.stopping = read, [], threading.Event()

    def run(self):
        while not self.stopping.is_set():
            try:
                value = self.read()
                if value is not None:
                    self.readings.append((time.time(), *value))
            except (OSError, ValueError, KeyError, IndexError, TypeError):
                pass  # a missed reading is a gap in the record, not a failure of the run
            self.stopping.wait(0.1)


def ages(readings, schedule, truth, a, b, share=1.0):
    """Per step in [a, b): ms from the step until the KPI first shows its new true value (share=1: within 5 % of
    the step; share=0.5: at least half of the step, the pipeline's delay without the rate's own window); missed counted."""
    found, missed = [], 0
    for at in schedule.steps_between(a, b):
        old, new = truth(schedule.rate(at - 0.5)), truth(schedule.rate(at + 0.5))
        shown = (lambda v: abs(v - new) <= BAND * abs(new - old)) if share >= 1 else (lambda v: share <= (v - old) / (new - old) <= 2 - share)
        seen = next((t for t, v, *_ in readings if at <= t < at + schedule.step and shown(v)), None)
        if seen is None:
            missed += 1
        else:
            found.append((seen - at) * 1000)
    return found, missed


def settled_errors(readings, schedule, truth, a, b, column=1):
    """Relative error of the last reading before each step (the value settled over the period), in %."""
    errors = []
    for at in schedule.steps_between(a + schedule.step, b + 0.01):
        before = [r for r in readings if at - 1.0 <= r[0] < at]
        if before:
            value = before[-1][column]
            expected = truth(schedule.rate(at - 0.5))
            errors.append(abs(value - expected) / expected * 100)
    return errors


def wait_until(check, seconds, alive=lambda: True):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if not alive():
            return False
        try:
            if check():
                return True
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            pass
        time.sleep(0.5)
    return False


class Prometheus:
    name = "prometheus"

    def __init__(self, work, hosts, farm_port):
        self.work = os.path.join(work, "prometheus")
        os.makedirs(self.work, exist_ok=True)
        with open(os.path.join(self.work, "targets.json"), "w") as f:
            json.dump([{"targets": [f"127.0.0.1:{farm_port}"], "labels": {"__metrics_path__": f"/metrics/{h}", "instance": h}} for h in hosts], f)
        with open(os.path.join(self.work, "rules.yml"), "w") as f:
            f.write(f"""groups:
  - name: facility
    interval: 1s
    rules:
      - record: facility:tokens_per_second
        expr: sum(irate(vllm:prompt_tokens_total[5s])) + sum(irate(vllm:generation_tokens_total[5s]))
      - record: {RULE}
        expr: facility:tokens_per_second / sum(DCGM_FI_DEV_POWER_USAGE) * 1e6
""")
        with open(os.path.join(self.work, "prometheus.yml"), "w") as f:
            f.write(f"""global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files: ["{self.work}/rules.yml"]
scrape_configs:
  - job_name: dcgm
    file_sd_configs:
      - files: ["{self.work}/targets.json"]
""")
        self.proc = None
        self.port = None

    def start(self):
        self.port = free_port()
        data = os.path.join(self.work, "data")
        shutil.rmtree(data, ignore_errors=True)
        self.log = open(os.path.join(self.work, "prometheus.log"), "w")
        self.proc = subprocess.Popen(["prometheus", f"--config.file={self.work}/prometheus.yml", f"--storage.tsdb.path={data}",
                                      f"--web.listen-address=127.0.0.1:{self.port}"], stdout=self.log, stderr=subprocess.STDOUT)
        ok = wait_until(lambda: urllib.request.urlopen(f"http://127.0.0.1:{self.port}/-/ready", timeout=2).status == 200, 120, self.alive)
        return ok

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def pids(self):
        return [self.proc.pid]

    def query(self, q):
        return get_json(f"http://127.0.0.1:{self.port}/api/v1/query?" + urllib.parse.urlencode({"query": q}), timeout=2)["data"]["result"]

    def read(self):
        series = {r["metric"]["__name__"]: float(r["value"][1]) for r in self.query('{__name__=~"facility:.*"}')}
        return (series[RULE], series.get("facility:tokens_per_second", float("nan")))

    def truth(self, gpus):
        return lambda rate: rate / POWER_W * 1e6

    def health(self):
        up = self.query("sum(up)")
        duration = self.query("avg(scrape_duration_seconds)")
        return {"targetsUp": int(float(up[0]["value"][1])) if up else 0,
                "scrapeMsMean": round(float(duration[0]["value"][1]) * 1000, 1) if duration else None}

    def stop(self):
        stop(self.proc)
        if self.proc is not None:
            self.log.close()


class Twin:
    name = "twin"

    def __init__(self, work, hosts, farm_port, facility, gpus, root=ROOT, settings=()):
        self.work = os.path.join(work, "twin")
        self.silo_dir = os.path.join(root, "src/Silo", BIN)
        self.gateway_dir = os.path.join(root, "src/Gateway", BIN)
        self.settings = [f"--{s}" for s in settings]
        self.gpus = gpus
        self.facility = facility
        self.content = os.path.join(self.work, "gateway")
        os.makedirs(self.content, exist_ok=True)
        # The gateway reads appsettings.json, then appsettings.<environment>.json, from its content root: the
        # targets go in the second, as a gateway's operators would declare them (Twin:Scrape:Targets).
        shutil.copy(os.path.join(self.gateway_dir, "appsettings.json"), self.content)
        targets = [{"id": h, "url": f"http://127.0.0.1:{farm_port}/metrics/{h}", "intervalSeconds": 1, "timeoutSeconds": 1, "host": h} for h in hosts]
        with open(os.path.join(self.content, "appsettings.PromCompare.json"), "w") as f:
            json.dump({"Twin": {"Scrape": {"Targets": targets}}}, f)
        self.silo = self.gateway = None

    def start(self):
        silo_port, client_port, silo_web, otlp = free_port(), free_port(), free_port(), free_port()
        self.web = free_port()
        data = os.path.join(self.work, "data")
        shutil.rmtree(data, ignore_errors=True)
        self.silo_log = open(os.path.join(self.work, "silo.log"), "w")
        self.gateway_log = open(os.path.join(self.work, "gateway.log"), "w")
        self.silo = subprocess.Popen(["dotnet", "TokenFactoryTwin.Silo.dll", f"--Twin:FacilityFile={self.facility}", f"--Twin:DataDirectory={data}",
                                      f"--Orleans:Endpoints:SiloPort={silo_port}", f"--Orleans:PrimarySiloPort={silo_port}",
                                      f"--Orleans:Endpoints:GatewayPort={client_port}", "--urls", f"http://127.0.0.1:{silo_web}"],
                                     cwd=self.silo_dir, stdout=self.silo_log, stderr=subprocess.STDOUT)
        env = dict(os.environ, ASPNETCORE_ENVIRONMENT="PromCompare", DOTNET_ENVIRONMENT="PromCompare")
        self.gateway = subprocess.Popen(["dotnet", os.path.join(self.gateway_dir, "TokenFactoryTwin.Gateway.dll"), f"--Orleans:GatewayPort={client_port}",
                                         f"--Twin:Otlp:GrpcEndpoint=127.0.0.1:{otlp}", "--urls", f"http://127.0.0.1:{self.web}", *self.settings],
                                        cwd=self.content, env=env, stdout=self.gateway_log, stderr=subprocess.STDOUT)
        return wait_until(lambda: get_json(f"http://127.0.0.1:{self.web}/api/facility")["gpus"] >= self.gpus, 900, self.alive)

    def alive(self):
        return all(p is not None and p.poll() is None for p in (self.silo, self.gateway))

    def pids(self):
        return [self.silo.pid, self.gateway.pid]

    def read(self):
        k = get_json(f"http://127.0.0.1:{self.web}/api/facility", timeout=2)
        return (k["tokensPerSecond"], k["tokensPerSecond"], k.get("tokensPerSecondPerMegawatt"))

    def truth(self, gpus):
        # The twin's tokens/s per MW divides by the facility power it models (cooling included): its age and
        # correctness are read from the tokens/s it divides, which steps at the same instant by the same ratio.
        return lambda rate: rate * gpus

    def health(self):
        targets = get_json(f"http://127.0.0.1:{self.web}/api/scrape-targets", timeout=30)
        durations = [t["lastDurationMs"] for t in targets if t.get("lastDurationMs") is not None]
        return {"targetsUp": sum(1 for t in targets if t["health"] == "up"),
                "scrapeMsMean": round(statistics.mean(durations), 1) if durations else None}

    def stop(self):
        stop(self.gateway)
        stop(self.silo)
        if self.silo is not None:
            self.silo_log.close()
            self.gateway_log.close()


def served(farm_port):
    """Scrapes the exporters have answered so far (their GET /stats), or None if they cannot say."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{farm_port}/stats", timeout=5) as r:
            return int(r.read())
    except (OSError, ValueError):
        return None


def measure(system, gpus, hosts, schedule, farm_pid, farm_port, args, repeat):
    started = time.time()
    if not system.start():
        system.stop()
        return {"system": system.name, "gpus": gpus, "repeat": repeat, "error": "did not come up", "work": system.work}
    up_seconds = round(time.time() - started, 1)
    truth = system.truth(gpus)
    watch = Watch(system.read)
    watch.start()
    # Warm-up: until the KPI has been right (within 5 % of the truth) for 3 readings in a row, at most --warmup s.
    warm = time.time()
    converged = False
    while time.time() - warm < args.warmup and system.alive():
        recent = watch.readings[-3:]
        if len(recent) == 3 and all(abs(v - truth(schedule.rate(t))) <= BAND * truth(schedule.rate(t)) for t, v, *_ in recent):
            converged = True
            break
        time.sleep(0.5)
    warmup_seconds = round(time.time() - warm, 1)
    pids = system.pids()
    cpu0 = [cpu_seconds(p) for p in pids]
    farm0 = cpu_seconds(farm_pid)
    served0 = served(farm_port)
    load0 = load_average()
    a = time.time()
    time.sleep(args.seconds)
    b = time.time()
    cpu1 = [cpu_seconds(p) for p in pids]
    farm1 = cpu_seconds(farm_pid)
    served1 = served(farm_port)
    rss = sum(rss_mb(p) or 0 for p in pids)
    farm_rss = rss_mb(farm_pid)
    load1 = load_average()
    # The last step of the window may show after it ends: keep watching for one more step period.
    time.sleep(schedule.step)
    watch.stopping.set()
    watch.join()
    try:
        health = system.health()
    except (OSError, ValueError, KeyError, IndexError, TypeError) as e:
        health = {"healthError": str(e)}
    alive = system.alive()
    system.stop()
    # Every reading, for a closer look at a run: seconds from the schedule's start, the KPI, the truth then.
    with open(os.path.join(system.work, f"readings-{gpus}-{repeat}.csv"), "w") as f:
        f.write("t,kpi,truth\n")
        f.writelines(f"{t - schedule.start:.2f},{v:.0f},{truth(schedule.rate(t)):.0f}\n" for t, v, *_ in watch.readings)
    found, missed = ages(watch.readings, schedule, truth, a, b)
    half, _ = ages(watch.readings, schedule, truth, a, b, share=0.5)
    errors = settled_errors(watch.readings, schedule, truth, a, b)
    window = [r for r in watch.readings if a <= r[0] < b]
    prom_tokens_errors = settled_errors(watch.readings, schedule, lambda rate: rate * gpus, a, b, column=2) if system.name == "prometheus" else None
    result = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "system": system.name, "gpus": gpus, "hosts": len(hosts), "targets": len(hosts), "repeat": repeat,
        "stepSeconds": schedule.step, "measuredSeconds": round(b - a, 1), "upSeconds": up_seconds,
        "warmupSeconds": warmup_seconds, "warmupConverged": converged,
        "ageP50Ms": round(percentile(found, 50)) if found else None, "ageP99Ms": round(percentile(found, 99)) if found else None,
        "steps": len(found) + missed, "stepsMissed": missed,
        "halfStepP50Ms": round(percentile(half, 50)) if half else None,
        "errorPctMedian": round(statistics.median(errors), 2) if errors else None,
        "errorPctMax": round(max(errors), 2) if errors else None,
        "tokensErrorPctMedian": round(statistics.median(prom_tokens_errors), 2) if prom_tokens_errors else None,
        "kpiLast": window[-1][1] if window else None,
        "cpuCores": round(sum((c1 or 0) - (c0 or 0) for c0, c1 in zip(cpu0, cpu1)) / (b - a), 3),
        "rssMB": round(rss, 1),
        "targetsCpuCores": round(((farm1 or 0) - (farm0 or 0)) / (b - a), 3), "targetsRssMB": round(farm_rss or 0, 1),
        "loadAverageStart": load0, "loadAverageEnd": load1, "alive": alive, **health,
    }
    # What a scrape costs the scraping system (all its processes: for the twin silo and gateway), per scrape the
    # exporters really answered and per million GPU samples (each scrape carries GPUS_PER_HOST GPUs' readings).
    scrapes = (served1 - served0) / (b - a) if served0 is not None and served1 is not None else None
    if scrapes:
        result["scrapesPerSecond"] = round(scrapes, 1)
        result["cpuMsPerScrape"] = round(result["cpuCores"] * 1000 / scrapes, 3)
        result["cpuSecondsPerMillionSamples"] = round(result["cpuCores"] / (scrapes * GPUS_PER_HOST) * 1e6, 2)
    result["cpuCoresByProcess"] = [round(((c1 or 0) - (c0 or 0)) / (b - a), 3) for c0, c1 in zip(cpu0, cpu1)]
    if args.label:
        result["label"] = args.label
    if system.name == "twin":
        result["twinSettings"] = list(args.twin_setting)
        if window:
            result["twinTokensPerSecondPerMw"] = window[-1][3]
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--gpus", default="10000,20000,50000,100000,250000,532800")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--seconds", type=int, default=60, help="measured seconds per run")
    p.add_argument("--step", type=float, default=10, help="seconds between token-rate steps")
    p.add_argument("--warmup", type=int, default=90, help="most seconds to wait for a KPI to be right before measuring")
    p.add_argument("--systems", default="prometheus,twin")
    p.add_argument("--prometheus-up-to", type=int, default=100_000, metavar="GPUS",
                   help="run Prometheus only at sizes up to this many GPUs (its memory grows with the series; past about "
                        "100k GPUs it does not fit beside the exporters on a 24 GB machine): larger sizes run the twin alone")
    p.add_argument("--twin-root", default=ROOT, help="the checkout whose built silo and gateway to run (an A/B against another build)")
    p.add_argument("--twin-setting", action="append", default=[], metavar="KEY=VALUE",
                   help="a gateway setting for the twin's runs, e.g. Twin:Scrape:BatchWindowMilliseconds=0 (repeatable)")
    p.add_argument("--label", default="", help="a name for these runs, kept in each JSON line (e.g. before / after)")
    p.add_argument("--out", default=os.path.join(ROOT, "bench/PromCompare/results", datetime.date.today().isoformat() + ".jsonl"))
    args = p.parse_args()
    if "prometheus" in args.systems.split(",") and shutil.which("prometheus") is None:
        sys.exit("Debian's prometheus is not installed (apt-get install prometheus); --systems twin runs the twin alone")
    work = tempfile.mkdtemp(prefix="tft-promcompare.")
    print(f"Work folder (logs): {work}", flush=True)
    for gpus_wanted in [int(g) for g in args.gpus.split(",")]:
        facility = os.path.join(work, f"facility-{gpus_wanted}.json")
        subprocess.run(["dotnet", LOADGEN, "--write-facility", facility, "--gpus", str(gpus_wanted)], check=True, stdout=subprocess.DEVNULL)
        with open(facility) as f:
            spec = json.load(f)
        hosts = [h["hostname"] for r in spec["racks"] if r["source"]["kind"] == "live" for h in r["source"]["hosts"]]
        gpus = len(hosts) * GPUS_PER_HOST  # whole racks: 72 GPUs each
        hosts_file = os.path.join(work, f"hosts-{gpus_wanted}.txt")
        with open(hosts_file, "w") as f:
            f.write("\n".join(hosts) + "\n")
        farm_port = free_port()
        schedule = Schedule(int(time.time()) + 5, args.step)
        farm_log = open(os.path.join(work, f"farm-{gpus_wanted}.log"), "w")
        farm = subprocess.Popen(["dotnet", FARM, "--hosts", hosts_file, "--port", str(farm_port), "--gpus-per-host", str(GPUS_PER_HOST),
                                 "--start", str(schedule.start), "--step", str(args.step), "--low", str(LOW), "--high", str(HIGH)],
                                stdout=farm_log, stderr=subprocess.STDOUT)
        try:
            if not wait_until(lambda: urllib.request.urlopen(f"http://127.0.0.1:{farm_port}/metrics/{hosts[0]}", timeout=2).status == 200, 120):
                sys.exit(f"the synthetic exporters did not come up; see {work}")
            systems = [Prometheus(work, hosts, farm_port) if s == "prometheus" else Twin(work, hosts, farm_port, facility, gpus, args.twin_root, args.twin_setting)
                       for s in args.systems.split(",") if s != "prometheus" or gpus <= args.prometheus_up_to]
            if len(systems) < len(args.systems.split(",")):
                print(f"{gpus:,} GPUs: Prometheus left out (over --prometheus-up-to {args.prometheus_up_to:,})", flush=True)
            for repeat in range(1, args.repeats + 1):
                # Alternate the order, so neither system always runs first after the other.
                for system in systems if repeat % 2 else list(reversed(systems)):
                    print(f"{gpus:,} GPUs ({len(hosts):,} targets), run {repeat}: {system.name}", flush=True)
                    try:
                        result = measure(system, gpus, hosts, schedule, farm.pid, farm_port, args, repeat)
                    finally:
                        system.stop()  # stopping twice is harmless; a run cut short leaves nothing running
                    print(json.dumps(result), flush=True)
                    with open(args.out, "a") as out:
                        out.write(json.dumps(result) + "\n")
        finally:
            stop(farm)
            farm_log.close()


if __name__ == "__main__":
    # A stopped run (SIGTERM) unwinds like an error, so every process it started is stopped by its PID.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    main()
