// Pure operations on descriptor curves (arrays of numbers, one per frame), shared by the designer
// and its tests: freehand strokes, control points, smoothing, time stretch.

/** Physical limits of each descriptor at 22050 Hz (as the bank validator checks them). */
export const DESCRIPTOR_LIMITS = {
  rms: [0, 1], zcr: [0, 1], rolloff: [0, 11025], flatness: [0, 1], bandwidth: [0, 11025], centroid: [0, 11025], f0: [0, 11025],
};

export function clamp(v, lo, hi) {
  return Math.min(hi, Math.max(lo, v));
}

/** Draws a straight stroke from (t0, v0) to (t1, v1) into `values` (a freehand drag segment). */
export function strokeSegment(values, t0, v0, t1, v1) {
  const out = values.slice();
  const [a, b] = t0 <= t1 ? [[t0, v0], [t1, v1]] : [[t1, v1], [t0, v0]];
  const from = Math.max(0, Math.round(a[0]));
  const to = Math.min(out.length - 1, Math.round(b[0]));
  for (let t = from; t <= to; t++) {
    const f = b[0] === a[0] ? 1 : (t - a[0]) / (b[0] - a[0]);
    out[t] = a[1] + (b[1] - a[1]) * clamp(f, 0, 1);
  }
  return out;
}

/** Piecewise-linear curve through control points [{t, v}] between the first and last point. */
export function throughPoints(values, points) {
  if (points.length === 0) return values.slice();
  const sorted = [...points].sort((p, q) => p.t - q.t);
  let out = values.slice();
  if (sorted.length === 1) {
    const t = clamp(Math.round(sorted[0].t), 0, out.length - 1);
    out[t] = sorted[0].v;
    return out;
  }
  for (let i = 1; i < sorted.length; i++) out = strokeSegment(out, sorted[i - 1].t, sorted[i - 1].v, sorted[i].t, sorted[i].v);
  return out;
}

/** Centred moving average over 2*radius+1 frames (edges use the frames there are). */
export function smooth(values, radius) {
  const r = Math.max(0, Math.round(radius));
  if (r === 0) return values.slice();
  const out = new Array(values.length);
  let sum = 0;
  let lo = 0;
  let hi = -1;
  for (let t = 0; t < values.length; t++) {
    const from = Math.max(0, t - r);
    const to = Math.min(values.length - 1, t + r);
    while (hi < to) sum += values[++hi];
    while (lo < from) sum -= values[lo++];
    out[t] = sum / (hi - lo + 1);
  }
  return out;
}

/** Resamples every column of `frames` to round(length * factor) frames (linear interpolation). */
export function stretch(frames, factor) {
  const n = Math.max(1, Math.round(frames.length * factor));
  const out = [];
  for (let i = 0; i < n; i++) {
    const x = n === 1 ? 0 : (i * (frames.length - 1)) / (n - 1);
    const a = Math.floor(x);
    const b = Math.min(frames.length - 1, a + 1);
    const f = x - a;
    out.push(frames[a].map((v, k) => v + (frames[b][k] - v) * f));
  }
  return out;
}

/** Column k of [frames][7]. */
export function column(frames, k) {
  return frames.map((row) => row[k]);
}

/** Returns frames with column k replaced by `values` (clamped to the descriptor's limits). */
export function withColumn(frames, k, values, limits) {
  return frames.map((row, t) => {
    const copy = row.slice();
    copy[k] = clamp(values[t], limits[0], limits[1]);
    return copy;
  });
}

/** Frames over which an edit is blended into the curve on each side of it. */
export const JOIN_FRAMES = 8;

/**
 * Joins an edit to the curve around it: `edited` changed `original` between frames `from` and `to`;
 * the JOIN_FRAMES frames on each side are moved by a share of the step at that end, falling off
 * linearly, so the step is spread over JOIN_FRAMES + 1 frames instead of one vertical cliff. Works
 * on whatever units it is given (the designer passes the display's: log10 of Hz on a log axis).
 */
export function joinEnds(edited, original, from, to, frames = JOIN_FRAMES) {
  const out = edited.slice();
  const n = out.length;
  const a = Math.max(0, Math.min(n - 1, Math.round(from)));
  const b = Math.max(0, Math.min(n - 1, Math.round(to)));
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const dLo = edited[lo] - original[lo];
  const dHi = edited[hi] - original[hi];
  for (let i = 1; i <= frames; i++) {
    const w = 1 - i / (frames + 1);
    if (lo - i >= 0) out[lo - i] = original[lo - i] + dLo * w;
    if (hi + i < n) out[hi + i] = original[hi + i] + dHi * w;
  }
  return out;
}

/** How a descriptor is drawn: a log axis for frequencies and flatness, a linear one (zoomed to the curve) otherwise. */
export const DESCRIPTOR_SCALES = {
  rms: { kind: 'linear', auto: true }, zcr: { kind: 'linear', auto: true },
  rolloff: { kind: 'log', lo: 20, hi: 11025 }, flatness: { kind: 'log', lo: 1e-4, hi: 1 },
  bandwidth: { kind: 'log', lo: 20, hi: 11025 }, centroid: { kind: 'log', lo: 20, hi: 11025 }, f0: { kind: 'log', lo: 20, hi: 11025 },
};
