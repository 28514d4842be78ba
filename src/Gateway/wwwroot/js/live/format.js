// Number formatting for a wall screen: few significant digits, thousands separators, units always shown.

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function fixed(value, digits) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function integer(value) {
  return Number.isFinite(value) ? grouped.format(value) : '—';
}

/** 1234567 → { num: "1.23", unit: "M" }: keeps the big KPI numbers short enough to read across a room. */
export function si(value) {
  if (!Number.isFinite(value)) return { num: '—', prefix: '' };
  const abs = Math.abs(value);
  const steps = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  for (const [size, prefix] of steps) {
    if (abs >= size) return { num: significant(value / size), prefix };
  }
  return { num: significant(value), prefix: '' };
}

export function siText(value, unit) {
  const { num, prefix } = si(value);
  return `${num} ${prefix}${unit}`;
}

function significant(v) {
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return fixed(v, digits);
}

export function money(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value >= 100 ? fixed(value, 0) : value >= 1 ? fixed(value, 2) : fixed(value, 3);
}

export function clock(date) {
  return date.toLocaleTimeString('en-GB', { hour12: false });
}

export function ago(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  return `${Math.floor(m / 60)} h ${m % 60} min ago`;
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** Power in kW below 10 MW, in MW above: a utility feed of a gigawatt site is not read in thousands of kW. */
export function power(kw, digits = 0) {
  if (!Number.isFinite(kw)) return '—';
  return Math.abs(kw) >= 10_000 ? `${fixed(kw / 1000, 1)} MW` : `${fixed(kw, digits)} kW`;
}
