// Sparklines and time charts drawn on canvas: axes with nice ticks, the unit on the value axis, local clock time.

// Canvas sizes come from a ResizeObserver, not from clientWidth on every frame: reading layout right after the
// frame's DOM writes would force a synchronous reflow of the whole page, once per chart.
const sizes = new WeakMap();
const observer = new ResizeObserver(entries => {
  for (const e of entries) sizes.set(e.target, { w: e.contentRect.width, h: e.contentRect.height });
});

function sizeOf(canvas) {
  let size = sizes.get(canvas);
  if (!size) {
    size = { w: canvas.clientWidth || 200, h: canvas.clientHeight || 40 };
    sizes.set(canvas, size);
    observer.observe(canvas);
  }
  return size;
}

/** At most `max` points, evenly strided, always keeping the newest: a chart is a few hundred pixels wide. */
export function thin(points, max = 720) {
  if (points.length <= max) return points;
  const stride = points.length / max;
  const out = [];
  for (let k = 0; k < max - 1; k++) out.push(points[Math.floor(k * stride)]);
  out.push(points[points.length - 1]);
  return out;
}

/**
 * The spacing past which two neighbouring points are a gap, not a line: twice the series' typical spacing (its
 * median, which a few long gaps do not move). A twin that was down shows as a break, not a slope across the outage.
 */
export function gapAfter(points) {
  if (points.length < 3) return Infinity;
  const deltas = [];
  for (let i = 1; i < points.length; i++) deltas.push(points[i].t - points[i - 1].t);
  deltas.sort((a, b) => a - b);
  return 2 * deltas[Math.floor(deltas.length / 2)];
}

function fit(canvas) {
  const dpr = window.devicePixelRatio || 1;
  const { w, h } = sizeOf(canvas);
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return { ctx, w, h };
}

export function drawSpark(canvas, points, colour = '#7cc4ff') {
  const { ctx, w, h } = fit(canvas);
  const values = points.filter(p => Number.isFinite(p.v));
  if (values.length < 2) return;
  let min = Infinity, max = -Infinity;
  for (const p of values) { min = Math.min(min, p.v); max = Math.max(max, p.v); }
  if (max - min < Math.abs(max) * 1e-4 + 1e-12) { min -= 1; max += 1; }
  const t0 = values[0].t, t1 = values[values.length - 1].t;
  const x = t => (t1 > t0 ? (t - t0) / (t1 - t0) : 1) * (w - 2) + 1;
  const y = v => h - 3 - (v - min) / (max - min) * (h - 6);
  const gap = gapAfter(values);
  // Each unbroken run is its own line and fill: a gap stays empty.
  let run = [];
  const flush = () => {
    if (run.length > 1) {
      ctx.beginPath();
      run.forEach((p, i) => (i ? ctx.lineTo(x(p.t), y(p.v)) : ctx.moveTo(x(p.t), y(p.v))));
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.6;
      ctx.stroke();
      ctx.lineTo(x(run[run.length - 1].t), h);
      ctx.lineTo(x(run[0].t), h);
      ctx.closePath();
      ctx.fillStyle = colour + '22';
      ctx.fill();
    }
    run = [];
  };
  values.forEach((p, i) => { if (i && p.t - values[i - 1].t > gap) flush(); run.push(p); });
  flush();
}

/** A time chart of the last `windowMs` ending at the newest point; `format` labels the value axis. */
export function drawChart(canvas, points, { unit, format, colour = '#7cc4ff', windowMs = 3600_000 }) {
  const { ctx, w, h } = fit(canvas);
  const left = 64, right = 10, top = 10, bottom = 24;
  const values = points.filter(p => Number.isFinite(p.v));
  ctx.font = '12px system-ui, sans-serif';
  ctx.fillStyle = '#8b9bb0';
  if (!values.length) {
    ctx.fillText('waiting for data…', left, top + 20);
    return;
  }
  // Up to the last hour: while the twin holds less, the axis spans what it holds (at least five minutes).
  const span = values[values.length - 1].t - values[0].t;
  windowMs = Math.min(windowMs, Math.max(5 * 60_000, span));
  const t1 = values[values.length - 1].t, t0 = t1 - windowMs;
  let min = Infinity, max = -Infinity;
  for (const p of values) { if (p.t >= t0) { min = Math.min(min, p.v); max = Math.max(max, p.v); } }
  const ticks = niceTicks(min, max, 4);
  const lo = ticks[0], hi = ticks[ticks.length - 1];
  const x = t => left + (t - t0) / windowMs * (w - left - right);
  const y = v => top + (1 - (v - lo) / (hi - lo)) * (h - top - bottom);

  ctx.strokeStyle = '#263242';
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of ticks) {
    ctx.beginPath(); ctx.moveTo(left, y(v)); ctx.lineTo(w - right, y(v)); ctx.stroke();
    ctx.fillText(format(v), left - 6, y(v));
  }
  ctx.save();
  ctx.translate(11, top + (h - top - bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText(unit, 0, 0);
  ctx.restore();

  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const step = [10e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1800e3].find(s => windowMs / s <= 7) ?? 3600e3;
  const label = step < 60e3 ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : { hour: '2-digit', minute: '2-digit' };
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
    ctx.beginPath(); ctx.moveTo(x(t), h - bottom); ctx.lineTo(x(t), h - bottom + 4); ctx.stroke();
    ctx.fillText(new Date(t).toLocaleTimeString('en-GB', label), x(t), h - bottom + 6);
  }
  ctx.beginPath(); ctx.moveTo(left, h - bottom); ctx.lineTo(w - right, h - bottom); ctx.stroke();

  ctx.beginPath();
  const gap = gapAfter(values);
  let previous = null;
  for (const p of values) {
    if (p.t < t0) continue;
    // A gap (the twin was down) starts a new line rather than drawing a slope across it.
    if (previous !== null && p.t - previous <= gap) ctx.lineTo(x(p.t), y(p.v)); else ctx.moveTo(x(p.t), y(p.v));
    previous = p.t;
  }
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  ctx.stroke();
}

export function niceTicks(min, max, count) {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (max - min < Math.abs(max) * 1e-6 + 1e-12) { const pad = Math.abs(max) * 0.05 || 1; min -= pad; max += pad; }
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const unit = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => s >= raw);
  const ticks = [];
  for (let v = Math.floor(min / unit) * unit; v <= max + unit * 0.999; v += unit) ticks.push(+v.toPrecision(12));
  return ticks.length >= 2 ? ticks : [min, max];
}
