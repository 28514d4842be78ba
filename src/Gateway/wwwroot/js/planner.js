// The planner page: fork the live twin, add racks, fail a feed, and read baseline vs projected, the power path,
// the violations and the "how many racks fit?" sweep. Plain DOM, no framework: it only calls the planner API.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { id: null, etag: null, topology: null };
const fmt = (v, digits = 0) => v === null || v === undefined ? "–" : Number(v).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function api(method, url, body, etag) {
  const headers = { "Accept": "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (etag) headers["If-Match"] = etag;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error((json && (json.detail || json.title)) || `${response.status} ${response.statusText}`);
  return { json, etag: response.headers.get("ETag") };
}

function options(select, items, selected) {
  select.replaceChildren(...items.map(([value, label]) => new Option(label, value, false, value === selected)));
}

async function loadTopology() {
  const [{ json: topology }, { json: catalog }] = await Promise.all([api("GET", "/api/topology"), api("GET", "/api/catalog")]);
  state.topology = topology;
  const types = catalog.rackTypes.map((t) => [t.id, `${t.name} (${t.gpusPerRack} GPUs, ${t.rackItKw} kW)`]);
  options($("rack-type"), types, "gb300-nvl72");
  options($("fit-type"), types, "gb300-nvl72");
  options($("rack-model"), [["", "rack type's default"], ...catalog.models.map((m) => [m.id, m.name])], "");
  const halls = topology.halls.map((h) => [h.id, h.name]);
  options($("rack-hall"), halls, "hall-2");
  options($("fit-hall"), halls, "hall-2");
  const nodes = topology.powerNodes.map((n) => [n.id, `${n.name} (${n.ratingKw} kW)`]);
  options($("fail-node"), nodes, "feed-a");
  options($("cap-hall"), halls, "hall-2");
  syncFeeds();
}

// Offer the feeds the hall's racks already use first, so the default is a sensible A/B pair.
function syncFeeds() {
  const hall = $("rack-hall").value;
  const racks = state.topology.racks.filter((r) => r.hall === hall);
  const a = racks.length ? racks[racks.length - 1].powerA : null;
  const b = racks.length ? racks[racks.length - 1].powerB : null;
  const nodes = state.topology.powerNodes.map((n) => [n.id, `${n.id} (side ${n.side})`]);
  options($("rack-power-a"), nodes, a);
  options($("rack-power-b"), [["", "none"], ...nodes], b ?? "");
}

async function listScenarios(selected) {
  const { json } = await api("GET", "/api/scenarios");
  options($("scenario-list"), [["", "— choose —"], ...json.map((s) => [s.id, `${s.name} (${s.id})`])], selected ?? "");
}

async function open(id) {
  if (!id) return;
  const { json, etag } = await api("GET", `/api/scenarios/${id}`);
  show(json, etag);
}

function show(view, etag) {
  state.id = view.id;
  state.etag = etag;
  $("scenario-meta").textContent = `${view.name} · version ${view.version} · forked ${new Date(view.baselineTakenAt).toLocaleString()}`;
  renderChanges(view.changes);
  renderKpis(view.evaluation);
  renderPower(view.evaluation.constraints.power);
  state.evaluation = view.evaluation;
  renderFlex(view.evaluation.flex);
  const violations = view.evaluation.violations;
  $("violations").replaceChildren(...(violations.length ? violations : ["none"]).map((v) => Object.assign(document.createElement("li"), { textContent: v, className: violations.length ? "" : "ok" })));
}

function describe(change) {
  switch (change.kind) {
    case "addRacks": return `add ${change.count} × ${change.rackType} to ${change.hall} on ${change.powerA}${change.powerB ? " / " + change.powerB : ""}` +
      (change.workload ? ` serving ${describeWorkload(change.workload)}` : "");
    case "failPowerNode": return `lose ${change.node}`;
    case "setPowerCap": return `cap GPUs of ${change.hall ?? change.rackType ?? (change.racks ? change.racks.join(", ") : "the facility")} at ` +
      (change.wattsPerGpu ? `${change.wattsPerGpu} W` : `${change.percentOfRated} % of rated`);
    case "flexEvent": return `flex event: ${change.shedKw !== null && change.shedKw !== undefined ? `shed ${fmt(change.shedKw)} kW` : `hold ${fmt(change.capKw)} kW`} for ${change.hours} h`;
    default: return `${change.kind} ${JSON.stringify(change)}`;
  }
}

function describeWorkload(w) {
  const parts = [w.model];
  if (w.precision) parts.push(w.precision.toUpperCase());
  if (w.inputTokens || w.outputTokens) parts.push(`${w.inputTokens ?? "any"}/${w.outputTokens ?? "any"} tokens`);
  if (w.mtp !== null && w.mtp !== undefined) parts.push(w.mtp ? "MTP" : "no MTP");
  if (w.interactivity) parts.push(`at ${w.interactivity} tok/s per user`);
  if (w.operatingPoint) parts.push(`(${w.operatingPoint})`);
  return parts.join(" ");
}

// The add-racks form's optional workload: nothing unless a model is chosen; blank fields are left to the twin.
function workload() {
  const model = $("rack-model").value;
  if (!model) return null;
  const number = (id) => $(id).value === "" ? null : Number($(id).value);
  const mtp = $("rack-mtp").value;
  return {
    model, precision: $("rack-precision").value || null, inputTokens: number("rack-isl"), outputTokens: number("rack-osl"),
    mtp: mtp === "" ? null : mtp === "true", interactivity: number("rack-interactivity"),
  };
}

function renderChanges(changes) {
  $("change-list").replaceChildren(...changes.map((entry) => {
    const li = document.createElement("li");
    li.textContent = describe(entry.change);
    li.dataset.kind = entry.change.kind;
    const remove = Object.assign(document.createElement("button"), { textContent: "remove", type: "button" });
    remove.addEventListener("click", () => act(() => api("DELETE", `/api/scenarios/${state.id}/changes/${entry.n}`, undefined, state.etag)));
    li.append(remove);
    return li;
  }));
}

const kpiRows = [
  ["Racks", "racks", 0, ""], ["GPUs", "gpus", 0, ""], ["Tokens/s", "tokensPerSecond", 0, ""],
  ["IT power", "itPowerKw", 0, " kW"], ["Facility power", "facilityPowerKw", 0, " kW"], ["Provisioned power", "provisionedPowerKw", 0, " kW"],
  ["Tokens/s per MW (measured)", "tokensPerSecondPerMegawatt", 0, ""], ["Tokens/s per MW (provisioned)", "tokensPerSecondPerProvisionedMegawatt", 0, ""],
  ["Cost per hour", "costPerHourUsd", 0, " $"], ["Cost per million tokens", "costPerMillionTokensUsd", 4, " $"],
];

function renderKpis(evaluation) {
  $("kpis").tBodies[0].replaceChildren(...kpiRows.map(([label, key, digits, unit]) => {
    const tr = document.createElement("tr");
    const base = evaluation.baseline[key], proj = evaluation.projected[key];
    const delta = base === null || proj === null ? null : proj - base;
    [label, fmt(base, digits) + unit, fmt(proj, digits) + unit, (delta > 0 ? "+" : "") + fmt(delta, digits) + unit]
      .forEach((text) => tr.append(Object.assign(document.createElement("td"), { textContent: text })));
    return tr;
  }));
}

function renderPower(power) {
  $("power").tBodies[0].replaceChildren(...power.map((p) => {
    const tr = document.createElement("tr");
    const status = p.failed ? "failed" : p.ok ? "ok" : "over";
    [`${p.name} (${p.node})`, p.side, fmt(p.loadKw) + " kW", fmt(p.loadIfPartnerLostKw) + " kW", fmt(p.deratedKw) + " kW", status]
      .forEach((text, i) => tr.append(Object.assign(document.createElement("td"), { textContent: text, className: i === 5 ? (status === "over" ? "bad" : status === "ok" ? "ok" : "muted") : "" })));
    return tr;
  }));
}

async function act(call) {
  $("error").textContent = "";
  try {
    const { json, etag } = await call();
    if (json && json.evaluation) show(json, etag);
  } catch (e) {
    $("error").textContent = e.message;
  }
}

function chart(steps) {
  const svg = $("fit-chart");
  const w = 640, h = 260, pad = 44;
  const x = (i) => pad + (i / Math.max(1, steps.length - 1)) * (w - 2 * pad);
  const line = (values, color, dashed) => {
    const lo = Math.min(...values), hi = Math.max(...values), span = hi - lo || 1;
    const points = values.map((v, i) => `${x(i)},${h - pad - ((v - lo) / span) * (h - 2 * pad)}`).join(" ");
    return `<polyline fill="none" stroke="${color}" stroke-width="2.5" ${dashed ? 'stroke-dasharray="6 4"' : ""} points="${points}"/>` +
      values.map((v, i) => `<circle cx="${x(i)}" cy="${h - pad - ((v - lo) / span) * (h - 2 * pad)}" r="3" fill="${color}"/>`).join("");
  };
  const tokens = steps.map((s) => s.tokensPerSecondPerMegawatt);
  const cost = steps.map((s) => s.costPerMillionTokensUsd ?? 0);
  svg.innerHTML = `<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#2e3642"/>` +
    line(tokens, "#56b4e9", false) + line(cost, "#e69f00", true) +
    `<text x="${pad}" y="${h - 12}" fill="#9aa4b1" font-size="12">racks added: 0</text>` +
    `<text x="${w - pad}" y="${h - 12}" fill="#9aa4b1" font-size="12" text-anchor="end">${steps.length - 1}</text>` +
    `<text x="${pad}" y="18" fill="#56b4e9" font-size="12">${fmt(tokens[0])} → ${fmt(tokens[tokens.length - 1])} tokens/s per MW</text>` +
    `<text x="${w - pad}" y="18" fill="#e69f00" font-size="12" text-anchor="end">$${fmt(cost[0], 4)} → $${fmt(cost[cost.length - 1], 4)} per Mtok</text>`;
}

async function sweep(event) {
  event.preventDefault();
  $("error").textContent = "";
  try {
    const query = new URLSearchParams({ hall: $("fit-hall").value, rackType: $("fit-type").value, stopAt: $("fit-stop").value });
    if ($("fit-cap").value) query.set("capPercent", $("fit-cap").value);
    const { json } = await api("GET", `/api/scenarios/${state.id}/fit?${query}`);
    const summary = (r) => {
      const n = r.fitsBeforePower ?? r.fits;
      const last = r.steps[Math.min(n, r.steps.length - 1)];
      return `${n} ${r.rackType} rack(s) fit in ${r.hall} before a power node breaks (${r.fits} before any constraint), ` +
        `at ${fmt(last.tokensPerSecondPerMegawatt)} tokens/s per MW and $${fmt(last.costPerMillionTokensUsd, 4)} per million tokens`;
    };
    $("fit-answer").textContent = (json.capWPerGpu ? `GPUs capped at ${fmt(json.capWPerGpu)} W: ` : "") + summary(json) + ". Limited by: " +
      (json.limitedBy.join("; ") || "nothing within the sweep") + (json.uncapped ? `. Uncapped: ${summary(json.uncapped)}.` : "");
    chart(json.steps);
  } catch (e) {
    $("error").textContent = e.message;
  }
}

$("create-form").addEventListener("submit", (e) => {
  e.preventDefault();
  act(async () => {
    const result = await api("POST", "/api/scenarios", { name: $("scenario-name").value });
    await listScenarios(result.json.id);
    return result;
  });
});
$("scenario-list").addEventListener("change", (e) => act(() => api("GET", `/api/scenarios/${e.target.value}`)));
$("rack-hall").addEventListener("change", syncFeeds);
$("add-racks-form").addEventListener("submit", (e) => {
  e.preventDefault();
  act(() => api("POST", `/api/scenarios/${state.id}/changes`, {
    kind: "addRacks", rackType: $("rack-type").value, count: Number($("rack-count").value), hall: $("rack-hall").value,
    powerA: $("rack-power-a").value, powerB: $("rack-power-b").value || null, workload: workload(),
  }, state.etag));
});
$("fail-form").addEventListener("submit", (e) => {
  e.preventDefault();
  act(() => api("POST", `/api/scenarios/${state.id}/changes`, { kind: "failPowerNode", node: $("fail-node").value }, state.etag));
});
$("fit-form").addEventListener("submit", sweep);
$("cap-form").addEventListener("submit", (e) => {
  e.preventDefault();
  act(() => api("POST", `/api/scenarios/${state.id}/changes`,
    { kind: "setPowerCap", scope: "hall", hall: $("cap-hall").value, percentOfRated: Number($("cap-percent").value) }, state.etag));
});
$("flex-form").addEventListener("submit", (e) => {
  e.preventDefault();
  act(() => api("POST", `/api/scenarios/${state.id}/changes`, flexEvent(state), state.etag));
});

loadTopology().then(() => listScenarios()).catch((e) => { $("error").textContent = e.message; });
