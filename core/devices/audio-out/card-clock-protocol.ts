import type { SharedPcmRingMemory } from './shared-pcm-ring';

/**
 * Words of the card clock's state (Int32Array over `CardClockInit.state`). `raised`: 1 when the
 * clock's thread got its raised priority; `latestUs`: the most a period was played after its due
 * time, in microseconds (a late clock plays the periods it owes at once, which the writer cannot
 * follow: an underrun then says more about this emulation than about the host). `alive`: 1 once
 * the thread has its priority and runs the clock (a thread's start takes 100-300 ms on a busy machine).
 */
export const CardWord = { stop: 0, running: 1, underruns: 2, playedLow: 3, playedHigh: 4, recording: 5, tapeLost: 6, raised: 7, latestUs: 8, alive: 9 } as const;
export const CARD_WORDS = 10;
/** `playedLow` holds the frames played modulo this; `playedHigh` how many times it wrapped. */
export const PLAYED_WRAP = 2 ** 30;

export interface CardClockInit {
  readonly ring: SharedPcmRingMemory;
  readonly state: SharedArrayBuffer;
  /** An SpscRing the card copies what it plays into, for the recording. */
  readonly tape: SharedArrayBuffer;
  readonly periodFrames: number;
  readonly startThreshold: number;
}
