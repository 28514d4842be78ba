#!/usr/bin/env python3
"""The side-by-side benchmark's JSON lines (bench/PromCompare/results/*.jsonl) as docs/benchmarks.md's table and
growth plot: medians per set of runs, system and GPU count, and an SVG of KPI age and CPU against GPUs twinned, the
twin and Prometheus on the same axes (1k to 1 M GPUs, log scale). A set is a results file (its name says what the
runs were: quiet or loaded machine, which build) or, within it, the runs' --label; sets are never mixed in a median.
Standard library only: the SVG is written by hand.
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


DASHES = ["", "6,3", "2,3", "8,3,2,3", "1,2"]


def load(files):
    runs = {}
    for path in files:
        stem = os.path.splitext(os.path.basename(path))[0]
        for line in open(path):
            line = line.strip()
            if line.startswith("{"):
                run = json.loads(line)
                if "error" not in run:
                    label = f"{stem} · {run['label']}" if run.get("label") else stem
                    runs.setdefault((run["system"], run["gpus"], label), []).append(run)
    return runs


def mostly_shown(rs):
    """An age stands for a run only when most of its steps were shown right; otherwise it is noise that matched."""
    return 2 * sum(r["steps"] - r["stepsMissed"] for r in rs) > sum(r["steps"] for r in rs)


def per_scrape(rs, key):
    """CPU per scrape or per million GPU samples: measured from the scrapes the exporters served where a run counted
    them; for older runs estimated (≈) from the targets, each scraped once a second (all runs use 1 s intervals),
    only where every target was up at the end (otherwise how many scrapes were made is not known)."""
    digits = 3 if key == "cpuMsPerScrape" else 1
    value = median(rs, key)
    if value is not None:
        return fmt(value, digits)
    estimates = [r["cpuCores"] * (1000 if key == "cpuMsPerScrape" else 1e6 / 4) / r["targetsUp"] for r in rs if r.get("targetsUp") and r["targetsUp"] == r["targets"]]
    return "≈" + fmt(statistics.median(estimates), digits) if estimates else "–"


def median(rs, key):
    values = [r[key] for r in rs if r.get(key) is not None]
    return statistics.median(values) if values else None


def fmt(value, digits=0, unit=""):
    if value is None:
        return "–"
    return f"{value:,.{digits}f}{unit}"


def table(runs):
    lines = [
        "| Set | GPUs (targets) | System | Runs | KPI age p50 / p99 (ms) | Steps shown / all | Settled error, median (%) | CPU (cores) | RSS (MB) | Targets up | Scrapes/s | CPU ms / scrape | CPU-s / M GPU samples | Exporters' CPU (cores) | Load average |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for (system, gpus, label) in sorted(runs, key=lambda k: (k[2], k[1], k[0] != "twin")):
        rs = runs[(system, gpus, label)]
        steps = sum(r["steps"] for r in rs)
        shown = steps - sum(r["stepsMissed"] for r in rs)
        loads = [r["loadAverageStart"] for r in rs] + [r["loadAverageEnd"] for r in rs]
        age = f"{fmt(median(rs, 'ageP50Ms'))} / {fmt(median(rs, 'ageP99Ms'))}" if mostly_shown(rs) else "not right"
        lines.append(
            f"| {label} | {gpus:,} ({rs[0]['targets']:,}) | {system} | {len(rs)} | {age} | "
            f"{shown} / {steps} | {fmt(median(rs, 'errorPctMedian'), 1)} | {fmt(median(rs, 'cpuCores'), 2)} | {fmt(median(rs, 'rssMB'))} | "
            f"{fmt(median(rs, 'targetsUp'))} | {fmt(median(rs, 'scrapesPerSecond'))} | {per_scrape(rs, 'cpuMsPerScrape')} | "
            f"{per_scrape(rs, 'cpuSecondsPerMillionSamples')} | {fmt(median(rs, 'targetsCpuCores'), 2)} | {min(loads):.0f}–{max(loads):.0f} |")
    return "\n".join(lines)


def svg(runs):
    series = sorted({(system, label) for system, _, label in runs}, key=lambda k: (k[1], k[0] != "twin"))
    sets = sorted({label for _, label in series})
    width, height, margin = 960, 420 + 16 * len(series), 70
    panel_w, panel_h = (width - 3 * margin) / 2, 420 - 2 * margin
    x_min, x_max = math.log10(1_000), math.log10(1_000_000)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>']
    panels = [("ageP50Ms", "KPI age p50 (s)", 1 / 1000), ("cpuCores", "CPU (cores)", 1)]
    for p, (key, title, scale) in enumerate(panels):
        left, top = margin + p * (panel_w + margin), margin
        points = {s: [] for s in series}
        missed = {s: [] for s in series}
        for (system, gpus, label), rs in runs.items():
            value = median(rs, key) if key != "ageP50Ms" or mostly_shown(rs) else None
            if value is not None:
                points[(system, label)].append((gpus, value * scale))
            elif key == "ageP50Ms":
                missed[(system, label)].append(gpus)
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
        for row, (system, label) in enumerate(series):
            colour, dash = COLOURS[system], DASHES[sets.index(label) % len(DASHES)]
            pts = sorted(points[(system, label)])
            if len(pts) > 1:
                out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}" points="{" ".join(f"{x(g):.1f},{y(v):.1f}" for g, v in pts)}"/>')
            for g, v in pts:
                out.append(f'<circle cx="{x(g):.1f}" cy="{y(v):.1f}" r="4" fill="{colour}"/>')
            for g in missed[(system, label)]:
                # Most steps not shown right within their period: drawn at the top edge as a cross.
                out.append(f'<text x="{x(g):.1f}" y="{top + 14 + 14 * (row % 4)}" text-anchor="middle" fill="{colour}" font-weight="bold">×</text>')
    legend = 420 - 12
    for i, (system, label) in enumerate(series):
        colour, dash = COLOURS[system], DASHES[sets.index(label) % len(DASHES)]
        y0 = legend + 16 * i
        out.append(f'<line x1="{margin}" y1="{y0 - 4}" x2="{margin + 30}" y2="{y0 - 4}" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>')
        out.append(f'<text x="{margin + 38}" y="{y0}">{NAMES[system]}, {label}</text>')
    out.append(f'<text x="{width - margin}" y="{legend}" text-anchor="end">× = most steps not shown right</text>')
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
