import { db, type EnergyEnvelope } from './energy-envelope';

export interface OnsetOptions {
  /** A new sound carries this many times the power of what came just before it (default 100: 20 dB; measured against the engine's figures, rises of 10-20 dB over a tail were about half spurious) ... */
  readonly riseRatio?: number;
  /** ... over its first 1 ms and its first `holdMs` (default 3 ms), so a bump in a tail is not taken for an attack. */
  readonly holdMs?: number;
  /** "Just before": this long (default 10 ms). */
  readonly baselineMs?: number;
  /** Below this RMS a span counts as silence (default 2e-5, -94 dBFS: under one 16-bit step). */
  readonly floorRms?: number;
  /** Of several rises, the first within this many dB of the strongest is the onset (default 10). */
  readonly withinDb?: number;
  /** Candidates to pass over (e.g. sound coming back after a dropout). */
  readonly skip?: (index: number) => boolean;
}

export interface Onset {
  /** Sample index of the first sample of the new sound. */
  readonly index: number;
  /** Power over the `holdMs` after the onset against the `baselineMs` before it, dB: the detection's margin. */
  readonly riseDb: number;
}

/**
 * Finds where a new sound starts in [from, to). A retrigger in this engine adds a fresh voice (8
 * samples of attack at 22050 Hz) on top of the previous voices' tails (a stolen voice fades in 64
 * samples), and the tails only decay, so an onset is a jump in power against what came just
 * before: on a 0.5 ms grid, spans whose next 1 ms and `holdMs` both carry `riseRatio` times the
 * power of the `baselineMs` before them. Each run of such steps is one candidate; the first within
 * `withinDb` of the strongest wins (a crossfade between renders or a grain is a smaller rise than
 * an attack), refined to its first sample louder than anything in its baseline. Undefined when
 * nothing rises clearly (a retrigger masked by a louder tail, or no sound).
 */
export function detectOnset(env: EnergyEnvelope, from: number, to: number, o: OnsetOptions = {}): Onset | undefined {
  const ratio = o.riseRatio ?? 100;
  const hold = Math.max(1, env.samples(o.holdMs ?? 3));
  const baseLen = env.samples(o.baselineMs ?? 10);
  const floor = (o.floorRms ?? 2e-5) ** 2;
  const hop = Math.max(1, env.samples(0.5));
  const win = 2 * hop;
  const candidates: Array<{ s: number; riseDb: number }> = [];
  let inRun = false;
  for (let s = Math.max(0, from); s + win <= Math.min(to, env.length); s += hop) {
    const base = Math.max(floor, env.power(s - baseLen, s));
    const rises = env.power(s, s + win) > ratio * base && env.power(s, s + hold) > ratio * base;
    if (rises && !inRun && !o.skip?.(s)) candidates.push({ s, riseDb: db(env.power(s, s + hold) / base) });
    inRun = rises;
  }
  if (!candidates.length) return undefined;
  const best = Math.max(...candidates.map((c) => c.riseDb));
  const pick = candidates.find((c) => c.riseDb >= best - (o.withinDb ?? 10))!;
  const baseFrom = Math.max(0, pick.s - hop - baseLen);
  let basePeak = 0;
  for (let i = baseFrom; i < pick.s - hop; i++) basePeak = Math.max(basePeak, Math.abs(env.x[i]!));
  const amp = Math.max(Math.sqrt(floor), basePeak);
  let index = pick.s;
  for (let i = Math.max(0, pick.s - hop); i < pick.s + win; i++) {
    if (Math.abs(env.x[i]!) > amp) {
      index = i;
      break;
    }
  }
  return { index, riseDb: db(env.power(index, index + hold) / Math.max(floor, env.power(index - baseLen, index))) };
}
