import type { CvMapping, MappingContext } from 'neurorack/sdk';
import { frameAt } from './curve-math';

/**
 * Morphs entry A (0 V) into entry B (top of the jack). Lengths morph too; both curves are read at
 * the same relative position, so onsets line up. At the ends the result is exactly A or B.
 */
export function morph(a: readonly (readonly number[])[], b: readonly (readonly number[])[], t: number): number[][] {
  if (t <= 0) return a.map((f) => f.slice());
  if (t >= 1) return b.map((f) => f.slice());
  const len = Math.max(1, Math.round(a.length + (b.length - a.length) * t));
  const fa: number[] = [];
  const fb: number[] = [];
  const out: number[][] = [];
  for (let i = 0; i < len; i++) {
    const u = len > 1 ? i / (len - 1) : 0;
    frameAt(a, u, fa);
    frameAt(b, u, fb);
    out.push(fa.map((v, d) => v + (fb[d]! - v) * t));
  }
  return out;
}

export const interpolate: CvMapping = {
  stage: 0,
  apply: (_frames, ctx: MappingContext) => ({ frames: morph(ctx.entryA, ctx.entryB, ctx.amount) }),
};
