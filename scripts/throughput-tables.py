#!/usr/bin/env python3
"""Rewrites the calibration tables of docs/throughput-model.md from catalog/calibration.json.

Run after `dotnet run -c Release --project tools/Calibrate`, so the document shows the constants and errors the
catalog ships: python3 scripts/throughput-tables.py
"""
import json
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
calibration = json.loads((root / "catalog" / "calibration.json").read_text())
doc_path = root / "docs" / "throughput-model.md"
doc = doc_path.read_text()

DEFAULTS = {  # PerformanceCalibration.Default
    "hopper": (0.75, 0.65, 15), "blackwell": (0.75, 0.6, 12), "cdna": (0.6, 0.45, 25),
    "scaleUpLatencyUs": 4, "scaleOutLatencyUs": 15, "stepOverheadMs": 1, "sequenceOverheadUs": 5,
}
MEMBERS = {"hopper": "H100, H200", "blackwell": "B200, GB200, GB300", "cdna": "MI300X, MI355X"}


def num(value, digits=1):
    return "—" if value is None else f"{value:,.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:,.0f}"


def constants():
    rows = ["| Family | Memory efficiency (default → fitted) | Compute efficiency | Layer latency µs |", "|---|---|---|---|"]
    for family, f in sorted(calibration["families"].items()):
        mem, comp, layer = DEFAULTS[family]
        cap = " (cap)" if f["memoryEfficiency"] >= 0.95 else ""
        rows.append(f"| {family} ({MEMBERS.get(family, '')}) | {mem} → {f['memoryEfficiency']}{cap} | {comp} → {f['computeEfficiency']} "
                    f"| {layer} → {f['layerLatencyUs']} |")
    rows += ["", "| Shared | Default | Fitted |", "|---|---|---|",
             f"| Scale-up collective latency per log2(rank) | {DEFAULTS['scaleUpLatencyUs']} µs | {calibration['scaleUpLatencyUs']} µs |",
             f"| Scale-out collective latency per log2(rank) | {DEFAULTS['scaleOutLatencyUs']} µs | {calibration['scaleOutLatencyUs']} µs |",
             f"| Step overhead | {DEFAULTS['stepOverheadMs']} ms | {calibration['stepOverheadMs']} ms |",
             f"| Per-sequence overhead (per rank) | {DEFAULTS['sequenceOverheadUs']} µs | {calibration['sequenceOverheadUs']} µs |"]
    return "\n".join(rows)


def errors():
    rows = ["| Figure | Published | Defaults | Fitted | Held out | Error |", "|---|---:|---:|---:|---:|---:|"]
    for p in calibration["points"]:
        rows.append(f"| {p['figure']} | {num(p['published'])} | {num(p.get('defaults'))} | {num(p['fitted'])} | {num(p['heldOut'])} "
                    f"| {p['heldOutErrorPercent']:.1f} % |")
    rows += ["", f"**Median error: {calibration['medianFittedErrorPercent']} % fitted, {calibration['medianHeldOutErrorPercent']} % held out "
                 f"(leave one curve out; a figure no configuration reaches counts as 100 %). Fitted {calibration['fittedAt']}.**"]
    return "\n".join(rows)


def replace(text, name, body):
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
    if not pattern.search(text):
        raise SystemExit(f"docs/throughput-model.md lacks the <!-- {name}:start/end --> markers")
    return pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text)


doc = replace(doc, "fitted-constants", constants())
doc = replace(doc, "calibration-errors", errors())
doc_path.write_text(doc)
print(f"updated {doc_path.relative_to(root)}")
