/** Small pure helpers shared by the core mappings. */
import { DESCRIPTOR_ORDER, type DescriptorName } from 'neurorack/sdk';

/** The frame at fractional position u (0..1) through `curve`, linearly interpolated. */
export function frameAt(curve: readonly (readonly number[])[], u: number, out: number[]): number[] {
  const pos = Math.min(1, Math.max(0, u)) * (curve.length - 1);
  const i = Math.floor(pos);
  const j = Math.min(curve.length - 1, i + 1);
  const w = pos - i;
  const a = curve[i]!;
  const b = curve[j]!;
  for (let d = 0; d < a.length; d++) out[d] = a[d]! + (b[d]! - a[d]!) * w;
  return out;
}

/** `values` stretched to `n` points by linear interpolation. */
export function stretch(values: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n);
  if (values.length === 0) return out;
  for (let i = 0; i < n; i++) {
    const pos = n > 1 ? (i / (n - 1)) * (values.length - 1) : 0;
    const k = Math.floor(pos);
    const w = pos - k;
    out[i] = values[k]! + ((values[Math.min(values.length - 1, k + 1)]! - values[k]!) * w);
  }
  return out;
}

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** mulberry32: the same sequence for the same seed on every platform. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Column of each descriptor in a frame (the model's order). */
export const COL = Object.fromEntries(DESCRIPTOR_ORDER.map((name, k) => [name, k])) as Readonly<Record<DescriptorName, number>>;
