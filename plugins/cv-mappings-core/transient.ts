import type { CvMapping, MappingContext } from 'neurorack/sdk';
import { clamp, COL } from './curve-math';

/** The frame where the sound starts: the first frame reaching half the peak RMS. */
export function onsetFrame(frames: readonly (readonly number[])[]): number {
  let peak = 0;
  for (const f of frames) peak = Math.max(peak, f[COL.rms]!);
  const i = frames.findIndex((f) => f[COL.rms]! >= peak * 0.5);
  return Math.max(0, i);
}

/**
 * Sharpens (positive volts) or softens (negative volts) the attack: around the onset, RMS and
 * bandwidth are raised (or lowered) with a weight decaying over `windowFrames`; the frames just
 * before the onset move the other way, so the attack gets steeper (or slower). 0 V: unchanged.
 */
export function shapeTransient(frames: readonly (readonly number[])[], s: number, windowFrames: number, depth: number): number[][] {
  const out = frames.map((f) => f.slice());
  if (s === 0) return out;
  const onset = onsetFrame(frames);
  const w = Math.max(1, windowFrames);
  for (let k = -2; k <= w * 3; k++) {
    const t = onset + k;
    if (t < 0 || t >= out.length) continue;
    const weight = Math.exp(-Math.abs(k) / w);
    const sign = k < 0 ? -0.5 : 1;
    const g = clamp(1 + s * depth * sign * weight, 0.05, 4);
    out[t]![COL.rms] = Math.max(0, out[t]![COL.rms]! * g);
    out[t]![COL.bandwidth] = Math.max(0, out[t]![COL.bandwidth]! * (1 + 0.5 * (g - 1)));
  }
  return out;
}

export const transient: CvMapping = {
  stage: 20,
  apply: (frames, ctx: MappingContext) => ({
    frames: shapeTransient(frames, ctx.bipolar, ctx.params['window-frames'] ?? 6, ctx.params['depth'] ?? 0.8),
  }),
};
