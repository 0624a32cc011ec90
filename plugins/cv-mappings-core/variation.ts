import type { CvMapping, MappingContext } from 'neurorack/sdk';
import { clamp, COL, seededRandom } from './curve-math';

/** Relative depth per descriptor at full variation (pitch moves least). */
const SCALE = [0.5, 0.3, 0.3, 0.3, 0.3, 0.3, 0.08];

/**
 * Smooth stochastic variation: each descriptor is multiplied by 1 + amount x depth x noise, where
 * the noise is cosine-interpolated between seeded random points every `smoothFrames` frames. The
 * same seed always gives the same variation; 0 V gives none.
 */
export function vary(frames: readonly (readonly number[])[], amount: number, seed: number, smoothFrames: number, depth: number): number[][] {
  const out = frames.map((f) => f.slice());
  if (amount <= 0) return out;
  const step = Math.max(1, Math.round(smoothFrames));
  const points = Math.ceil(frames.length / step) + 2;
  for (let d = 0; d < SCALE.length; d++) {
    const rnd = seededRandom((seed ^ Math.imul(d + 1, 0x9e3779b9)) >>> 0);
    const knots = Array.from({ length: points }, () => rnd() * 2 - 1);
    for (let t = 0; t < out.length; t++) {
      const k = Math.floor(t / step);
      const u = (t - k * step) / step;
      const w = (1 - Math.cos(Math.PI * u)) / 2;
      const n = knots[k]! * (1 - w) + knots[k + 1]! * w;
      out[t]![d] = out[t]![d]! * (1 + amount * depth * SCALE[d]! * n);
    }
  }
  for (const f of out) {
    f[COL.rms] = Math.max(0, f[COL.rms]!);
    f[COL.flatness] = clamp(f[COL.flatness]!, 0, 1);
    f[COL.f0] = Math.max(20, f[COL.f0]!);
  }
  return out;
}

export const variation: CvMapping = {
  stage: 30,
  apply: (frames, ctx: MappingContext) =>
    ({ frames: vary(frames, ctx.amount, (ctx.seed ^ (ctx.params['seed'] ?? 0)) >>> 0, ctx.params['smooth-frames'] ?? 8, ctx.params['depth'] ?? 1) }),
};
