#!/usr/bin/env python3
"""Turns a soak run's JSON lines (bench/Soak/soak.py) into a Markdown table (first minute against last minute, and
what is left after the last deletion) and an SVG plot against time: silo and gateway RSS, their CPU, the silo's GC
heap (gen2 at the last collection, memory committed, and the live heap at each probe), KPI age p99, and activations
with gateway connections. Standard library only: the SVG is written by hand.

Usage: plot.py RUN.jsonl [--svg docs/soak.svg]
"""
import argparse
import json
from html import escape


def fmt(v, digits=0):
    if v is None:
        return "–"
    return f"{v:,.{digits}f}"


def table(summary, loadgen):
    f, l = summary["firstMinute"], summary["lastMinute"]
    before, after = summary["before"], summary["afterLastDeletion"]
    rows = [
        ("Silo RSS (MB)", fmt(f["siloRssMB"]), fmt(l["siloRssMB"]), ""),
        ("Gateway RSS (MB)", fmt(f["gatewayRssMB"]), fmt(l["gatewayRssMB"]), ""),
        ("Silo GC heap (MB)", fmt(f["siloGcHeapMB"]), fmt(l["siloGcHeapMB"]), ""),
        ("Gateway GC heap (MB)", fmt(f["gatewayGcHeapMB"]), fmt(l["gatewayGcHeapMB"]), ""),
        ("Silo CPU (cores)", fmt(f["siloCores"], 2), fmt(l["siloCores"], 2), ""),
        ("Gateway CPU (cores)", fmt(f["gatewayCores"], 2), fmt(l["gatewayCores"], 2), ""),
        ("KPI age p99 (ms)", fmt(f["kpiAgeP99Ms"]), fmt(l["kpiAgeP99Ms"]), ""),
        ("Activations", fmt(f["activations"]), fmt(l["activations"]), f"{fmt(before['activations'])} → {fmt(after['activations'])}"),
        ("Gateway connections", fmt(f["gatewayConnections"]), fmt(l["gatewayConnections"]),
         f"{fmt(before['gatewayConnections'])} → {fmt(after['gatewayConnections'])}"),
        ("Scenario rows in the store", fmt(f["scenarioRows"]), fmt(l["scenarioRows"]), f"{fmt(before['scenarioRows'])} → {fmt(after['scenarioRows'])}"),
        ("Store rows (all grains)", fmt(f["storeRows"]), fmt(l["storeRows"]), f"{fmt(before['storeRows'])} → {fmt(after['storeRows'])}"),
        ("Scenarios listed", "", "", f"{fmt(before['scenariosListed'])} → {fmt(after['scenariosListed'])}"),
    ]
    probes = summary.get("siloLiveHeapMB") or []
    if probes:
        rows.append(("Silo live heap after a full GC (MB, at minute)", "", "",
                     ", ".join(f"{fmt(p['mb'])} ({p['elapsedS'] / 60:.0f})" for p in probes)))
    out = ["| Median over the minute | First minute | Last minute | Before the first scenario → after the last deletion |",
           "|---|---|---|---|"]
    out += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    windows = summary.get("envelopePer5Minutes") or []
    if windows:
        out += ["", "| Minutes | Silo GC heap, lowest–highest (MB) | Silo RSS, lowest–highest (MB) | Silo CPU, lowest–highest (cores) |",
                "|---|---|---|---|"]
        span = lambda v, d=0: f"{fmt(v[0], d)}–{fmt(v[1], d)}" if v else "–"
        out += [f"| {w['fromS'] // 60:.0f}–{w['fromS'] // 60 + 5:.0f} | {span(w['siloGcHeapMB'])} | {span(w['siloRssMB'])} | {span(w['siloCores'], 2)} |"
                for w in windows]
    out.append("")
    out.append(f"{summary['minutes']} min; {summary['scenariosCreated']:,} scenarios created, {summary['scenariosDeleted']:,} deleted; "
               f"{summary['viewerSessions']:,} live-view sessions reading {summary['framesRead']:,} frames.")
    if loadgen:
        out.append(f"Ingest (the load generator's own window): {loadgen['samplesPerSecond']:,.0f} samples/s accepted of "
                   f"{loadgen['gpus']:,} GPUs, {loadgen['samplesRejected']:,} rejected, {loadgen['failedRequests']:,} failed requests, "
                   f"{loadgen['secondsBehind']} s behind; freshness p50/p99 {fmt(loadgen['freshnessP50Ms'])}/{fmt(loadgen['freshnessP99Ms'])} ms.")
    return "\n".join(out)


COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]


