import type { GateStages } from '../../engine/gate-stages';
import type { LoadedRack } from '../../config/rack-config';
import type { GateEvent } from '../../devices/gate/gate-inputs';
import type { AudioCommandShare } from '../../engine/audio-commands';
import type { DescriptorFrames } from '../../engine/descriptor-frames';
import type { ErrorLocation } from '../../errors/neurorack-error';
import type { TaskMetrics } from '../../scheduler/deadline-stats';
import type { ModelInputReport } from '../../model-runtime/model-runtime';

/** What the control thread is started with (its workerData). */
export interface ControlInit {
  readonly rack: LoadedRack;
  /** The emulated ADC chips' pins (shared with the panel), when the CV ADC is emulated. */
  readonly adcPins?: SharedArrayBuffer;
  /** Where the thread publishes the latest scan and the engine's numbers (see ControlMirror). */
  readonly mirror: SharedArrayBuffer;
  readonly entries: { readonly bank?: string; readonly a?: string; readonly b?: string };
  readonly modelId?: string;
  readonly seed?: number;
}

/** An error crossing threads: the catalogued code, the message and where. */
export interface WireError {
  readonly code: string;
  readonly message: string;
  readonly location: ErrorLocation;
}

/** Requests from the main thread; each is answered by a `reply` with the same id. */
export type ControlRequest =
  | { readonly op: 'setEntries'; readonly a: DescriptorFrames; readonly b: DescriptorFrames }
  | { readonly op: 'useModel'; readonly model: string; readonly fresh: boolean }
  | { readonly op: 'useTimbre'; readonly name: string }
  | { readonly op: 'render'; readonly model: string | null; readonly frames: DescriptorFrames; readonly seed: number }
  | { readonly op: 'sampleRender'; readonly after: number }
  | { readonly op: 'trigger' }
  | { readonly op: 'setVolume'; readonly volume: number }
  | { readonly op: 'setCalibration'; readonly jack: number; readonly calibration: { readonly offset: number; readonly gain: number } }
  | { readonly op: 'watchControl' }
  | { readonly op: 'watchGates' }
  | { readonly op: 'stop' };

export type ControlRequestMessage = ControlRequest & { readonly id: number };

/**
 * The message's `id` is the request's number: a request field of that name would be overwritten on
 * the way (a model id once was, and every model switch on the control thread asked for model "2").
 * This line stops compiling if a request names a field `id`.
 */
export const REQUESTS_LEAVE_ID_FREE: Extract<ControlRequest, { readonly id: unknown }> extends never ? true : never = true;

/**
 * The audio worker to command (sent once the main thread has started it; the control thread has
 * meanwhile loaded its model and brought up its devices), answered by `ready` or `failed`.
 */
export interface ControlAudioMessage {
  readonly op: 'audio';
  readonly audio: AudioCommandShare;
}

/** The control thread's numbers the main thread shows (posted once a second and on request). */
export interface ControlStats {
  readonly tasks: Record<string, TaskMetrics>;
  readonly misses: number;
  readonly renders: number;
  readonly failures: number;
  readonly modelId: string;
  /** The installed model playing (null: the additive fallback). */
  readonly playing: string | null;
  /** Whether the control thread got its raised priority. */
  readonly raisedPriority: boolean;
  /** The control thread's JS heap in use, bytes (its own isolate: not in the main thread's figures). */
  readonly heapUsedBytes: number;
  /** The playing model's input report, when it gives one (EngineStats.inputs). */
  readonly inputs?: ModelInputReport;
  readonly timbres?: readonly string[];
  readonly timbre?: string;
}

/**
 * When the control thread reached each step of its boot, in epoch milliseconds
 * (`performance.timeOrigin + performance.now()` there): its modules loaded and its init given
 * (prestarted, the init comes later than its modules), its container built,
 * its devices up, its model loaded, the audio worker given to it, its first render playable.
 */
export type ControlBootMarks = Readonly<Record<'started' | 'container' | 'devices' | 'model' | 'audio' | 'playable', number>>;

/** Messages from the control thread. */
export type ControlEvent =
  | { readonly type: 'ready'; readonly stats: ControlStats; readonly boot: ControlBootMarks }
  | { readonly type: 'failed'; readonly error: WireError }
  | { readonly type: 'reply'; readonly id: number; readonly value?: unknown; readonly error?: WireError }
  | { readonly type: 'control'; readonly scanTimeMs: number; readonly version: number }
  | { readonly type: 'edge'; readonly event: GateEvent }
  | { readonly type: 'gate'; readonly stages: GateStages }
  | { readonly type: 'frames'; readonly frames: DescriptorFrames }
  | { readonly type: 'stats'; readonly stats: ControlStats }
  | { readonly type: 'error'; readonly error: WireError };
