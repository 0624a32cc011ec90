import type { Replay } from '../../core/engine/replay/replay-file';
import type { Prng } from '../../core/synth/prng';
import type { LoopPlan } from './loop-follow';

/** What every generator is told. */
export interface PatchContext {
  /** The replay's whole length, lead-in included. */
  readonly seconds: number;
  /** Nothing happens before this (the emulated card starts, a panel client connects). */
  readonly leadInS: number;
  /** The rack's CV scan rate (`devices.cvAdc.scanHz`): LFOs get a new value at every scan. */
  readonly scanHz: number;
}

export type Entry = 'A' | 'B';

export interface GeneratedPatch {
  readonly replay: Replay;
  /** Stale family: the entry each gate-1 trigger must sound like, in gate order. */
  readonly expected?: readonly Entry[];
  /** Loop family: where CV1 rests and steps while gate 2 loops (loop-follow.ts). */
  readonly loop?: LoopPlan;
  /** What the random draws chose (rates, shapes), for the report. */
  readonly notes: string;
}

/** A named patch of the matrix: a generator of replays, random per seed, never tuned to one case. */
export interface PatchSpec {
  readonly name: string;
  readonly summary: string;
  /** Plays entries A and B far apart in centroid (the stale family); judged from the audio. */
  readonly contrastEntries?: boolean;
  /** A check of the audio classifier, run once (without a panel client), not a row of the matrix. */
  readonly check?: boolean;
  build(rng: Prng, ctx: PatchContext): GeneratedPatch;
}

/** The playable span of a patch: after the lead-in, ending a little before the replay does. */
export function span(ctx: PatchContext): { from: number; to: number } {
  return { from: ctx.leadInS, to: ctx.seconds - 0.3 };
}
