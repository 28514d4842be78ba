// Tokens, power and cost per tenant (Kubernetes namespace) or per served model, facility-wide, from the live frame's
// `workloads` (at most a hundred lines each: the smallest fold into "(other)"). Sortable by any column; the sort
// stays while frames arrive. Idle GPUs are their own line: their cost is nobody's output.

import { escapeHtml, fixed, integer, money, power, siText } from './format.js';

export class WorkloadTable {
  constructor(table, body, summary, kindSelect, nameHead) {
    this.table = table;
    this.body = body;
    this.summary = summary;
    this.nameHead = nameHead;
    this.kind = kindSelect.value;
    this.sort = { key: 'tokensPerSecond', descending: true };
    this.lines = { tenants: [], models: [] };
    kindSelect.addEventListener('change', e => { this.kind = e.target.value; this.render(); });
    table.querySelector('thead').addEventListener('click', e => {
      const th = e.target.closest('th[data-sort]');
      if (!th) return;
      const key = th.dataset.sort;
      this.sort = { key, descending: this.sort.key === key ? !this.sort.descending : key !== 'name' };
      this.render();
    });
  }

  update(workloads) {
    this.lines = workloads ?? { tenants: [], models: [] };
    this.render();
  }

  render() {
    const { key, descending } = this.sort;
    const lines = [...(this.lines[this.kind] ?? [])];
    const value = l => key === 'name' ? l.name : (l[key] ?? -Infinity);
    lines.sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      const order = typeof x === 'string' ? x.localeCompare(y) : x - y;
      return descending ? -order : order;
    });
    for (const th of this.table.querySelectorAll('th[data-sort]')) {
      if (th.dataset.sort === key) th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    }
    this.nameHead.textContent = this.kind === 'tenants' ? 'Tenant' : 'Model';
    const named = lines.filter(l => !l.name.startsWith('('));
    this.summary.textContent = `${integer(named.length)} ${this.kind === 'tenants' ? 'tenants' : 'models'} serving · ` +
      `${integer(lines.reduce((n, l) => n + l.gpus, 0))} GPUs`;
    this.body.innerHTML = lines.map(l =>
      `<tr data-name="${escapeHtml(l.name)}"><td>${escapeHtml(l.name)}${l.names > 1 ? ` <span class="muted">(${integer(l.names)})</span>` : ''}</td>` +
      `<td class="r" data-value="${l.tokensPerSecond}">${siText(l.tokensPerSecond, 'tok/s')}</td>` +
      `<td class="r">${power(l.facilityPowerKw, 1)}</td>` +
      `<td class="r">${integer(l.gpus)}</td>` +
      `<td><span class="share" style="width:${Math.round(l.tokenShare * 100)}px"></span>${fixed(l.tokenShare * 100, 1)} %</td>` +
      `<td><span class="share" style="width:${Math.round(l.powerShare * 100)}px"></span>${fixed(l.powerShare * 100, 1)} %</td>` +
      `<td class="r">$${money(l.costPerHourUsd)}</td>` +
      `<td class="r">${l.costPerMillionTokensUsd == null ? '—' : `$${money(l.costPerMillionTokensUsd)}`}</td></tr>`).join('');
  }
}
