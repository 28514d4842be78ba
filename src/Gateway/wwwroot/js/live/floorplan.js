// The floor plan as one canvas: every rack at its hall/row/position, coloured by the chosen metric.
// A canvas rather than one element per rack: at 7,400 racks a DOM of that size costs tens of milliseconds per
// repaint, while one path per palette colour draws the whole plan in a few milliseconds.

import { PALETTE, STEPS, step, hatch } from './colors.js';

const HALL_GAP = 28;
const HEADER = 24;
const MAX_CELL = 56;
const MIN_CELL = 3;

export class FloorPlan {
  constructor(canvas, tooltip, onPick) {
    this.canvas = canvas;
    this.tooltip = tooltip;
    this.onPick = onPick;
    this.ctx = canvas.getContext('2d');
    this.layout = null;
    this.values = null;      // Float64Array of the metric per rack
    this.stale = '';         // the frame's stale flags
    this.alarmed = new Set();
    this.highlight = new Set();
    this.selected = -1;
    this.domain = [0, 1];
    this.describe = () => '';
    this.pattern = hatch(this.ctx);
    canvas.addEventListener('click', e => {
      const i = this.hit(e.offsetX, e.offsetY);
      if (i >= 0) this.onPick(i);
    });
    canvas.addEventListener('mousemove', e => this.hover(e.offsetX, e.offsetY));
    canvas.addEventListener('mouseleave', () => { this.tooltip.hidden = true; });
    new ResizeObserver(() => { if (this.layout) { this.measure(); this.draw(); } }).observe(canvas.parentElement);
  }

  setLayout(layout) {
    this.layout = layout;
    const n = layout.racks.id.length;
    this.x = new Float32Array(n);
    this.y = new Float32Array(n);
    this.values = new Float64Array(n);
    // Halls as blocks of rows × positions, laid out in lines of up to three (a square-ish grid beyond that).
    this.halls = layout.halls.map((h, k) => ({ ...h, k, rows: 1, cols: 1 }));
    for (let i = 0; i < n; i++) {
      const hall = this.halls[layout.racks.hall[i]];
      hall.rows = Math.max(hall.rows, layout.racks.row[i]);
      hall.cols = Math.max(hall.cols, layout.racks.pos[i]);
    }
    this.halls = this.halls.filter(h => layout.racks.hall.includes(h.k));
    this.cells = new Map();
    for (let i = 0; i < n; i++) this.cells.set(key(layout.racks.hall[i], layout.racks.row[i], layout.racks.pos[i]), i);
    this.canvas.dataset.racks = String(n);
    this.measure();
  }

  measure() {
    const width = Math.max(320, this.canvas.parentElement.clientWidth);
    const count = this.halls.length;
    const perLine = count <= 3 ? Math.max(1, count) : Math.ceil(Math.sqrt(count));
    const lines = [];
    for (let k = 0; k < count; k += perLine) lines.push(this.halls.slice(k, k + perLine));
    let cell = MAX_CELL;
    for (const line of lines) {
      const cols = line.reduce((s, h) => s + h.cols, 0);
      cell = Math.min(cell, Math.floor((width - HALL_GAP * (line.length - 1)) / (cols * 1.12)));
    }
    cell = Math.max(MIN_CELL, cell);
    const gap = Math.max(1, Math.round(cell * 0.12));
    const aisle = Math.max(2, Math.round(cell * 0.45));
    // A hall is at least as wide as its name, so two small halls side by side never write over each other.
    this.ctx.font = '600 14px system-ui, sans-serif';
    let y = 0;
    for (const line of lines) {
      let x = 0, lineHeight = 0;
      for (const hall of line) {
        hall.x = x; hall.y = y;
        hall.w = Math.max(hall.cols * (cell + gap) - gap, Math.min(this.ctx.measureText(hall.name).width + 8, width / line.length - HALL_GAP));
        hall.h = HEADER + hall.rows * (cell + aisle) - aisle;
        x += hall.w + HALL_GAP;
        lineHeight = Math.max(lineHeight, hall.h);
      }
      y += lineHeight + HALL_GAP;
    }
    Object.assign(this, { cell, gap, aisle, width, height: Math.max(60, y - HALL_GAP + 4) });
    const r = this.layout.racks;
    for (let i = 0; i < r.id.length; i++) {
      const hall = this.halls.find(h => h.k === r.hall[i]);
      this.x[i] = hall.x + (r.pos[i] - 1) * (cell + gap);
      this.y[i] = hall.y + HEADER + (r.row[i] - 1) * (cell + aisle);
    }
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(this.height * dpr);
    this.canvas.style.height = `${this.height}px`;
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }

