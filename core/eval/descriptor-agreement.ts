import { DESCRIPTOR_ORDER, type DescriptorName } from '../descriptors';
import { median, pearson } from './pearson';

/** Values are compared as logs; this floor keeps silent frames (zero RMS, zero crossings) finite. */
export const LOG_FLOOR = 1e-8;

/** Frames count when the asked RMS is above this share of the sound's loudest asked frame. */
export const ACTIVE_RMS_SHARE = 0.01;

/** How well one descriptor of a render follows the asked curve. */
export interface DescriptorScore {
  /** Pearson correlation of log(asked) and log(obtained) over active frames (NaN if undefined). */
  correlation: number;
  /** Median over active frames of |log(obtained / asked)|. */
  medianAbsLogRatio: number;
  frames: number;
}

/** The active frames of an asked curve: asked RMS above ACTIVE_RMS_SHARE of its peak. */
export function activeFrames(asked: readonly (readonly number[])[]): number[] {
  const peak = asked.reduce((m, r) => Math.max(m, r[0]), 0);
  const out: number[] = [];
  asked.forEach((r, t) => {
    if (r[0] > ACTIVE_RMS_SHARE * peak) out.push(t);
  });
  return out;
}

/** Log pairs (asked, obtained) per descriptor over the active frames of one sound. */
export function logPairs(asked: readonly (readonly number[])[], obtained: readonly (readonly number[])[]): Record<DescriptorName, { a: number[]; o: number[] }> {
  const frames = activeFrames(asked).filter((t) => t < obtained.length);
  const out = {} as Record<DescriptorName, { a: number[]; o: number[] }>;
  DESCRIPTOR_ORDER.forEach((name, j) => {
    out[name] = {
      a: frames.map((t) => Math.log(Math.max(asked[t][j], LOG_FLOOR))),
      o: frames.map((t) => Math.log(Math.max(obtained[t][j], LOG_FLOOR))),
    };
  });
  return out;
}

/** Scores every descriptor of one log-pair set (one sound, or several pooled). */
export function scorePairs(pairs: Record<DescriptorName, { a: number[]; o: number[] }>): Record<DescriptorName, DescriptorScore> {
  const out = {} as Record<DescriptorName, DescriptorScore>;
  for (const name of DESCRIPTOR_ORDER) {
    const { a, o } = pairs[name];
    out[name] = { correlation: pearson(a, o), medianAbsLogRatio: median(a.map((v, i) => Math.abs(o[i] - v))), frames: a.length };
  }
  return out;
}
