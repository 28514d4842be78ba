// The alarm feed, newest first as the gateway orders it; each entry leads to its place: a rack on the plan or a
// node of the power path.

import { ago, clock, escapeHtml, integer } from './format.js';

const ICON = { critical: '!!', warning: '!' };

export function renderAlarms(list, count, alarms, now, onPick) {
  count.textContent = alarms.total
    ? `${integer(alarms.total)} active · ${integer(alarms.critical)} critical${alarms.total > alarms.items.length ? ` · newest ${alarms.items.length} shown` : ''}`
    : 'none';
  count.dataset.critical = String(alarms.critical > 0);
  if (!alarms.items.length) {
    list.innerHTML = '<li class="empty">✓ No alarms: every feed within its derated rating, N+1 held, links up, telemetry flowing.</li>';
    return;
  }
  list.innerHTML = alarms.items.map((a, k) => {
    const since = new Date(a.since);
    return `<li data-testid="alarm" data-k="${k}" data-kind="${escapeHtml(a.kind)}" data-severity="${a.severity}" ` +
      `data-place-kind="${escapeHtml(a.placeKind)}" data-place="${escapeHtml(a.place)}" title="Show on the ${a.placeKind === 'rack' ? 'floor plan' : 'power path'}">` +
      `<span class="sev" aria-label="${a.severity}">${ICON[a.severity]}</span><span>${escapeHtml(a.message)}</span>` +
      `<span class="when">${clock(since)}<br>${ago(now - since)}</span></li>`;
  }).join('');
  list.onclick = e => {
    const li = e.target.closest('li[data-place]');
    if (li) onPick(li.dataset.placeKind, li.dataset.place);
  };
}
