import { buildReferences, classifyCentroid, separation, type EntryReferences } from './entry-classifier';
import type { Entry } from './patch';
import { spectralCentroid } from './spectral-centroid';

/** The window the loop's sound is classified on, and the hop between windows. */
export const LOOP_WINDOW_MS = 30;
export const LOOP_HOP_MS = 5;
/**
 * How far a clean switch can read from where it is: a window's centroid is weighted by power, so
 * a window turns bright once a fifth of it is the bright entry and dark only once four fifths are
 * the dark one: a switch to the brighter entry reads up to 5 ms early, to the darker up to 10 ms
 * late (synthetic switches, loop-follow.test.ts).
 */
export const LOOP_BIAS_MS = 12;
/** The sound must stay the new entry this long to count as followed. */
export const LOOP_HOLD_MS = 20;
/** Where in a hold the references are taken: from this long after it starts to its end. */
const SETTLE_S = 0.4;

/** A CV1 step while gate 2 loops: at `t` (replay s) CV1 moved to `entry`; the next step (or the loop's end) at `until`. */
export interface LoopStep {
  readonly t: number;
  readonly entry: Entry;
  readonly until: number;
}

export interface LoopPlan {
  /** Spans (replay s) in which CV1 has rested at one entry while the loop played: the references. */
  readonly holds: ReadonlyArray<{ readonly entry: Entry; readonly from: number; readonly to: number }>;
  readonly steps: readonly LoopStep[];
}

export interface LoopFollow {
  /** How far apart the loop's two references are in their pooled spread (below 6 the verdicts are shaky). */
  readonly separation: number;
  readonly refs: EntryReferences;
  /** Per step: ms from CV1's step until the loop sounds like its entry and stays so LOOP_HOLD_MS (null: not before the next step). */
  readonly followMs: ReadonlyArray<number | null>;
}

/**
 * The plan on the jacks' time: each CV1 step where it really reached the jack (the metrics'
 * cv_steps), and the holds and the ends moved with it. A realtime cable that falls behind plays the
 * rest of the patch late (150 ms by the end of a 12 s loop run here), and read against the replay's
 * times the loop seemed to follow its steps 60-100 ms later than it did.
 */
export function appliedPlan(plan: LoopPlan, cvSteps: ReadonlyArray<{ jack: number; t: number; at_s: number }>): LoopPlan {
  const applied = new Map(cvSteps.filter((c) => c.jack === 1).map((c) => [c.t, c.at_s]));
  // Before the first step and after the last one, the lateness of the nearest step.
  const late = (t: number): number => {
    let best = 0;
    let dist = Infinity;
    for (const [rt, at] of applied) if (Math.abs(rt - t) < dist) [best, dist] = [at - rt, Math.abs(rt - t)];
    return best;
  };
  const at = (t: number): number => t + late(t);
  return {
    holds: plan.holds.map((h) => ({ ...h, from: at(h.from), to: at(h.to) })),
    steps: plan.steps.map((s) => ({ ...s, t: at(s.t), until: at(s.until) })),
  };
}

/**
 * How long the loop (gate 2) takes to sound like the entry CV1 stepped to, from the recording:
 * the loop's own references (centroids of 30 ms windows where CV1 rested a while at A, and at B),
 * then, after each step, the first window from which the sound is classified the new entry for
 * LOOP_HOLD_MS. A window's time is its middle, so a clean switch at S reads as S. `offsetMs` puts
 * the jacks' time on the recording (analyseAudio's, from the gates before the loop); the plan's
 * times are the jacks' (appliedPlan).
 */
export function loopFollow(x: Float32Array, sampleRate: number, offsetMs: number, plan: LoopPlan): LoopFollow {
  const n = Math.round((LOOP_WINDOW_MS * sampleRate) / 1000);
  /** The centroid of the window whose middle is at replay time `t` (s). */
  const centroidAt = (t: number): number => spectralCentroid(x, Math.round((t + offsetMs / 1000) * sampleRate) - n / 2, n, sampleRate);
  const samples = plan.holds.flatMap((h) => {
    const out: Array<{ entry: Entry; centroidHz: number }> = [];
    for (let t = h.from + SETTLE_S; t <= h.to - LOOP_WINDOW_MS / 1000; t += LOOP_HOP_MS / 1000) out.push({ entry: h.entry, centroidHz: centroidAt(t) });
    return out;
  });
  const refs = buildReferences(samples);
  const hold = Math.ceil(LOOP_HOLD_MS / LOOP_HOP_MS);
  const followMs = plan.steps.map((s) => {
    let run = 0;
    for (let k = 0; s.t + (k * LOOP_HOP_MS) / 1000 < s.until; k++) {
      const right = classifyCentroid(refs, centroidAt(s.t + (k * LOOP_HOP_MS) / 1000)).entry === s.entry;
      run = right ? run + 1 : 0;
      if (run > hold) return (k - hold) * LOOP_HOP_MS;
    }
    return null;
  });
  return { separation: separation(refs), refs, followMs };
}
