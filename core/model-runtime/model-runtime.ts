import type { ModelRenderer } from '../engine/model-renderer';
import type { SchemaRegistry } from '../schemas/schema-registry';
import type { TimbreInfo } from './timbre-file';

/** What the host passes to a runtime's `load` (from the rack's `model` section, or a CLI's flags). */
export interface ModelLoadOptions {
  /** Threads one render may use inside the runtime (ONNX Runtime's intra-op threads). */
  readonly intraOpThreads?: number;
  readonly interOpThreads?: number;
  /** Model threads progressive renders may share (default 1); a runtime may start all but the first after `load` resolves. */
  readonly renderLanes?: number;
  /** Run a short render before resolving, so the first gate does not pay for allocation (default true). */
  readonly warmUp?: boolean;
  /** The host's schema registry (one Ajv per host); a runtime that validates with the host's schemas uses it. */
  readonly schemas?: SchemaRegistry;
  /**
   * The host is booting: nothing plays yet and this load is the path to playable, so its threads
   * may load ahead of the control thread (ModelThreadPriority). Default false: the module plays
   * meanwhile and the load goes after the audio and the control thread.
   */
  readonly booting?: boolean;
}

/**
 * A model folder loaded by its runtime: what the engine, `render`, `eval` and `model bench` use.
 *
 * Obligations (beyond {@link ModelRenderer}'s):
 * - `descriptorNames` lists the values of one input frame in order (DESCRIPTOR_ORDER for models
 *   conditioned on the seven descriptors); `render` takes frames of exactly that width.
 * - `neutralFrame` is a frame of that width the model is trained on (e.g. the training means): the
 *   host renders it to warm up and to measure speed, and it must give finite audio.
 * - `lookaheadFrames` is how many frames past a block a streaming render must see before it can
 *   hand the block out (the model's algorithmic delay; 0 for a model with no lookahead).
 * - `dispose` releases every thread and session the model holds; nothing renders after it.
 *
 * Models with a latent beside the descriptors (a RAVE-like decoder) play it from **timbres**:
 * latent trajectories encoded from sounds (core/model-runtime/timbre-file.ts), those shipped in the
 * model folder and the user's (userTimbresDir(id), written by `neurorack model add-timbre`). Such a
 * model offers, all together:
 * - `timbres`: every timbre it can play, shipped ones first (the first is the default), then the
 *   user's; `timbre`: the name of the one renders use now.
 * - `selectTimbre(name)`: later renders use that timbre (renders already running keep theirs); an
 *   unknown name throws NR_TIMBRE_NOT_FOUND and changes nothing.
 * - `encodeTimbre(audio)`: the latent trajectory ([frames][dim]) of a mono sound at `sampleRate`,
 *   whole frames of `hop` samples (what `add-timbre` writes).
 * - `reloadTimbres()`: reads the user's timbres again (one was added or removed since load).
 * A model without a latent leaves them all out; the host then shows no timbre and refuses `--timbre`.
 *
 * `inputReport()`, optional for any model, says how the inputs it was given fared since load
 * (descriptors it had to clamp to its training range, state it had to reset), so the host can show
 * a performer that a CV pushes past what the model knows.
 */
export interface LoadedModel extends ModelRenderer {
  readonly descriptorNames: readonly string[];
  readonly neutralFrame: readonly number[];
  readonly lookaheadFrames: number;
  dispose(): Promise<void>;
  readonly timbres?: readonly TimbreInfo[];
  readonly timbre?: string;
  selectTimbre?(name: string): void;
  encodeTimbre?(audio: Float32Array): Promise<number[][]>;
  reloadTimbres?(): void;
  inputReport?(): ModelInputReport;
}

/** How a model's inputs fared since it was loaded (LoadedModel.inputReport). */
export interface ModelInputReport {
  /** Frames asked with at least one descriptor outside the model's training range (the model clamps them). */
  readonly framesOutOfRange: number;
  /** The same count per descriptor name (only those with any). */
  readonly outOfRangeByDescriptor: Readonly<Record<string, number>>;
  /** Whether the latest render asked had any frame outside the range: what a screen shows now. */
  readonly lastRenderOutOfRange: boolean;
  /** Times a stateful model found non-finite state and started that voice's state from zeros (the audio went on). */
  readonly stateResets: number;
}

/** Where and as what `importCheckpoint` writes a model folder. */
export interface CheckpointImportOptions {
  /** The model folder to write; without it the runtime writes to a cache keyed by the checkpoint's content and reuses it. */
  readonly outDir?: string;
  readonly id?: string;
  readonly name?: string;
}

/**
 * A model runtime, as a `model` plugin exports it under `provides[<offer id>]`: code that loads
 * model folders whose manifest names this runtime (`"runtime": "<offer id>"`).
 *
 * Obligations:
 * - `id` equals the offer id in plugin.json.
 * - `load(dir, options)` verifies the folder (manifest, file hashes, golden vector where the format
 *   has one) and resolves with a model ready to render, warmed up unless `warmUp` is false; a
 *   folder it cannot play rejects with a NeurorackError naming the file and JSON pointer at fault.
 * - `importCheckpoint`, where offered, turns a checkpoint of another tool into a model folder this
 *   runtime loads and resolves with the folder's path.
 */
export interface ModelRuntime {
  readonly id: string;
  load(dir: string, options?: ModelLoadOptions): Promise<LoadedModel>;
  importCheckpoint?(checkpoint: string, options?: CheckpointImportOptions): Promise<string>;
}
