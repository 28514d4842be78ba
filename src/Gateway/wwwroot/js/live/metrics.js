// What the operator can colour the plan by. `worst` says which end of the scale is bad, for the "worst rack" button.
// Fixed domains where a physical range exists (utilization, temperature); else the range of the racks reporting now.

import { fixed, integer, siText } from './format.js';

export const METRICS = {
  tps: {
    label: 'Tokens / s', unit: 'tok/s', worst: 'low',
    rack: (f, i) => f.racks.tps[i],
    gpu: g => g.tokensPerSecond,
    text: v => siText(v, 'tok/s'),
  },
  kw: {
    label: 'IT power', unit: 'kW', worst: 'high',
    rack: (f, i) => f.racks.kw[i],
    gpu: g => (g.powerW ?? NaN) / 1000,
    text: v => `${fixed(v, v < 10 ? 2 : 1)} kW`,
  },
  util: {
    label: 'Utilization', unit: '%', worst: 'low', domain: [0, 100],
    rack: (f, i) => f.racks.util[i] * 100,
    gpu: g => (g.utilization ?? NaN) * 100,
    text: v => `${fixed(v, 0)} %`,
  },
  temp: {
    label: 'Max GPU temperature', unit: '°C', worst: 'high', domain: [20, 90],
    rack: (f, i) => f.racks.temp[i],
    gpu: g => g.temperatureC ?? NaN,
    text: v => `${fixed(v, 1)} °C`,
  },
  tpkw: {
    label: 'Tokens / s per kW', unit: 'tok/s/kW', worst: 'low',
    rack: (f, i) => (f.racks.kw[i] > 0 ? f.racks.tps[i] / f.racks.kw[i] : 0),
    gpu: g => (g.powerW > 0 ? g.tokensPerSecond / (g.powerW / 1000) : NaN),
    text: v => siText(v, 'tok/s/kW'),
  },
};

/** The scale's [min, max] for a set of values (NaN and stale ones skipped by the caller). */
export function domainOf(metric, values) {
  if (metric.domain) return metric.domain;
  let min = Infinity, max = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v)) { if (v < min) min = v; if (v > max) max = v; }
  }
  if (!Number.isFinite(min)) return [0, 1];
  if (max - min < Math.abs(max) * 1e-6 + 1e-9) return [min * 0.95, max * 1.05 + 1e-9];
  return [min, max];
}
