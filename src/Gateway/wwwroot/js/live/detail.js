// A rack's detail: its figures, its GPUs coloured like the plan, its cords and the nodes behind them, its links
// and its recent KPIs. Read from GET /api/racks/{id} when opened and every few seconds while it stays open.

import { METRICS, domainOf } from './metrics.js';
import { PALETTE, step, isLight } from './colors.js';
import { drawChart } from './charts.js';
import { escapeHtml, fixed, integer, siText } from './format.js';

const REFRESH_MS = 3000;

export class RackDetail {
  constructor(panel, title, body, closeButton, context) {
    this.panel = panel;
    this.title = title;
    this.body = body;
    this.context = context; // () => ({ layout, frame, metric })
    this.rackId = null;
    closeButton.addEventListener('click', () => this.close());
    document.addEventListener('keydown', e => { if (e.key === 'Escape') this.close(); });
  }

  async open(rackId) {
    this.rackId = rackId;
    this.panel.hidden = false;
    this.panel.dataset.rackId = rackId;
    this.title.textContent = `Rack ${rackId}`;
    this.body.innerHTML = '<p class="muted">Loading…</p>';
    clearTimeout(this.timer);
    await this.refresh();
  }

  close() {
    this.rackId = null;
    this.panel.hidden = true;
    clearTimeout(this.timer);
    this.onClose?.();
  }

  async refresh() {
    const id = this.rackId;
    if (!id) return;
    try {
      const response = await fetch(`/api/racks/${encodeURIComponent(id)}`);
      if (id !== this.rackId) return;
      if (!response.ok) {
        this.body.innerHTML = `<p class="muted">Rack ${escapeHtml(id)} is not available (${response.status}).</p>`;
      } else {
        this.render(await response.json());
      }
    } catch (e) {
      if (id === this.rackId) this.body.insertAdjacentHTML('afterbegin', `<p class="muted">Refresh failed: ${escapeHtml(e.message)}</p>`);
    }
    if (id === this.rackId) this.timer = setTimeout(() => this.refresh(), REFRESH_MS);
  }

  /** Re-colours the GPUs when the operator picks another metric. */
  recolour() {
    if (this.last) this.render(this.last);
  }

  render(detail) {
    this.last = detail;
    const { layout, frame, metricKey } = this.context();
    const metric = METRICS[metricKey];
    const rack = detail.rack;
    const badges = (rack.stale ? '<span class="badge stale">STALE: no telemetry</span>' : '') +
      (rack.virtual ? '<span class="badge virtual">virtual</span>' : '');
    this.title.innerHTML = `Rack ${escapeHtml(rack.id)}${badges}`;

    const gpuValues = detail.gpus.map(g => metric.gpu(g));
    const [min, max] = domainOf(metric, gpuValues.filter((_, k) => !detail.gpus[k].stale));
    const gpus = detail.gpus.map((g, k) => {
      const v = gpuValues[k];
      const s = step(v, min, max);
      const style = g.stale || !Number.isFinite(v) ? '' : `background:${PALETTE[s]};color:${isLight(s) ? '#0b0f14' : '#e6edf3'}`;
      const tip = `${g.id}: ${integer(g.tokensPerSecond)} tok/s · ${fixed(g.powerW, 0)} W · ${fixed((g.utilization ?? NaN) * 100, 0)} % · ${fixed(g.temperatureC, 1)} °C${capTip(g)}${g.stale ? ' · stale' : ''}`;
      return `<div class="gpu" data-testid="gpu" data-gpu-id="${escapeHtml(g.id)}" data-stale="${g.stale}" data-cap="${capState(g)}" style="${style}" title="${escapeHtml(tip)}">${g.index}</div>`;
    }).join('');

    const index = layout?.racks.id.indexOf(rack.id) ?? -1;
    const cord = (label, nodeId) => {
      if (!nodeId) return `<li>${label}: not connected</li>`;
      const k = layout?.power.findIndex(n => n.id === nodeId) ?? -1;
      if (k < 0 || !frame) return `<li>${label}: ${escapeHtml(nodeId)}</li>`;
      const chain = [];
      for (let u = k; u >= 0; u = layout.power[u].upstream) chain.push(layout.power[u].name);
      const n = layout.power[k], load = frame.power.load[k];
      const flag = load > n.deratedKw ? ' <b style="color:var(--crit)">OVER RATING</b>' : frame.power.lost[k] > n.deratedKw ? ' <b style="color:var(--warn)">N+1 ✗</b>' : '';
      return `<li>${label}: <b>${escapeHtml(n.name)}</b> — ${fixed(load, 0)} / ${fixed(n.deratedKw, 0)} kW derated${flag}<br><span class="muted">${chain.map(escapeHtml).join(' ← ')}</span></li>`;
    };
    const links = (detail.links ?? []).map(linkId => {
      const k = layout?.links.id.indexOf(linkId) ?? -1;
      if (k < 0 || !frame) return `<li>${escapeHtml(linkId)}</li>`;
      const up = frame.links.up.charCodeAt(k) === 49;
      return `<li>${escapeHtml(linkId)} → ${escapeHtml(layout.links.spine[k])}: ${fixed(frame.links.gbps[k], 0)} / ${integer(layout.links.capacityGbps[k])} Gb/s ` +
        `(${fixed(frame.links.util[k] * 100, 1)} %) ${up ? 'up' : '<b style="color:var(--crit)">DOWN</b>'}</li>`;
    }).join('') || '<li class="muted">no uplinks twinned</li>';

    this.body.innerHTML = `
      <div class="muted">${escapeHtml(rack.hall)} · row ${rack.row} · position ${rack.position} · ${escapeHtml(rack.rackType)} (${rack.gpus} × ${escapeHtml(rack.gpu)}) · ${escapeHtml(rack.source)}</div>
      <div class="facts">
        <div><b>${siText(rack.tokensPerSecond, 'tok/s')}</b><span>tokens / s</span></div>
        <div><b>${fixed(rack.itPowerKw, 1)} kW</b><span>IT power (provisioned ${fixed(rack.provisionedPowerKw, 0)} kW)</span></div>
        <div><b>${integer(rack.tokensPerKw)}</b><span>tokens / s per kW</span></div>
        <div><b>${fixed(rack.utilization * 100, 0)} %</b><span>utilization</span></div>
        <div><b>${fixed(rack.maxTemperatureC, 1)} °C</b><span>hottest GPU</span></div>
        <div><b>${rack.gpusReporting} / ${rack.gpus}</b><span>GPUs reporting</span></div>
      </div>
      ${operatingPoint(detail)}
      <h3>GPUs · ${escapeHtml(metric.label)} (${metric.text(min)} – ${metric.text(max)})</h3>
      <div class="gpus" data-testid="rack-gpus">${gpus}</div>
      ${powerCaps(detail.gpus)}
      <h3>Power cords</h3>
      <ul class="cords">${cord('A', detail.spec?.powerA)}${cord('B', detail.spec?.powerB)}</ul>
      <h3>Links</h3>
      <ul class="dlinks">${links}</ul>
      <h3>Recent tokens / s</h3>
      <canvas id="detail-chart"></canvas>`;
    const points = (detail.recent ?? []).map(p => ({ t: Date.parse(p.asOf), v: p.tokensPerSecond }));
    const span = points.length > 1 ? points[points.length - 1].t - points[0].t : 60_000;
    drawChart(this.body.querySelector('#detail-chart'), points, {
      unit: 'tok/s', format: v => siText(v, '').trim(), colour: '#b5de2b', windowMs: Math.max(60_000, span),
    });
    if (index >= 0) this.panel.dataset.rackIndex = String(index);
  }
}

