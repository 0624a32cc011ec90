import type { FraveManifest } from './frave-manifest';

/** What the model worker builds its sessions from: the verified bytes and where they came from. */
export interface WorkerInit {
  readonly decoder: Uint8Array;
  readonly encoder?: Uint8Array;
  readonly manifest: FraveManifest;
  /** The decoder's and encoder's paths (for error locations). */
  readonly decoderFile: string;
  readonly encoderFile?: string;
  readonly intraOpThreads?: number;
  /** The host is booting: the thread loads ahead of the control thread (ModelThreadPriority). */
  readonly booting?: boolean;
}

/** A curve as it crosses to the worker: packed descriptors [t*width], latent [t*dim], and where it begins on the timeline (RenderInputs). */
interface Curve {
  readonly desc: Float32Array;
  readonly latent: Float32Array;
  readonly t: number;
  readonly seed: number;
  readonly origin?: number;
}

/** Requests from the main thread to the model worker. */
export type WorkerRequest =
  | { readonly op: 'init'; readonly init: WorkerInit }
  | ({ readonly op: 'render' } & Curve)
  | ({ readonly op: 'renderInto'; readonly audio: Float32Array; readonly ready: Int32Array; readonly cancel: Int32Array | null; readonly played?: Int32Array | null; readonly from: number; readonly to: number; readonly urgent?: boolean; readonly firstFrames?: number } & Curve)
  /** The decoder on explicit inputs (noise [bands][t*perBand]) in calls of the given frames, state carried from zeros: the golden replay. */
  | { readonly op: 'decodeCalls'; readonly desc: Float32Array; readonly latent: Float32Array; readonly noise: Float32Array; readonly calls: readonly number[] }
  | { readonly op: 'encode'; readonly audio: Float32Array }
  /** The model is loaded and warm: renders from here on run at the model's priority. */
  | { readonly op: 'loaded' }
  | { readonly op: 'close' };

/** What each op resolves with; `resets` is the worker's count of non-finite states reset so far. */
export interface WorkerResults {
  init: { threadId: number };
  render: { audio: Float32Array; resets: number };
  renderInto: { resets: number };
  decodeCalls: Float32Array;
  encode: Float32Array;
  loaded: null;
  close: null;
}
