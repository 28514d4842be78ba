// Network links: a summary, then the down links and the busiest ones. Thousands of links do not fit a table on a
// wall; what an operator needs is which ones are down and which are close to full.

import { fixed, integer, escapeHtml } from './format.js';

const SHOWN = 10;

export function renderLinks(body, summary, layout, frame, onPick) {
  const links = layout.links, n = links.id.length;
  const up = frame.links.up;
  let down = 0, sum = 0, max = 0;
  const downList = [];
  const busiest = [];
  for (let i = 0; i < n; i++) {
    const u = frame.links.util[i];
    sum += u; if (u > max) max = u;
    if (up.charCodeAt(i) !== 49) { down++; if (downList.length < SHOWN) downList.push(i); continue; }
    if (busiest.length < SHOWN || u > frame.links.util[busiest[busiest.length - 1]]) {
      busiest.push(i);
      busiest.sort((a, b) => frame.links.util[b] - frame.links.util[a]);
      if (busiest.length > SHOWN) busiest.pop();
    }
  }
  summary.textContent = `${integer(n)} links · ${integer(down)} down · mean ${fixed(n ? sum / n * 100 : 0, 1)} % · max ${fixed(max * 100, 1)} %`;
  body.dataset.down = String(down);
  const rows = [...downList, ...busiest.slice(0, Math.max(0, SHOWN - downList.length) || 3)].map(i => {
    const isUp = up.charCodeAt(i) === 49;
    const util = frame.links.util[i];
    const rack = links.rack[i] >= 0 ? layout.racks.id[links.rack[i]] : '?';
    return `<tr data-up="${isUp}" data-rack="${links.rack[i]}"><td>${escapeHtml(links.id[i])}</td><td>${escapeHtml(rack)} → ${escapeHtml(links.spine[i])}</td>` +
      `<td class="r">${fixed(frame.links.gbps[i], 0)} / ${integer(links.capacityGbps[i])} Gb/s</td>` +
      `<td data-level="${util > 1 ? 'over' : util > 0.8 ? 'high' : 'ok'}"><span class="ubar" style="width:${Math.min(100, util * 100)}px"></span>${fixed(util * 100, 1)} %${util > 1 ? ' ▲ over capacity' : ''}</td>` +
      `<td>${isUp ? 'up' : '■ DOWN'}</td></tr>`;
  });
  body.innerHTML = rows.join('');
  body.onclick = e => {
    const tr = e.target.closest('tr');
    if (tr && Number(tr.dataset.rack) >= 0) onPick(Number(tr.dataset.rack));
  };
}
