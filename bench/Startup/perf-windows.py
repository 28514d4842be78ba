#!/usr/bin/env python3
"""On-CPU time of processes in windows of their life, by the code they were running: reads `perf script` output of
a whole-machine recording and sums each process's samples per window by the module at the top of the stack (the JIT,
the runtime's native code, the kernel, libc, or an assembly's precompiled code).

The EventPipe sample profiler (SILO_TRACE) records every thread whether it runs or not; perf samples only what is on
a CPU, so its shares are CPU time. JIT-compiled code lives in the runtime's double-mapped memory (W^X), which perf
cannot name: it is counted as "jitted code".

    perf record -F 250 -a -g -o start.perf.data -- sleep 22      # started as run.sh prints "Twin launched"
    perf script -i start.perf.data -F pid,time,ip,sym,dso > start.perf.txt
    bench/Startup/perf-windows.py start.perf.txt --process silo=PID --process gateway=PID --window 0:8.6 --window 8.6:13.4

Windows are seconds from the first sample of any named process (about its launch). --hz is perf's -F.
"""
import argparse
import re
from collections import Counter

HEADER = re.compile(r"^\s*(\d+)\s+([\d.]+):\s*$")
MODULE = re.compile(r"\(([^()]*(?:\([^()]*\))?[^()]*)\)\s*$")


def module_of(frame):
    found = MODULE.search(frame)
    name = found.group(1).split("/")[-1] if found else "?"
    return "jitted code" if name.startswith(("memfd:doublemapper", "perf-")) or name == "?" else name


def main():
    p = argparse.ArgumentParser()
    p.add_argument("script")
    p.add_argument("--process", action="append", required=True, help="name=pid")
    p.add_argument("--window", action="append", required=True, help="from:until, seconds")
    p.add_argument("--hz", type=float, default=250)
    p.add_argument("--top", type=int, default=8)
    a = p.parse_args()
    names = {int(pid): name for name, pid in (x.split("=") for x in a.process)}
    windows = [tuple(map(float, w.split(":"))) for w in a.window]

    samples, current = [], None
    for line in open(a.script):
        header = HEADER.match(line)
        if header:
            current = None
            pid = int(header.group(1))
            if pid in names:
                current = [pid, float(header.group(2)), None]
                samples.append(current)
        elif current is not None and current[2] is None and line.strip():
            current[2] = module_of(line.strip())
    if not samples:
        raise SystemExit("no samples of the named processes")
    origin = min(s[1] for s in samples)

    for since, until in windows:
        for pid, name in names.items():
            inside = [s for s in samples if s[0] == pid and since <= s[1] - origin < until]
            cpu = len(inside) / a.hz
            print(f"{name} [{since}, {until}) s: {cpu:.2f} CPU-s, {cpu / (until - since):.2f} cores")
            for module, n in Counter(s[2] or "?" for s in inside).most_common(a.top):
                print(f"  {n / a.hz:6.2f} CPU-s {100 * n / len(inside):5.1f} %  {module}")


if __name__ == "__main__":
    main()
