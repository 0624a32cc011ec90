import type { ModelManifest, ModelRestRole } from 'neurorack/sdk';
import type { ChunkPlan, RenderPart } from './progressive-render';

/** What the model worker needs to build its session: the verified bytes and where they came from. */
export interface WorkerInit {
  readonly onnx: Uint8Array;
  readonly manifest: ModelManifest;
  /** The ONNX file's path (for error locations) and the model folder. */
  readonly file: string;
  readonly dir: string;
  readonly intraOpThreads?: number;
  /** The host is booting: the thread loads ahead of the control thread (ModelThreadPriority). */
  readonly booting?: boolean;
}

/**
 * Requests from the main thread to the model worker. Descriptors arrive checked and packed
 * (float32 [t*width]); `renderInto` carries SharedArrayBuffer-backed views the worker writes.
 */
export type WorkerRequest =
  | { readonly op: 'init'; readonly init: WorkerInit }
  | { readonly op: 'render'; readonly desc: Float32Array; readonly t: number; readonly seed: number }
  | { readonly op: 'run'; readonly desc: Float32Array; readonly t: number; readonly phase: Float32Array; readonly harmonic: Float32Array; readonly excitation: Float32Array; readonly sampleStart?: number }
  | { readonly op: 'renderInto'; readonly desc: Float32Array; readonly t: number; readonly seed: number; readonly audio: Float32Array; readonly ready: Int32Array; readonly cancel: Int32Array | null; readonly played?: Int32Array | null; readonly part?: RenderPart; readonly urgent?: boolean; readonly plan?: ChunkPlan }
  | { readonly op: 'streamOpen'; readonly stream: number; readonly seed: number; readonly blockFrames: number }
  | { readonly op: 'streamPush'; readonly stream: number; readonly desc: Float32Array; readonly frames: number }
  | { readonly op: 'streamEnd'; readonly stream: number }
  | { readonly op: 'streamPull'; readonly stream: number }
  | { readonly op: 'streamClose'; readonly stream: number }
  /** The model is loaded and warm: renders from here on run at the model's priority. */
  | { readonly op: 'loaded' }
  /** Where the loaded lane rests between its renders (a lane that writes only first chunks rests at their priority). */
  | { readonly op: 'restAt'; readonly role: ModelRestRole }
  | { readonly op: 'close' };

/** What each op resolves with. */
export interface WorkerResults {
  init: { threadId: number };
  render: Float32Array;
  run: Float32Array;
  renderInto: null;
  restAt: null;
  streamOpen: null;
  streamPush: null;
  streamEnd: null;
  streamPull: { audio: Float32Array | null; framesOut: number };
  streamClose: null;
  loaded: null;
  close: null;
}

