// Viridis: perceptually uniform, readable by the common colour-vision deficiencies and in greyscale.
// Low values are dark violet, high values bright yellow; stale racks are hatched grey, never a scale colour.

const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];
export const STEPS = 64;

function hexToRgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** STEPS colours sampled along the scale: the plan draws one path per colour, not one fillStyle per rack. */
export const PALETTE = (() => {
  const stops = VIRIDIS.map(hexToRgb);
  const out = [];
  for (let i = 0; i < STEPS; i++) {
    const t = i / (STEPS - 1) * (stops.length - 1);
    const k = Math.min(stops.length - 2, Math.floor(t));
    const f = t - k;
    const c = stops[k].map((v, j) => Math.round(v + (stops[k + 1][j] - v) * f));
    out.push(`rgb(${c[0]},${c[1]},${c[2]})`);
  }
  return out;
})();

/** The palette index for a value on [min, max]. */
export function step(value, min, max) {
  if (!(max > min)) return STEPS >> 1;
  const t = (value - min) / (max - min);
  return Math.max(0, Math.min(STEPS - 1, Math.round(t * (STEPS - 1))));
}

export function colour(value, min, max) {
  return PALETTE[step(value, min, max)];
}

/** Perceived lightness of a palette colour, to pick dark or light text on top of it. */
export function isLight(index) {
  return index > STEPS * 0.55;
}

export function hatch(ctx) {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 6;
  const t = tile.getContext('2d');
  t.fillStyle = '#1a212b';
  t.fillRect(0, 0, 6, 6);
  t.strokeStyle = '#6b778a';
  t.lineWidth = 1.5;
  t.beginPath();
  t.moveTo(-1, 7); t.lineTo(7, -1);
  t.moveTo(-1, 1); t.lineTo(1, -1);
  t.moveTo(5, 7); t.lineTo(7, 5);
  t.stroke();
  return ctx.createPattern(tile, 'repeat');
}

export function drawScale(canvas) {
  const ctx = canvas.getContext('2d');
  const w = canvas.width, h = canvas.height;
  for (let x = 0; x < w; x++) {
    ctx.fillStyle = PALETTE[Math.round(x / (w - 1) * (STEPS - 1))];
    ctx.fillRect(x, 0, 1, h);
  }
}
