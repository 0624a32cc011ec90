import type { SharedPcmRingMemory } from './shared-pcm-ring';

/**
 * Words of the card clock's state (Int32Array over `CardClockInit.state`). `raised`: 1 when the
 * clock's thread got its raised priority; `latestUs`: the most a period was played after its due
 * time, in microseconds (the thread's own lateness: the card keeps its time regardless, see
 * SharedPcmRing). `alive`: 1 once the thread has its priority and runs the clock (a thread's start
 * takes 100-300 ms on a busy machine). `freezeMs`: a test control, the thread stops that long once
 * (a core busy elsewhere or descheduled), as a real card's DMA never does.
 */
export const CardWord = { stop: 0, playedLow: 1, playedHigh: 2, recording: 3, tapeLost: 4, raised: 5, latestUs: 6, alive: 7, freezeMs: 8 } as const;
export const CARD_WORDS = 9;
/** `playedLow` holds the frames played modulo this; `playedHigh` how many times it wrapped. */
export const PLAYED_WRAP = 2 ** 30;

export interface CardClockInit {
  /** The card's buffer and hardware pointer (period, start threshold), on the epoch time base. */
  readonly ring: SharedPcmRingMemory;
  readonly state: SharedArrayBuffer;
  /** An SpscRing the card copies what it plays into, for the recording. */
  readonly tape: SharedArrayBuffer;
}
