import type { FollowScore } from './follow-score';

/** A render to score on the follow thread (its audio is transferred, not copied). */
export interface FollowJob {
  readonly id: number;
  readonly frames: readonly (readonly number[])[];
  readonly audio: Float32Array;
}

export type FollowAnswer = { readonly id: number; readonly score: FollowScore } | { readonly id: number; readonly error: string };
