import type { MessagePort } from 'node:worker_threads';
import type { SharedAudioOut } from '../devices/audio-out/audio-out';
import type { MixerOptions } from './block-mixer';
import type { RenderSlotMemory } from './render-slots';

/**
 * Commands from the control thread to the audio worker, six float32 values each: [op, a, b, c, d, e].
 * `render` / `renderFilling`: a = slot, b = samples, c and d = the version's low and high 16 bits
 * (float32 holds integers exactly only up to 2^24); `renderFilling` is still being written (its
 * written spans are the slot's). `trigger`: a and b = the low and high 16 bits of the render
 * version it waits for (0: none), c = where its voice starts, 0..1 (-1: at the playhead).
 */
export const Cmd = { trigger: 1, loopOn: 2, loopOff: 3, playhead: 4, volume: 5, render: 6, renderFilling: 7 } as const;
export const CMD_WIDTH = 6;

/**
 * Per-block header the worker puts before each block's samples in the output ring: started,
 * loopStarted, versionHeard, currentVersion, (when the worker writes the device itself) the time
 * it did, in the control thread's clock: whole seconds, then milliseconds; then staleStarts.
 */
export const BLOCK_HEADER = 7;

/**
 * Words of the worker's control block (Int32Array over `ctrl`). `dropped`: blocks the device
 * refused (gone). `priority`: set by the worker as it starts, `Priority.raised` or
 * `Priority.refused`. `soundingAt`: the sample the newest sounding voice reads next in its render,
 * -1 when none (after each block). `ready`: 1 once the worker has its priority and its device and
 * fills blocks (what `AudioThread.start()` waits for). `observed`: 1 while a thread listens to the
 * blocks; when the worker writes the device, it publishes them in the output ring only then.
 */
export const Ctl = { credits: 0, stop: 1, blocks: 2, overflows: 3, dropped: 4, priority: 5, soundingAt: 6, ready: 7, observed: 8, held: 9 } as const;
export const CTL_WORDS = 10;
export const Priority = { unknown: 0, raised: 1, refused: 2 } as const;

export interface WorkerInit {
  readonly mixer: MixerOptions;
  readonly cmd: SharedArrayBuffer;
  readonly out: SharedArrayBuffer;
  readonly ctrl: SharedArrayBuffer;
  /** The render slots' memory, shared once. */
  readonly slots: RenderSlotMemory;
  /** Ring of slot numbers the worker no longer reads (one float32 each). */
  readonly released: SharedArrayBuffer;
  /**
   * The device, when it can be written from the worker: the worker then writes every block to it
   * itself, as fast as the device frees room, and the control thread only observes. Without it the
   * control thread grants credits and hands the blocks over.
   */
  readonly device?: SharedAudioOut;
  /** The control thread's `performance.timeOrigin`, so the worker stamps blocks in its clock. */
  readonly timeOrigin: number;
  /** Blocks of device room kept free for a trigger when the worker writes the device. */
  readonly reserveBlocks: number;
  /** Renders that fit no render slot ({@link RenderMessage}), from whichever thread commands. */
  readonly renders: MessagePort;
  /** The output's level words ({@link OutputLevels}), kept by the worker for the meters. */
  readonly levels: SharedArrayBuffer;
}

/** A render handed to the worker: transferred, or shared while it fills (`ready`[0] = samples written). */
export interface RenderMessage {
  readonly audio: Float32Array;
  readonly version: number;
  readonly ready: Int32Array | null;
}
