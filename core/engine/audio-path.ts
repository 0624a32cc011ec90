import type { UnderrunRecord } from '../devices/audio-out/shared-pcm-ring';
import type { BlockInfo } from './block-mixer';
import type { OutputLevels } from './output-levels';
import type { RenderBuffers } from './render-slots';

/**
 * Where the engine's control side sends its decisions and how the blocks it gets back reach the
 * audio-out driver. Two bindings: the worker path (real clock; a worker thread fills blocks, fed
 * through lock-free rings) and the synchronous path (VirtualClock; the same mixer on the
 * scheduler's audio task, so replays are deterministic).
 *
 * Obligations: control calls never block or throw; `xruns` counts every block the device did not
 * get in time (device underruns included); `onBlock` listeners see every block as it is handed to
 * the device, with the clock time of that hand-over.
 */
export interface AudioPath {
  readonly blockSize: number;
  readonly sampleRate: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * A gate: a voice starts at once, or, with `minVersion`, once that render version (or newer) is
   * set, at `playhead` (0..1) when given, else wherever the playhead is then (see BlockMixer.trigger).
   */
  trigger(minVersion?: number, playhead?: number): void;
  setLoop(on: boolean): void;
  setPlayhead(p: number): void;
  setVolume(v: number): void;
  /** The newest render; `ready` (shared memory, [0] = samples written) when it is still being written. */
  setRender(audio: Float32Array, version: number, ready?: Int32Array | null): void;
  /** The sample the newest sounding voice reads next in its render, -1 when none (see BlockMixer.soundingAt; as of the last block). */
  soundingAt(): number;
  readonly xruns: number;
  /**
   * The circumstances of the latest device underruns, where the audio worker writes a card that
   * keeps them (the emulated card, SharedPcmRing.underrunRecords); empty elsewhere (a real card
   * reports counts only; on the virtual clock no thread can be late). Allocates: not for the audio path.
   */
  underrunRecords(): readonly UnderrunRecord[];
  /** Blocks filled and handed to the device so far, counted where they are filled (the audio worker's shared memory, on the worker path). */
  readonly blocksProduced: number;
  /** The output's level, kept where the blocks are filled. */
  readonly levels: OutputLevels;
  /** Calls `listener` with every block handed to the device from now on; returns the unsubscribe. */
  onBlock(listener: BlockListener): () => void;
  /** Whether anything listens to the blocks now. */
  readonly listening: boolean;
  /** Buffers the render engine should write its renders into (shared with the audio thread once), if this path offers them. */
  readonly renderBuffers?: RenderBuffers;
}

/** One block handed to the device: its samples (valid only during the call), what it held, when. */
export type BlockListener = (block: Float32Array, info: Readonly<BlockInfo> & { readonly currentVersion: number }, timeMs: number) => void;
