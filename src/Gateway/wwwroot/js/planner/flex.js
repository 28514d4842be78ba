// The planner's flex panel: the flex event a form describes, and the plan the scenario's evaluation returns for it —
// which racks are capped and how deep, what it costs, and the curve of tokens lost against MW shed beside a flat cut.
// A classic script loaded before planner.js, whose $ and fmt it uses once the page runs.
"use strict";

// The flex event the form asks for: a share of the projected facility power, with a floor for every model the racks serve.
function flexEvent(state) {
  const number = (id) => document.getElementById(id).value === "" ? null : Number(document.getElementById(id).value);
  const power = state.evaluation ? state.evaluation.projected.facilityPowerKw : 0;
  const floor = number("flex-floor");
  const models = [...new Set(state.topology.racks.map((r) => (r.workload && r.workload.model) || "deepseek-r1-0528"))];
  return {
    kind: "flexEvent", shedKw: power * number("flex-percent") / 100, hours: number("flex-hours"),
    usdPerMillionTokens: number("flex-price"),
    priorities: floor === null ? null : models.map((model) => ({ model, priority: 0, minInteractivity: floor })),
  };
}

// Shows the last flex event's plan, or clears the panel when the scenario has none.
function renderFlex(plans) {
  const plan = plans && plans.length ? plans[plans.length - 1] : null;
  const panel = document.getElementById("flex");
  panel.dataset.state = plan ? "planned" : "empty";
  document.getElementById("flex-answer").textContent = plan
    ? `Target ${fmt(plan.targetShedKw)} kW of ${fmt(plan.facilityPowerBeforeKw)} kW; the plan sheds ${fmt(plan.achievedShedKw)} kW ` +
      `(${plan.met ? "met" : "not met: at most " + fmt(plan.maxShedKw) + " kW"}) by capping ${plan.racks.length} rack(s). ` +
      `It loses ${fmt(plan.tokensPerSecondLost)} tokens/s (${fmt(100 * plan.tokensPerSecondLost / Math.max(1, plan.tokensPerSecondBefore), 1)} %) ` +
      `against ${fmt(plan.flatTokensPerSecondLost)} for a flat cut; $${fmt(plan.revenueLostPerHourUsd, 2)} per hour, ` +
      `$${fmt(plan.revenueLostUsd, 2)} over ${plan.hours} h at $${fmt(plan.usdPerMillionTokens, 3)} per million tokens. ` +
      `Break-even demand-response price: ${plan.breakEvenUsdPerMWh === null ? "–" : "$" + fmt(plan.breakEvenUsdPerMWh) + "/MWh"}.`
    : "Plan a flex event to see which racks to cap.";
  document.getElementById("flex-racks").tBodies[0].replaceChildren(...(plan ? plan.racks : []).map((r) => {
    const tr = document.createElement("tr");
    [r.rack, r.gpu, r.bound, fmt(r.drawWPerGpu) + " W", fmt(r.capWPerGpu) + " W", fmt(100 * r.clock) + " %",
      `${fmt(r.itKwBefore, 1)} → ${fmt(r.itKwAfter, 1)}`, `${fmt(r.tokensPerSecondBefore)} → ${fmt(r.tokensPerSecondAfter)}`, fmt(r.interactivityAfter, 1)]
      .forEach((text) => tr.append(Object.assign(document.createElement("td"), { textContent: text })));
    return tr;
  }));
  flexChart(plan ? plan.curve : [], plan);
}

// Tokens/s lost (y) against MW shed (x): the optimised plan solid, the flat cut dashed, the event's target marked.
function flexChart(curve, plan) {
  const svg = document.getElementById("flex-chart");
  if (!curve.length) { svg.innerHTML = ""; return; }
  const w = 640, h = 260, pad = 48;
  const maxX = Math.max(...curve.map((p) => p.shedMw), 1e-9);
  const maxY = Math.max(...curve.map((p) => Math.max(p.flatTokensPerSecondLost, p.optimisedTokensPerSecondLost ?? 0)), 1);
  const x = (v) => pad + (v / maxX) * (w - 2 * pad);
  const y = (v) => h - pad - (v / maxY) * (h - 2 * pad);
  const line = (points, color, cls, dashed) =>
    `<polyline class="${cls}" fill="none" stroke="${color}" stroke-width="2.5" ${dashed ? 'stroke-dasharray="6 4"' : ""} points="${points.map(([a, b]) => `${x(a)},${y(b)}`).join(" ")}"/>`;
  const optimised = curve.filter((p) => p.optimisedTokensPerSecondLost !== null).map((p) => [p.shedMw, p.optimisedTokensPerSecondLost]);
  const flat = curve.map((p) => [p.shedMw, p.flatTokensPerSecondLost]);
  const target = plan.targetShedKw / 1000;
  svg.innerHTML = `<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#2e3642"/>` +
    `<line x1="${pad}" y1="${pad / 2}" x2="${pad}" y2="${h - pad}" stroke="#2e3642"/>` +
    (target <= maxX ? `<line class="target" x1="${x(target)}" y1="${pad / 2}" x2="${x(target)}" y2="${h - pad}" stroke="#9aa4b1" stroke-dasharray="2 3"/>` : "") +
    line(flat, "#e69f00", "flat", true) + line(optimised, "#56b4e9", "optimised", false) +
    `<text x="${pad}" y="${h - 14}" fill="#9aa4b1" font-size="12">MW shed: 0</text>` +
    `<text x="${w - pad}" y="${h - 14}" fill="#9aa4b1" font-size="12" text-anchor="end">${fmt(maxX, 2)} MW</text>` +
    `<text x="${pad + 4}" y="${pad / 2 + 10}" fill="#9aa4b1" font-size="12">${fmt(maxY)} tokens/s lost</text>`;
}
