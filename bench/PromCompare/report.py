#!/usr/bin/env python3
"""The side-by-side benchmark's JSON lines (bench/PromCompare/results/*.jsonl) as docs/benchmarks.md's table and
growth plot: medians per system and GPU count, and an SVG of KPI age and CPU against GPUs twinned, the twin and
Prometheus on the same axes (10k to 1 M GPUs, log scale). Standard library only: the SVG is written by hand.
Usage: python3 bench/PromCompare/report.py [results.jsonl ...]   (all of results/ by default)
"""
import glob
import json
import math
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
DOCS = os.path.join(ROOT, "docs", "benchmarks.md")
SVG = os.path.join(ROOT, "docs", "promcompare-growth.svg")
BEGIN, END = "<!-- promcompare:table -->", "<!-- /promcompare:table -->"
COLOURS = {"twin": "#1f77b4", "prometheus": "#d62728"}
NAMES = {"twin": "Twin (pull scraper)", "prometheus": "Prometheus 2.42 (recording rule)"}


def load(files):
    runs = {}
    for path in files:
        for line in open(path):
            line = line.strip()
            if line.startswith("{"):
                run = json.loads(line)
                if "error" not in run:
                    runs.setdefault((run["system"], run["gpus"]), []).append(run)
    return runs


def mostly_shown(rs):
    """An age stands for a run only when most of its steps were shown right; otherwise it is noise that matched."""
    return 2 * sum(r["steps"] - r["stepsMissed"] for r in rs) > sum(r["steps"] for r in rs)


def median(rs, key):
    values = [r[key] for r in rs if r.get(key) is not None]
    return statistics.median(values) if values else None


def fmt(value, digits=0, unit=""):
    if value is None:
        return "–"
    return f"{value:,.{digits}f}{unit}"


def table(runs):
    lines = [
        "| GPUs (targets) | System | Runs | KPI age p50 / p99 (ms) | Steps shown / all | Settled error, median (%) | CPU (cores) | RSS (MB) | Targets up | Exporters' CPU (cores) | Load average |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for (system, gpus) in sorted(runs, key=lambda k: (k[1], k[0] != "twin")):
        rs = runs[(system, gpus)]
        steps = sum(r["steps"] for r in rs)
        shown = steps - sum(r["stepsMissed"] for r in rs)
        loads = [r["loadAverageStart"] for r in rs] + [r["loadAverageEnd"] for r in rs]
        age = f"{fmt(median(rs, 'ageP50Ms'))} / {fmt(median(rs, 'ageP99Ms'))}" if mostly_shown(rs) else "not right"
        lines.append(
            f"| {gpus:,} ({rs[0]['targets']:,}) | {system} | {len(rs)} | {age} | "
            f"{shown} / {steps} | {fmt(median(rs, 'errorPctMedian'), 1)} | {fmt(median(rs, 'cpuCores'), 2)} | {fmt(median(rs, 'rssMB'))} | "
            f"{fmt(median(rs, 'targetsUp'))} | {fmt(median(rs, 'targetsCpuCores'), 2)} | {min(loads):.0f}–{max(loads):.0f} |")
    return "\n".join(lines)


def svg(runs):
    width, height, margin = 960, 400, 70
    panel_w, panel_h = (width - 3 * margin) / 2, height - 2 * margin
    x_min, x_max = math.log10(1_000), math.log10(1_000_000)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>']
    panels = [("ageP50Ms", "KPI age p50 (s)", 1 / 1000), ("cpuCores", "CPU (cores)", 1)]
    for p, (key, title, scale) in enumerate(panels):
        left, top = margin + p * (panel_w + margin), margin
        points = {s: [] for s in COLOURS}
        missed = {s: [] for s in COLOURS}
        for (system, gpus), rs in runs.items():
            value = median(rs, key) if key != "ageP50Ms" or mostly_shown(rs) else None
            if value is not None:
                points[system].append((gpus, value * scale))
            elif key == "ageP50Ms":
                missed[system].append(gpus)
        y_max = max([v for s in points.values() for _, v in s] + [1]) * 1.15

        def x(g):
            return left + (math.log10(g) - x_min) / (x_max - x_min) * panel_w

        def y(v):
            return top + panel_h - v / y_max * panel_h

        out.append(f'<rect x="{left}" y="{top}" width="{panel_w}" height="{panel_h}" fill="none" stroke="#888"/>')
        out.append(f'<text x="{left + panel_w / 2}" y="{top - 12}" text-anchor="middle" font-weight="bold">{title} against GPUs twinned</text>')
        for g in (1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 250_000, 532_800, 1_000_000):
            out.append(f'<line x1="{x(g)}" y1="{top + panel_h}" x2="{x(g)}" y2="{top + panel_h + 5}" stroke="#888"/>')
            label = f"{g / 1000:g}k" if g < 1_000_000 else "1M"
            out.append(f'<text x="{x(g)}" y="{top + panel_h + 18}" text-anchor="middle">{label}</text>')
        for i in range(6):
            v = y_max / 5 * i
            out.append(f'<line x1="{left - 5}" y1="{y(v)}" x2="{left + panel_w}" y2="{y(v)}" stroke="#eee"/>')
            out.append(f'<text x="{left - 8}" y="{y(v) + 4}" text-anchor="end">{v:.2g}</text>')
        out.append(f'<text x="{left + panel_w / 2}" y="{top + panel_h + 38}" text-anchor="middle">GPUs (log scale)</text>')
        for system, colour in COLOURS.items():
            pts = sorted(points[system])
            if len(pts) > 1:
                out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(f"{x(g):.1f},{y(v):.1f}" for g, v in pts)}"/>')
            for g, v in pts:
                out.append(f'<circle cx="{x(g):.1f}" cy="{y(v):.1f}" r="4" fill="{colour}"/>')
            for g in missed[system]:
                # Most steps not shown right within their period: drawn at the top edge as a cross.
                row = list(COLOURS).index(system)
                out.append(f'<text x="{x(g):.1f}" y="{top + 14 + 14 * row}" text-anchor="middle" fill="{colour}" font-weight="bold">×</text>')
    for i, (system, colour) in enumerate(COLOURS.items()):
        out.append(f'<rect x="{margin + i * 300}" y="{height - 18}" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{margin + i * 300 + 18}" y="{height - 8}">{NAMES[system]}</text>')
    out.append(f'<text x="{margin + 620}" y="{height - 8}">× = most steps not shown right</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    files = sys.argv[1:] or sorted(glob.glob(os.path.join(HERE, "results", "*.jsonl")))
    runs = load(files)
    if not runs:
        sys.exit("no runs in " + ", ".join(files))
    with open(SVG, "w") as f:
        f.write(svg(runs))
    text = open(DOCS).read()
    if BEGIN not in text or END not in text:
        sys.exit(f"{DOCS} has no {BEGIN} … {END} section to fill")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    with open(DOCS, "w") as f:
        f.write(head + BEGIN + "\n" + table(runs) + "\n" + END + tail)
    print(table(runs))


if __name__ == "__main__":
    main()
