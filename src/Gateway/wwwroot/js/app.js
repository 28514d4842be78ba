// The operators' live view. One EventSource on /api/live: a `layout` event (racks, places, cords, node ratings;
// again only when it changes) then one compact `frame` per second. Everything here renders those two; the only
// other requests are the last hour of KPIs at start, the detail of a rack while it is open, and the measured vs
// modelled figures every few seconds.

import { FloorPlan } from './live/floorplan.js';
import { PowerView } from './live/power.js';
import { RackDetail } from './live/detail.js';
import { renderAlarms } from './live/alarms.js';
import { renderLinks } from './live/links.js';
import { WorkloadTable } from './live/workloads.js';
import { startEfficiency } from './live/efficiency.js';
import { drawSpark, drawChart, thin } from './live/charts.js';
import { drawScale } from './live/colors.js';
import { METRICS, domainOf } from './live/metrics.js';
import { clock, escapeHtml, fixed, integer, money, si, siText } from './live/format.js';

const HOUR = 3600_000;
const $ = id => document.getElementById(id);

const state = {
  layout: null,
  frame: null,
  metricKey: 'tps',
  history: [],       // { t, tps, mw, tpmw, cost, pue, gpus }
  historyFetchedAt: 0,
  lastFrameAt: 0,
  powerSelected: -1,
};

// Figures a benchmark or a test can read: how long each frame took to parse and render, and when the first one landed.
const stats = { frames: 0, frameMs: [], firstFrameMs: null, layouts: 0, sections: {} };

function timedValue(name, read) {
  let value;
  timed(name, () => { value = read(); });
  return value;
}

function timed(name, render) {
  const started = performance.now();
  render();
  stats.sections[name] = (stats.sections[name] ?? 0) + performance.now() - started;
}

const plan = new FloorPlan($('floor-plan'), $('tooltip'), i => selectRack(i));
const power = new PowerView($('power'), $('power-headline'), i => selectPowerNode(i));
const detail = new RackDetail($('rack-detail'), $('detail-title'), $('detail-body'), $('detail-close'),
  () => ({ layout: state.layout, frame: state.frame, metricKey: state.metricKey }));
detail.onClose = () => { plan.selected = -1; if (state.frame) plan.draw(); };

const workloads = new WorkloadTable(document.querySelector('[data-testid="workloads"]'), $('workloads-body'),
  $('workloads-summary'), $('workload-kind'), $('workload-name-head'));

drawScale($('legend-scale'));
$('metric').addEventListener('change', e => {
  state.metricKey = e.target.value;
  if (state.frame) renderPlan();
  detail.recolour();
});
$('worst-rack').addEventListener('click', () => { if (state.worst >= 0) selectRack(state.worst); });

connect();
setInterval(checkFreshness, 1000);
fetchHistory();
startEfficiency($('efficiency'));

function connect() {
  const source = new EventSource('/api/live');
  source.addEventListener('layout', e => onLayout(JSON.parse(e.data)));
  source.addEventListener('frame', e => {
    const started = performance.now();
    const frame = timedValue('parse', () => JSON.parse(e.data));
    onFrame(frame);
    stats.frameMs.push(performance.now() - started);
    if (stats.frameMs.length > 600) stats.frameMs.shift();
    stats.frames++;
    if (stats.firstFrameMs === null) {
      stats.firstFrameMs = performance.now();
      performance.mark('tft-first-frame');
    }
  });
  source.onerror = () => setConnection('connecting', 'Reconnecting…');
}

function onLayout(layout) {
  stats.layouts++;
  const facilityChanged = state.layout?.facility !== layout.facility;
  state.layout = layout;
  $('facility-name').textContent = layout.name || layout.facility;
  document.title = `${layout.name || layout.facility} · live`;
  plan.setLayout(layout);
  power.setLayout(layout);
  state.powerSelected = -1;
  plan.highlight = new Set();
  if (facilityChanged) { state.history = []; fetchHistory(); }
}

function onFrame(frame) {
  if (!state.layout || frame.v !== state.layout.v) return; // a layout event always precedes a frame in a new layout
  state.frame = frame;
  state.lastFrameAt = Date.now();
  const t = Date.parse(frame.t);
  const k = frame.kpis;
  appendHistory({
    t, tps: k.tokensPerSecond, mw: k.facilityPowerKw / 1000, tpmw: k.tokensPerSecondPerMegawatt,
    cost: k.costPerMillionTokensUsd ?? NaN, pue: k.pue, gpus: k.gpusReporting,
  });
  setConnection(frame.stale || k.stale ? 'stale' : 'live', frame.stale ? 'Twin not answering: last figures' : 'Live');
  $('updated-at').textContent = `updated ${clock(new Date(t))}`;
  timed('kpis', () => renderKpis(k));
  timed('plan', renderPlan);
  timed('power', () => power.update(frame));
  timed('alarms', () => renderAlarms($('alarms'), $('alarm-count'), frame.alarms, Date.now(), (kind, place) => pickAlarm(kind, place)));
  timed('links', () => renderLinks($('links-body'), $('links-summary'), state.layout, frame, i => selectRack(i)));
  timed('halls', () => renderHalls(frame.halls));
  timed('workloads', () => workloads.update(frame.workloads));
  timed('charts', renderCharts);
  if (state.history.length < 2 && Date.now() - state.historyFetchedAt > 10_000) fetchHistory();
}

