// The planner's throughput panel: for a model, precision, ISL/OSL, MTP and price tier, one curve per chosen GPU of
// tokens/s per GPU against tokens/s per user (the throughput model's front as a line, published points as dots),
// and what a million tokens costs along it. A GPU the API refuses (422: no FP4 on Hopper…) shows the reason.

import { drawCurves, hover } from './xychart.js';
import { short, dollars } from './axes.js';
import { escapeHtml, fixed, integer, money } from '../live/format.js';

// Okabe-Ito: told apart with the common colour-vision deficiencies.
const COLOURS = ['#56b4e9', '#e69f00', '#009e73', '#cc79a7', '#f0e442', '#d55e00', '#0072b2'];
const DEFAULT_GPUS = ['h200', 'gb300'];
const $ = id => document.getElementById(id);

const state = { gpus: [], gpuNames: new Map(), series: [], seq: 0 };

export async function startThroughput() {
  const response = await fetch('/api/catalog', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`catalog: ${response.status}`);
  const catalog = await response.json();
  state.gpus = catalog.gpus;
  for (const g of catalog.gpus) state.gpuNames.set(g.id, g.name);
  const model = catalog.models.some(m => m.id === 'llama-3.3-70b') ? 'llama-3.3-70b' : catalog.models[0]?.id;
  $('tp-model').replaceChildren(...catalog.models.map(m => new Option(m.name, m.id, false, m.id === model)));
  $('tp-gpus').replaceChildren(...catalog.gpus.map(g => {
    const label = document.createElement('label');
    label.className = 'check';
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', name: 'gpu', value: g.id, checked: DEFAULT_GPUS.includes(g.id) });
    box.dataset.testid = `tp-gpu-${g.id}`;
    label.append(box, ` ${g.name}`);
    return label;
  }));

  $('tp-form').addEventListener('submit', e => { e.preventDefault(); draw(); });
  $('tp-form').addEventListener('change', () => draw());
  hover($('tp-chart'), $('tp-tooltip'), lookup, describe);
  hover($('tp-cost-chart'), $('tp-tooltip-cost'), lookup, describe);
  await draw();
}

function query() {
  const gpus = [...document.querySelectorAll('#tp-gpus input:checked')].map(b => b.value);
  return {
    model: $('tp-model').value, precision: $('tp-precision').value, isl: $('tp-isl').value, osl: $('tp-osl').value,
    mtp: String($('tp-mtp').checked), priceTier: $('tp-tier').value, gpus,
  };
}

async function draw() {
  const q = query();
  const seq = ++state.seq;
  const panel = $('throughput');
  panel.dataset.state = 'loading';
  const results = await Promise.all(q.gpus.map(async gpu => {
    const params = new URLSearchParams({ model: q.model, gpu, precision: q.precision, isl: q.isl, osl: q.osl, mtp: q.mtp, priceTier: q.priceTier });
    try {
      const response = await fetch(`/api/throughput?${params}`, { headers: { Accept: 'application/json' } });
      const json = await response.json().catch(() => null);
      if (!response.ok) return { gpu, status: response.status, reason: (json && (json.detail || json.title)) || `${response.status} ${response.statusText}` };
      return { gpu, curve: json };
    } catch (e) {
      return { gpu, status: 0, reason: e.message };
    }
  }));
  if (seq !== state.seq) return; // a newer choice is on its way: draw only the latest

  const curves = results.filter(r => r.curve);
  state.series = curves.map(r => ({
    key: r.gpu,
    label: state.gpuNames.get(r.gpu) ?? r.gpu,
    colour: COLOURS[state.gpus.findIndex(g => g.id === r.gpu) % COLOURS.length],
    curve: r.curve,
  }));
  const perf = state.series.map(s => ({
    ...s,
    line: s.curve.points.map(p => ({ x: p.interactivity, y: p.tokensPerGpuPerSecond, point: p })),
    dots: s.curve.published.map(p => ({ x: p.interactivity, y: p.tokensPerGpuPerSecond, point: p })),
  }));
  const cost = state.series.map(s => ({
    ...s,
    line: s.curve.points.filter(p => p.costPerMillionTokensUsd > 0).map(p => ({ x: p.interactivity, y: p.costPerMillionTokensUsd, point: p })),
    dots: s.curve.published.filter(p => p.costPerMillionTokensUsd > 0).map(p => ({ x: p.interactivity, y: p.costPerMillionTokensUsd, point: p })),
  }));
  state.perf = perf;
  state.cost = cost;
  drawCurves($('tp-chart'), perf, {
    xLabel: 'Interactivity (tokens/s per user)', yLabel: 'Throughput (tokens/s per GPU, input + output, log)',
    xFormat: short, yFormat: short, testid: 'curve',
  });
  drawCurves($('tp-cost-chart'), cost, {
    xLabel: 'Interactivity (tokens/s per user)', yLabel: `Cost per million tokens (USD, ${q.priceTier}, log)`,
    xFormat: short, yFormat: dollars, testid: 'cost-curve',
  });
  renderLegend(perf, results.filter(r => !r.curve));
  renderTable(perf);
  $('tp-cost-title').textContent = `Cost per million tokens at the ${q.priceTier} price tier`;
  panel.dataset.query = [q.model, q.precision, q.isl, q.osl, q.mtp, q.priceTier, q.gpus.join('+')].join('|');
  panel.dataset.curves = String(curves.length);
  panel.dataset.refusals = String(results.length - curves.length);
  panel.dataset.state = 'drawn';
}