def panel(x0, y0, w, h, title, unit, series, t_max):
    """One chart: series is [(name, [(t, v)])]; the y axis starts at 0 so a slope reads as growth."""
    values = [v for _, pts in series for _, v in pts if v is not None]
    top = max(values) * 1.15 if values and max(values) > 0 else 1
    parts = [f'<rect x="{x0}" y="{y0}" width="{w}" height="{h}" fill="none" stroke="#999"/>',
             f'<text x="{x0}" y="{y0 - 8}" font-size="13" font-weight="bold">{escape(title)}</text>']
    for i in range(5):
        v = top * i / 4
        y = y0 + h - h * i / 4
        parts.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + w}" y2="{y:.1f}" stroke="#eee"/>')
        parts.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{v:,.{2 if top < 10 else 0}f}</text>')
    parts.append(f'<text x="{x0 - 52}" y="{y0 + h / 2}" font-size="11" transform="rotate(-90 {x0 - 52} {y0 + h / 2})" text-anchor="middle">{escape(unit)}</text>')
    step = 5 if t_max <= 30 else 10
    m = 0
    while m <= t_max:
        x = x0 + w * m / t_max
        parts.append(f'<line x1="{x:.1f}" y1="{y0 + h}" x2="{x:.1f}" y2="{y0 + h + 4}" stroke="#999"/>')
        parts.append(f'<text x="{x:.1f}" y="{y0 + h + 16}" font-size="11" text-anchor="middle">{m}</text>')
        m += step if t_max > 5 else 1
    for k, (name, pts) in enumerate(series):
        points = [(x0 + w * t / t_max, y0 + h - h * v / top) for t, v in pts if v is not None]
        parts.append(f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in points)}" fill="none" stroke="{COLOURS[k]}" stroke-width="1.5"/>')
        # A series of a few probes is drawn with its points marked: the lines between them are not measurements.
        if len(points) <= 12:
            parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{COLOURS[k]}"/>' for x, y in points]
        parts.append(f'<text x="{x0 + w - 8}" y="{y0 + 16 + 14 * k}" font-size="11" text-anchor="end" fill="{COLOURS[k]}">{escape(name)}</text>')
    return parts


def svg(lines, summary, loadgen):
    t = [l["elapsedS"] / 60 for l in lines]
    t_max = max(t[-1], 1)

    def s(key):
        return [(ti, l.get(key)) for ti, l in zip(t, lines)]

    def gc(key, generation=None):
        def value(l):
            v = (l.get("siloGc") or {}).get(key)
            return v.get(generation) if generation and isinstance(v, dict) else v
        return [(ti, value(l)) for ti, l in zip(t, lines)]

    w, h, left, gap = 760, 150, 80, 60
    panels = [
        ("Resident memory", "MB", [("silo RSS", s("siloRssMB")), ("gateway RSS", s("gatewayRssMB")),
                                   ("silo GC heap", s("siloGcHeapMB")), ("gateway GC heap", s("gatewayGcHeapMB"))]),
        ("Silo GC heap", "MB", [("at the last collection", s("siloGcHeapMB")), ("gen2 at the last collection", gc("heapByGenerationMB", "gen2")),
                                ("committed", gc("committedMB")), ("live after a forced full GC", s("siloLiveHeapMB"))]),
        ("CPU", "cores", [("silo", s("siloCores")), ("gateway", s("gatewayCores"))]),
        ("Facility KPI age", "ms", [("p99 over each sample window", s("kpiAgeP99Ms")), ("p50", s("kpiAgeP50Ms"))]),
        ("What the twin holds", "count", [("activations", s("activations")), ("gateway connections ×100", [(ti, None if v is None else v * 100) for ti, v in s("gatewayConnections")]),
                                          ("scenario rows ×100", [(ti, None if v is None else v * 100) for ti, v in s("scenarioRows")])]),
    ]
    height = 60 + len(panels) * (h + gap) + 20
    head = (f"Soak: {summary['label']}, {summary['minutes']} min" +
            (f", {loadgen['samplesPerSecond']:,.0f} samples/s accepted" if loadgen else ""))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w + left + 30}" height="{height}" font-family="sans-serif">',
             f'<rect width="100%" height="100%" fill="white"/>',
             f'<text x="{left}" y="24" font-size="15" font-weight="bold">{escape(head)}</text>']
    for i, (title, unit, series) in enumerate(panels):
        parts += panel(left, 60 + i * (h + gap), w, h, title, unit, series, t_max)
    parts.append(f'<text x="{left + w / 2}" y="{height - 8}" font-size="11" text-anchor="middle">minutes into the soak</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("run")
    p.add_argument("--svg")
    a = p.parse_args()
    with open(a.run) as f:
        records = [json.loads(line) for line in f if line.strip()]
    summaries = [r for r in records if r.get("summary")]
    if not summaries:
        raise SystemExit(f"{a.run} has no summary line: the run did not finish")
    summary = summaries[-1]
    # A file may hold several runs: the last one's samples follow the previous summary (and that run's generator
    # report); its own generator report follows its summary.
    end = records.index(summary)
    start = max((i for i, r in enumerate(records[:end]) if r.get("summary")), default=-1) + 1
    lines = [r for r in records[start:end] if "elapsedS" in r]
    loadgen = next((r for r in records[end + 1:] if r.get("loadgen")), None)
    print(table(summary, loadgen))
    if a.svg:
        with open(a.svg, "w") as f:
            f.write(svg(lines, summary, loadgen))
        print(f"\nPlot: {a.svg}")


if __name__ == "__main__":
    main()
