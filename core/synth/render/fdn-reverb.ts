import type { ReverbSpec } from '../impact-recipe';

/** Mutually prime delay lengths in samples at size 1 (27-60 ms at 22050 Hz). */
const BASE_DELAYS = [601, 691, 797, 907, 1009, 1103, 1213, 1327];

/**
 * Returns `dry` with a reverberant tail: an 8-line feedback delay network with a Householder
 * feedback matrix, per-line gains set for the requested T60 and a one-pole low-pass per line for
 * damping. The wet signal is scaled to the dry signal's energy, then mixed by equal power.
 */
export function applyReverb(dry: Float64Array, spec: ReverbSpec, sr: number): Float64Array {
  const n = dry.length;
  const lines = BASE_DELAYS.map((d) => Math.max(8, Math.round(d * spec.size)));
  const bufs = lines.map((len) => new Float64Array(len));
  const gains = lines.map((len) => Math.pow(10, (-3 * len) / (spec.t60S * sr)));
  const lp = new Float64Array(lines.length);
  const pos = new Int32Array(lines.length);
  const damp = Math.min(0.95, Math.max(0, spec.damping)) * 0.8;
  const pre = Math.round(spec.preDelayS * sr);
  const wet = new Float64Array(n);
  const outs = new Float64Array(lines.length);
  const L = lines.length;
  for (let i = 0; i < n; i++) {
    const x = i >= pre ? dry[i - pre]! : 0;
    let sum = 0;
    let tap = 0;
    for (let j = 0; j < L; j++) {
      const o = bufs[j]![pos[j]!]!;
      lp[j] = (1 - damp) * o + damp * lp[j]!;
      outs[j] = lp[j]! * gains[j]!;
      sum += outs[j]!;
      tap += j & 1 ? -o : o;
    }
    wet[i] = tap;
    const h = (2 / L) * sum;
    for (let j = 0; j < L; j++) {
      const b = bufs[j]!;
      b[pos[j]!] = outs[j]! - h + (j & 1 ? -x : x);
      pos[j] = pos[j]! + 1 === lines[j]! ? 0 : pos[j]! + 1;
    }
  }
  let eDry = 0;
  let eWet = 0;
  for (let i = 0; i < n; i++) {
    eDry += dry[i]! * dry[i]!;
    eWet += wet[i]! * wet[i]!;
  }
  const scale = eWet > 0 ? Math.sqrt(eDry / eWet) : 0;
  const dryGain = Math.sqrt(1 - spec.mix);
  const wetGain = Math.sqrt(spec.mix) * scale;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = dryGain * dry[i]! + wetGain * wet[i]!;
  return out;
}
