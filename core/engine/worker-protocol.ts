import type { MixerOptions } from './block-mixer';
import type { RenderSlotMemory } from './render-slots';

/**
 * Commands from the control thread to the audio worker, six float32 values each: [op, a, b, c, d, e].
 * `render` / `renderFilling`: a = slot, b = samples, c and d = the version's low and high 16 bits
 * (float32 holds integers exactly only up to 2^24); `renderFilling` is still being written (its
 * written spans are the slot's).
 */
export const Cmd = { trigger: 1, loopOn: 2, loopOff: 3, playhead: 4, volume: 5, render: 6, renderFilling: 7 } as const;
export const CMD_WIDTH = 6;

/** Per-block header the worker puts before each block's samples in the output ring. */
export const BLOCK_HEADER = 4; // started, loopStarted, versionHeard, currentVersion

/** Shared counters (Int32Array over `ctrl`). */
export const Ctl = { credits: 0, stop: 1, blocks: 2, overflows: 3, late: 4 } as const;

export interface WorkerInit {
  readonly mixer: MixerOptions;
  readonly cmd: SharedArrayBuffer;
  readonly out: SharedArrayBuffer;
  readonly ctrl: SharedArrayBuffer;
  /** The render slots' memory, shared once. */
  readonly slots: RenderSlotMemory;
  /** Ring of slot numbers the worker no longer reads (one float32 each). */
  readonly released: SharedArrayBuffer;
}

/** A render handed to the worker: transferred, or shared while it fills (`ready`[0] = samples written). */
export interface RenderMessage {
  readonly audio: Float32Array;
  readonly version: number;
  readonly ready: Int32Array | null;
}
