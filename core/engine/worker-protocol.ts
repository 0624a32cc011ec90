import type { MixerOptions } from './block-mixer';

/** Commands from the control thread to the audio worker, four float32 values each. */
export const Cmd = { trigger: 1, loopOn: 2, loopOff: 3, playhead: 4, volume: 5 } as const;
export const CMD_WIDTH = 4;

/** Per-block header the worker puts before each block's samples in the output ring. */
export const BLOCK_HEADER = 4; // started, loopStarted, versionHeard, currentVersion

/** Shared counters (Int32Array over `ctrl`). */
export const Ctl = { credits: 0, stop: 1, blocks: 2, overflows: 3, late: 4 } as const;

export interface WorkerInit {
  readonly mixer: MixerOptions;
  readonly cmd: SharedArrayBuffer;
  readonly out: SharedArrayBuffer;
  readonly ctrl: SharedArrayBuffer;
}

/** A render handed to the worker: transferred, or shared while it fills (`ready`[0] = samples written). */
export interface RenderMessage {
  readonly audio: Float32Array;
  readonly version: number;
  readonly ready: Int32Array | null;
}
