import type { CvMapping, MappingContext } from 'neurorack/sdk';
import { clamp, stretch } from './curve-math';

/** The value range each descriptor's curve spans when a CV sweeps its jack's whole range. */
export const CURVE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0, 0.5], // rms
  [0, 0.5], // zcr
  [100, 10000], // rolloff Hz
  [0, 1], // flatness
  [100, 5000], // bandwidth Hz
  [100, 8000], // centroid Hz
  [50, 1000], // f0 Hz
];

/**
 * The last `seconds` of the CV become the curve of descriptor number `descriptor` (0 rms .. 6 f0):
 * the history is stretched over the render's frames and mapped from the jack's range onto the
 * descriptor's range. Without history yet, the curve is left as it is.
 */
export function curveFromHistory(frames: readonly (readonly number[])[], ctx: Pick<MappingContext, 'history' | 'historyHz' | 'range'>, descriptor: number, seconds: number): number[][] {
  const out = frames.map((f) => f.slice());
  const want = Math.max(1, Math.round(seconds * ctx.historyHz));
  const hist = ctx.history.subarray(Math.max(0, ctx.history.length - want));
  if (hist.length === 0) return out;
  const d = clamp(Math.round(descriptor), 0, 6);
  const [lo, hi] = CURVE_RANGES[d]!;
  const span = ctx.range.max - ctx.range.min || 1;
  const curve = stretch(hist, out.length);
  for (let t = 0; t < out.length; t++) out[t]![d] = lo + (hi - lo) * clamp((curve[t]! - ctx.range.min) / span, 0, 1);
  return out;
}

export const cvCurve: CvMapping = {
  stage: 10,
  apply: (frames, ctx: MappingContext) => ({ frames: curveFromHistory(frames, ctx, ctx.params['descriptor'] ?? 5, ctx.params['seconds'] ?? 2) }),
};
