import { DESCRIPTOR_ORDER, DESCRIPTOR_SAMPLE_RATE, extractDescriptors } from '../../descriptors';
import { logPairs, scorePairs } from '../../eval/descriptor-agreement';

/** How closely one render followed the curves it was asked for, as `neurorack eval` scores a sound. */
export interface FollowScore {
  /** Mean over the descriptors that have one of Pearson r of log(asked) and log(obtained); null when none has. */
  readonly r: number | null;
  /** Per descriptor (DESCRIPTOR_ORDER), r or null where it is undefined (a constant asked curve, too few frames). */
  readonly descriptors: ReadonlyArray<{ readonly name: string; readonly r: number | null }>;
  /** The descriptor followed least, when any was scored. */
  readonly worst: { readonly name: string; readonly r: number } | null;
  /** Frames scored: those whose asked RMS is above 1% of the curve's peak. */
  readonly frames: number;
}

/**
 * Extracts the render's descriptors with the host's own extractor and scores them against the
 * asked curves over the active frames (descriptor-agreement.ts, as `neurorack eval` does). Work
 * grows with the render's length only; the follow meter runs it on a thread of its own.
 */
export function followScore(asked: readonly (readonly number[])[], audio: Float32Array): FollowScore {
  const obtained = extractDescriptors(audio, DESCRIPTOR_SAMPLE_RATE).frames.map((f) => Array.from(f));
  const scores = scorePairs(logPairs(asked as number[][], obtained));
  const descriptors = DESCRIPTOR_ORDER.map((name) => {
    const r = scores[name].correlation;
    return { name, r: Number.isFinite(r) ? round3(r) : null };
  });
  const scored = descriptors.filter((d): d is { name: typeof d.name; r: number } => d.r !== null);
  const worst = scored.reduce<{ name: string; r: number } | null>((w, d) => (!w || d.r < w.r ? d : w), null);
  return {
    r: scored.length ? round3(scored.reduce((s, d) => s + d.r, 0) / scored.length) : null,
    descriptors,
    worst,
    frames: scores[DESCRIPTOR_ORDER[0]].frames,
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
