#!/usr/bin/env python3
"""Where a process's CPU went in a window of its life: reads a trace converted to speedscope's evented format
(`dotnet dotnet-trace convert FILE.nettrace --format Speedscope`) and prints the frames with the most time on the
stack (inclusive) and on top of it (exclusive), summed over every thread, from the first event to --until seconds.

The sample profiler records every managed thread every millisecond, waiting or not, and dotnet-trace ends each stack
with a pseudo-frame: CPU_TIME (running managed code) or UNMANAGED_CODE_TIME (in native code: the GC, the JIT, SQLite,
a system call, or a wait). Threads that only wait (idle thread-pool workers, timers, the console logger) would bury
the work, so a stack with a known wait among its topmost frames is left out (--keep-waits keeps them); what is left
is split into managed CPU and native time.

Usage: trace-window.py TRACE.speedscope.json [--from 9.0] [--until 13.0] [--top 40] [--match Orleans]
"""
import argparse
import json
from collections import defaultdict

WAITS = ("WaitHandle", "Monitor.Wait", "LowLevelLifoSemaphore", "SemaphoreSlim.Wait", "Thread.Sleep", "WaitOne",
         "ManualResetEventSlim.Wait", "epoll_wait", "SocketAsyncEngine.EventLoop", "Interop+Sys.WaitForSocketEvents",
         "LowLevelMonitor.Wait", "PortableThreadPool+GateThread", "WaitSubsystem", "Task.SpinThenBlockingWait",
         "Console.ReadKey", "Interop+Kernel32", "BlockingCollection", "Thread.Join",
         "FileSystemWatcher+RunningInstance.TryReadEvent")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("trace")
    p.add_argument("--from", dest="since", type=float, default=None, help="seconds from the first event")
    p.add_argument("--until", type=float, default=None, help="seconds from the first event")
    p.add_argument("--top", type=int, default=40)
    p.add_argument("--match", default=None, help="only frames whose name contains this")
    p.add_argument("--keep-waits", action="store_true")
    a = p.parse_args()

    with open(a.trace) as f:
        doc = json.load(f)
    frames = [fr["name"] for fr in doc["shared"]["frames"]]
    waits = {i for i, name in enumerate(frames) if any(w in name for w in WAITS)}
    pseudo = {i for i, name in enumerate(frames) if name in ("CPU_TIME", "UNMANAGED_CODE_TIME")}
    cpu_leaf = {i for i, name in enumerate(frames) if name == "CPU_TIME"}
    # Frames every stack has (the process, "Threads", the thread itself) say nothing about where time went.
    noise = {i for i, name in enumerate(frames) if name in ("Threads", "(Non-Activities)", "?!?") or name.startswith(("Process64", "Thread ("))}
    starts = [prof["startValue"] for prof in doc["profiles"] if prof.get("events")]
    origin = min(starts) if starts else 0
    until = origin + a.until * 1000 if a.until is not None else float("inf")
    since = origin + a.since * 1000 if a.since is not None else float("-inf")

    inclusive, exclusive = defaultdict(float), defaultdict(float)
    busy, managed = 0.0, 0.0
    for prof in doc["profiles"]:
        stack, last = [], None
        for ev in prof.get("events", []):
            at = min(ev["at"], until)
            if last is not None and stack and at > max(last, since):
                span = at - max(last, since)
                top = stack[-2] if stack[-1] in pseudo and len(stack) > 1 else stack[-1]
                # A wait shows as its own frame or a few frames under the system call it blocks in.
                if a.keep_waits or not waits.intersection(stack[-5:]):
                    busy += span
                    managed += span if stack[-1] in cpu_leaf else 0
                    exclusive[top] += span
                    for fr in set(stack) - noise - pseudo:
                        inclusive[fr] += span
            last = at
            if ev["at"] >= until:
                break
            if ev["type"] == "O":
                stack.append(ev["frame"])
            elif ev["type"] == "C" and stack:
                stack.pop()

    def show(title, table):
        rows = sorted(((ms, frames[i]) for i, ms in table.items() if not a.match or a.match in frames[i]), reverse=True)[:a.top]
        print(f"\n{title} (ms of {busy:,.0f} ms not waiting across threads, {managed:,.0f} of them in managed code"
              f"{'' if a.since is None else f', from {a.since} s'}{'' if a.until is None else f', until {a.until} s'})")
        for ms, name in rows:
            print(f"{ms:10,.0f}  {100 * ms / busy if busy else 0:5.1f}%  {name[:160]}")

    show("Inclusive", inclusive)
    show("Exclusive", exclusive)


if __name__ == "__main__":
    main()