function lookup(si, kind, pi) {
  const s = state.perf?.[si];
  const p = s?.[kind]?.[pi];
  return p ? { point: p.point, series: s } : null;
}

// GPU counts of a disaggregated configuration can be fractional (a share of a prefill instance per decode instance).
const gpus = n => Number.isInteger(n) ? String(n) : fixed(n, 1);

function configuration(p) {
  const c = p.configuration;
  if (!c) return { parallel: '—', dp: '—', disagg: '—' };
  return {
    parallel: `TP${c.tp} · EP${c.ep} · PP${c.pp}`,
    dp: c.dpAttention ? 'yes' : 'no',
    disagg: c.disaggregated ? `yes: ${gpus(c.prefillGpus)} prefill + ${gpus(c.decodeGpus)} decode GPUs` : 'no',
  };
}

function describe(p, s) {
  const c = configuration(p);
  const draft = p.configuration?.draftTokens ? ` · MTP ${p.configuration.draftTokens} draft tokens` : '';
  return `<b style="color:${s.colour}">${escapeHtml(s.label)}</b> · ${escapeHtml(p.source)}<br>` +
    `${fixed(p.interactivity, 1)} tok/s per user · <b>${integer(p.tokensPerGpuPerSecond)}</b> tok/s per GPU<br>` +
    `$${money(p.costPerMillionTokensUsd)} per M tokens · ${integer(p.tokensPerSecondPerMegawatt)} tok/s per MW<br>` +
    `${escapeHtml(c.parallel)} · DP-attention ${c.dp}<br>disaggregated: ${escapeHtml(c.disagg)}${draft}<br>` +
    `<span class="muted">${escapeHtml(p.reference)}</span>`;
}

function renderLegend(series, refusals) {
  const items = series.map(s =>
    `<li data-testid="tp-legend-gpu" data-gpu="${escapeHtml(s.key)}"><span class="swatch line" style="background:${s.colour}"></span>` +
    `<b>${escapeHtml(s.label)}</b> <span class="muted">${s.curve.points.length} modelled · ${s.curve.published.length} published · ` +
    `up to ${fixed(s.curve.maxInteractivity, 0)} tok/s per user</span></li>`);
  $('tp-legend').innerHTML = items.join('') +
    '<li class="key"><span class="swatch line neutral"></span> line: modelled front (throughput model)' +
    ' <span class="swatch dot neutral"></span> dots: published points (measured benchmark)</li>';
  $('tp-refusals').innerHTML = refusals.map(r =>
    `<li data-testid="throughput-refusal" data-gpu="${escapeHtml(r.gpu)}" data-status="${r.status}"><b>${escapeHtml(state.gpuNames.get(r.gpu) ?? r.gpu)}</b>: ${escapeHtml(r.reason)}</li>`).join('');
}

function renderTable(series) {
  const rows = series.flatMap(s => [...s.dots, ...s.line].map(d => ({ s, p: d.point })));
  rows.sort((a, b) => a.s.key.localeCompare(b.s.key) || a.p.interactivity - b.p.interactivity);
  $('tp-table').tBodies[0].innerHTML = rows.map(({ s, p }) => {
    const c = configuration(p);
    return `<tr data-gpu="${escapeHtml(s.key)}" data-source="${escapeHtml(p.source)}">` +
      `<td><span class="swatch ${p.source === 'published' ? 'dot' : 'line'}" style="background:${s.colour}"></span>${escapeHtml(s.label)}</td>` +
      `<td>${fixed(p.interactivity, 1)}</td><td>${integer(p.tokensPerGpuPerSecond)}</td><td>${integer(p.outputTokensPerGpuPerSecond)}</td>` +
      `<td>$${money(p.costPerMillionTokensUsd)}</td><td>${escapeHtml(c.parallel)}</td><td>${c.dp}</td><td>${escapeHtml(c.disagg)}</td>` +
      `<td>${p.maxBatch ?? '—'}</td><td>${escapeHtml(p.bound ?? '—')}</td>` +
      `<td title="${escapeHtml(p.reference)}">${escapeHtml(p.source)}</td></tr>`;
  }).join('');
}

startThroughput().catch(e => {
  $('tp-refusals').innerHTML = `<li>${escapeHtml(e.message)}</li>`;
  $('throughput').dataset.state = 'error';
});