function renderKpis(k) {
  const tps = si(k.tokensPerSecond);
  kpi('kpi-tokens-per-second', tps.num, `${tps.prefix}tok/s`, `output ${siText(k.outputTokensPerSecond, 'tok/s')} · ${integer(k.racks)} racks`);
  kpi('kpi-facility-power', fixed(k.facilityPowerKw / 1000, 2), 'MW',
    `measured · provisioned ${fixed(k.provisionedPowerKw / 1000, 2)} MW · IT ${fixed(k.itPowerKw / 1000, 2)} MW`);
  const tpmw = si(k.tokensPerSecondPerMegawatt);
  kpi('kpi-tokens-per-mw', tpmw.num, `${tpmw.prefix}tok/s/MW`, `measured · provisioned ${siText(k.tokensPerSecondPerProvisionedMegawatt, 'tok/s/MW')}`);
  kpi('kpi-cost-per-mtok', k.costPerMillionTokensUsd == null ? '—' : `$${money(k.costPerMillionTokensUsd)}`, 'USD / M tok',
    `$${integer(k.costPerHourUsd)} per hour`);
  kpi('kpi-pue', fixed(k.pue, 2), '', `facility ${fixed(k.facilityPowerKw / 1000, 2)} MW ÷ IT ${fixed(k.itPowerKw / 1000, 2)} MW`);
  const card = kpi('kpi-gpus', integer(k.gpusReporting), `/ ${integer(k.gpus)}`,
    `${integer(k.staleRacks)} stale racks · ${integer(k.virtualRacks)} virtual`);
  card.dataset.alert = String(k.gpusReporting < k.gpus);
  const history = thin(state.history, 240);
  const spark = (key, colour) => drawSpark(document.querySelector(`[data-spark="${key}"]`), history.map(p => ({ t: p.t, v: p[key] })), colour);
  spark('tps', '#7cc4ff'); spark('mw', '#b5de2b'); spark('tpmw', '#35b779'); spark('cost', '#fde725'); spark('pue', '#8b9bb0'); spark('gpus', '#7cc4ff');
}

function kpi(testid, num, unit, text) {
  const card = document.querySelector(`[data-testid="${testid}"]`);
  card.querySelector('[data-kpi-value]').textContent = num;
  card.querySelector('[data-kpi-unit]').textContent = unit;
  card.querySelector('[data-kpi-detail]').textContent = text;
  return card;
}

function renderPlan() {
  const { layout, frame } = state;
  const metric = METRICS[state.metricKey];
  const n = layout.racks.id.length;
  const values = plan.values.length === n ? plan.values : new Float64Array(n);
  const live = [];
  let worst = -1;
  for (let i = 0; i < n; i++) {
    const v = metric.rack(frame, i);
    values[i] = v;
    if (frame.racks.stale.charCodeAt(i) === 49) continue;
    live.push(v);
    if (worst < 0 || (metric.worst === 'low' ? v < values[worst] : v > values[worst])) worst = i;
  }
  const domain = domainOf(metric, live);
  const alarmed = new Set();
  for (const a of frame.alarms.items) {
    if (a.placeKind === 'rack' && a.kind !== 'telemetry-stale') {
      const i = rackIndex(a.place);
      if (i >= 0) alarmed.add(i);
    }
  }
  plan.update(values, frame.racks.stale, domain, alarmed, i => describeRack(i));
  $('floor-plan').dataset.metric = state.metricKey;
  $('legend-title').textContent = `${metric.label} (${metric.unit})`;
  $('legend-min').textContent = metric.text(domain[0]);
  $('legend-mid').textContent = metric.text((domain[0] + domain[1]) / 2);
  $('legend-max').textContent = metric.text(domain[1]);
  state.worst = worst;
  const button = $('worst-rack');
  button.hidden = worst < 0;
  if (worst >= 0) {
    button.innerHTML = `${metric.worst === 'low' ? 'Lowest' : 'Highest'} ${escapeHtml(metric.label.toLowerCase())}: <b>${escapeHtml(layout.racks.id[worst])}</b> ${metric.text(values[worst])}`;
    button.dataset.rackId = layout.racks.id[worst];
  }
}

