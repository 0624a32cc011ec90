import type { CheckpointImportOptions, ModelRuntime } from 'neurorack/sdk';
import { importCached } from './import-cache';
import { importNeurorackCheckpoint } from './import-checkpoint';
import { SincNsfModel, type LoadOptions } from './sinc-nsf-model';

export { SincNsfModel } from './sinc-nsf-model';
export type { LoadOptions } from './sinc-nsf-model';
export { ModelStream } from './model-stream';
export { StreamRenderer } from './stream-renderer';
export type { StreamOptions } from './stream-renderer';
export type { GraphRunner, ModelSizes } from './graph-runner';
export { NoiseStream } from './noise-stream';

/** The runtime this plugin offers: it loads sinc-NSF model folders (see plugin.json). */
export interface SincNsfRuntime extends ModelRuntime {
  readonly id: 'sinc-nsf';
  /**
   * Loads and verifies a model folder into its own worker thread, then warms it up so the first
   * gate never waits. With `renderLanes` above 1, the other lanes start once it resolves and join
   * as each is warm (SincNsfModel.addLanes; `lanesAdded()` says when). The model's `dispose()`
   * ends the workers.
   */
  load(dir: string, options?: LoadOptions & { warmUp?: boolean }): Promise<SincNsfModel>;
  /**
   * Turns an original Neurorack checkpoint (.th) into a model folder through training/'s Python:
   * into `outDir`, or without one into a folder under os.tmpdir() keyed by the checkpoint's content
   * (reused when present). Resolves with the folder.
   */
  importCheckpoint(checkpoint: string, options?: CheckpointImportOptions): Promise<string>;
}

const runtime: SincNsfRuntime = {
  id: 'sinc-nsf',
  async load(dir, options = {}) {
    const model = await SincNsfModel.load(dir, { ...options, renderLanes: 1 });
    if (options.warmUp !== false) await model.warmUp();
    await model.markLoaded();
    const more = Math.max(1, Math.floor(options.renderLanes ?? 1)) - 1;
    if (more > 0) void model.addLanes(more);
    return model;
  },
  async importCheckpoint(checkpoint, options = {}) {
    if (!options.outDir) return importCached(checkpoint);
    await importNeurorackCheckpoint(checkpoint, options.outDir, { id: options.id, name: options.name });
    return options.outDir;
  },
};

/** One key per offer in plugin.json. */
export const provides: Record<string, SincNsfRuntime> = { 'sinc-nsf': runtime };
