// An inline-SVG chart of curves against interactivity: linear x, log y, one colour per GPU. Each series is a line
// (the modelled front, with a small marker per point) and dots drawn over it (published points). Points carry
// data attributes so hovering can name them; the chart reports how many it drew per series.

import { linearTicks, logTicks } from './axes.js';
import { escapeHtml } from '../live/format.js';

const W = 760, H = 380;
const M = { left: 78, right: 18, top: 14, bottom: 50 };

/**
 * series: [{ key, label, colour, line: [{ x, y }], dots: [{ x, y }] }] (points may carry anything else);
 * opts: { xLabel, yLabel, xFormat, yFormat, testid }.
 * Returns a function that maps (series index, 'line'|'dots', point index) to the point, for hover.
 */
export function drawCurves(svg, series, opts) {
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const all = series.flatMap(s => [...s.line, ...s.dots]).filter(p => Number.isFinite(p.x) && p.y > 0);
  if (!all.length) {
    svg.innerHTML = `<text x="${W / 2}" y="${H / 2}" class="empty" text-anchor="middle">nothing to draw</text>`;
    svg.dataset.points = '0';
    return;
  }
  const xs = linearTicks(0, Math.max(...all.map(p => p.x)), 8);
  const x0 = xs[0], x1 = xs[xs.length - 1];
  const { ticks: ys, minor, major, lo, hi } = logTicks(Math.min(...all.map(p => p.y)), Math.max(...all.map(p => p.y)));
  const px = v => M.left + (v - x0) / (x1 - x0) * (W - M.left - M.right);
  const py = v => M.top + (1 - (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (H - M.top - M.bottom);
  const bottom = H - M.bottom;

  let out = minor.map(v => `<line class="grid minor" x1="${M.left}" x2="${W - M.right}" y1="${py(v).toFixed(1)}" y2="${py(v).toFixed(1)}"/>`).join('');
  for (let i = 0; i < ys.length; i++) {
    const y = py(ys[i]).toFixed(1);
    out += `<line class="grid${major[i] ? ' major' : ''}" x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}"/>` +
      `<text class="tick" x="${M.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeHtml(opts.yFormat(ys[i]))}</text>`;
  }
  for (const v of xs) {
    const x = px(v).toFixed(1);
    out += `<line class="grid" x1="${x}" x2="${x}" y1="${M.top}" y2="${bottom}"/>` +
      `<text class="tick" x="${x}" y="${bottom + 16}" text-anchor="middle">${escapeHtml(opts.xFormat(v))}</text>`;
  }
  out += `<line class="axis" x1="${M.left}" x2="${W - M.right}" y1="${bottom}" y2="${bottom}"/>` +
    `<line class="axis" x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${bottom}"/>` +
    `<text class="label" x="${(M.left + W - M.right) / 2}" y="${H - 10}" text-anchor="middle">${escapeHtml(opts.xLabel)}</text>` +
    `<text class="label" transform="translate(16 ${(M.top + bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(opts.yLabel)}</text>`;

  series.forEach((s, si) => {
    const line = s.line.filter(p => p.y > 0);
    const dots = s.dots.filter(p => p.y > 0);
    out += `<g data-testid="${opts.testid}" data-gpu="${escapeHtml(s.key)}" data-points="${line.length}" data-published="${dots.length}">`;
    if (line.length) {
      out += `<polyline class="front" stroke="${s.colour}" points="${line.map(p => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ')}"/>`;
      out += line.map((p, i) => `<circle class="vertex" data-s="${si}" data-kind="line" data-p="${i}" cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3" fill="${s.colour}"/>`).join('');
    }
    out += dots.map((p, i) => `<circle class="published" data-s="${si}" data-kind="dots" data-p="${i}" cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="6" fill="${s.colour}"/>`).join('');
    out += '</g>';
  });
  svg.innerHTML = out;
  svg.dataset.points = String(all.length);
}

/** Shows `describe(point, series)` next to the pointer while it is over a marker of the chart. */
export function hover(svg, tooltip, lookup, describe) {
  svg.addEventListener('mousemove', e => {
    const target = e.target.closest('circle[data-s]');
    if (!target) { tooltip.hidden = true; return; }
    const found = lookup(Number(target.dataset.s), target.dataset.kind, Number(target.dataset.p));
    if (!found) { tooltip.hidden = true; return; }
    tooltip.innerHTML = describe(found.point, found.series);
    tooltip.hidden = false;
    const box = svg.parentElement.getBoundingClientRect();
    const left = e.clientX - box.left + 14;
    tooltip.style.left = `${Math.min(left, box.width - tooltip.offsetWidth - 4)}px`;
    tooltip.style.top = `${e.clientY - box.top + 14}px`;
  });
  svg.addEventListener('mouseleave', () => { tooltip.hidden = true; });
}