function describeRack(i) {
  const { layout, frame } = state;
  const r = layout.racks;
  const stale = frame.racks.stale.charCodeAt(i) === 49;
  const hall = layout.halls[r.hall[i]]?.name ?? '';
  const kw = frame.racks.kw[i];
  return `<b>${escapeHtml(r.id[i])}</b>${r.virtual[i] ? ' · virtual' : ''}${stale ? ' · <span style="color:var(--warn)">STALE</span>' : ''}<br>` +
    `<span class="muted">${escapeHtml(hall)} · row ${r.row[i]} · pos ${r.pos[i]} · ${escapeHtml(layout.rackTypes[r.type[i]])}</span><br>` +
    `${integer(frame.racks.tps[i])} tok/s · ${fixed(kw, 1)} kW · ${fixed(frame.racks.util[i] * 100, 0)} % · ${fixed(frame.racks.temp[i], 1)} °C · ` +
    `${integer(kw > 0 ? frame.racks.tps[i] / kw : 0)} tok/s/kW · ${frame.racks.rep[i]}/${r.gpus[i]} GPUs`;
}

function renderHalls(halls) {
  $('halls').innerHTML = halls.map(h =>
    `<span>${escapeHtml(h.name)}: <b>${siText(h.tokensPerSecond, 'tok/s')}</b> · <b>${fixed(h.facilityPowerKw / 1000, 2)} MW</b> · ` +
    `<b>${siText(h.tokensPerSecondPerMegawatt, 'tok/s/MW')}</b> · PUE <b>${fixed(h.pue, 2)}</b>${h.staleRacks ? ` · <b style="color:var(--warn)">${h.staleRacks} stale</b>` : ''}</span>`).join('');
}

function renderCharts() {
  const history = thin(state.history);
  const series = key => history.map(p => ({ t: p.t, v: p[key] }));
  drawChart(document.querySelector('[data-chart="tpmw"]'), series('tpmw'), { unit: 'tok/s per MW', format: v => siText(v, '').trim(), colour: '#35b779' });
  drawChart(document.querySelector('[data-chart="cost"]'), series('cost'), { unit: 'USD per M tok', format: v => `$${money(v)}`, colour: '#fde725' });
  drawChart(document.querySelector('[data-chart="mw"]'), series('mw'), { unit: 'MW', format: v => fixed(v, v < 10 ? 2 : 1), colour: '#b5de2b' });
}

function appendHistory(point) {
  const h = state.history;
  if (h.length && point.t <= h[h.length - 1].t) return;
  h.push(point);
  const cutoff = point.t - HOUR;
  let drop = 0;
  while (drop < h.length && h[drop].t < cutoff) drop++;
  if (drop) h.splice(0, drop);
}

async function fetchHistory() {
  state.historyFetchedAt = Date.now();
  try {
    const response = await fetch('/api/history');
    if (!response.ok) return;
    const points = (await response.json()).map(p => ({
      t: Date.parse(p.asOf), tps: p.tokensPerSecond, mw: p.facilityPowerKw / 1000, tpmw: p.tokensPerSecondPerMegawatt,
      cost: p.costPerMillionTokensUsd ?? NaN, pue: NaN, gpus: NaN,
    }));
    // The rolling window first, then what the stream brought since.
    const newest = points.length ? points[points.length - 1].t : -Infinity;
    state.history = [...points, ...state.history.filter(p => p.t > newest)];
  } catch {
    // The chart fills from the stream; the history is retried while it stays short.
  }
}

function selectRack(i) {
  const id = state.layout.racks.id[i];
  plan.selected = i;
  plan.draw();
  detail.open(id);
}

function selectPowerNode(i) {
  state.powerSelected = i;
  power.select(i);
  plan.highlight = power.fedRacks(i);
  plan.draw();
}

function pickAlarm(kind, place) {
  if (kind === 'power') {
    const i = state.layout.power.findIndex(n => n.id === place);
    if (i >= 0) { selectPowerNode(i); document.querySelector('.power-card').scrollIntoView({ behavior: 'smooth', block: 'nearest' }); }
    return;
  }
  const i = rackIndex(place);
  if (i >= 0) {
    $('floor-plan').scrollIntoView({ behavior: 'smooth', block: 'nearest' });
    selectRack(i);
  }
}

function rackIndex(id) {
  const layout = state.layout;
  if (!layout.index) layout.index = new Map(layout.racks.id.map((r, i) => [r, i]));
  return layout.index.get(id) ?? -1;
}

function setConnection(kind, text) {
  const el = $('connection');
  el.dataset.state = kind;
  $('connection-text').textContent = text;
}

function checkFreshness() {
  if (state.lastFrameAt && Date.now() - state.lastFrameAt > 5000) setConnection('stale', 'No update for 5 s');
}

// Read by the browser tests and the benchmark; also handy from the console.
window.liveView = {
  stats,
  state,
  rack(id) {
    const i = state.layout ? rackIndex(id) : -1;
    if (i < 0 || !state.frame) return null;
    return {
      index: i, stale: state.frame.racks.stale.charCodeAt(i) === 49, virtual: !!state.layout.racks.virtual[i],
      box: plan.boxOf(i),
    };
  },
};
