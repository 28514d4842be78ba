// The power path as a tree (utility feed → UPS → busway/PDU), each node's load against its derated rating as a bar.
// The bar spans 120 % of the derated rating; the red mark is 100 %, the white tick the load if the partner side were
// lost (the N+1 check). Over-threshold nodes get a coloured edge AND a word, never colour alone.
// A gigawatt site has hundreds of nodes: only the rows in view are rewritten each second (an IntersectionObserver
// tracks them), and rows out of view skip layout entirely (CSS content-visibility).

import { fixed, escapeHtml, power } from './format.js';

const SPAN = 1.2;

export class PowerView {
  constructor(root, headline, onSelect) {
    this.root = root;
    this.headline = headline;
    this.onSelect = onSelect;
    this.rows = [];
    this.selected = -1;
    this.visible = new Set();
    this.observer = new IntersectionObserver(entries => {
      for (const e of entries) {
        const i = Number(e.target.dataset.index);
        if (e.isIntersecting) { this.visible.add(i); if (this.frame) this.render(i); } else this.visible.delete(i);
      }
    }, { root: root, rootMargin: '200px 0px' });
    headline.addEventListener('click', () => { if (this.worst >= 0) this.onSelect(this.worst); });
  }

  setLayout(layout) {
    this.layout = layout;
    const nodes = layout.power;
    const children = nodes.map(() => []);
    const roots = [];
    nodes.forEach((n, i) => (n.upstream >= 0 ? children[n.upstream].push(i) : roots.push(i)));
    const order = [];
    const walk = (i, depth) => { order.push([i, depth]); children[i].forEach(c => walk(c, depth + 1)); };
    roots.forEach(i => walk(i, 0));
    this.children = children;
    this.observer.disconnect();
    this.visible.clear();
    this.frame = null;
    this.root.replaceChildren();
    this.rows = new Array(nodes.length);
    for (const [i, depth] of order) {
      const n = nodes[i];
      const row = document.createElement('div');
      row.className = 'pnode';
      row.dataset.nodeId = n.id;
      row.dataset.index = String(i);
      row.dataset.testid = 'power-node';
      row.setAttribute('data-testid', 'power-node');
      row.style.paddingLeft = `${6 + depth * 16}px`;
      row.innerHTML = `<div class="name"><span class="side" data-side="${escapeHtml(n.side)}">${escapeHtml(n.side)}</span>${escapeHtml(n.name)}</div>
        <div class="bar" title="load vs derated rating"><div class="fill"></div><div class="limit"></div><div class="lost"></div></div>
        <div class="figures"></div>`;
      row.addEventListener('click', () => this.onSelect(i));
      this.root.append(row);
      this.rows[i] = { row, fill: row.querySelector('.fill'), lost: row.querySelector('.lost'), figures: row.querySelector('.figures') };
      this.observer.observe(row);
    }
  }

  update(frame) {
    this.frame = frame;
    const nodes = this.layout.power;
    let worst = -1, worstShare = -1;
    for (let i = 0; i < nodes.length; i++) {
      const share = nodes[i].deratedKw > 0 ? frame.power.load[i] / nodes[i].deratedKw : 0;
      if (share > worstShare) { worstShare = share; worst = i; }
    }
    for (const i of this.visible) this.render(i);
    this.worst = worst;
    if (worst >= 0) {
      const n = nodes[worst];
      this.headline.hidden = false;
      this.headline.innerHTML = `Most loaded: <b>${escapeHtml(n.name)}</b> — ${fixed(worstShare * 100, 0)} % of derated ${power(n.deratedKw)}`;
    }
  }

  render(i) {
    const frame = this.frame, n = this.layout.power[i], r = this.rows[i];
    const load = frame.power.load[i], lost = frame.power.lost[i];
    const share = n.deratedKw > 0 ? load / n.deratedKw : 0;
    const lostShare = n.deratedKw > 0 ? lost / n.deratedKw : 0;
    const over = share > 1 ? 'derated' : lostShare > 1 ? 'n1' : 'ok';
    if (r.row.dataset.over !== over) r.row.dataset.over = over;
    r.fill.style.width = `${(Math.min(1, share / SPAN) * 100).toFixed(1)}%`;
    r.lost.style.left = `${(Math.min(1, lostShare / SPAN) * 100).toFixed(1)}%`;
    const flag = over === 'derated' ? '<span class="flag">OVER RATING</span> · ' : over === 'n1' ? '<span class="flag">N+1 ✗</span> · ' : '';
    const stale = frame.power.staleSources[i] > 0 ? ` · ${frame.power.staleSources[i]} silent source(s)` : '';
    const html = `${flag}${power(load)} of ${power(n.deratedKw)} derated (${fixed(share * 100, 0)} %) · ` +
      `headroom ${power(n.deratedKw - load)} · N+1 ${power(lost)} ${lostShare > 1 ? '✗' : '✓'}${stale}`;
    if (r.html !== html) { r.figures.innerHTML = html; r.html = html; }
  }

  /** Over-threshold nodes, for tests and the alarm list: read from the frame, not from the rows in view. */
  overNodes() {
    const out = [];
    if (!this.frame) return out;
    this.layout.power.forEach((n, i) => { if (this.frame.power.load[i] > n.deratedKw) out.push(n.id); });
    return out;
  }

  select(i) {
    if (this.selected >= 0 && this.rows[this.selected]) this.rows[this.selected].row.dataset.selected = 'false';
    this.selected = i;
    if (i >= 0 && this.rows[i]) {
      this.rows[i].row.dataset.selected = 'true';
      this.rows[i].row.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    }
  }

  /** The racks a node feeds, through any of its downstream nodes. */
  fedRacks(i) {
    const nodes = new Set();
    const walk = k => { nodes.add(k); this.children[k].forEach(walk); };
    walk(i);
    const racks = new Set();
    const r = this.layout.racks;
    for (let k = 0; k < r.id.length; k++) if (nodes.has(r.powerA[k]) || nodes.has(r.powerB[k])) racks.add(k);
    return racks;
  }
}
