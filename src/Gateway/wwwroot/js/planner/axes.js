// Tick placement for the planner's charts: "nice" linear ticks and decade ticks for log axes.

/** About `count` round linear ticks covering [min, max]. */
export function linearTicks(min, max, count = 6) {
  if (!(max > min)) { max = min + 1; }
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => s >= raw);
  const ticks = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 0.999; v += step) ticks.push(+v.toPrecision(12));
  return ticks;
}

/**
 * Ticks for a log axis over [min, max] (both > 0): every decade, and 2 and 5 within decades when the span is
 * short enough for them to be read. The axis runs from the decade (or 2/5 step) below min to the one above max.
 */
export function logTicks(min, max) {
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const decades = Math.max(1, hi - lo);
  const steps = decades <= 3 ? [1, 2, 5] : [1];
  const all = [];
  for (let e = lo; e <= hi; e++) for (const m of steps) all.push(+(m * 10 ** e).toPrecision(12));
  // Trim to the tick just below min and the one just above max, so the data fills the plot.
  let first = 0, last = all.length - 1;
  while (first + 1 < all.length && all[first + 1] <= min) first++;
  while (last - 1 >= 0 && all[last - 1] >= max) last--;
  const ticks = all.slice(first, last + 1);
  const lo0 = ticks[0], hi0 = ticks[ticks.length - 1];
  // Over many decades only the decades are labelled; 2 and 5 still get a faint, unlabelled grid line.
  const minor = [];
  if (steps.length === 1) for (let e = lo; e <= hi; e++) for (const m of [2, 5]) { const v = m * 10 ** e; if (v > lo0 && v < hi0) minor.push(v); }
  return { ticks, minor, major: ticks.map(v => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9), lo: lo0, hi: hi0 };
}

/** 1500 → "1.5k", 2000000 → "2M": tick labels stay short. */
export function short(v) {
  const abs = Math.abs(v);
  for (const [size, suffix] of [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']]) {
    if (abs >= size) return `${+(v / size).toPrecision(3)}${suffix}`;
  }
  return `${+v.toPrecision(3)}`;
}

/** Dollar tick labels: $0.05, $0.5, $5, $50. */
export function dollars(v) {
  return v >= 1 ? `$${short(v)}` : `$${+v.toPrecision(2)}`;
}