/** How a GPU stands against a power cap: the cap not applied outranks a binding one; empty when neither. */
function capState(g) {
  return g.capNotApplied ? 'not-applied' : g.capBinding ? 'binding' : '';
}

function capTip(g) {
  const limit = g.enforcedPowerLimitW == null ? '' : ` · limit ${fixed(g.enforcedPowerLimitW, 0)} W`;
  const cap = g.recommendedCapW == null ? '' : ` · cap ${fixed(g.recommendedCapW, 0)} W`;
  const reasons = g.throttleReasons?.length ? ` · ${g.throttleReasons.join(', ')}` : '';
  return limit + cap + reasons;
}

/**
 * What the GPUs do with a power cap, read back from their exporter: the limit each enforces, the cap the twin
 * recommends while a flex event runs, why its clocks are held (in words), and whether a cap binds or was not applied.
 * Only GPUs that report a limit or reasons, or have a cap, are listed.
 */
function powerCaps(gpus) {
  const rows = gpus.filter(g => g.enforcedPowerLimitW != null || g.clocksEventReasons != null || g.recommendedCapW != null);
  if (!rows.length) return '';
  const binding = rows.filter(g => g.capBinding).length, missed = rows.filter(g => g.capNotApplied).length;
  const summary = [binding ? `<b style="color:var(--warn)">${binding} binding</b>` : '', missed ? `<b style="color:var(--crit)">${missed} cap not applied</b>` : '']
    .filter(Boolean).join(' · ');
  const body = rows.map(g => {
    const state = capState(g);
    const flag = state === 'not-applied' ? 'CAP NOT APPLIED' : state === 'binding' ? 'binding' : '';
    return `<tr data-testid="gpu-cap" data-gpu-id="${escapeHtml(g.id)}" data-cap="${state}"><td>${g.index}</td>` +
      `<td class="r">${fixed(g.powerW, 0)}</td><td class="r">${g.enforcedPowerLimitW == null ? '—' : fixed(g.enforcedPowerLimitW, 0)}</td>` +
      `<td class="r">${g.recommendedCapW == null ? '—' : fixed(g.recommendedCapW, 0)}</td>` +
      `<td>${escapeHtml((g.throttleReasons ?? []).join(', ') || (g.clocksEventReasons == null ? '—' : 'none'))}</td><td class="flag">${flag}</td></tr>`;
  }).join('');
  return `<h3>Power caps${summary ? ` · ${summary}` : ''}</h3>
      <div class="caps-scroll"><table class="caps" data-testid="gpu-caps">
        <thead><tr><th>GPU</th><th class="r">Draw W</th><th class="r">Enforced W</th><th class="r">Cap W</th><th>Clocks held by</th><th></th></tr></thead>
        <tbody>${body}</tbody></table></div>`;
}

/** What the rack's workload runs at per GPU, and where that figure comes from (a published curve or the throughput model). */
function operatingPoint(detail) {
  const point = detail.operatingPoint;
  const workload = detail.spec?.workload;
  if (!point) return '<p class="muted" data-testid="operating-point">No operating point resolves for this rack\'s workload.</p>';
  const serves = workload ? [workload.model, workload.precision, workload.interactivity ? `${workload.interactivity} tok/s/user` : null]
    .filter(Boolean).map(escapeHtml).join(' · ') : 'deepseek-r1-0528 (default)';
  return `<p data-testid="operating-point" data-origin="${escapeHtml(point.origin)}">Serves ${serves}: ` +
    `<b>${integer(point.tokensPerGpuPerSecond)} tok/s per GPU</b> at full load, ` +
    `<span class="badge" title="${escapeHtml(point.source)}">${escapeHtml(point.origin)}</span></p>`;
}
