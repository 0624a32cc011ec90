import type { ModelRenderer } from '../engine/model-renderer';
import type { SchemaRegistry } from '../schemas/schema-registry';

/** What the host passes to a runtime's `load` (from the rack's `model` section, or a CLI's flags). */
export interface ModelLoadOptions {
  /** Threads one render may use inside the runtime (ONNX Runtime's intra-op threads). */
  readonly intraOpThreads?: number;
  readonly interOpThreads?: number;
  /** Model threads progressive renders may share (default 1). */
  readonly renderLanes?: number;
  /** Run a short render before resolving, so the first gate does not pay for allocation (default true). */
  readonly warmUp?: boolean;
  /** The host's schema registry (one Ajv per host); a runtime that validates with the host's schemas uses it. */
  readonly schemas?: SchemaRegistry;
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
 */
export interface LoadedModel extends ModelRenderer {
  readonly descriptorNames: readonly string[];
  readonly neutralFrame: readonly number[];
  readonly lookaheadFrames: number;
  dispose(): Promise<void>;
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