  /** Takes the frame's values for the chosen metric and redraws. */
  update(values, stale, domain, alarmed, describe) {
    this.values = values;
    this.stale = stale;
    this.domain = domain;
    this.alarmed = alarmed;
    this.describe = describe;
    let staleCount = 0;
    for (let i = 0; i < stale.length; i++) if (stale.charCodeAt(i) === 49) staleCount++;
    this.canvas.dataset.staleRacks = String(staleCount);
    this.draw();
  }

  draw() {
    const { ctx, cell } = this;
    const r = this.layout.racks;
    const n = r.id.length;
    ctx.clearRect(0, 0, this.width, this.height);
    ctx.font = '600 14px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    for (const hall of this.halls) {
      ctx.fillStyle = '#8b9bb0';
      ctx.fillText(hall.name, hall.x, hall.y + 3);
    }

    // One path per palette colour, one for the hatched stale racks.
    const buckets = Array.from({ length: STEPS }, () => []);
    const staleRacks = [];
    const [min, max] = this.domain;
    for (let i = 0; i < n; i++) {
      if (this.stale.charCodeAt(i) === 49) staleRacks.push(i);
      else buckets[step(this.values[i], min, max)].push(i);
    }
    for (let s = 0; s < STEPS; s++) {
      const list = buckets[s];
      if (!list.length) continue;
      ctx.fillStyle = PALETTE[s];
      ctx.beginPath();
      for (const i of list) ctx.rect(this.x[i], this.y[i], cell, cell);
      ctx.fill();
    }
    if (staleRacks.length) {
      ctx.fillStyle = this.pattern;
      ctx.beginPath();
      for (const i of staleRacks) ctx.rect(this.x[i], this.y[i], cell, cell);
      ctx.fill();
    }

    const line = Math.max(1, Math.min(3, cell / 8));
    this.outline(Array.from(virtualRacks(r)), '#f2f2f2', line, [Math.max(2, cell / 5), Math.max(2, cell / 8)]);
    this.outline(this.alarmed, '#ff4d6d', line + 0.5);
    this.outline(this.highlight, '#ff9f1c', line + 1);
    if (this.selected >= 0) this.outline([this.selected], '#ffffff', line + 2);
  }

  outline(indices, colour, width, dash = []) {
    const { ctx, cell } = this;
    let any = false;
    ctx.beginPath();
    for (const i of indices) {
      any = true;
      ctx.rect(this.x[i] - width / 2, this.y[i] - width / 2, cell + width, cell + width);
    }
    if (!any) return;
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.setLineDash(dash);
    ctx.stroke();
    ctx.setLineDash([]);
  }

  hit(px, py) {
    if (!this.layout) return -1;
    for (const hall of this.halls) {
      if (px < hall.x || px > hall.x + hall.w || py < hall.y + HEADER || py > hall.y + hall.h) continue;
      const pos = Math.floor((px - hall.x) / (this.cell + this.gap)) + 1;
      const row = Math.floor((py - hall.y - HEADER) / (this.cell + this.aisle)) + 1;
      const i = this.cells.get(key(hall.k, row, pos));
      if (i === undefined) return -1;
      const inside = px - this.x[i] <= this.cell && py - this.y[i] <= this.cell;
      return inside ? i : -1;
    }
    return -1;
  }

  hover(px, py) {
    const i = this.hit(px, py);
    if (i < 0) { this.tooltip.hidden = true; return; }
    this.tooltip.innerHTML = this.describe(i);
    this.tooltip.hidden = false;
    const left = Math.min(px + 14, this.width - this.tooltip.offsetWidth - 4);
    this.tooltip.style.left = `${Math.max(0, left)}px`;
    this.tooltip.style.top = `${py + 16}px`;
  }

  /** Where rack i is drawn, in viewport pixels: for tests and for scrolling a rack into view. */
  boxOf(i) {
    const rect = this.canvas.getBoundingClientRect();
    return { x: rect.left + this.x[i], y: rect.top + this.y[i], width: this.cell, height: this.cell };
  }
}

function key(hall, row, pos) {
  return hall * 1_000_000 + row * 1000 + pos;
}

function* virtualRacks(r) {
  for (let i = 0; i < r.virtual.length; i++) if (r.virtual[i]) yield i;
}
