// "Measured vs modelled": what the racks deliver against what the throughput model says the same hardware should
// deliver at their workload, facility, halls and racks. Not in the SSE frame: polled every few seconds. A gateway
// without /api/efficiency (404) hides the panel and asks again now and then.

import { escapeHtml, fixed, integer, money, siText } from './format.js';

const PERIOD_MS = 5000;
const ABSENT_PERIOD_MS = 30_000;
const MAX_ROWS = 200;

export function startEfficiency(card) {
  const summary = card.querySelector('[data-efficiency-summary]');
  const halls = card.querySelector('[data-efficiency-halls]');
  const body = card.querySelector('tbody');
  const note = card.querySelector('[data-efficiency-note]');

  async function poll() {
    let next = PERIOD_MS;
    try {
      const response = await fetch('/api/efficiency', { headers: { Accept: 'application/json' } });
      if (response.status === 404) {
        card.hidden = true;
        card.dataset.state = 'absent';
        next = ABSENT_PERIOD_MS;
      } else if (response.ok) {
        render(await response.json());
        card.hidden = false;
        card.dataset.state = 'shown';
      } else {
        card.dataset.state = 'error';
        note.textContent = `efficiency not available: ${response.status} ${response.statusText}`;
      }
    } catch (e) {
      card.dataset.state = 'error';
      note.textContent = `efficiency not available: ${e.message}`;
    }
    setTimeout(poll, next);
  }

  function render(e) {
    const f = e.facility ?? {};
    summary.innerHTML =
      fact('Facility ratio', percent(f.ratio), 'measured ÷ modelled tokens/s', ratioLevel(f.ratio), 'efficiency-ratio') +
      fact('Measured', siText(f.measuredTokensPerSecond, 'tok/s'), `modelled ${siText(f.modelledTokensPerSecond, 'tok/s')}`) +
      fact('Left on the table', siText(f.tokensLeftPerSecond, 'tok/s'), 'modelled − measured', '', 'efficiency-tokens-left') +
      fact('Worth', `$${money(f.usdPerHourLeft)}/h`, 'of GPU time not turned into tokens', '', 'efficiency-usd-left');
    halls.innerHTML = (e.halls ?? []).map(h => ({ ...h, hall: h.hall ?? h.scope ?? '' })).map(h =>
      `<span data-testid="efficiency-hall" data-hall="${escapeHtml(h.hall)}" data-level="${ratioLevel(h.ratio)}">${escapeHtml(h.hall)} <b>${percent(h.ratio)}</b> · ` +
      `${siText(h.tokensLeftPerSecond, 'tok/s')} and $${money(h.usdPerHourLeft)}/h left</span>`).join('');

    // Live racks first (their measurement is real), then the worst ratio first: where the denominator leaks most.
    const racks = [...(e.racks ?? [])].sort((a, b) =>
      (a.telemetry === 'live' ? 0 : 1) - (b.telemetry === 'live' ? 0 : 1) || (a.ratio ?? Infinity) - (b.ratio ?? Infinity) || a.rack.localeCompare(b.rack));
    const shown = racks.slice(0, MAX_ROWS);
    body.innerHTML = shown.map(r =>
      `<tr data-testid="efficiency-rack" data-rack="${escapeHtml(r.rack)}" data-telemetry="${escapeHtml(r.telemetry)}">` +
      `<td><b>${escapeHtml(r.rack)}</b> <span class="badge ${r.telemetry === 'live' ? 'live' : ''}">${escapeHtml(r.telemetry)}</span></td>` +
      `<td>${escapeHtml(r.hall)}</td><td>${escapeHtml(r.gpu)}</td><td>${escapeHtml(r.model)}</td>` +
      `<td class="r" data-interactivity-source="${escapeHtml(r.interactivitySource ?? '')}" title="${r.interactivitySource === 'observed' ? `observed: output tokens/s over ${fixed(r.runningRequests, 0)} running requests` : 'the workload\'s stated interactivity'}">` +
      `${fixed(r.interactivity, r.interactivity < 10 ? 1 : 0)}${r.interactivitySource === 'observed' ? ' <span class="muted">obs.</span>' : ''}</td>` +
      `<td class="r">${siText(r.measuredTokensPerSecond, 'tok/s')}</td><td class="r">${siText(r.modelledTokensPerSecond, 'tok/s')}</td>` +
      `<td class="r" data-level="${ratioLevel(r.ratio)}"><span class="rbar" style="width:${Math.round(Math.min(1, r.ratio ?? 0) * 60)}px"></span>${percent(r.ratio)}</td>` +
      `<td class="r">${siText(r.tokensLeftPerSecond, 'tok/s')}</td><td class="r">$${money(r.usdPerHourLeft)}</td>` +
      `<td><span class="source" data-source="${escapeHtml(r.operatingPointSource)}" title="${escapeHtml(r.reference ?? '')}">${escapeHtml(r.operatingPointSource)}</span></td></tr>`).join('');
    card.dataset.racks = String(racks.length);
    note.textContent = racks.length > MAX_ROWS ? `showing the ${MAX_ROWS} first of ${integer(racks.length)} racks` : '';
  }

  poll();
}

function fact(title, value, detail, level = '', testid = '') {
  return `<div${testid ? ` data-testid="${testid}"` : ''}${level ? ` data-level="${level}"` : ''}><span>${escapeHtml(title)}</span><b>${escapeHtml(value)}</b><span>${escapeHtml(detail)}</span></div>`;
}

function percent(ratio) {
  return Number.isFinite(ratio) ? `${fixed(ratio * 100, ratio < 0.1 ? 1 : 0)} %` : '—';
}

function ratioLevel(ratio) {
  if (!Number.isFinite(ratio)) return 'none';
  return ratio < 0.6 ? 'low' : ratio < 0.85 ? 'mid' : 'good';
}
